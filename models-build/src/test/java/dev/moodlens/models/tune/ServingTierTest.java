package dev.moodlens.models.tune;

import dev.moodlens.models.TestPaths;
import dev.moodlens.models.runtime.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The tiers' members: an ensemble's weights are chosen on validation sets that the recipe's seed splits off, so
 * every member of a tier's task must have trained with the same seed; the bundled member is keyed by the committed
 * files, so new adapters make a new member (and with it a new ensemble), never a stale one.
 */
class ServingTierTest {

    @Test
    void everyTiersMembersShareTheRecipeSeed() {
        for (ServingTier tier : ServingTier.values()) {
            for (Task task : Task.values()) {
                long seed = TrainTunedModels.memberRecipe(tier.members(task).get(0), task).seed();
                for (ServingTier.Member m : tier.members(task)) {
                    assertEquals(seed, TrainTunedModels.memberRecipe(m, task).seed(), tier.id() + "/" + task.id() + " " + m);
                }
            }
        }
    }

    @Test
    void theBundledMembersDirectoryFollowsTheCommittedFiles(@TempDir Path dir) throws Exception {
        Path heads = dir.resolve("heads");
        Files.createDirectories(heads);
        try (var files = Files.list(TestPaths.heads())) {
            for (Path f : files.toList()) {
                Files.copy(f, heads.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Path before = new BundledMember(dir.resolve("cache"), heads, quiet).directory(Task.EMOTION);
        assertEquals(before, new BundledMember(dir.resolve("cache"), heads, quiet).directory(Task.EMOTION));
        assertEquals(Task.EMOTION.modelName(), before.getFileName().toString());

        Files.writeString(heads.resolve("emotion.training.md"), "\nretrained\n", java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(before, new BundledMember(dir.resolve("cache"), heads, quiet).directory(Task.EMOTION));
    }
}
