-- The timeline filtered by kind across every event: newest first of one kind without scanning the
-- journal (a kind no entry has would otherwise read every row to find none).
CREATE INDEX journal_kind ON journal(kind, seq);
