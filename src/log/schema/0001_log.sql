-- Events, decisions, diary lines and corrections: the log a user reads, filters and searches.
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

-- Decisions and staff-diary lines share one projection.
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
-- The event list's counts come from this index alone.
CREATE INDEX records_event_time ON records(event_id, occurred_at, record_type);
-- Almost no record supersedes another: partial indexes keep NULLs out and still serve the
-- foreign-key lookups (`= ?` implies NOT NULL).
CREATE INDEX records_supersedes ON records(supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX records_superseded_by ON records(superseded_by) WHERE superseded_by IS NOT NULL;
-- Reminders look for due follow-ups often; few decisions have one.
CREATE INDEX records_follow_up ON records(follow_up_at) WHERE follow_up_at IS NOT NULL;

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

-- Swedish text: unicode61 folds case for å ä ö; remove_diacritics 2 lets "atgard" find "åtgärd".
-- Prefix indexes serve search-as-you-type without merging every term that shares a prefix.
CREATE VIRTUAL TABLE records_fts USING fts5(
    record_id UNINDEXED,
    content,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
