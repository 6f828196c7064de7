-- Resources, requests (ICS-213RR style) and tasks. Every foreign key has an index on its child
-- column: without one, replay deletes scan the whole child table.
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
CREATE INDEX resources_event ON resources(event_id);

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
CREATE INDEX requests_event ON requests(event_id);

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
CREATE INDEX tasks_event ON tasks(event_id);
CREATE INDEX tasks_decision ON tasks(decision_id);
