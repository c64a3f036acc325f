package dev.moodlens.inference.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * huggingface_hub's cache layout, so Python tools and MoodLens share one cache:
 * {@code models--org--name/blobs/<etag>}, {@code snapshots/<commit>/<file>} (a relative symlink to the
 * blob), {@code refs/<revision>} (the commit) and {@code .no_exist/<commit>/<file>} for files the repo lacks.
 * Revisions, ETags and commits come from config or from the Hub's headers, so every path built from them
 * is checked to stay inside the repo's folder (finding 5): a hostile endpoint cannot make it read or write
 * elsewhere.
 */
public final class HubCache {

    private final Path root;

    public HubCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path repoDir(HubRepo repo) {
        return inside(root, repo.folderName());
    }

    public Path blob(HubRepo repo, String etag) {
        return inside(repoDir(repo).resolve("blobs"), name(repo, "ETag", etag));
    }

    /** Where huggingface_hub keeps its lock for a blob: {@code .locks/models--org--name/<etag>.lock}. */
    public Path lockFile(HubRepo repo, String etag) {
        return inside(root.resolve(".locks").resolve(repo.folderName()), name(repo, "ETag", etag) + ".lock");
    }

    public Path snapshotDir(HubRepo repo, String commit) {
        return inside(repoDir(repo).resolve("snapshots"), commit(repo, commit));
    }

    public Path snapshotFile(HubRepo repo, String commit, String file) {
        return inside(snapshotDir(repo, commit), file);
    }

    private Path ref(HubRepo repo) {
        return inside(repoDir(repo).resolve("refs"), name(repo, "revision", repo.revision()));
    }

    private Path missingMarker(HubRepo repo, String commit, String file) {
        return inside(repoDir(repo).resolve(".no_exist").resolve(commit(repo, commit)), file);
    }

    /** The commit a branch or tag pointed to when last resolved; a commit names itself. */
    public Optional<String> commitOf(HubRepo repo) {
        if (repo.pinned()) {
            return Optional.of(repo.revision());
        }
        Path ref = ref(repo);
        try {
            if (Files.isRegularFile(ref)) {
                String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
                return HubRepo.isCommit(commit) ? Optional.of(commit) : Optional.empty();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void writeRef(HubRepo repo, String commit) {
        if (repo.pinned() || repo.revision().equals(commit)) {
            return;
        }
        Path ref = ref(repo);
        try {
            Files.createDirectories(ref.getParent());
            Path tmp = ref.resolveSibling(ref.getFileName() + "." + uniqueSuffix() + ".tmp");
            Files.writeString(tmp, commit, StandardCharsets.UTF_8);
            move(tmp, ref);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ref, e);
        }
    }

    /** True when the file is in the snapshot (a readable file, or a link to one). */
    public boolean has(HubRepo repo, String commit, String file) {
        return Files.isRegularFile(snapshotFile(repo, commit, file));
    }

    public boolean knownMissing(HubRepo repo, String commit, String file) {
        return Files.exists(missingMarker(repo, commit, file));
    }

    public void markMissing(HubRepo repo, String commit, String file) {
        Path marker = missingMarker(repo, commit, file);
        try {
            Files.createDirectories(marker.getParent());
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
        } catch (FileAlreadyExistsException ignored) {
            // another process marked it first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
    }

    /** Points snapshots/commit/file at the blob: a relative symlink, or a copy where links are refused. */
    public Path link(HubRepo repo, String commit, String file, Path blob) {
        Path target = snapshotFile(repo, commit, file);
        try {
            Files.createDirectories(target.getParent());
            if (Files.isRegularFile(target)) {
                return target;
            }
            Files.deleteIfExists(target); // a dangling link from a removed blob
            Path tmp = target.resolveSibling(target.getFileName() + "." + uniqueSuffix() + ".link");
            try {
                Files.createSymbolicLink(tmp, target.getParent().relativize(blob));
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            move(tmp, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + target, e);
        }
    }

    /** {@code base/relative}, refused unless it stays under {@code base} once normalized. */
    static Path inside(Path base, String relative) {
        Path folder = base.toAbsolutePath().normalize();
        Path resolved = folder.resolve(relative).normalize();
        if (relative.isEmpty() || resolved.equals(folder) || !resolved.startsWith(folder)) {
            throw new HubException("refused cache path '" + relative + "': it leaves its cache folder");
        }
        return resolved;
    }

    private static String name(HubRepo repo, String what, String value) {
        if (!HubRepo.isSafeName(value)) {
            throw new HubException(repo + ": unusable " + what + " '" + value + "'");
        }
        return value;
    }

    private static String commit(HubRepo repo, String commit) {
        if (!HubRepo.isCommit(commit)) {
            throw new HubException(repo + ": not a commit hash: '" + commit + "'");
        }
        return commit;
    }

    /** Unique per process and call: two threads (or two clients on one cache) never share a temp name. */
    private static String uniqueSuffix() {
        return ProcessIdentity.token() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
