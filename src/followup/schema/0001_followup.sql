-- Goals and follow-up (the säkerhets- och krisberedskapsbokslut): measurable goals per year with
-- their PDSA activities, and the exercises held, recorded in the real record from their
-- exercise stores or by hand. Everything else the year's account counts is read from the other
-- slices' tables.
CREATE TABLE goals (
    id            TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL UNIQUE,
    year          INTEGER NOT NULL,
    title         TEXT NOT NULL,
    measure       TEXT NOT NULL,
    target        TEXT NOT NULL,
    owner         TEXT NOT NULL,
    set_at        TEXT NOT NULL,
    set_by        TEXT NOT NULL,
    outcome       TEXT,
    outcome_note  TEXT,
    assessed_at   TEXT,
    assessed_by   TEXT
);
CREATE INDEX goals_year ON goals(year, seq);

CREATE TABLE goal_activities (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,
    goal_id     TEXT NOT NULL REFERENCES goals(id),
    text        TEXT NOT NULL,
    owner       TEXT NOT NULL,
    due         TEXT NOT NULL,
    phase       TEXT NOT NULL,
    phase_note  TEXT,
    phase_at    TEXT NOT NULL,
    phase_by    TEXT NOT NULL
);
CREATE INDEX goal_activities_goal ON goal_activities(goal_id, seq);

CREATE TABLE exercises_held (
    id           TEXT PRIMARY KEY,
    seq          INTEGER NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    held_on      TEXT NOT NULL,
    form         TEXT NOT NULL,
    participants INTEGER NOT NULL,
    summary      TEXT NOT NULL,
    source       TEXT,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
);
CREATE INDEX exercises_held_on ON exercises_held(held_on);
-- The same exercise store is recorded once.
CREATE UNIQUE INDEX exercises_held_source ON exercises_held(source) WHERE source IS NOT NULL;
