-- The journal is the only source of truth. Everything else in this file is a projection of it.
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

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    seq             INTEGER NOT NULL,
    title           TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    opened_at       TEXT NOT NULL,
    opened_by       TEXT NOT NULL,
    opened_role     TEXT NOT NULL,
    closed_at       TEXT,
    closed_by       TEXT,
    closed_role     TEXT,
    closing_text    TEXT
);

-- Decisions and staff-diary lines share one projection: the log a user reads, filters and searches.
CREATE TABLE records (
    id              TEXT PRIMARY KEY,
    seq             INTEGER NOT NULL UNIQUE,
    event_id        TEXT NOT NULL REFERENCES events(id),
    record_type     TEXT NOT NULL CHECK (record_type IN ('decision', 'diary')),
    decision_kind   TEXT,
    title           TEXT,
    text            TEXT NOT NULL,
    basis           TEXT,
    alternatives    TEXT,
    decided_by      TEXT,
    decided_role    TEXT,
    mandate         TEXT,
    takes_effect    TEXT,
    follow_up_at    TEXT,
    distribution    TEXT,
    channel         TEXT,
    from_party      TEXT,
    to_party        TEXT,
    occurred_at     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    author          TEXT NOT NULL,
    role            TEXT NOT NULL,
    late_reason     TEXT,
    status          TEXT NOT NULL,
    supersedes      TEXT REFERENCES records(id),
    superseded_by   TEXT REFERENCES records(id)
);
CREATE INDEX records_event_time ON records(event_id, occurred_at);

CREATE TABLE corrections (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,
    target_id   TEXT NOT NULL REFERENCES records(id),
    text        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    author      TEXT NOT NULL,
    role        TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX corrections_target ON corrections(target_id, seq);

-- Swedish text: unicode61 folds case for å ä ö; remove_diacritics 2 lets "atgard" find "åtgärd"
-- so a staff member on a foreign keyboard still finds the entry.
CREATE VIRTUAL TABLE records_fts USING fts5(
    record_id UNINDEXED,
    content,
    tokenize = 'unicode61 remove_diacritics 2'
);
