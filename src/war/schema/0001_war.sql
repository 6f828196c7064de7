-- Krigsorganisation: each person's krigsplacering (here, in a function, or with another
-- authority such as Försvarsmakten), and each inställelse (reported for duty) after a
-- beredskapslarm or a change to a mode with the war organisation in force.
CREATE TABLE war_placements (
    staff_id       TEXT PRIMARY KEY REFERENCES staff(id),
    seq            INTEGER NOT NULL UNIQUE,
    function       TEXT,
    place          TEXT,
    shift          TEXT,
    replacement_id TEXT,
    elsewhere      TEXT,
    placed_at      TEXT NOT NULL,
    placed_by      TEXT NOT NULL,
    CHECK ((function IS NULL) <> (elsewhere IS NULL))
);

CREATE TABLE war_reports (
    seq         INTEGER PRIMARY KEY,
    staff_id    TEXT NOT NULL REFERENCES staff(id),
    note        TEXT,
    reported_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX war_reports_staff ON war_reports(staff_id, seq);
