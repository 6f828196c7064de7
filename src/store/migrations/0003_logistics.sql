-- Resources, requests (ICS-213RR style), tasks, staff and rosters: projections of their entries.
CREATE TABLE resources (
    id         TEXT PRIMARY KEY,
    seq        INTEGER NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    quantity   REAL NOT NULL,
    unit       TEXT NOT NULL,
    location   TEXT NOT NULL,
    owner      TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('tillganglig', 'begard', 'tilldelad', 'ur_funktion')),
    notes      TEXT,
    event_id   TEXT REFERENCES events(id),
    task_id    TEXT,
    updated_at TEXT NOT NULL
);

-- Every state a resource has been in, for its history and the chart.
CREATE TABLE resource_history (
    seq         INTEGER PRIMARY KEY,
    resource_id TEXT NOT NULL REFERENCES resources(id),
    status      TEXT NOT NULL,
    quantity    REAL NOT NULL,
    location    TEXT NOT NULL,
    event_id    TEXT,
    task_id     TEXT,
    note        TEXT,
    at          TEXT NOT NULL,
    author      TEXT NOT NULL,
    role        TEXT NOT NULL
);
CREATE INDEX resource_history_resource ON resource_history(resource_id, seq);

CREATE TABLE requests (
    id                TEXT PRIMARY KEY,
    seq               INTEGER NOT NULL UNIQUE,
    event_id          TEXT NOT NULL REFERENCES events(id),
    what              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    quantity          REAL NOT NULL,
    unit              TEXT NOT NULL,
    needed_by         TEXT,
    priority          TEXT NOT NULL,
    justification     TEXT NOT NULL,
    requester         TEXT NOT NULL,
    requester_role    TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('ny', 'godkand', 'delvis', 'avslagen')),
    approved_quantity REAL,
    decision_reason   TEXT,
    decided_by        TEXT,
    decided_at        TEXT,
    task_id           TEXT,
    created_at        TEXT NOT NULL
);

CREATE TABLE tasks (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,
    event_id    TEXT NOT NULL REFERENCES events(id),
    title       TEXT NOT NULL,
    description TEXT,
    owner       TEXT NOT NULL,
    due         TEXT,
    status      TEXT NOT NULL CHECK (status IN ('ny', 'pagar', 'klar', 'avbruten')),
    decision_id TEXT REFERENCES records(id),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    note        TEXT
);

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

CREATE TABLE operator_log (
    seq  INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    at   TEXT NOT NULL
);
