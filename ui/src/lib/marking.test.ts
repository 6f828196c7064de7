import { describe, expect, it } from 'vitest';
import {
  above, atLeast, byEntry, copyCount, copyMarkings, copyOrder, effective, formatCopies, level, markingFromError, MARKINGS, needsCopyControl,
  outstandingTotal, settledBy, showBadge, toSend,
} from './marking';
import type { CopySettled } from './bindings/CopySettled';
import type { Marking } from './bindings/Marking';

describe('markings', () => {
  it('are ordered lowest first, as the core orders them', () => {
    expect(MARKINGS.map(level)).toEqual([0, 1, 2, 3, 4]);
    expect(level('konfidentiell')).toBeGreaterThan(level('begransat_hemlig'));
  });

  it('offer a new entry its default and every level above, never one below', () => {
    expect(atLeast('intern')).toEqual([...MARKINGS]);
    expect(atLeast('konfidentiell')).toEqual(['konfidentiell', 'hemlig', 'kvalificerat_hemlig']);
    expect(atLeast('kvalificerat_hemlig')).toEqual(['kvalificerat_hemlig']);
  });

  it('offer a raise only to higher levels', () => {
    expect(above('begransat_hemlig')).toEqual(['konfidentiell', 'hemlig', 'kvalificerat_hemlig']);
    expect(above('kvalificerat_hemlig')).toEqual([]);
  });

  it('put Konfidentiell and above under copy control', () => {
    expect(copyMarkings()).toEqual(['konfidentiell', 'hemlig', 'kvalificerat_hemlig']);
  });

  it('show a badge only above Intern', () => {
    expect(showBadge('intern')).toBe(false);
    expect(showBadge(undefined)).toBe(false);
    expect(showBadge('begransat_hemlig')).toBe(true);
  });

  it('keep a choice in the form unless the default has risen past it', () => {
    expect(effective(null, 'begransat_hemlig')).toBe('begransat_hemlig');
    expect(effective('hemlig', 'begransat_hemlig')).toBe('hemlig');
    expect(effective('konfidentiell', 'hemlig')).toBe('hemlig');
  });

  it('send a marking only when above the default', () => {
    expect(toSend(null, 'intern')).toBeUndefined();
    expect(toSend('intern', 'intern')).toBeUndefined();
    expect(toSend('konfidentiell', 'begransat_hemlig')).toBe('konfidentiell');
    expect(toSend('konfidentiell', 'hemlig')).toBeUndefined();
    expect(toSend('konfidentiell', undefined)).toBeUndefined();
  });

  it('look entries up by id', () => {
    const m = byEntry([{ seq: 3, entry_id: 'a', marking: 'hemlig' as Marking, reason: 'Källor' }]);
    expect(m.get('a')?.marking).toBe('hemlig');
    expect(m.get('b')).toBeUndefined();
  });
});

describe('copy numbers', () => {
  it('join runs of three or more with a dash', () => {
    expect(formatCopies([1, 2, 3, 5])).toBe('1–3, 5');
    expect(formatCopies([1, 3])).toBe('1, 3');
    expect(formatCopies([1, 2])).toBe('1, 2');
    expect(formatCopies([7, 8, 9, 10, 2, 4, 5, 6])).toBe('2, 4–10');
  });

  it('tidy unsorted and repeated numbers, and read empty for none', () => {
    expect(formatCopies([5, 1, 3, 2, 2])).toBe('1–3, 5');
    expect(formatCopies([])).toBe('');
  });

  it('group what became of the copies, and count what is still out', () => {
    const s = (copy: number, outcome: CopySettled['outcome']): CopySettled => ({
      copy, outcome, note: '', settled_by: 'Anna', settled_role: 'TiB', settled_at: '2026-01-01T10:00:00Z',
    });
    expect(settledBy({ settled: [s(2, 'forstord'), s(4, 'aterlamnad'), s(1, 'forstord')] })).toEqual({ forstord: [2, 1], aterlamnad: [4] });
    expect(outstandingTotal([{ outstanding: [1, 3] }, { outstanding: [] }, { outstanding: [5] }])).toBe(3);
  });

  it('take a whole number of copies from 1 to 100', () => {
    expect(copyCount('3')).toBe(3);
    expect(copyCount(' 100 ')).toBe(100);
    expect(copyCount('0')).toBeNull();
    expect(copyCount('101')).toBeNull();
    expect(copyCount('2.5')).toBeNull();
    expect(copyCount('')).toBeNull();
  });
});

describe('copy control on paper', () => {
  it('applies from Konfidentiell up', () => {
    expect(needsCopyControl('begransat_hemlig')).toBe(false);
    expect(needsCopyControl('konfidentiell')).toBe(true);
    expect(needsCopyControl('kvalificerat_hemlig')).toBe(true);
    expect(needsCopyControl(null)).toBe(false);
  });

  it('takes an order only with a number of copies and recipients', () => {
    expect(copyOrder('2', ' Regiondirektören ')).toEqual({ copies: 2, recipients: 'Regiondirektören' });
    expect(copyOrder('', 'Regiondirektören')).toBeNull();
    expect(copyOrder('2', '  ')).toBeNull();
    expect(copyOrder('0', 'Regiondirektören')).toBeNull();
  });

  it('reads the marking from the core refusing an unnumbered printout', () => {
    expect(markingFromError({ code: 'invalid', message: '…', params: { field: 'copies', marking: 'hemlig' } })).toBe('hemlig');
    expect(markingFromError({ code: 'invalid', message: '…', params: { field: 'copies' } })).toBeNull();
    expect(markingFromError({ code: 'invalid', message: '…', params: { field: 'Rubrik', marking: 'hemlig' } })).toBeNull();
    expect(markingFromError({ code: 'invalid', message: '…', params: { field: 'copies', marking: 'okänd' } })).toBeNull();
    expect(markingFromError(null)).toBeNull();
  });
});
