-- Readiness mode changes: the projection of mode.changed entries.
CREATE TABLE mode_history (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    mode         TEXT NOT NULL,
    previous     TEXT NOT NULL,
    basis        TEXT NOT NULL,
    decided_by   TEXT NOT NULL,
    decided_role TEXT NOT NULL,
    decision_ref TEXT,
    occurred_at  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    author       TEXT NOT NULL,
    role         TEXT NOT NULL,
    late_reason  TEXT
);
