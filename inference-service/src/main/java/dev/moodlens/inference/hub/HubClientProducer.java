package dev.moodlens.inference.hub;

import dev.moodlens.inference.config.InferenceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's Hub client, from config (HF_ENDPOINT, HF_TOKEN, HF_HUB_CACHE/HF_HOME, HF_HUB_OFFLINE). */
public class HubClientProducer {

    @Produces
    @Singleton
    HubClient hubClient(InferenceConfig config, MeterRegistry meters) {
        return new HubClient(HubSettings.from(config.hub()), meters);
    }
}
