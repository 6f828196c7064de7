import { describe, expect, it } from 'vitest';
import { byPhase, markingOfClassification, nextPhase, participants, tiles, today, yearChoices } from './followup';
import type { Activity } from './bindings/Activity';
import type { YearCounts } from './bindings/YearCounts';

describe('phases', () => {
  it('goes round the cycle, Agera back to Planera', () => {
    expect(nextPhase('planera')).toBe('genomfora');
    expect(nextPhase('genomfora')).toBe('studera');
    expect(nextPhase('studera')).toBe('agera');
    expect(nextPhase('agera')).toBe('planera');
  });
  it('sorts activities into their columns in order', () => {
    const a = (id: string, phase: Activity['phase']): Activity => ({
      id, text: id, owner: '', due: '2026-01-01', phase, phase_note: null, phase_at: '', phase_by: '', overdue: false,
    });
    const cols = byPhase([a('1', 'studera'), a('2', 'planera'), a('3', 'studera')]);
    expect(cols.studera.map((x) => x.id)).toEqual(['1', '3']);
    expect(cols.planera.map((x) => x.id)).toEqual(['2']);
    expect(cols.agera).toEqual([]);
  });
});

describe('forms and tiles', () => {
  it('offers next year, this year and five before', () => {
    expect(yearChoices(new Date(2026, 5, 1))).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021]);
  });
  it('lists every count once, exercises first', () => {
    const c: YearCounts = {
      exercises_held: 2, events_opened: 3, events_closed: 1, decisions: 9, deviations: 0, lessons_recorded: 4, lessons_closed: 1,
      plan_revisions: 1, revision_proposals: 0, risks_registered: 5, risks_reassessed: 2, risks_closed: 1, mode_changes: 2,
    };
    const t = tiles(c);
    expect(t.length).toBe(Object.keys(c).length);
    expect(t[0]).toEqual({ key: 'exercises_held', n: 2 });
    expect(new Set(t.map((x) => x.key)).size).toBe(t.length);
  });
  it('reads a mode file classification as a marking', () => {
    expect(markingOfClassification('Konfidentiell')).toBe('konfidentiell');
    expect(markingOfClassification('Begränsat hemlig')).toBe('begransat_hemlig');
    expect(markingOfClassification('Kvalificerat hemlig')).toBe('kvalificerat_hemlig');
    expect(markingOfClassification('Intern')).toBe('intern');
    expect(markingOfClassification('Okänd')).toBeNull();
    expect(markingOfClassification(null)).toBeNull();
  });
  it('takes whole participant counts only', () => {
    expect(participants(' 12 ')).toBe(12);
    expect(participants('0')).toBe(0);
    expect(participants('1.5')).toBeNull();
    expect(participants('')).toBeNull();
  });
  it('writes today as ÅÅÅÅ-MM-DD', () => {
    expect(today(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

