-- Entries are read sentence by sentence: each result keeps its sentences (JSON array of
-- {start, end, weight, sentiment, mood, emotion, emotionScore, carriesMood}, UTF-16 offsets into the body),
-- so an entry view and every piece of evidence can say which sentences carried the mood. Null for
-- results stored before sentence reading (they are rescored: the model key says how a text was read).
alter table entry_score add column sentences text;
