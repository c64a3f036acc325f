package dev.moodlens.inference.model;

import java.util.Locale;

/** Where a loaded model's files came from. */
public enum ModelSource {
    /** downloaded from the Hub during this load */
    HUB,
    /** the Hub cache, without a download */
    HUB_CACHE,
    /** a directory named in config */
    PATH,
    /** shipped in the models-bundled jar */
    BUNDLED;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
