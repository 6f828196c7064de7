import { describe, expect, it } from 'vitest';
import { alarmModes, currentFirst, emptyPlacement, leadingBody, placementInput, replacementChoices, replacementGap, reportedTime } from './war';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import type { Checklist } from './bindings/Checklist';
import type { ModeDef } from './bindings/ModeDef';
import type { StaffMember } from './bindings/StaffMember';

const mode = (id: ModeDef['id'], war: boolean, body: string): ModeDef => ({
  id, level: 0, name: { sv: id, en: id }, description: { sv: '', en: '' }, colour: '#000', text_colour: '#fff',
  report_every_hours: 24, classification: 'Intern', propose_plans: [], roster: [], leading_body: { sv: body, en: `${body} (en)` },
  war_organisation: war, checklist: [],
});
const modes = [mode('fred', false, 'Krisledningsnämnden'), mode('skarpt', false, 'Regionstyrelsen'), mode('hogsta', true, 'Regionstyrelsen'), mode('krig', true, 'Regionstyrelsen')];

describe('placementInput', () => {
  it('places in a function with the blanks left out', () => {
    expect(placementInput({ ...emptyPlacement(), staffId: 's1', fn: ' Stabschef ', place: 'Ledningsplats Nord', shift: ' ' })).toEqual({
      staff_id: 's1', function: 'Stabschef', place: 'Ledningsplats Nord',
    });
  });
  it('sends shift and replacement when given', () => {
    expect(placementInput({ ...emptyPlacement(), staffId: 's1', fn: 'TiB', place: 'LP', shift: 'A', replacementId: 's2' })).toEqual({
      staff_id: 's1', function: 'TiB', place: 'LP', shift: 'A', replacement_id: 's2',
    });
  });
  it('places with another authority and nothing else', () => {
    expect(placementInput({ ...emptyPlacement(), staffId: 's1', where: 'elsewhere', fn: 'TiB', elsewhere: ' Försvarsmakten ' })).toEqual({
      staff_id: 's1', elsewhere: 'Försvarsmakten',
    });
  });
});

describe('lookups', () => {
  it('names the leading body of a mode in the language asked', () => {
    expect(leadingBody(modes, 'fred', 'sv')).toBe('Krisledningsnämnden');
    expect(leadingBody(modes, 'hogsta', 'en')).toBe('Regionstyrelsen (en)');
    expect(leadingBody(modes, undefined, 'sv')).toBeNull();
    expect(leadingBody(undefined, 'fred', 'sv')).toBeNull();
  });
  it('offers a larm only for modes with the war organisation', () => {
    expect(alarmModes(modes).map((m) => m.id)).toEqual(['hogsta', 'krig']);
    expect(alarmModes(undefined)).toEqual([]);
  });
  it('puts the current mode first', () => {
    const list = (m: Checklist['mode']): Checklist => ({ mode: m, mode_name: { sv: m, en: m }, lines: [], done: 0, total: 0 });
    expect(currentFirst([list('fred'), list('skarpt'), list('hogsta')], 'hogsta').map((l) => l.mode)).toEqual(['hogsta', 'fred', 'skarpt']);
    expect(currentFirst([list('fred'), list('skarpt')], null).map((l) => l.mode)).toEqual(['fred', 'skarpt']);
  });
  it('never offers a person as their own replacement', () => {
    const p = (id: string): StaffMember => ({ id, name: id, roles: [], phone: null, rakel_id: null, email: null, organisation: null });
    expect(replacementChoices([p('a'), p('b'), p('c')], 'b').map((s) => s.id)).toEqual(['a', 'c']);
  });
});

describe('what the core says in Swedish', () => {
  it('names why a replacement cannot take over in the reader\'s language', () => {
    expect(replacementGap({ kind: 'elsewhere', organisation: 'Försvarsmakten' }, en.war)).toBe('Placed with Försvarsmakten');
    expect(replacementGap({ kind: 'own_function', function: 'Personalfunktion' }, en.war)).toBe('Placed as Personalfunktion');
    expect(replacementGap({ kind: 'elsewhere', organisation: 'Försvarsmakten' }, sv.war)).toBe('Krigsplacerad hos Försvarsmakten');
    expect(replacementGap({ kind: 'own_function', function: 'Analys' }, sv.war)).toBe('Krigsplacerad som Analys');
    expect(replacementGap({ kind: 'shared', functions: ['TiB', 'Stabschef'] }, en.war)).toBe('Also replacement for TiB, Stabschef');
    expect(replacementGap({ kind: 'shared', functions: ['TiB'] }, sv.war)).toBe('Ersättare även för TiB');
  });
  it('shows a report for duty today by its time alone', () => {
    const now = new Date(2026, 11, 2, 16, 0);
    expect(reportedTime(new Date(2026, 11, 2, 4, 40).toISOString(), now)).toBe('04:40');
    expect(reportedTime(new Date(2026, 11, 1, 23, 5).toISOString(), now)).toBe('2026-12-01 23:05');
    expect(reportedTime('x', now)).toBe('x');
  });
});
