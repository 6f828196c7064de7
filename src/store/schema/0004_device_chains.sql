-- Many laptops, one record: every device appends to its own chain (`device_id`, `seq` from 1,
-- `prev_hash` = that device's previous entry), and a store holds the chains of every laptop it has
-- exchanged with. `n` is the order in which this file received its rows: it never changes and is
-- not part of any hash. The rows keep their hashes; only the table's keys change.
DROP TRIGGER journal_extends_head;
DROP TRIGGER journal_no_update;
DROP TRIGGER journal_no_delete;
DROP INDEX journal_event;
DROP INDEX journal_event_kind;
DROP INDEX journal_kind;
ALTER TABLE journal RENAME TO journal_single_chain;
CREATE TABLE journal (
    n           INTEGER PRIMARY KEY,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    id          TEXT    NOT NULL UNIQUE,
    device_id   TEXT    NOT NULL,
    workspace   TEXT    NOT NULL CHECK (workspace IN ('real', 'exercise')),
    recorded_at TEXT    NOT NULL,
    occurred_at TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    event_id    TEXT,
    kind        TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL UNIQUE,
    UNIQUE (device_id, seq)
);
INSERT INTO journal (n, seq, id, device_id, workspace, recorded_at, occurred_at, author, role,
                     event_id, kind, body, prev_hash, hash)
SELECT seq, seq, id, device_id, workspace, recorded_at, occurred_at, author, role, event_id, kind,
       body, prev_hash, hash
FROM journal_single_chain ORDER BY seq;
DROP TABLE journal_single_chain;

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only: write a correction entry instead'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only: entries are never deleted'); END;
-- A row may only extend its device's chain (next seq, link to that device's last hash) and only
-- arrive last (next n): nothing is slipped in between or over an existing row.
CREATE TRIGGER journal_extends_chain BEFORE INSERT ON journal
WHEN NEW.n IS NOT (SELECT coalesce(max(n), 0) + 1 FROM journal)
  OR NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM journal WHERE device_id = NEW.device_id)
  OR NEW.prev_hash IS NOT coalesce(
       (SELECT hash FROM journal WHERE device_id = NEW.device_id ORDER BY seq DESC LIMIT 1),
       '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN SELECT RAISE(ABORT, 'journal: a new entry must extend its device chain (next seq, prev_hash = head)'); END;

-- The order the projections are folded in, the same on every laptop holding the same entries:
-- by `ord_at` (the running maximum of `recorded_at` along the entry's own chain, so a chain is
-- never folded out of its own order), then device, then seq. `pos` is what projections see as an
-- entry's number. Derived, rebuilt whenever an entry arrives that sorts before the last one.
-- `kind` and `event_id` are copied here so that the timeline and the guards walk an index in fold
-- order (an event's entries, one kind across events) instead of sorting what they find.
CREATE TABLE journal_fold (
    pos      INTEGER PRIMARY KEY,
    n        INTEGER NOT NULL UNIQUE,
    ord_at   TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    event_id TEXT
);
INSERT INTO journal_fold (pos, n, ord_at, kind, event_id)
SELECT n, n, max(recorded_at) OVER (PARTITION BY device_id ORDER BY seq ROWS UNBOUNDED PRECEDING),
       kind, event_id
FROM journal ORDER BY n;
CREATE INDEX fold_event ON journal_fold(event_id, pos);
CREATE INDEX fold_event_kind ON journal_fold(event_id, kind, pos) WHERE event_id IS NOT NULL;
CREATE INDEX fold_kind ON journal_fold(kind, pos);

-- Entries whose precondition no longer held once every laptop's entries were folded together
-- (one generator assigned twice, two mode changes at once): kept in the journal, not applied,
-- listed for the staff to resolve with a new entry.
CREATE TABLE journal_conflicts (
    n       INTEGER PRIMARY KEY,
    code    TEXT NOT NULL,
    message TEXT NOT NULL
);

-- The newest signed head this file holds of each device's chain (a checkpoint signed with that
-- device's key, docs/checkpoint-format.md): what lets a laptop pass another laptop's entries on,
-- in a bundle, with proof of who wrote them. Received, not derived: replay leaves it.
CREATE TABLE chain_seals (
    device_id TEXT PRIMARY KEY,
    seq       INTEGER NOT NULL,
    hash      TEXT NOT NULL,
    note      TEXT NOT NULL
) WITHOUT ROWID;

-- Entries in fold order, with their number in it.
CREATE VIEW entries AS
SELECT f.pos, j.n, j.seq, j.id, j.device_id, j.workspace, j.recorded_at, j.occurred_at, j.author,
       j.role, f.event_id, f.kind, j.body, j.prev_hash, j.hash
FROM journal_fold f JOIN journal j ON j.n = f.n;
