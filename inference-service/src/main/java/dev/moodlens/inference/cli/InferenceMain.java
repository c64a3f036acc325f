package dev.moodlens.inference.cli;

import dev.moodlens.inference.model.ModelLoader;
import dev.moodlens.inference.model.ModelReference;
import dev.moodlens.models.runtime.Task;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * No argument: serve. {@code prefetch}: download every task's configured model into the Hub cache and
 * exit (0 when all are there, 1 otherwise), for Kubernetes init containers. Same code, same config.
 */
@QuarkusMain
public class InferenceMain implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(InferenceMain.class);

    @Inject
    ModelLoader loader;

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("prefetch")) {
            System.setProperty("moodlens.inference.mode", "prefetch");
            // no port needed, and none taken from a service running beside it
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(InferenceMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0 || !args[0].equals("prefetch")) {
            Quarkus.waitForExit();
            return 0;
        }
        int failures = 0;
        for (Task task : Task.values()) {
            ModelReference reference = loader.configured(task);
            if (reference instanceof ModelReference.Bundled) {
                LOG.infof("prefetch %s: %s ships in the jar, nothing to fetch", task.id(), reference.text());
                continue;
            }
            try {
                LOG.infof("prefetch %s: %s -> %s", task.id(), reference.text(), loader.prefetch(reference));
            } catch (RuntimeException e) {
                failures++;
                LOG.errorf("prefetch %s: %s failed: %s", task.id(), reference.text(), e.getMessage());
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
