-- The event list counts each event's decisions and diary lines, and reminders look for due
-- follow-ups every 20 seconds. Both read every record row of the store (100 000 rows in the
-- benchmark), which also filled the page cache. The counts now come from the index alone, and
-- the few decisions with a follow-up time have a partial index of their own.
DROP INDEX records_event_time;
CREATE INDEX records_event_time ON records(event_id, occurred_at, record_type);
CREATE INDEX records_follow_up ON records(follow_up_at) WHERE follow_up_at IS NOT NULL;
