-- Entries someone marked betydande (significant): the lägesbild lists them, the timeline can show
-- only them. An unflagged entry leaves this table; both acts stay in the journal.
CREATE TABLE flags (
    entry_id   TEXT PRIMARY KEY,
    entry_seq  INTEGER NOT NULL,
    event_id   TEXT,
    note       TEXT,
    flagged_by TEXT NOT NULL,
    flag_role  TEXT NOT NULL,
    flagged_at TEXT NOT NULL,
    seq        INTEGER NOT NULL UNIQUE
);
CREATE INDEX flags_event ON flags(event_id, entry_seq);
