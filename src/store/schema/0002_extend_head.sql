-- A row may only extend the head: the next number and a link to the last hash. A row slipped in
-- with seq <= 0, between two entries, or over an existing one (INSERT OR REPLACE) is refused by
-- the file itself; verify still counts every row, for a file edited without this trigger.
CREATE TRIGGER journal_extends_head BEFORE INSERT ON journal
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM journal)
  OR NEW.prev_hash IS NOT coalesce(
       (SELECT hash FROM journal ORDER BY seq DESC LIMIT 1),
       '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN SELECT RAISE(ABORT, 'journal: a new entry must extend the head (next seq, prev_hash = head)'); END;

-- Guards ask the journal itself, not a projection, whether an event has been closed before a
-- given entry: a projection can be edited, a chained entry cannot.
CREATE INDEX journal_event_kind ON journal(event_id, kind, seq) WHERE event_id IS NOT NULL;
