package dev.moodlens.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.moodlens.deploy.ProjectPaths;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * What the cluster exposes and what the pods may reach: only chat's pages and API through the Ingress, chat and
 * analysis egress closed but for what they call, and pods still listening on all interfaces (the launcher,
 * not the pods, binds to loopback).
 */
class NetworkExposureTest {

    private static final String NAME = "app.kubernetes.io/name";
    private static final Path PAGES = ProjectPaths.root().resolve("chat-service/src/main/resources/META-INF/resources");
    /** src="..." and href="..." of the pages: what the browser loads from the chat service. */
    private static final Pattern PAGE_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"#?]*)");

    /** Egress each pod needs, as "peer:port/protocol"; peer "*" is any address. */
    private static final Set<String> DNS = Set.of("namespace kube-system:53/UDP", "namespace kube-system:53/TCP");
    private static final Set<String> DATA_STORES_AND_TRACES = Set.of("*:5432/TCP", "*:6379/TCP", "*:4317/TCP");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void finding7PodsStillListenOnAllInterfaces(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (String service : List.of("inference-service", "analysis-service", "chat-service")) {
            // The kubelet probes and the Service reach the pod's IP, so Quarkus' default (0.0.0.0) must stay.
            String host = environment(o, mainContainer(o.get(Deployment.class, service))).get("QUARKUS_HTTP_HOST");
            assertTrue(host == null || host.equals("0.0.0.0"), service + ": QUARKUS_HTTP_HOST=" + host);
            assertFalse(ServiceSettings.propertiesText(service).lines().anyMatch(l -> l.startsWith("quarkus.http.host=")),
                    service + ": quarkus.http.host belongs to the launcher's environment, not to the pods' configuration");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void finding14IngressRoutesOnlyThePagesAndV1(String overlay) throws IOException {
        List<HTTPIngressPath> paths = new ArrayList<>();
        for (Ingress ingress : RenderedOverlay.of(overlay).all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> paths.addAll(rule.getHttp().getPaths()));
        }
        // Only the API, the page files and Chart.js's WebJar: no catch-all prefix.
        Set<String> pageFiles = pageFiles();
        for (HTTPIngressPath path : paths) {
            String p = path.getPath();
            boolean allowed = switch (path.getPathType()) {
                case "Exact" -> p.equals("/") || pageFiles.contains(p);
                case "Prefix" -> p.equals("/v1") || p.startsWith("/webjars/");
                default -> false;
            };
            assertTrue(allowed, overlay + ": the Ingress routes " + path.getPathType() + " " + p);
        }
        for (String internal : List.of("/q/metrics", "/q/openapi", "/q/health/ready", "/q/swagger-ui/", "/q")) {
            assertFalse(routed(paths, internal), overlay + ": " + internal + " is reachable from outside");
        }
        // Everything the pages need still gets through.
        Set<String> needed = new TreeSet<>(pageFiles);
        needed.addAll(List.of("/", "/v1/auth/login", "/v1/chat/stream", "/v1/journal/entries/import"));
        needed.addAll(pageReferences());
        for (String path : needed) {
            assertTrue(routed(paths, path), overlay + ": the pages need " + path + " but the Ingress does not route it");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void finding15ChatAndAnalysisEgressIsDeniedButForWhatTheyCall(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        assertEquals(union(DNS, DATA_STORES_AND_TRACES, Set.of("analysis-service:8082/TCP", "inference-service:8081/TCP")),
                egress(o, "chat-service"), overlay + ": chat-service egress");
        assertEquals(union(DNS, DATA_STORES_AND_TRACES, Set.of("inference-service:8081/TCP")),
                egress(o, "analysis-service"), overlay + ": analysis-service egress");
    }

    @Test
    void finding15TheLlmComponentOpensChatsEgressToTheEndpointOnly() throws IOException {
        // An overlay as an operator would write it for MOODLENS_CHAT_LLM_BACKEND=openai.
        Path overlay = RenderedOverlay.writeProdWith("llm-egress-overlay", "llm-egress", "");
        RenderedOverlay base = RenderedOverlay.of("prod");
        RenderedOverlay withLlm = RenderedOverlay.render("llm-egress", overlay);
        assertEquals(union(egress(base, "chat-service"), Set.of("*:443/TCP")), egress(withLlm, "chat-service"));
        assertEquals(egress(base, "analysis-service"), egress(withLlm, "analysis-service"));
    }

    /** Every destination the pod may reach, from all Egress policies that select it; none may be unbounded. */
    private static Set<String> egress(RenderedOverlay o, String deployment) {
        Map<String, String> labels = o.get(Deployment.class, deployment).getSpec().getTemplate().getMetadata().getLabels();
        Set<String> grants = new TreeSet<>();
        boolean selected = false;
        for (NetworkPolicy policy : o.all(NetworkPolicy.class)) {
            if (!policy.getSpec().getPolicyTypes().contains("Egress")
                    || !DeployManifestsTest.selects(policy.getSpec().getPodSelector(), labels)) {
                continue;
            }
            selected = true;
            String name = policy.getMetadata().getName();
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                assertFalse(rule.getPorts().isEmpty(), name + ": an egress rule without ports opens every port");
                List<String> peers = rule.getTo().isEmpty() ? List.of("*")
                        : rule.getTo().stream().map(peer -> peer(name, peer)).toList();
                for (String peer : peers) {
                    for (NetworkPolicyPort port : rule.getPorts()) {
                        grants.add(peer + ":" + port.getPort().getIntVal() + "/" + port.getProtocol());
                    }
                }
            }
        }
        assertTrue(selected, deployment + ": no Egress NetworkPolicy selects it, so its egress is unrestricted");
        return grants;
    }

    private static String peer(String policy, NetworkPolicyPeer peer) {
        assertNull(peer.getIpBlock(), policy + ": ipBlock peers are for the operator's overlay");
        if (peer.getNamespaceSelector() != null) {
            assertNull(peer.getPodSelector(), policy + ": namespace and pod selector in one peer");
            return "namespace " + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
        }
        return peer.getPodSelector().getMatchLabels().get(NAME);
    }

    /** Kubernetes path matching: Exact is equality, Prefix matches whole path elements. */
    private static boolean routed(List<HTTPIngressPath> paths, String request) {
        for (HTTPIngressPath path : paths) {
            String p = path.getPath();
            boolean match = switch (path.getPathType()) {
                case "Exact" -> request.equals(p);
                case "Prefix" -> p.equals("/") || request.equals(p) || request.startsWith(p.endsWith("/") ? p : p + "/");
                default -> true;
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** The files the chat service serves as pages, as request paths. */
    private static Set<String> pageFiles() throws IOException {
        try (Stream<Path> files = Files.list(PAGES)) {
            Set<String> paths = new TreeSet<>();
            files.forEach(f -> paths.add("/" + f.getFileName()));
            return paths;
        }
    }

    /** The same-origin paths the pages load or link to (relative ones resolved against "/"). */
    private static Set<String> pageReferences() throws IOException {
        Set<String> references = new TreeSet<>();
        try (Stream<Path> files = Files.list(PAGES)) {
            for (Path html : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = PAGE_REFERENCE.matcher(Files.readString(html, StandardCharsets.UTF_8));
                while (m.find()) {
                    String ref = m.group(1);
                    if (!ref.isEmpty() && !ref.contains(":")) {
                        references.add(ref.startsWith("/") ? ref : "/" + ref);
                    }
                }
            }
        }
        assertTrue(references.contains("/webjars/chart.js/dist/chart.umd.min.js"), "pages parsed: " + references);
        return references;
    }

    private static Map<String, String> environment(RenderedOverlay o, Container container) {
        Map<String, String> env = new java.util.HashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                o.find(ConfigMap.class, from.getConfigMapRef().getName()).ifPresent(cm -> env.putAll(cm.getData()));
            }
        }
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        return env;
    }

    private static Container mainContainer(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(deployment.getMetadata().getName())).findFirst().orElseThrow();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
