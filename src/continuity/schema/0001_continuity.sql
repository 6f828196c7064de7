-- Kontinuitetshantering: the services the region must keep running, what each depends on, how
-- long it may be out at most, and the reserve routine. `dependency_hits` records, per event, a
-- dependency that is down (el, vatten, IT …) until it is restored.
CREATE TABLE services (
    id            TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    owner         TEXT NOT NULL,
    mto_hours     INTEGER NOT NULL CHECK (mto_hours > 0),
    -- JSON arrays: dependency words and plan ids. Few services, so the joins read the array
    -- (json_each) rather than a table of pairs.
    dependencies  TEXT NOT NULL,
    reserve       TEXT NOT NULL,
    plans         TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    versions      INTEGER NOT NULL
);

CREATE TABLE dependency_hits (
    id            TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL UNIQUE,
    event_id      TEXT NOT NULL REFERENCES events(id),
    dependency    TEXT NOT NULL,
    note          TEXT NOT NULL,
    since         TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    restored_seq  INTEGER,
    restored_at   TEXT,
    restored_by   TEXT,
    restored_note TEXT
);
CREATE INDEX dependency_hits_event ON dependency_hits(event_id, seq);
CREATE INDEX dependency_hits_open ON dependency_hits(dependency) WHERE restored_at IS NULL;
