-- People, who is on which event in which role, and who sat at the keyboard when.
CREATE TABLE staff (
    id           TEXT PRIMARY KEY,
    seq          INTEGER NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    roles        TEXT NOT NULL,
    phone        TEXT,
    rakel_id     TEXT,
    email        TEXT,
    organisation TEXT
);

CREATE TABLE roster (
    event_id TEXT NOT NULL REFERENCES events(id),
    staff_id TEXT NOT NULL REFERENCES staff(id),
    role     TEXT NOT NULL,
    seq      INTEGER NOT NULL UNIQUE,
    PRIMARY KEY (event_id, staff_id, role)
);
CREATE INDEX roster_staff ON roster(staff_id);

CREATE TABLE operator_log (
    seq  INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    at   TEXT NOT NULL
);
