package dev.moodlens.inference.testing;

import java.util.Map;

/** The tiny models without an admin token, as a deployment that sets none. */
public class NoAdminTokenProfile extends TinyModelsProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("moodlens.inference.admin-token", "");
    }
}
