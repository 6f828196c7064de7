import { describe, expect, it } from 'vitest';
import {
  assessFrom, assessInput, cellKey, DEPENDENCIES, emptyRisk, heatRows, hitInput, inCell, inOneYear, isoDate, RISK_AREAS,
  planTitles, riskInput, sameCell, serviceFrom, serviceInput, toggled, type RiskRow,
} from './risks';
import type { PlanLibraryEntry } from './bindings/PlanLibraryEntry';
import type { HeatCell } from './bindings/HeatCell';
import type { Service } from './bindings/Service';
import { sv } from './i18n/sv';
import { en } from './i18n/en';

/** The 25 squares as the core sends them: likelihood 5 first, consequence 1 to 5 in each row. */
const map = (): HeatCell[] =>
  [5, 4, 3, 2, 1].flatMap((l) => [1, 2, 3, 4, 5].map((c) => ({ likelihood: l, consequence: c, level: 'lag' as const, risk_ids: [] as string[] })));

const risk = (over: Partial<RiskRow> = {}): RiskRow => ({
  id: 'r1', title: 'Elavbrott', area: 'driftsakerhet', description: 'd', owner: 'Fastighet', plans: [{ plan_id: 'elavbrott', title: 'Elavbrott' }],
  current: { likelihood: 3, consequence: 4, score: 12, level: 'hog', controls: 'Reservkraft', review_due: '2027-01-01', note: 'n', assessed_at: '2026-01-01T00:00:00Z', assessed_by: 'A', assessed_role: 'S' },
  review_overdue: false, assessments: 1, registered_at: '2026-01-01T00:00:00Z', registered_by: 'A', closed: null, ...over,
});

describe('heat map layout', () => {
  it('draws likelihood 5 at the top and consequence 1 to 5 from left to right, whatever the order sent', () => {
    const rows = heatRows(map().reverse());
    expect(rows.map((r) => r[0].likelihood)).toEqual([5, 4, 3, 2, 1]);
    expect(rows[0].map((c) => c.consequence)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.every((r) => r.length === 5)).toBe(true);
  });
  it('narrows the list to a clicked square, keeping the core order', () => {
    const cells = map();
    const cell = cells.find((c) => cellKey(c) === '3x4')!;
    cell.risk_ids = ['b', 'a'];
    const risks = [{ id: 'a' }, { id: 'c' }, { id: 'b' }];
    expect(inCell(risks, cell).map((r) => r.id)).toEqual(['a', 'b']);
    expect(inCell(risks, null)).toEqual(risks);
    expect(sameCell(cells, '3x4')).toBe(cell);
    expect(sameCell(cells, null)).toBeNull();
    expect(sameCell(cells, '9x9')).toBeNull();
  });
});

describe('dates', () => {
  it('suggests a review a year on, in local ÅÅÅÅ-MM-DD', () => {
    expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(inOneYear(new Date(2026, 10, 24, 23, 30))).toBe('2027-11-24');
    expect(inOneYear(new Date(2028, 1, 29))).toBe('2029-02-28');
  });
});

describe('forms to requests', () => {
  it('sends a new risk with its grades as numbers and a blank area as none', () => {
    const f = { ...emptyRisk(new Date(2026, 0, 1)), title: 'T', owner: 'O', likelihood: '2', consequence: '5', review: ' 2027-01-01 ', plans: ['elavbrott'] };
    expect(riskInput(f)).toEqual({
      title: 'T', area: null, description: '', owner: 'O', likelihood: 2, consequence: 5, controls: '', review_due: '2027-01-01', plans: ['elavbrott'],
    });
    // Not chosen: 0, which the core refuses with its own message.
    expect(riskInput(emptyRisk()).likelihood).toBe(0);
  });
  it('sends a reassessment with the owner and plans only when they changed', () => {
    const r = risk();
    const f = assessFrom(r, new Date(2026, 5, 1));
    expect(f).toMatchObject({ likelihood: '3', consequence: '4', controls: 'Reservkraft', review: '2027-06-01', note: '', owner: 'Fastighet', plans: ['elavbrott'] });
    expect(assessInput(r, { ...f, likelihood: '2', note: 'Reservkraft testad' })).toEqual({
      risk_id: 'r1', likelihood: 2, consequence: 4, controls: 'Reservkraft', review_due: '2027-06-01', note: 'Reservkraft testad', owner: undefined, plans: undefined,
    });
    const moved = assessInput(r, { ...f, owner: ' Regiondirektör ', plans: [] });
    expect(moved.owner).toBe('Regiondirektör');
    expect(moved.plans).toEqual([]);
    expect(assessInput(r, { ...f, owner: '' }).owner).toBeUndefined();
  });
  it('sends a service with whole hours and its dependencies in the register order', () => {
    const f = { name: 'Dialys', owner: 'Njurkliniken', mto: ' 4 ', dependencies: ['it', 'el'] as const, reserve: 'Flytta', plans: [] };
    expect(serviceInput({ ...f, dependencies: [...f.dependencies] })).toEqual({
      service_id: undefined, name: 'Dialys', owner: 'Njurkliniken', mto_hours: 4, dependencies: ['el', 'it'], reserve: 'Flytta', plans: [],
    });
    expect(serviceInput({ ...f, dependencies: [], mto: '2.5' }, 's1')).toMatchObject({ service_id: 's1', mto_hours: 0 });
    expect(serviceInput({ ...f, dependencies: [], mto: '' }).mto_hours).toBe(0);
    const s: Service = {
      id: 's1', name: 'Dialys', owner: 'N', mto_hours: 6, dependencies: ['el', 'vatten'], reserve: 'R', plans: [{ plan_id: 'elavbrott', title: 'Elavbrott' }],
      recorded_at: '', recorded_by: '', versions: 2, hit_in: [],
    };
    expect(serviceFrom(s)).toEqual({ name: 'Dialys', owner: 'N', mto: '6', dependencies: ['el', 'vatten'], reserve: 'R', plans: ['elavbrott'] });
  });
  it('sends a dependency down with a blank since as now', () => {
    expect(hitInput('e1', { dependency: '', note: 'x', since: '' })).toEqual({ event_id: 'e1', dependency: null, note: 'x', since: undefined });
    const at = hitInput('e1', { dependency: 'el', note: 'x', since: '2026-11-24 03:40' }, new Date(2026, 10, 24, 5));
    expect(at.dependency).toBe('el');
    expect(new Date(at.since!).getTime()).toBe(new Date(2026, 10, 24, 3, 40).getTime());
  });
  it('toggles a choice', () => {
    expect(toggled(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggled(['a'], 'b')).toEqual(['a', 'b']);
  });
});

describe('labels', () => {
  it('names every area, level and dependency in both languages', () => {
    expect(RISK_AREAS).toHaveLength(14);
    for (const a of RISK_AREAS) {
      expect(sv.risks.areas[a]).toBeTruthy();
      expect(en.risks.areas[a]).toBeTruthy();
    }
    expect(sv.risks.areas.hot_och_vald).toBe('Hot och våld');
    expect(sv.risks.levels.mycket_hog).toBe('Mycket hög');
    for (const d of DEPENDENCIES) expect(en.continuity.deps[d]).toBeTruthy();
  });
});

describe('the core errors of the registers in English', () => {
  const err = (code: 'invalid' | 'conflict' | 'not_found', message: string, params: Record<string, string>) => ({ code, message, params });
  it('says the grade, MTO and date errors in English, not as a time error', async () => {
    const { errorText } = await import('./i18n/errors');
    expect(errorText(err('invalid', 'Sannolikhet anges på skalan 1–5 (fick 0).', { field: 'Sannolikhet', value: '0' }), 'en')).toBe('Likelihood is given on the scale 1–5 (got 0).');
    expect(errorText(err('invalid', 'Maximal avbrottstid anges i hela timmar, 1–168 (fick 0).', { field: 'MTO', value: '0' }), 'en')).toMatch(/^The maximum tolerable outage/);
    expect(errorText(err('invalid', 'Omprövas senast: "x" är inget giltigt datum. Skriv …', { field: 'Omprövas senast', value: 'x' }), 'en')).toBe(
      'Review by: "x" is not a valid date. Write it as YYYY-MM-DD, e.g. 2027-03-31.',
    );
    expect(errorText(err('invalid', 'Välj säkerhetsområde för risken.', { field: 'Område' }), 'en')).toBe('Choose the area of security work for the risk.');
    expect(errorText(err('invalid', 'Riskägare måste fyllas i.', { field: 'Riskägare' }), 'en')).toBe('Risk owner must be filled in.');
    expect(errorText(err('conflict', 'El är redan registrerat som utslaget i händelsen sedan …', { hit_id: 'h', dependency: 'el' }), 'en')).toMatch(/already recorded as down/);
  });
});

describe('plan titles', () => {
  it('names linked plans in the reader\'s language, the stored title when the library lacks the plan', () => {
    const entry = { plan: { id: 'elavbrott', title: { sv: 'Elavbrott', en: 'Power outage' } } } as unknown as PlanLibraryEntry;
    const links = [{ plan_id: 'elavbrott', title: 'Elavbrott' }, { plan_id: 'gammal', title: 'Gammal plan' }];
    expect(planTitles(links, [entry], 'en')).toBe('Power outage, Gammal plan');
    expect(planTitles(links, [entry], 'sv')).toBe('Elavbrott, Gammal plan');
    expect(planTitles([], [entry], 'en')).toBe('');
  });
});
