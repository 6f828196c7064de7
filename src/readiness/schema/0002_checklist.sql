-- Each mode's readiness checklist as the staff has checked it (the lines themselves are in the
-- mode files), and whether a mode change was a beredskapslarm.
CREATE TABLE readiness_checks (
    mode       TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    seq        INTEGER NOT NULL UNIQUE,
    done       INTEGER NOT NULL,
    note       TEXT,
    checked_at TEXT NOT NULL,
    checked_by TEXT NOT NULL,
    role       TEXT NOT NULL,
    PRIMARY KEY (mode, item_id)
);

ALTER TABLE mode_history ADD COLUMN alarm INTEGER NOT NULL DEFAULT 0;
