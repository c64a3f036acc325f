package dev.moodlens.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.moodlens.deploy.ProjectPaths;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * When a service is built with quarkus-kubernetes, it writes target/kubernetes/kubernetes.yml from its own
 * configuration. The hand-written base must agree with it on what Quarkus knows best: the HTTP port and the
 * three probe paths. Skipped for services built without the extension (or not built yet).
 */
class GeneratedManifestsAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"inference-service", "analysis-service", "chat-service"})
    void handWrittenBaseAgreesWithQuarkusKubernetes(String service) throws IOException {
        Path generated = ProjectPaths.root().resolve(service).resolve("target/kubernetes/kubernetes.yml");
        assumeTrue(Files.isRegularFile(generated), service + " was not built with quarkus-kubernetes");
        Container quarkus = generatedContainer(generated, service);
        Deployment deployment = RenderedOverlay.of("prod").get(Deployment.class, service);
        Container ours = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(service)).findFirst().orElseThrow();

        int generatedPort = quarkus.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow().getContainerPort();
        assertEquals(generatedPort, ours.getPorts().get(0).getContainerPort(), service + " port");
        assertEquals(quarkus.getLivenessProbe().getHttpGet().getPath(), ours.getLivenessProbe().getHttpGet().getPath());
        assertEquals(quarkus.getReadinessProbe().getHttpGet().getPath(), ours.getReadinessProbe().getHttpGet().getPath());
        if (quarkus.getStartupProbe() != null) {
            assertEquals(quarkus.getStartupProbe().getHttpGet().getPath(), ours.getStartupProbe().getHttpGet().getPath());
        }
    }

    /** Lenient on purpose: the generated file may hold kinds (ServiceMonitor) outside the core model. */
    private static Container generatedContainer(Path file, String service) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
            for (JsonNode doc : docs.readAll()) {
                if ("Deployment".equals(doc.path("kind").asText())) {
                    Deployment d = (Deployment) new StrictManifestParser().parse(doc);
                    List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
                    return containers.stream().filter(c -> c.getName().equals(service)).findFirst()
                            .orElse(containers.get(0));
                }
            }
        }
        throw new AssertionError(file + " has no Deployment");
    }
}
