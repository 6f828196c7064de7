import { describe, expect, it } from 'vitest';
import { sv } from './sv';
import { en } from './en';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('strings', () => {
  it('English has exactly the Swedish keys', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort());
  });
  it('no string is empty in either language', () => {
    for (const table of [sv, en]) {
      const flat = keys(table).map((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], table));
      expect(flat.every((v) => typeof v === 'string' && v.length > 0)).toBe(true);
    }
  });
  it('every decision kind and channel from the core has a label', async () => {
    const kinds = ['inriktning', 'samordning', 'verkstallighet', 'ovrigt'] satisfies import('../bindings/DecisionKind').DecisionKind[];
    const channels = ['telefon', 'rakel', 'epost', 'mote', 'sms', 'personligen', 'ovrigt'] satisfies import('../bindings/Channel').Channel[];
    for (const k of kinds) expect(sv.kinds[k]).toBeTruthy();
    for (const c of channels) expect(sv.channels[c]).toBeTruthy();
  });
  it('names every readiness mode in both languages, Swedish with å, ä and ö', () => {
    const modes = ['fred', 'skarpt', 'hogsta', 'krig'] satisfies import('../bindings/ModeId').ModeId[];
    for (const m of modes) expect(sv.modes[m] && en.modes[m]).toBeTruthy();
    expect(sv.modes.skarpt).toBe('Höjd beredskap – skärpt');
    expect(sv.modes.hogsta).toBe('Högsta beredskap');
  });
  it('leaves no Swedish letters in the English table', () => {
    // Proper names and the Swedish classification keys are the only ones allowed.
    const flat = keys(en).filter((k) => !k.startsWith('classifications.'))
      .map((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en) as string);
    expect(flat.filter((v) => /[åäöÅÄÖ]/.test(v))).toEqual([]);
  });
});
