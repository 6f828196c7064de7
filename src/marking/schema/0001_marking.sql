-- Markings raised above the mode's default, one row per entry (the highest raise).
CREATE TABLE entry_marking (
    target_seq  INTEGER PRIMARY KEY,
    level       INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    raised_by   TEXT NOT NULL,
    raised_role TEXT NOT NULL,
    raised_at   TEXT NOT NULL
);

-- The copy register (exemplarförteckning): each printing or export under copy control, numbered.
CREATE TABLE copy_issues (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,
    number      INTEGER NOT NULL UNIQUE,
    event_id    TEXT,
    document    TEXT NOT NULL,
    marking     TEXT NOT NULL,
    copies      INTEGER NOT NULL,
    recipients  TEXT NOT NULL,
    -- JSON array: the SHA-256 of each numbered copy's file, when Krisledning made them.
    copy_sha256 TEXT NOT NULL,
    issued_by   TEXT NOT NULL,
    issued_role TEXT NOT NULL,
    issued_at   TEXT NOT NULL
);

-- Each copy destroyed or returned, once.
CREATE TABLE copy_settlements (
    issue_id    TEXT NOT NULL REFERENCES copy_issues (id),
    copy        INTEGER NOT NULL,
    outcome     TEXT NOT NULL,
    note        TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    settled_by  TEXT NOT NULL,
    settled_role TEXT NOT NULL,
    settled_at  TEXT NOT NULL,
    PRIMARY KEY (issue_id, copy)
);
