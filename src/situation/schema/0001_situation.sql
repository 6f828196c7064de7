-- The staff's own text of the lägesbild, one row per section and scope (an event, or '' for the
-- organisation as a whole): the newest version. Every version stays in the journal.
CREATE TABLE situation_sections (
    scope          TEXT NOT NULL,
    section        TEXT NOT NULL,
    version        INTEGER NOT NULL,
    text           TEXT NOT NULL,
    author         TEXT NOT NULL,
    role           TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    next_update_at TEXT,
    entry_id       TEXT NOT NULL,
    seq            INTEGER NOT NULL UNIQUE,
    PRIMARY KEY (scope, section)
) WITHOUT ROWID;
