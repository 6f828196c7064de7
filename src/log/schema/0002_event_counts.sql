-- The event list shows each event's decisions and diary lines. Counted once per entry here
-- instead of per event on every request: at a million entries and a thousand events, counting
-- took longer than the window may wait.
ALTER TABLE events ADD COLUMN decisions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN diary_entries INTEGER NOT NULL DEFAULT 0;
UPDATE events SET
    decisions = (SELECT count(*) FROM records r WHERE r.event_id = events.id AND r.record_type = 'decision'),
    diary_entries = (SELECT count(*) FROM records r WHERE r.event_id = events.id AND r.record_type = 'diary');
