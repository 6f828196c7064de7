-- Laptops paired with this record: a person compared the short code of a laptop's pairing card
-- with the one shown on its screen (or a paired laptop did, and its entry arrived here). Their
-- chains are accepted when signed with the key named here; anything else is refused.
CREATE TABLE peers (
    device_id   TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    vkey        TEXT NOT NULL,
    paired_at   TEXT NOT NULL,
    paired_by   TEXT NOT NULL,
    paired_role TEXT NOT NULL,
    paired_on   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    ended_reason TEXT,
    -- Its Syncthing device id, when it runs live sync: the only devices Syncthing talks to.
    syncthing_id TEXT
);

-- Conflicts the staff has dealt with, by the entry that could not be applied.
CREATE TABLE resolved_conflicts (
    entry_id      TEXT PRIMARY KEY,
    note          TEXT NOT NULL,
    resolved_by   TEXT NOT NULL,
    resolved_role TEXT NOT NULL,
    resolved_at   TEXT NOT NULL,
    seq           INTEGER NOT NULL
);
