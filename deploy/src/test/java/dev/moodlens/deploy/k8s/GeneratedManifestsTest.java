package dev.moodlens.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.moodlens.deploy.ProjectPaths;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The base's Deployments and Services are quarkus-kubernetes output: k8s/base/generated/&lt;service&gt;/kubernetes.yml
 * is a committed copy of the service's target/kubernetes/kubernetes.yml (committed so that `kubectl kustomize`
 * works from a clean checkout). These tests keep the copy equal to what the build generates and keep everyone
 * from hand-editing it or shadowing it with hand-written objects.
 */
class GeneratedManifestsTest {

    static final String REFRESH = "mvn -B package -DskipTests -pl inference-service,analysis-service,chat-service,deploy -Dk8s.refresh";

    @ParameterizedTest
    @ValueSource(strings = {"inference-service", "analysis-service", "chat-service"})
    void committedCopyEqualsAFreshGeneration(String service) throws IOException {
        Path fresh = ProjectPaths.root().resolve(service).resolve("target/kubernetes/kubernetes.yml");
        assumeTrue(Files.isRegularFile(fresh), service + " has not been packaged: nothing fresh to compare with");
        for (String source : List.of(service + "/pom.xml", service + "/src/main/resources/application.properties",
                ServiceSettings.COMMON_DEFAULTS)) {
            Path input = ProjectPaths.root().resolve(source);
            // A package older than its configuration proves nothing either way (the reactor build is always fresh).
            assumeTrue(Files.getLastModifiedTime(fresh).compareTo(Files.getLastModifiedTime(input)) >= 0,
                    service + "/target/kubernetes is older than " + source + ": package it again to compare");
        }
        String difference = firstDifference(canonical(fresh), canonical(committedCopy(service)), "");
        assertNull(difference, "deploy/k8s/base/generated/" + service + "/kubernetes.yml differs from " + service
                + "/target/kubernetes/kubernetes.yml at " + difference + "; refresh it with\n  " + REFRESH);
    }

    /**
     * The documents of a file, keyed kind/name. Map order is not part of the comparison (quarkus-kubernetes does
     * not keep label order stable between builds), and neither is the order of named list items (env, ports,
     * volumes), which Kubernetes merges by name.
     */
    static Map<String, JsonNode> canonical(Path file) throws IOException {
        Map<String, JsonNode> documents = new TreeMap<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
            for (JsonNode doc : docs.readAll()) {
                if (doc != null && !doc.isEmpty()) {
                    documents.put(doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText(), sortNamedItems(doc));
                }
            }
        }
        return documents;
    }

    private static JsonNode sortNamedItems(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> sorted.set(name, sortNamedItems(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sortNamedItems(item)));
            if (items.stream().allMatch(item -> item.hasNonNull("name"))) {
                items.sort(Comparator.comparing(item -> item.get("name").asText()));
            }
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            items.forEach(array::add);
            return array;
        }
        return node;
    }

    /** The path of the first difference, or null when both are equal. */
    static String firstDifference(Object expected, Object actual, String path) {
        if (expected instanceof Map<?, ?> want && actual instanceof Map<?, ?> have) {
            if (!want.keySet().equals(have.keySet())) {
                return path + " documents " + want.keySet() + " vs " + have.keySet();
            }
            for (Object key : want.keySet()) {
                String difference = firstDifference(want.get(key), have.get(key), String.valueOf(key));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        JsonNode want = (JsonNode) expected;
        JsonNode have = (JsonNode) actual;
        if (want.equals(have)) {
            return null;
        }
        if (want.isObject() && have.isObject()) {
            Set<String> names = new TreeSet<>();
            want.fieldNames().forEachRemaining(names::add);
            have.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!want.has(name) || !have.has(name)) {
                    return path + "." + name + " (" + (want.has(name) ? "missing in the copy" : "only in the copy") + ")";
                }
                String difference = firstDifference(want.get(name), have.get(name), path + "." + name);
                if (difference != null) {
                    return difference;
                }
            }
        }
        if (want.isArray() && have.isArray() && want.size() == have.size()) {
            for (int i = 0; i < want.size(); i++) {
                String difference = firstDifference(want.get(i), have.get(i), path + "[" + i + "]");
                if (difference != null) {
                    return difference;
                }
            }
        }
        return path + ": generated " + want + ", committed " + have;
    }

    /** The copy parses strictly (no ServiceMonitor or other CRD slipped in) and holds one Deployment and Service. */
    @ParameterizedTest
    @ValueSource(strings = {"inference-service", "analysis-service", "chat-service"})
    void committedCopyHoldsTheServicesDeploymentAndService(String service) throws IOException {
        List<HasMetadata> objects = new StrictManifestParser().parse(Files.readString(committedCopy(service)));
        assertEquals(List.of("Service/" + service, "Deployment/" + service), objects.stream()
                .map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList(), service);
        Deployment deployment = (Deployment) objects.get(1);
        assertEquals("quarkus", deployment.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertFalse(deployment.getSpec().getSelector().getMatchLabels().containsKey("app.kubernetes.io/version"),
                service + ": a version in the (immutable) selector would block every upgrade");
        assertTrue(objects.get(0) instanceof Service);
    }

    /**
     * Without a fresh build, at least the knobs this project sets must show in the copy: a changed
     * quarkus.kubernetes.* value with a stale copy fails here even when only deploy is built.
     */
    @ParameterizedTest
    @ValueSource(strings = {"inference-service", "analysis-service", "chat-service"})
    void committedCopyCarriesTheServicesQuarkusKubernetesSettings(String service) throws IOException {
        Properties properties = ServiceSettings.properties(service);
        Deployment deployment = (Deployment) new StrictManifestParser().parse(Files.readString(committedCopy(service)))
                .stream().filter(Deployment.class::isInstance).findFirst().orElseThrow();
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> problems = new ArrayList<>();
        for (String kind : List.of("requests", "limits")) {
            Map<String, ?> actual = kind.equals("requests") ? container.getResources().getRequests()
                    : container.getResources().getLimits();
            for (String resource : List.of("cpu", "memory")) {
                String key = "quarkus.kubernetes.resources." + kind + "." + resource;
                String want = properties.getProperty(key);
                if (want == null || !want.equals(String.valueOf(actual.get(resource)))) {
                    problems.add(key + "=" + want + " but the copy has " + actual.get(resource));
                }
            }
        }
        Map<String, Probe> probes = Map.of("startup-probe", container.getStartupProbe(),
                "liveness-probe", container.getLivenessProbe(), "readiness-probe", container.getReadinessProbe());
        probes.forEach((name, probe) -> {
            String threshold = properties.getProperty("quarkus.kubernetes." + name + ".failure-threshold", "3");
            if (!threshold.equals(String.valueOf(probe.getFailureThreshold()))) {
                problems.add(name + " failure-threshold " + threshold + " but the copy has " + probe.getFailureThreshold());
            }
            String period = properties.getProperty("quarkus.kubernetes." + name + ".period", "10s");
            if (!period.equals(probe.getPeriodSeconds() + "s")) {
                problems.add(name + " period " + period + " but the copy has " + probe.getPeriodSeconds() + "s");
            }
        });
        assertTrue(problems.isEmpty(), service + ": the committed copy is stale; refresh it with\n  " + REFRESH
                + "\n" + String.join("\n", problems));
    }

    /** Hand-written files add what the extension cannot; they never define a service's Deployment or Service. */
    @Test
    void theBaseTakesDeploymentsAndServicesOnlyFromTheGeneratedCopies() throws IOException {
        Path base = ProjectPaths.deploy().resolve("k8s/base");
        JsonNode kustomization = new YAMLMapper().readTree(base.resolve("kustomization.yaml").toFile());
        List<String> generated = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            String file = resource.asText();
            if (file.startsWith("generated/")) {
                generated.add(file);
                continue;
            }
            for (HasMetadata object : new StrictManifestParser().parse(Files.readString(base.resolve(file)))) {
                assertFalse(object instanceof Deployment || object instanceof Service,
                        file + " defines " + object.getKind() + "/" + object.getMetadata().getName()
                                + ": set it with quarkus.kubernetes.* keys or patch the generated one");
            }
        }
        assertEquals(List.of("generated/inference-service/kubernetes.yml", "generated/analysis-service/kubernetes.yml",
                "generated/chat-service/kubernetes.yml"), generated);
    }

    private static Path committedCopy(String service) {
        return ProjectPaths.deploy().resolve("k8s/base/generated").resolve(service).resolve("kubernetes.yml");
    }
}
