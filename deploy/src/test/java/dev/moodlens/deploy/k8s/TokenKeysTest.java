package dev.moodlens.deploy.k8s;

import dev.moodlens.deploy.ProjectPaths;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token keys (README "Users and access") reach the pods from one Secret per signing service
 * (moodlens-jwt-chat, moodlens-jwt-analysis), at the paths the services' configuration expects. Prod renders
 * no key material at all.
 */
class TokenKeysTest {

    private static final String DIR = "/etc/moodlens/jwt/";

    /**
     * Review finding 6: one Secret held the one key pair, and analysis (which parses untrusted imports) held
     * the private key that signs user tokens. Each pod now gets exactly its own private key (none for
     * inference) and the public keys of the services it takes tokens from; no other key is even projected.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void finding6EachServiceGetsOnlyItsOwnPrivateKeyAndThePublicKeysItTrusts(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        assertEquals(Map.of(DIR + "chat-public.pem", "moodlens-jwt-chat/public.pem",
                        DIR + "private.pem", "moodlens-jwt-chat/private.pem"),
                keyFiles(o, "chat-service"), "chat: its own pair");
        assertEquals(Map.of(DIR + "chat-public.pem", "moodlens-jwt-chat/public.pem",
                        DIR + "private.pem", "moodlens-jwt-analysis/private.pem"),
                keyFiles(o, "analysis-service"), "analysis: its own private key, chat's public key");
        assertEquals(Map.of(DIR + "chat-public.pem", "moodlens-jwt-chat/public.pem",
                        DIR + "analysis-public.pem", "moodlens-jwt-analysis/public.pem"),
                keyFiles(o, "inference-service"), "inference: the public keys of its two callers");
        for (String service : new String[]{"chat-service", "analysis-service", "inference-service"}) {
            PodSpec pod = o.get(Deployment.class, service).getSpec().getTemplate().getSpec();
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() == null || !volume.getSecret().getSecretName().startsWith("moodlens-jwt")) {
                    continue;
                }
                boolean own = volume.getSecret().getSecretName().startsWith("moodlens-jwt-" + service.replace("-service", ""));
                boolean projectsPrivate = volume.getSecret().getItems() == null
                        || volume.getSecret().getItems().stream().map(KeyToPath::getKey).anyMatch("private.pem"::equals);
                assertTrue(own || !projectsPrivate, service + " must not even have another service's private key in a volume: "
                        + volume.getSecret().getSecretName());
            }
        }
    }

    /** Mount path -> "secret/key" of every token-key file mounted into the service's container. */
    private static Map<String, String> keyFiles(RenderedOverlay o, String service) {
        PodSpec pod = o.get(Deployment.class, service).getSpec().getTemplate().getSpec();
        Map<String, String> files = new TreeMap<>();
        for (VolumeMount mount : pod.getContainers().stream().filter(c -> c.getName().equals(service)).findFirst()
                .orElseThrow().getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            if (volume.getSecret() == null || !volume.getSecret().getSecretName().startsWith("moodlens-jwt")) {
                continue;
            }
            assertNotNull(mount.getSubPath(), service + " mounts key files one by one");
            assertTrue(Boolean.TRUE.equals(mount.getReadOnly()), service + " " + mount.getMountPath());
            String secret = volume.getSecret().getSecretName();
            // The dev overlay's generated Secrets carry a content hash suffix.
            String name = secret.startsWith("moodlens-jwt-chat") ? "moodlens-jwt-chat"
                    : secret.startsWith("moodlens-jwt-analysis") ? "moodlens-jwt-analysis" : secret;
            files.put(mount.getMountPath(), name + "/" + mount.getSubPath());
        }
        return files;
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void prodRendersNoKeyMaterial(String overlay) {
        String rendered = KubectlKustomize.render(ProjectPaths.overlay(overlay));
        assertFalse(rendered.contains("PRIVATE KEY"), "a private key in the prod render");
        assertFalse(rendered.contains("PUBLIC KEY"), "key material in the prod render");
        assertTrue(RenderedOverlay.of(overlay).externalSecrets.containsAll(
                java.util.List.of("moodlens-jwt-chat", "moodlens-jwt-analysis")));
    }
}
