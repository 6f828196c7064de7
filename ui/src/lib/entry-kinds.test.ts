import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import { canFlag, isLogRecord, KIND_FILTERS, kindFilters, kindLabel, KINDS, kindsFor } from './entry-kinds';

describe('kindLabel', () => {
  it('names every kind the core writes, in both languages, never as the raw kind', () => {
    for (const k of KINDS) {
      for (const s of [sv, en]) {
        const label = kindLabel(k, s);
        expect(label, `${k}`).toBeTruthy();
        expect(label, `${k}`).not.toBe(k);
      }
    }
  });
  it('says what the brief asks in Swedish', () => {
    expect(kindLabel('decision.made', sv)).toBe('Beslut');
    expect(kindLabel('diary.logged', sv)).toBe('Dagbok');
    expect(kindLabel('entry.corrected', sv)).toBe('Rättelse');
    expect(kindLabel('event.opened', sv)).toBe('Händelse öppnad');
    expect(kindLabel('plan.activated', sv)).toBe('Plan aktiverad');
    expect(kindLabel('plan.item', sv)).toBe('Åtgärdspunkt');
    expect(kindLabel('mode.changed', sv)).toBe('Läge ändrat');
    expect(kindLabel('entry.flagged', sv)).toBe('Markerad betydande');
    expect(kindLabel('situation.updated', sv)).toBe('Lägesbild');
    expect(kindLabel('decision.made', en)).toBe('Decision');
    expect(kindLabel('deviation.reported', sv)).toBe('Avvikelse');
    expect(kindLabel('lesson.closed', sv)).toBe('Erfarenhet klar');
    expect(kindLabel('revision.proposed', en)).toBe('Plan revision proposed');
    expect(kindLabel('report.issued', sv)).toBe('Rapport utfärdad');
  });
  it('shows a kind from a newer version as it is spelt', () => {
    expect(kindLabel('sync.merged', sv)).toBe('sync.merged');
    expect(kindLabel('decision.unknown', en)).toBe('decision.unknown');
    expect(kindLabel('nodot', sv)).toBe('nodot');
  });
});

describe('kind filters', () => {
  it('every chip has a label in both languages', () => {
    for (const f of KIND_FILTERS) {
      expect(sv.kindFilters[f.id]).toBeTruthy();
      expect(en.kindFilters[f.id]).toBeTruthy();
    }
  });
  it('every kind the core writes is reachable through a chip', () => {
    const groups = KIND_FILTERS.flatMap((f) => [...f.kinds]);
    for (const k of KINDS) expect(groups, k).toContain(k.split('.')[0]);
  });
  it('sends nothing for no chip and every group of the chips that are on', () => {
    expect(kindsFor([])).toBeUndefined();
    expect(kindsFor(['decision'])).toEqual(['decision']);
    expect(kindsFor(['staff', 'plan'])).toEqual(['plan', 'staff', 'roster', 'operator']);
    expect(kindsFor(['efter'])).toEqual(['deviation', 'lesson', 'revision']);
    expect(kindsFor(['exercise'])).toEqual(['exercise', 'inject']);
    expect(kindsFor(['sync'])).toEqual(['device', 'conflict']);
  });
  it('offers the exercise chip only in an exercise store', () => {
    expect(kindFilters(false).map((f) => f.id)).not.toContain('exercise');
    expect(kindFilters(true).map((f) => f.id)).toContain('exercise');
    expect(kindLabel('inject.delivered', sv)).toBe('Inspel');
    expect(kindLabel('exercise.hotwash', en)).toBe('Hot wash');
  });
});

describe('where an entry opens', () => {
  it('decisions and diary lines open in the log; flags cannot be flagged', () => {
    expect(isLogRecord('decision.made')).toBe(true);
    expect(isLogRecord('diary.logged')).toBe(true);
    expect(isLogRecord('entry.corrected')).toBe(false);
    expect(canFlag('plan.item')).toBe(true);
    expect(canFlag('entry.flagged')).toBe(false);
    expect(canFlag('entry.unflagged')).toBe(false);
  });
});
