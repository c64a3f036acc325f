-- Journal store of the analysis service. Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

-- A user exists once something was written for them. "revision" is bumped in the same transaction as
-- every change to the user's entries or scores; with "cache_token" (new for every user row, so a reset
-- database never meets stale Redis keys) it keys the cached analyses.
create table journal_user (
    id          varchar(64)              not null primary key,
    revision    bigint                   not null,
    cache_token varchar(36)              not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);

-- written_at is stored as an instant; utc_offset_seconds keeps the writer's own offset so that time of
-- day and calendar day are the writer's. text_hash is the SHA-256 of the normalized text (the per-text
-- inference cache key); body is the entry text. tags is a JSON array as text.
create table journal_entry (
    id                 uuid                     not null primary key,
    user_id            varchar(64)              not null references journal_user (id),
    written_at         timestamp with time zone not null,
    utc_offset_seconds integer                  not null,
    title              varchar(200),
    body               text                     not null,
    tags               varchar(4000),
    text_hash          varchar(64)              not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);

create index journal_entry_user_written on journal_entry (user_id, written_at);

-- One row per entry and model pair (model_key = sentiment id@revision|emotion id@revision): an entry is
-- never scored twice by the same revisions. Score maps are JSON objects as text.
create table entry_score (
    entry_id           uuid                     not null references journal_entry (id) on delete cascade,
    model_key          varchar(600)             not null,
    sentiment_model    varchar(255)             not null,
    sentiment_revision varchar(255)             not null,
    emotion_model      varchar(255)             not null,
    emotion_revision   varchar(255)             not null,
    sentiment_label    varchar(64)              not null,
    sentiment          double precision         not null,
    sentiment_scores   varchar(4000)            not null,
    emotion_label      varchar(64)              not null,
    emotion_scores     varchar(4000)            not null,
    truncated          boolean                  not null,
    scored_at          timestamp with time zone not null,
    primary key (entry_id, model_key)
);

create index entry_score_model on entry_score (model_key, entry_id);
