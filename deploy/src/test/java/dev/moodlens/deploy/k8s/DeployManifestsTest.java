package dev.moodlens.deploy.k8s;

import static dev.moodlens.deploy.k8s.RenderedOverlay.allContainers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Renders each overlay with `kubectl kustomize`, parses every object strictly and checks what a cluster
 * would otherwise only reveal at deploy time: probes and ports against each service's own configuration,
 * references to ConfigMaps/Secrets/PVCs, images, labels and selectors, resources, security, the model
 * pre-fetch order, network policies and autoscaling.
 */
class DeployManifestsTest {

    private static final List<String> SERVICES = List.of("inference-service", "analysis-service", "chat-service");
    private static final String NAME = "app.kubernetes.io/name";
    private static final String PART_OF = "app.kubernetes.io/part-of";
    /** registry/.../moodlens/<service>:<tag> */
    private static final Pattern MOODLENS_IMAGE = Pattern.compile("(.*)moodlens/([a-z-]+):([A-Za-z0-9._-]+)");
    private static final String MODEL_CACHE_CLAIM = "moodlens-model-cache";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void everyServiceHasItsDeploymentServiceAndDisruptionBudget(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (String service : SERVICES) {
            o.get(Deployment.class, service);
            o.get(Service.class, service);
            o.get(PodDisruptionBudget.class, service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void portsAndProbesMatchEachServicesConfiguration(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (String service : SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            Deployment deployment = o.get(Deployment.class, service);
            Container main = mainContainer(deployment);

            ContainerPort http = main.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no port named http"));
            assertEquals(settings.port(), http.getContainerPort(), service + ": containerPort vs quarkus.http.port");
            assertNoPortOverride(o, deployment, settings);

            assertProbe(service + " startup", main.getStartupProbe(), settings.startedPath(), http);
            assertProbe(service + " liveness", main.getLivenessProbe(), settings.livePath(), http);
            assertProbe(service + " readiness", main.getReadinessProbe(), settings.readyPath(), http);

            Service svc = o.get(Service.class, service);
            ServicePort servicePort = svc.getSpec().getPorts().get(0);
            assertEquals(settings.port(), servicePort.getPort(), service + ": Service port");
            assertTrue(targets(servicePort.getTargetPort(), http), service + ": Service targetPort "
                    + servicePort.getTargetPort() + " is not the container's http port");

            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            assertEquals("true", annotations.get("prometheus.io/scrape"), service);
            assertEquals(settings.metricsPath(), annotations.get("prometheus.io/path"), service);
            assertEquals(String.valueOf(settings.port()), annotations.get("prometheus.io/port"), service);
        }
    }

    /** A misspelt MOODLENS_* variable is silently ignored by Quarkus; make sure each one lands on a key. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void everyMoodlensVariableMapsToAServiceConfigurationKey(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        List<String> problems = new ArrayList<>();
        Map<String, PodSpec> pods = new java.util.LinkedHashMap<>();
        SERVICES.forEach(s -> pods.put(s, o.get(Deployment.class, s).getSpec().getTemplate().getSpec()));
        pods.put("inference-service (model-prefetch Job)", o.get(Job.class, "model-prefetch").getSpec().getTemplate().getSpec());
        for (Map.Entry<String, PodSpec> entry : pods.entrySet()) {
            String service = entry.getKey().split(" ")[0];
            String properties = ServiceSettings.propertiesText(service);
            Set<String> knownVariables = ServiceSettings.environmentNames(properties);
            for (Container container : allContainers(entry.getValue())) {
                for (String variable : environmentOf(o, container)) {
                    if (variable.startsWith("MOODLENS_") && !knownVariables.contains(variable)) {
                        problems.add(entry.getKey() + "/" + container.getName() + ": " + variable
                                + " matches no key or ${...} in " + service + "'s configuration (common's defaults, its application.properties)");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static Set<String> environmentOf(RenderedOverlay o, Container container) {
        Set<String> names = new TreeSet<>();
        container.getEnv().forEach(e -> names.add(e.getName()));
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                o.find(ConfigMap.class, from.getConfigMapRef().getName()).ifPresent(cm -> names.addAll(cm.getData().keySet()));
            }
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void startupProbesAllowForModelLoadingAndMigrations(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (String service : SERVICES) {
            Probe startup = mainContainer(o.get(Deployment.class, service)).getStartupProbe();
            int budgetSeconds = startup.getFailureThreshold() * startup.getPeriodSeconds();
            int needed = service.equals("inference-service") ? 300 : 120;
            assertTrue(budgetSeconds >= needed, service + ": startup budget " + budgetSeconds + " s < " + needed + " s");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void everyReferencedConfigMapSecretAndClaimExists(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        Set<String> configMaps = o.names(ConfigMap.class);
        Set<String> secrets = o.names(Secret.class);
        Set<String> claims = o.claimNames();
        Set<String> referencedSecrets = new TreeSet<>();
        List<String> problems = new ArrayList<>();

        for (Map.Entry<String, PodTemplateSpec> entry : o.podTemplates().entrySet()) {
            String where = entry.getKey();
            PodSpec pod = entry.getValue().getSpec();
            Set<String> volumeNames = new HashSet<>();
            for (Volume volume : pod.getVolumes()) {
                volumeNames.add(volume.getName());
                if (volume.getPersistentVolumeClaim() != null
                        && !claims.contains(volume.getPersistentVolumeClaim().getClaimName())) {
                    problems.add(where + ": missing PVC " + volume.getPersistentVolumeClaim().getClaimName());
                }
                if (volume.getConfigMap() != null && !configMaps.contains(volume.getConfigMap().getName())) {
                    problems.add(where + ": missing ConfigMap " + volume.getConfigMap().getName());
                }
                if (volume.getSecret() != null) {
                    referencedSecrets.add(volume.getSecret().getSecretName());
                    checkSecret(o, secrets, volume.getSecret().getSecretName(), null, where, problems);
                }
            }
            if (entry.getKey().startsWith("StatefulSet/")) {
                o.get(StatefulSet.class, entry.getKey().substring("StatefulSet/".length())).getSpec()
                        .getVolumeClaimTemplates().forEach(t -> volumeNames.add(t.getMetadata().getName()));
            }
            for (Container container : allContainers(pod)) {
                String at = where + "/" + container.getName();
                for (VolumeMount mount : container.getVolumeMounts()) {
                    if (!volumeNames.contains(mount.getName())) {
                        problems.add(at + ": mounts unknown volume " + mount.getName());
                    }
                }
                for (EnvFromSource from : container.getEnvFrom()) {
                    if (from.getConfigMapRef() != null && !configMaps.contains(from.getConfigMapRef().getName())) {
                        problems.add(at + ": missing ConfigMap " + from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null) {
                        referencedSecrets.add(from.getSecretRef().getName());
                        checkSecret(o, secrets, from.getSecretRef().getName(), null, at, problems);
                    }
                }
                for (EnvVar env : container.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var cmKey = env.getValueFrom().getConfigMapKeyRef();
                    if (cmKey != null) {
                        Optional<ConfigMap> cm = o.find(ConfigMap.class, cmKey.getName());
                        if (cm.isEmpty() || !cm.get().getData().containsKey(cmKey.getKey())) {
                            problems.add(at + ": missing ConfigMap key " + cmKey.getName() + "/" + cmKey.getKey());
                        }
                    }
                    var secretKey = env.getValueFrom().getSecretKeyRef();
                    if (secretKey != null) {
                        referencedSecrets.add(secretKey.getName());
                        checkSecret(o, secrets, secretKey.getName(), secretKey.getKey(), at, problems);
                    }
                }
            }
        }
        for (Ingress ingress : o.all(Ingress.class)) {
            for (IngressTLS tls : ingress.getSpec().getTls()) {
                referencedSecrets.add(tls.getSecretName());
                checkSecret(o, secrets, tls.getSecretName(), null, "Ingress/" + ingress.getMetadata().getName(), problems);
            }
        }
        // The documented list of operator-created Secrets must be exact: no stale entry, no shadowing.
        for (String external : o.externalSecrets) {
            if (!referencedSecrets.contains(external)) {
                problems.add("external-secrets.txt lists " + external + " but nothing references it");
            }
            if (secrets.contains(external)) {
                problems.add("external-secrets.txt lists " + external + " but the overlay creates it");
            }
        }
        assertTrue(problems.isEmpty(), overlay + ":\n" + String.join("\n", problems));
    }

    private static void checkSecret(RenderedOverlay o, Set<String> secrets, String name, String key, String where,
            List<String> problems) {
        if (secrets.contains(name)) {
            Secret secret = o.get(Secret.class, name);
            Set<String> keys = new HashSet<>();
            if (secret.getData() != null) {
                keys.addAll(secret.getData().keySet());
            }
            if (secret.getStringData() != null) {
                keys.addAll(secret.getStringData().keySet());
            }
            if (key != null && !keys.contains(key)) {
                problems.add(where + ": Secret " + name + " has no key " + key);
            }
        } else if (!o.externalSecrets.contains(name)) {
            problems.add(where + ": Secret " + name + " neither exists nor is listed in external-secrets.txt");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void prodKeepsNoSecretValuesInTheRepository(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        if (overlay.startsWith("prod")) {
            assertTrue(o.all(Secret.class).isEmpty(), overlay + " must not render any Secret");
            assertTrue(o.externalSecrets.containsAll(Set.of("moodlens-db", "moodlens-redis")));
        } else {
            assertFalse(o.all(Secret.class).isEmpty(), "dev generates its throw-away Secrets");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void imagesAreConsistent(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        Set<String> registries = new TreeSet<>();
        Set<String> tags = new TreeSet<>();
        for (Map.Entry<String, PodTemplateSpec> entry : o.podTemplates().entrySet()) {
            for (Container container : allContainers(entry.getValue().getSpec())) {
                String image = container.getImage();
                assertNotNull(image, entry.getKey() + "/" + container.getName() + " has no image");
                assertTrue(image.matches(".+:[A-Za-z0-9._-]+$") && !image.endsWith(":latest"),
                        entry.getKey() + ": image must carry an explicit, non-latest tag: " + image);
                Matcher m = MOODLENS_IMAGE.matcher(image);
                if (m.matches()) {
                    assertTrue(SERVICES.contains(m.group(2)), "unknown MoodLens image " + image);
                    registries.add(m.group(1));
                    tags.add(m.group(3));
                }
            }
        }
        assertEquals(1, registries.size(), overlay + ": MoodLens images from several registries " + registries);
        assertEquals(1, tags.size(), overlay + ": MoodLens images with several tags " + tags);
        for (String service : SERVICES) {
            Deployment deployment = o.get(Deployment.class, service);
            allContainers(deployment.getSpec().getTemplate().getSpec()).forEach(c -> assertImageOf(service, c));
        }
        o.get(Job.class, "model-prefetch").getSpec().getTemplate().getSpec().getContainers()
                .forEach(c -> assertImageOf("inference-service", c));
    }

    private static void assertImageOf(String service, Container container) {
        Matcher m = MOODLENS_IMAGE.matcher(container.getImage());
        assertTrue(m.matches() && m.group(2).equals(service),
                container.getName() + " should run the " + service + " image, not " + container.getImage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void labelsAndSelectorsAgree(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        Map<String, PodTemplateSpec> templates = o.podTemplates();
        List<Map<String, String>> podLabels = templates.values().stream()
                .map(t -> t.getMetadata().getLabels()).toList();

        for (Deployment d : o.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertEquals(name, labels.get(NAME), "Deployment " + name + ": pod label " + NAME);
            assertEquals("moodlens", labels.get(PART_OF), "Deployment " + name + ": pod label " + PART_OF);
            assertEquals(name, d.getMetadata().getLabels().get(NAME), "Deployment " + name + " label");
            assertTrue(selects(d.getSpec().getSelector(), labels), "Deployment " + name + " selects its own pods");
        }
        for (StatefulSet s : o.all(StatefulSet.class)) {
            assertTrue(selects(s.getSpec().getSelector(), s.getSpec().getTemplate().getMetadata().getLabels()),
                    "StatefulSet " + s.getMetadata().getName() + " selects its own pods");
            assertTrue(o.find(Service.class, s.getSpec().getServiceName()).isPresent(),
                    "StatefulSet " + s.getMetadata().getName() + " governing Service");
        }
        for (Service svc : o.all(Service.class)) {
            Map<String, String> selector = svc.getSpec().getSelector();
            assertTrue(podLabels.stream().anyMatch(l -> l.entrySet().containsAll(selector.entrySet())),
                    "Service " + svc.getMetadata().getName() + " selects no pods: " + selector);
        }
        for (PodDisruptionBudget pdb : o.all(PodDisruptionBudget.class)) {
            assertTrue(podLabels.stream().anyMatch(l -> selects(pdb.getSpec().getSelector(), l)),
                    "PDB " + pdb.getMetadata().getName() + " selects no pods");
        }
        for (NetworkPolicy policy : o.all(NetworkPolicy.class)) {
            LabelSelector target = policy.getSpec().getPodSelector();
            assertTrue(podLabels.stream().anyMatch(l -> selects(target, l)),
                    "NetworkPolicy " + policy.getMetadata().getName() + " applies to no pod");
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                        assertTrue(podLabels.stream().anyMatch(l -> selects(peer.getPodSelector(), l)),
                                "NetworkPolicy " + policy.getMetadata().getName() + " allows a peer that matches no pod");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void everyContainerHasRequestsAndLimits(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (Map.Entry<String, PodTemplateSpec> entry : o.podTemplates().entrySet()) {
            for (Container container : allContainers(entry.getValue().getSpec())) {
                String at = entry.getKey() + "/" + container.getName();
                ResourceRequirements resources = container.getResources();
                assertNotNull(resources, at + " has no resources");
                for (String resource : List.of("cpu", "memory")) {
                    assertNotNull(resources.getRequests().get(resource), at + ": no " + resource + " request");
                    assertNotNull(resources.getLimits().get(resource), at + ": no " + resource + " limit");
                }
                assertTrue(bytes(resources.getLimits().get("memory").toString())
                        >= bytes(resources.getRequests().get("memory").toString()), at + ": memory limit < request");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void everyPodRunsAsNonRootOnAReadOnlyRootFilesystem(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (Map.Entry<String, PodTemplateSpec> entry : o.podTemplates().entrySet()) {
            PodSpec pod = entry.getValue().getSpec();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            assertNotNull(podSecurity, entry.getKey() + ": no pod securityContext");
            assertEquals(Boolean.TRUE, podSecurity.getRunAsNonRoot(), entry.getKey() + ": runAsNonRoot");
            assertTrue(podSecurity.getRunAsUser() != null && podSecurity.getRunAsUser() > 0, entry.getKey() + ": runAsUser");
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), entry.getKey() + ": no API token needed");
            for (Container container : allContainers(pod)) {
                String at = entry.getKey() + "/" + container.getName();
                SecurityContext security = container.getSecurityContext();
                assertNotNull(security, at + ": no securityContext");
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), at + ": readOnlyRootFilesystem");
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), at + ": allowPrivilegeEscalation");
                assertTrue(security.getCapabilities().getDrop().contains("ALL"), at + ": drop ALL capabilities");
                // A read-only root needs somewhere to write for the JVM and native-library extraction.
                if (entry.getKey().startsWith("Deployment/") || entry.getKey().startsWith("Job/")) {
                    assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")),
                            at + ": needs a writable /tmp");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void modelsArePrefetchedOnceBeforeTheInferenceContainerStarts(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        // One writer: the Job, with Hub access, the cache volume writable.
        Job job = o.get(Job.class, "model-prefetch");
        assertEquals(1, job.getSpec().getParallelism(), "a single downloader");
        assertEquals(1, job.getSpec().getCompletions());
        assertTrue(job.getSpec().getBackoffLimit() <= 5, "bounded retries");
        assertNotNull(job.getSpec().getActiveDeadlineSeconds(), "bounded duration");
        PodSpec jobPod = job.getSpec().getTemplate().getSpec();
        Container prefetch = jobPod.getContainers().get(0);
        assertEquals(List.of("prefetch"), prefetch.getArgs());
        assertNull(env(prefetch, "HF_HUB_OFFLINE"), "the pre-fetch Job is the one pod that may reach the Hub");
        assertNotNull(env(prefetch, "HF_TOKEN"), "the Job passes HF_TOKEN (optional Secret)");
        String hfHome = env(prefetch, "HF_HOME").getValue();
        VolumeMount jobCache = mountOfClaim(jobPod, prefetch, MODEL_CACHE_CLAIM);
        assertTrue(jobCache.getReadOnly() == null || !jobCache.getReadOnly(), "the Job writes the cache");
        assertTrue(hfHome.startsWith(jobCache.getMountPath()), "HF_HOME lies on the cache volume");

        // Serving pods: a gate init container (same code, offline) runs before the service container.
        PodSpec pod = o.get(Deployment.class, "inference-service").getSpec().getTemplate().getSpec();
        assertFalse(pod.getInitContainers().isEmpty(), "inference-service needs the models-ready init container");
        Container gate = pod.getInitContainers().get(0);
        assertEquals(List.of("prefetch"), gate.getArgs(), "the gate runs the service's prefetch mode");
        for (Container c : List.of(gate, mainContainer(o.get(Deployment.class, "inference-service")))) {
            assertEquals("1", env(c, "HF_HUB_OFFLINE").getValue(), c.getName() + " must not reach the Hub");
            assertEquals(hfHome, env(c, "HF_HOME").getValue(), c.getName() + " reads the same cache");
            assertNull(env(c, "HF_TOKEN"), c.getName() + " needs no Hub token");
            VolumeMount mount = mountOfClaim(pod, c, MODEL_CACHE_CLAIM);
            assertEquals(Boolean.TRUE, mount.getReadOnly(), c.getName() + " mounts the cache read-only");
            assertEquals(jobCache.getMountPath(), mount.getMountPath());
        }
        // Nobody else downloads models.
        for (String service : List.of("analysis-service", "chat-service")) {
            assertNull(env(mainContainer(o.get(Deployment.class, service)), "HF_TOKEN"), service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void onlyChatIsReachableFromOutside(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (Ingress ingress : o.all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path ->
                    assertEquals("chat-service", path.getBackend().getService().getName(), "Ingress backend")));
        }
        for (Service svc : o.all(Service.class)) {
            String type = Objects.requireNonNullElse(svc.getSpec().getType(), "ClusterIP");
            assertEquals("ClusterIP", type, "Service " + svc.getMetadata().getName() + " must stay in-cluster");
        }
        NetworkPolicy deny = o.get(NetworkPolicy.class, "default-deny-ingress");
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels() == null
                || deny.getSpec().getPodSelector().getMatchLabels().isEmpty(), "default deny covers every pod");
        assertTrue(deny.getSpec().getIngress().isEmpty(), "default deny allows nothing");

        for (NetworkPolicy policy : o.all(NetworkPolicy.class)) {
            String target = targetName(policy);
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertNull(peer.getIpBlock(), policy.getMetadata().getName() + ": no ipBlock peers");
                    boolean fromOtherNamespace = peer.getNamespaceSelector() != null;
                    if (fromOtherNamespace && !policy.getMetadata().getName().equals("metrics-scrape")) {
                        assertEquals("chat-service", target,
                                policy.getMetadata().getName() + ": only chat accepts traffic from outside the namespace");
                    }
                }
            }
        }
        assertAllowedFrom(o, "inference-service", Set.of("chat-service", "analysis-service"));
        assertAllowedFrom(o, "analysis-service", Set.of("chat-service"));
        if (overlay.equals("dev")) {
            assertAllowedFrom(o, "postgresql", Set.of("chat-service", "analysis-service"));
            assertAllowedFrom(o, "redis", Set.of("chat-service", "analysis-service"));
        }
    }

    private static void assertAllowedFrom(RenderedOverlay o, String target, Set<String> expected) {
        Set<String> allowed = new TreeSet<>();
        for (NetworkPolicy policy : o.all(NetworkPolicy.class)) {
            if (!target.equals(targetName(policy))) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                        allowed.add(peer.getPodSelector().getMatchLabels().get(NAME));
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(expected), allowed, "pods allowed to reach " + target);
    }

    private static String targetName(NetworkPolicy policy) {
        Map<String, String> labels = policy.getSpec().getPodSelector().getMatchLabels();
        return labels == null ? null : labels.get(NAME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", RenderedOverlay.PROD_NATIVE})
    void autoscalersTargetExistingDeploymentsThatLeaveReplicasToThem(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        Set<String> scaled = new TreeSet<>();
        for (HorizontalPodAutoscaler hpa : o.all(HorizontalPodAutoscaler.class)) {
            var ref = hpa.getSpec().getScaleTargetRef();
            assertEquals("Deployment", ref.getKind());
            assertEquals("apps/v1", ref.getApiVersion());
            Deployment target = o.get(Deployment.class, ref.getName());
            assertNull(target.getSpec().getReplicas(), ref.getName() + ": replicas would fight the HPA on every apply");
            assertTrue(hpa.getSpec().getMinReplicas() >= 1 && hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());
            Container main = mainContainer(target);
            assertNotNull(main.getResources().getRequests().get("cpu"), "CPU utilisation needs a CPU request");
            scaled.add(ref.getName());
        }
        assertEquals(Set.of("chat-service", "inference-service"), scaled);
    }

    private static Container mainContainer(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no container named like the Deployment"));
    }

    private static void assertProbe(String what, Probe probe, String expectedPath, ContainerPort http) {
        assertNotNull(probe, what + " probe missing");
        assertNotNull(probe.getHttpGet(), what + " probe must be an HTTP GET");
        assertEquals(expectedPath, probe.getHttpGet().getPath(), what + " probe path");
        assertTrue(targets(probe.getHttpGet().getPort(), http), what + " probe port " + probe.getHttpGet().getPort()
                + " is not the container's http port");
    }

    /** quarkus-kubernetes writes port numbers, hand-written manifests port names: either must hit the http port. */
    private static boolean targets(IntOrString port, ContainerPort http) {
        return port.getIntVal() != null ? port.getIntVal().equals(http.getContainerPort())
                : http.getName().equals(port.getStrVal());
    }

    /** Neither env nor the ConfigMaps may move the port away from what the probes and Service expect. */
    private static void assertNoPortOverride(RenderedOverlay o, Deployment deployment, ServiceSettings settings) {
        Container main = mainContainer(deployment);
        Set<String> keys = new TreeSet<>();
        main.getEnv().forEach(e -> keys.add(e.getName()));
        for (EnvFromSource from : main.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                o.find(ConfigMap.class, from.getConfigMapRef().getName()).ifPresent(cm -> keys.addAll(cm.getData().keySet()));
            }
        }
        assertFalse(keys.contains("QUARKUS_HTTP_PORT"), settings.name() + ": QUARKUS_HTTP_PORT overrides the port");
        if (settings.portVariable() != null) {
            assertFalse(keys.contains(settings.portVariable()), settings.name() + ": " + settings.portVariable()
                    + " overrides the port");
        }
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElse(null);
    }

    private static VolumeMount mountOfClaim(PodSpec pod, Container container, String claim) {
        String volume = pod.getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null
                        && v.getPersistentVolumeClaim().getClaimName().equals(claim))
                .map(Volume::getName).findFirst()
                .orElseThrow(() -> new AssertionError("pod has no volume for claim " + claim));
        return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " does not mount " + claim));
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || labels == null) {
            return false;
        }
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
            String value = labels.get(requirement.getKey());
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> fail("unknown selector operator " + requirement.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static long bytes(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity)).longValue();
    }
}
