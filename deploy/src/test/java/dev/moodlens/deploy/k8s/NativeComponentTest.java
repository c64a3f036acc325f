package dev.moodlens.deploy.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native component (k8s/components/native) on prod, as deploy/README.md combines them ("Native images"): the same
 * pods with native executables. Every check of DeployManifestsTest and NetworkExposureTest runs on this rendering too
 * (RenderedOverlay.PROD_NATIVE); here, what the component changes.
 */
class NativeComponentTest {

    private static final List<String> SERVICES = List.of("inference-service", "analysis-service", "chat-service");

    @Test
    void nativePodsBoundTheirHeapAskForLessMemoryAndAreProbedSooner() {
        RenderedOverlay jvm = RenderedOverlay.of("prod");
        RenderedOverlay nativeImages = RenderedOverlay.of(RenderedOverlay.PROD_NATIVE);
        for (String service : SERVICES) {
            Container jvmMain = main(jvm, service);
            Container nativeMain = main(nativeImages, service);
            assertTrue(nativeMain.getImage().endsWith(":" + RenderedOverlay.NATIVE_TAG), service + ": " + nativeMain.getImage());

            // A native executable takes its heap bound as an argument (run-java.sh and JAVA_MAX_MEM_RATIO are the JVM
            // image's); it must leave room in the limit for the rest of the process (ONNX Runtime's arenas in inference).
            assertEquals(List.of(), jvmMain.getArgs(), service + ": the JVM container takes no arguments");
            assertEquals(1, nativeMain.getArgs().size(), service + ": " + nativeMain.getArgs());
            String xmx = nativeMain.getArgs().get(0);
            assertTrue(xmx.matches("-Xmx[0-9]+m"), service + ": " + xmx);
            long heap = Long.parseLong(xmx.substring(4, xmx.length() - 1)) << 20;
            long limit = bytes(nativeMain.getResources().getLimits().get("memory"));
            assertTrue(heap <= limit / 2, service + ": heap " + xmx + " leaves less than half of the limit " + limit);

            assertTrue(bytes(nativeMain.getResources().getRequests().get("memory"))
                    < bytes(jvmMain.getResources().getRequests().get("memory")), service + ": memory request not below the JVM's");
            assertTrue(limit <= bytes(jvmMain.getResources().getLimits().get("memory")), service + ": memory limit above the JVM's");

            // Probed more often (a native pod is ready in a second or so), within the same budget (migrations, Hub models).
            Probe jvmStartup = jvmMain.getStartupProbe();
            Probe nativeStartup = nativeMain.getStartupProbe();
            assertEquals(jvmStartup.getHttpGet().getPath(), nativeStartup.getHttpGet().getPath(), service);
            assertTrue(nativeStartup.getPeriodSeconds() < jvmStartup.getPeriodSeconds(), service + ": startup probe period");
            assertTrue(nativeStartup.getPeriodSeconds() * nativeStartup.getFailureThreshold()
                    >= jvmStartup.getPeriodSeconds() * jvmStartup.getFailureThreshold(), service + ": startup budget shrank");
        }
    }

    private static Container main(RenderedOverlay o, String service) {
        Deployment deployment = o.get(Deployment.class, service);
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(service)).findFirst().orElseThrow();
    }

    private static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValue();
    }
}
