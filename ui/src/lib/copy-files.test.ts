import { describe, expect, it } from 'vitest';
import { registerLineOf } from './copy-files';
import type { CopyIssue } from './bindings/CopyIssue';

const line = (over: Partial<CopyIssue>): CopyIssue => ({
  id: 'c', number: 1, event_id: 'e1', document: 'Lägesrapport nr 1 – Storm', marking: 'konfidentiell', copies: 2,
  recipients: 'Länsstyrelsen', copy_sha256: ['aa', 'bb'], issued_by: 'Anna', issued_role: 'TiB', issued_at: '2026-11-24T05:05:00Z',
  outstanding: [1, 2], settled: [],
  ...over,
});

describe('registerLineOf', () => {
  const report = { event_id: 'e1', title: 'Lägesrapport nr 1 – Storm' };

  it('finds the line recorded with the report: same event, its title as the document', () => {
    const register = [
      line({ id: 'other-event', number: 4, event_id: 'e2' }),
      line({ id: 'mine', number: 2 }),
      line({ id: 'other-title', number: 3, document: 'Lägesrapport nr 2 – Storm' }),
    ];
    expect(registerLineOf(register, report)?.id).toBe('mine');
  });

  it('takes the newest if two share a title, and none without copy files', () => {
    expect(registerLineOf([line({ id: 'old', number: 1 }), line({ id: 'new', number: 5 })], report)?.id).toBe('new');
    // A copy issue registered by hand (Ny utlämning) has no files of Krisledning's.
    expect(registerLineOf([line({ copy_sha256: [] })], report)).toBeNull();
    expect(registerLineOf([], report)).toBeNull();
  });
});
