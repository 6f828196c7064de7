-- Almost no record supersedes or is superseded by another, yet every insert wrote a NULL into
-- both indexes: two of the ~20 pages each decision put in the WAL. Partial indexes skip the NULLs
-- and still serve the foreign-key lookups, which always ask for a value (`= ?` implies NOT NULL).
DROP INDEX records_supersedes;
DROP INDEX records_superseded_by;
CREATE INDEX records_supersedes ON records(supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX records_superseded_by ON records(superseded_by) WHERE superseded_by IS NOT NULL;
