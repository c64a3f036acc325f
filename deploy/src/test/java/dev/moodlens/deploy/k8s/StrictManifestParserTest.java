package dev.moodlens.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The strict parser is what makes the manifest checks trustworthy, so it gets its own tests. */
class StrictManifestParserTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      %s:
                        httpGet: {path: /q/health/live, port: 8080}
            """;

    private final StrictManifestParser parser = new StrictManifestParser();

    @Test
    void parsesKnownObjectsIntoTheirModelTypes() {
        List<HasMetadata> objects = parser.parse(DEPLOYMENT.formatted("livenessProbe") + """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data: {A: b}
                """);
        assertEquals(2, objects.size());
        Deployment deployment = assertInstanceOf(Deployment.class, objects.get(0));
        assertEquals("/q/health/live", deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getLivenessProbe().getHttpGet().getPath());
    }

    @Test
    void rejectsAMisspeltFieldDeepInAPodTemplate() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> parser.parse(DEPLOYMENT.formatted("livenesProbe")));
        assertTrue(error.getMessage().contains("livenesProbe"), error.getMessage());
        assertTrue(error.getMessage().contains("Deployment/demo"), error.getMessage());
    }

    @Test
    void rejectsUnknownKindsAndApiVersions() {
        assertThrows(IllegalArgumentException.class, () -> parser.parse("""
                apiVersion: apps/v1
                kind: Deploymnet
                metadata: {name: x}
                """));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("""
                apiVersion: policy/v1beta7
                kind: PodDisruptionBudget
                metadata: {name: x}
                """));
    }
}
