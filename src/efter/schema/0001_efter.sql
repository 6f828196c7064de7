-- The after phase of an event: avvikelser, erfarenheter (lärdomar) and proposals to revise a
-- plan. Whether a proposal is still open is not stored: it follows from the plans imported since,
-- and is read at query time.
CREATE TABLE deviations (
    id            TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL UNIQUE,
    event_id      TEXT NOT NULL REFERENCES events(id),
    title         TEXT NOT NULL,
    text          TEXT NOT NULL,
    category      TEXT NOT NULL,
    consequence   TEXT,
    action        TEXT,
    occurred_at   TEXT NOT NULL,
    reported_at   TEXT NOT NULL,
    reported_by   TEXT NOT NULL,
    reported_role TEXT NOT NULL
);
CREATE INDEX deviations_event ON deviations(event_id, occurred_at);

CREATE TABLE lessons (
    id            TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL UNIQUE,
    event_id      TEXT NOT NULL REFERENCES events(id),
    deviation_id  TEXT REFERENCES deviations(id),
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    owner         TEXT NOT NULL,
    due           TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_role TEXT NOT NULL,
    closed_seq    INTEGER,
    closed_at     TEXT,
    closed_by     TEXT,
    closed_role   TEXT,
    closed_note   TEXT
);
CREATE INDEX lessons_event ON lessons(event_id, seq);
-- The open lessons of every event, soonest due first: the list an owner works from.
CREATE INDEX lessons_open_due ON lessons(due) WHERE closed_at IS NULL;
CREATE INDEX lessons_deviation ON lessons(deviation_id) WHERE deviation_id IS NOT NULL;

CREATE TABLE revision_proposals (
    id            TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL UNIQUE,
    event_id      TEXT NOT NULL REFERENCES events(id),
    lesson_id     TEXT NOT NULL REFERENCES lessons(id),
    plan_id       TEXT NOT NULL,
    -- The newest version of the plan when the proposal was made: a higher one closes it.
    plan_version  INTEGER NOT NULL,
    text          TEXT NOT NULL,
    proposed_at   TEXT NOT NULL,
    proposed_by   TEXT NOT NULL,
    proposed_role TEXT NOT NULL
);
CREATE INDEX revision_proposals_plan ON revision_proposals(plan_id, seq);
CREATE INDEX revision_proposals_lesson ON revision_proposals(lesson_id);
CREATE INDEX revision_proposals_event ON revision_proposals(event_id);
