import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import { COMMANDS, fold, groupHits, matchCommands, matchesPrefixes, searchable, step } from './palette';
import type { Hit } from './bindings/Hit';

const names = Object.fromEntries(COMMANDS.map((c) => [c, [sv.palette.commands[c], en.palette.commands[c]]])) as Record<
  (typeof COMMANDS)[number],
  string[]
>;

describe('fold', () => {
  it('drops å ä ö and other marks and lowers case', () => {
    expect(fold('Åtgärd Läge ÖVNING café')).toBe('atgard lage ovning cafe');
  });
});

describe('matchesPrefixes', () => {
  it('needs every typed word to start a word of the text', () => {
    expect(matchesPrefixes('ny be', 'Nytt beslut')).toBe(true);
    expect(matchesPrefixes('be ny', 'Nytt beslut')).toBe(true);
    expect(matchesPrefixes('eslut', 'Nytt beslut')).toBe(false);
    expect(matchesPrefixes('ny x', 'Nytt beslut')).toBe(false);
  });
  it('folds what is typed and what is matched', () => {
    expect(matchesPrefixes('lage', 'Lägesbild')).toBe(true);
    expect(matchesPrefixes('LÄGES', 'lagesbild')).toBe(true);
  });
  it('matches everything when nothing is typed', () => {
    expect(matchesPrefixes('  ', 'Tidslinje')).toBe(true);
    expect(searchable('  -- ')).toBe(false);
    expect(searchable('el')).toBe(true);
  });
});

describe('matchCommands', () => {
  it('finds commands by any word, in either language', () => {
    expect(matchCommands('beslut', names)).toEqual(['decision']);
    expect(matchCommands('ny', names)).toEqual(['decision', 'diary', 'event']);
    expect(matchCommands('lage', names)).toEqual(['situation', 'mode']);
    expect(matchCommands('tidsl', names)).toEqual(['timeline']);
    expect(matchCommands('timeline', names)).toEqual(['timeline']);
    expect(matchCommands('new dec', names)).toEqual(['decision']);
    expect(matchCommands('zzz', names)).toEqual([]);
    expect(matchCommands('avvik', names)).toEqual(['deviation']);
    expect(matchCommands('las', names)).toEqual(['lock']);
    expect(matchCommands('lock', names)).toEqual(['lock']);
    expect(matchCommands('erfarenh', names)).toEqual(['lessons']);
    expect(matchCommands('lessons', names)).toEqual(['lessons']);
    expect(matchCommands('exempl', names)).toEqual(['copies']);
    expect(matchCommands('copy reg', names)).toEqual(['copies']);
    expect(matchCommands('synk', names)).toEqual(['sync']);
    expect(matchCommands('sync', names)).toEqual(['sync']);
  });
  it('lists every command for an empty query', () => {
    expect(matchCommands('', names, true)).toEqual([...COMMANDS]);
  });
  it('offers the workspaces everywhere and the exercise screens only in an exercise', () => {
    expect(matchCommands('arbetsyta', names)).toEqual(['workspace']);
    expect(matchCommands('switch work', names)).toEqual(['workspace']);
    expect(matchCommands('ovning', names)).toEqual([]);
    expect(matchCommands('ovning', names, true)).toEqual(['inbox', 'control']);
    expect(matchCommands('inspel', names, true)).toEqual(['inbox']);
    expect(matchCommands('övningsledn', names, true)).toEqual(['control']);
    expect(matchCommands('', names)).not.toContain('control');
  });
});

describe('groupHits', () => {
  const hit = (kind: Hit['kind'], id: string): Hit => ({ kind, id, event_id: null, title: id, title_en: null, item_id: null, status: null, detail: '', at: null });
  it('groups by kind in a fixed order and keeps the core order inside a group', () => {
    const g = groupHits([hit('person', 'p'), hit('decision', 'd2'), hit('event', 'e'), hit('decision', 'd1')]);
    expect(g.map((x) => x.kind)).toEqual(['event', 'decision', 'person']);
    expect(g[1].hits.map((h) => h.id)).toEqual(['d2', 'd1']);
  });
});

describe('step', () => {
  it('wraps at both ends and starts at the near end', () => {
    expect(step(-1, 3, 1)).toBe(0);
    expect(step(-1, 3, -1)).toBe(2);
    expect(step(2, 3, 1)).toBe(0);
    expect(step(0, 3, -1)).toBe(2);
    expect(step(0, 0, 1)).toBe(-1);
  });
});
