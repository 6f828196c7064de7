-- Every foreign key gets an index on its child column: without one, deleting (replay) or
-- checking a parent row scans the whole child table, which made replay quadratic.
CREATE INDEX records_supersedes ON records(supersedes);
CREATE INDEX records_superseded_by ON records(superseded_by);
CREATE INDEX tasks_event ON tasks(event_id);
CREATE INDEX tasks_decision ON tasks(decision_id);
CREATE INDEX requests_event ON requests(event_id);
CREATE INDEX resources_event ON resources(event_id);
CREATE INDEX roster_staff ON roster(staff_id);
