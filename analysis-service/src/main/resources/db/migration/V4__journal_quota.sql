-- Per-user journal quota (review finding 2): how many entries a journal holds and how many bytes of entry text
-- (UTF-8), kept on the user row and changed in the same transaction as every entry write, so a write that would
-- pass moodlens.analysis.max-journal-entries or max-journal-text-bytes is refused by one conditional update
-- (the row lock orders concurrent writers) instead of by counting the journal on every write.
alter table journal_user add column entry_count bigint default 0 not null;
alter table journal_user add column text_bytes bigint default 0 not null;

update journal_user set
    entry_count = (select count(*) from journal_entry e where e.user_id = journal_user.id),
    text_bytes  = (select coalesce(sum(octet_length(e.body)), 0) from journal_entry e where e.user_id = journal_user.id);
