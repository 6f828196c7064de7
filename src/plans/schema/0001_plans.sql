-- Plans an organisation imported; shipped plans live in the program.
CREATE TABLE imported_plans (
    plan_id   TEXT NOT NULL,
    version   INTEGER NOT NULL,
    seq       INTEGER NOT NULL UNIQUE,
    plan      TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    PRIMARY KEY (plan_id, version)
);

-- An activation carries its own copy of the plan, so a later version never changes it.
CREATE TABLE activations (
    id                TEXT PRIMARY KEY,
    seq               INTEGER NOT NULL UNIQUE,
    event_id          TEXT NOT NULL REFERENCES events(id),
    plan_id           TEXT NOT NULL,
    plan_version      INTEGER NOT NULL,
    plan              TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('active', 'deactivated')),
    activated_at      TEXT NOT NULL,
    activated_by      TEXT NOT NULL,
    activated_role    TEXT NOT NULL,
    deactivated_at    TEXT,
    deactivated_by    TEXT,
    deactivate_reason TEXT
);
CREATE INDEX activations_event ON activations(event_id);

CREATE TABLE activation_items (
    activation_id TEXT NOT NULL REFERENCES activations(id),
    item_id       TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('open', 'done', 'skipped')),
    reason        TEXT,
    by_name       TEXT NOT NULL,
    by_role       TEXT NOT NULL,
    at            TEXT NOT NULL,
    PRIMARY KEY (activation_id, item_id)
);
