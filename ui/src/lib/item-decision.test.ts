import { describe, expect, it } from 'vitest';
import { linkableDecisions } from './item-decision';
import type { DecisionStatus } from './bindings/DecisionStatus';
import type { RecordType } from './bindings/RecordType';

const rec = (id: string, seq: number, occurred_at: string, record_type: RecordType = 'decision', status: DecisionStatus = 'gallande') =>
  ({ id, seq, occurred_at, record_type, status });

describe('linkableDecisions', () => {
  it('offers decisions in force, newest first', () => {
    const list = linkableDecisions([
      rec('old', 1, '2026-12-01T08:00:00Z'),
      rec('diary', 2, '2026-12-01T09:00:00Z', 'diary'),
      rec('replaced', 3, '2026-12-01T10:00:00Z', 'decision', 'ersatt'),
      rec('new', 4, '2026-12-01T11:00:00+01:00'),
      rec('newest', 5, '2026-12-01T10:30:00Z'),
    ]);
    expect(list.map((d) => d.id)).toEqual(['newest', 'new', 'old']);
  });
  it('puts the later entry first when two share a time', () => {
    const list = linkableDecisions([rec('a', 1, '2026-12-01T08:00:00Z'), rec('b', 2, '2026-12-01T08:00:00Z')]);
    expect(list.map((d) => d.id)).toEqual(['b', 'a']);
  });
});
