package dev.moodlens.deploy.k8s;

import dev.moodlens.deploy.ProjectPaths;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token keys (README "Users and access") reach the pods from the moodlens-jwt Secret, at the paths the
 * services' configuration expects: every service gets the public key, only analysis and chat (the services
 * that sign) the private one. Prod renders no key material at all.
 */
class TokenKeysTest {

    private static final String PUBLIC = "/etc/moodlens/jwt/public.pem";
    private static final String PRIVATE = "/etc/moodlens/jwt/private.pem";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void keysAreMountedWhereTheServicesLookAndOnlySignersGetThePrivateKey(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (String service : List.of("inference-service", "analysis-service", "chat-service")) {
            Deployment deployment = o.get(Deployment.class, service);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                    .filter(c -> c.getName().equals(service)).findFirst().orElseThrow();
            Set<String> mounted = container.getVolumeMounts().stream().filter(m -> m.getName().equals("jwt-keys"))
                    .map(VolumeMount::getMountPath).collect(Collectors.toSet());
            Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals("jwt-keys")).findFirst().orElseThrow();
            assertNotNull(volume.getSecret(), service);
            assertTrue(volume.getSecret().getSecretName().startsWith("moodlens-jwt"), service);
            assertTrue(mounted.contains(PUBLIC), service + " verifies tokens");
            if (service.equals("inference-service")) {
                assertEquals(Set.of(PUBLIC), mounted, "inference signs nothing");
                assertEquals(List.of("public.pem"), volume.getSecret().getItems().stream().map(i -> i.getKey()).toList(),
                        "inference's volume holds the public key only");
            } else {
                assertTrue(mounted.contains(PRIVATE), service + " signs its service tokens");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void prodRendersNoKeyMaterial(String overlay) {
        String rendered = KubectlKustomize.render(ProjectPaths.overlay(overlay));
        assertFalse(rendered.contains("PRIVATE KEY"), "a private key in the prod render");
        assertFalse(rendered.contains("PUBLIC KEY"), "key material in the prod render");
        assertTrue(RenderedOverlay.of(overlay).externalSecrets.contains("moodlens-jwt"));
    }
}
