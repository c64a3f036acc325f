package dev.moodlens.common.api;

/** Which model produced a result: its id (Hub repo or bundled name) and revision (commit or content hash). */
public record ModelStamp(String id, String revision) {

    /** A compact "id@revision" form, used as a key for stored and cached results. */
    public String key() {
        return id + "@" + revision;
    }
}
