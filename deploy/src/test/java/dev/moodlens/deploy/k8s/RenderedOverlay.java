package dev.moodlens.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.moodlens.deploy.ProjectPaths;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** One overlay rendered by kubectl kustomize and parsed strictly, with the lookups the tests need. */
final class RenderedOverlay {

    private static final Map<String, RenderedOverlay> CACHE = new ConcurrentHashMap<>();

    final String name;
    final List<HasMetadata> objects;
    /** Secrets the overlay references but the operator creates; see the overlay's external-secrets.txt. */
    final Set<String> externalSecrets;

    private RenderedOverlay(String name, List<HasMetadata> objects, Set<String> externalSecrets) {
        this.name = name;
        this.objects = objects;
        this.externalSecrets = externalSecrets;
    }

    static RenderedOverlay of(String overlay) {
        return CACHE.computeIfAbsent(overlay, RenderedOverlay::render);
    }

    private static RenderedOverlay render(String overlay) {
        return overlay.equals(PROD_NATIVE) ? renderProdNative() : render(overlay, ProjectPaths.overlay(overlay));
    }

    /** The prod overlay with the native component and native image tags, as deploy/README.md tells operators to combine them. */
    static final String PROD_NATIVE = "prod-native";
    static final String NATIVE_TAG = "0.1.0-native";

    private static RenderedOverlay renderProdNative() {
        Path overlay;
        try {
            overlay = writeProdWith(PROD_NATIVE + "-overlay", "native", """
                    images:
                      - name: registry.example.com/moodlens/inference-service
                        newTag: %1$s
                      - name: registry.example.com/moodlens/analysis-service
                        newTag: %1$s
                      - name: registry.example.com/moodlens/chat-service
                        newTag: %1$s
                    """.formatted(NATIVE_TAG));
            // the operator creates prod's Secrets either way
            Files.copy(ProjectPaths.overlay("prod").resolve("external-secrets.txt"), overlay.resolve("external-secrets.txt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the " + PROD_NATIVE + " overlay", e);
        }
        return render(PROD_NATIVE, overlay);
    }

    /**
     * Writes an overlay as an operator would combine the parts: prod, the component {@code component}, then
     * {@code more} (Kustomize YAML). Under target/, since Kustomize wants it inside the tree.
     */
    static Path writeProdWith(String directory, String component, String more) throws IOException {
        Path overlay = ProjectPaths.deploy().resolve("target/" + directory);
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../k8s/overlays/prod
                components:
                  - ../../k8s/components/%s
                """.formatted(component) + more);
        return overlay;
    }

    /** Any Kustomize directory, e.g. an overlay a test writes to show how operators combine the parts; not cached. */
    static RenderedOverlay render(String name, Path directory) {
        List<HasMetadata> objects = new StrictManifestParser().parse(KubectlKustomize.render(directory));
        return new RenderedOverlay(name, List.copyOf(objects), readExternalSecrets(directory));
    }

    private static Set<String> readExternalSecrets(Path directory) {
        Path file = directory.resolve("external-secrets.txt");
        if (!Files.exists(file)) {
            return Set.of();
        }
        try {
            return Files.readAllLines(file).stream()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                this.name + ": no " + type.getSimpleName() + " named " + name));
    }

    Set<String> names(Class<? extends HasMetadata> type) {
        return all(type).stream().map(o -> o.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every pod template in the overlay, keyed "Kind/name". */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        all(Deployment.class).forEach(d -> templates.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> templates.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
        all(Job.class).forEach(j -> templates.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate()));
        return templates;
    }

    /** Names of claims that exist: PVC objects and StatefulSet volumeClaimTemplates. */
    Set<String> claimNames() {
        Set<String> claims = new TreeSet<>(names(PersistentVolumeClaim.class));
        all(StatefulSet.class).forEach(s -> s.getSpec().getVolumeClaimTemplates()
                .forEach(t -> claims.add(t.getMetadata().getName())));
        return claims;
    }

    static List<Container> allContainers(PodSpec spec) {
        List<Container> containers = new ArrayList<>(spec.getInitContainers());
        containers.addAll(spec.getContainers());
        return containers;
    }
}
