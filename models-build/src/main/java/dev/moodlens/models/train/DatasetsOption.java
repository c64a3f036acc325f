package dev.moodlens.models.train;

import picocli.CommandLine.Option;

/** The {@code --datasets DIR} option of every main that reads the datasets (a picocli mixin). */
public final class DatasetsOption {

    @Option(names = "--datasets", paramLabel = "DIR",
            description = "the datasets (default: MOODLENS_DATASETS, else ../shared/datasets beside the repository)")
    String dir;

    /** The folder given, or null for {@link Datasets#locate}'s default. */
    public String dir() {
        return dir;
    }
}
