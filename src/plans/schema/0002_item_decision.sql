-- An item marked "Kräver beslut" is done by a decision: the link to it.
ALTER TABLE activation_items ADD COLUMN decision_id TEXT;
