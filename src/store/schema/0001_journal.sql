-- The journal is the only source of truth; every slice's tables are projections of it.
CREATE TABLE journal (
    seq         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    device_id   TEXT    NOT NULL,
    workspace   TEXT    NOT NULL CHECK (workspace IN ('real', 'exercise')),
    recorded_at TEXT    NOT NULL,
    occurred_at TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    event_id    TEXT,
    kind        TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL UNIQUE
);
CREATE INDEX journal_event ON journal(event_id, seq);

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only: write a correction entry instead'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only: entries are never deleted'); END;

-- Identity of this file: which organisation and device writes it, and whether it is an exercise.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
