-- Prefix indexes for search-as-you-type: without them FTS5 must merge every term that shares a
-- prefix before it can return the newest hits. Rebuilt from the projections it indexes.
DROP TABLE records_fts;
CREATE VIRTUAL TABLE records_fts USING fts5(
    record_id UNINDEXED,
    content,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
INSERT INTO records_fts (record_id, content)
    SELECT id, concat_ws(char(10), title, text, basis, alternatives, decided_by, mandate, distribution, from_party, to_party)
    FROM records ORDER BY seq;
INSERT INTO records_fts (record_id, content)
    SELECT target_id, text || char(10) || reason FROM corrections ORDER BY seq;
