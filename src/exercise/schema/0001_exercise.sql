-- An exercise store holds one exercise: its scenario (as written into the journal), the exercise
-- clock as control set it, the injects delivered, control's assessments and the hot wash notes.
CREATE TABLE exercise (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    seq          INTEGER NOT NULL,
    scenario     TEXT NOT NULL,
    file         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    title        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    state        TEXT NOT NULL,
    speed        INTEGER NOT NULL,
    anchor_wall  TEXT,
    anchor_ms    INTEGER NOT NULL,
    started_at   TEXT,
    started_seq  INTEGER,
    ended_at     TEXT
);

-- Every control action: from its wall time on, exercise time runs from t_ms at speed (or stands).
CREATE TABLE exercise_clock (
    seq      INTEGER PRIMARY KEY,
    wall     TEXT NOT NULL,
    action   TEXT NOT NULL,
    t_ms     INTEGER NOT NULL,
    speed    INTEGER NOT NULL,
    running  INTEGER NOT NULL,
    to_seq   INTEGER,
    author   TEXT NOT NULL,
    role     TEXT NOT NULL
);

CREATE TABLE exercise_injects (
    seq          INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    inject_seq   INTEGER,
    contingency  TEXT,
    at_s         INTEGER NOT NULL,
    t_ms         INTEGER NOT NULL,
    wall         TEXT NOT NULL,
    channel      TEXT NOT NULL,
    from_party   TEXT NOT NULL,
    to_role      TEXT NOT NULL,
    text         TEXT NOT NULL,
    fired_by     TEXT NOT NULL
);

CREATE TABLE exercise_assessments (
    seq      INTEGER PRIMARY KEY,
    action   TEXT NOT NULL,
    status   TEXT NOT NULL,
    note     TEXT NOT NULL,
    wall     TEXT NOT NULL,
    author   TEXT NOT NULL,
    role     TEXT NOT NULL
);

CREATE TABLE exercise_hotwash (
    seq      INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,
    text     TEXT NOT NULL,
    wall     TEXT NOT NULL,
    t_ms     INTEGER NOT NULL,
    author   TEXT NOT NULL,
    role     TEXT NOT NULL
);
