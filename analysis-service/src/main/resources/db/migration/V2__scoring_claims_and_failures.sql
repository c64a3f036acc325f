-- Scoring with several replicas, and entries the inference service refuses. Portable SQL (PostgreSQL, H2).

-- A replica scores a user's pending entries only while it holds the user's scoring lease: it claims the row
-- with a conditional update (free, expired, or already its own) and renews it as it stores results, so two
-- replicas never score the same journal at once, and a crashed replica's lease simply runs out.
alter table journal_user add column scoring_owner varchar(64);
alter table journal_user add column scoring_until timestamp with time zone;

-- An entry whose text the inference service refused (a 4xx answer, for this text alone) under a model key.
-- After moodlens.analysis.max-scoring-attempts attempts it is failed: no longer pending, counted in the
-- analyses with the reason. Valid only while the entry keeps the text it was tried with (text_hash).
create table entry_scoring_failure (
    entry_id        uuid                     not null references journal_entry (id) on delete cascade,
    model_key       varchar(600)             not null,
    text_hash       varchar(64)              not null,
    attempts        integer                  not null,
    reason          varchar(1000)            not null,
    last_attempt_at timestamp with time zone not null,
    primary key (entry_id, model_key)
);
