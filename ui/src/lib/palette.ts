// What Ctrl+K offers besides the core's hits: commands, matched the way the core matches (every
// typed word the start of a word, case and å ä ö folded), and the hits in groups by kind.
import type { Hit } from './bindings/Hit';
import type { HitKind } from './bindings/HitKind';

/** Lower case with diacritics dropped, so `atg` finds "Åtgärd" and `lage` finds "läge". */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

export function words(s: string): string[] {
  return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Every word of the query starts a word of the text; an empty query matches everything. */
export function matchesPrefixes(query: string, text: string): boolean {
  const have = words(text);
  return words(query).every((q) => have.some((w) => w.startsWith(q)));
}

/** Whether the query has a word to send: the core refuses a query of only spaces or signs. */
export function searchable(query: string): boolean {
  return words(query).length > 0;
}

export const COMMANDS = [
  'decision', 'diary', 'event', 'situation', 'timeline', 'mode', 'deviation', 'lessons', 'workspace', 'inbox', 'control', 'lock',
  'copies', 'sync',
] as const;
export type CommandId = (typeof COMMANDS)[number];

/** Commands of the exercise screens, offered only in an exercise store. */
export function exerciseOnly(c: CommandId): boolean {
  return c === 'inbox' || c === 'control';
}

/** Commands whose name, in either language, the query matches: a Swedish word typed in the
 *  English window still finds its command. Outside an exercise its screens are not offered. */
export function matchCommands(query: string, names: Record<CommandId, string[]>, exercise = false): CommandId[] {
  return COMMANDS.filter((c) => (exercise || !exerciseOnly(c)) && names[c].some((n) => matchesPrefixes(query, n)));
}

/** Commands that write into an event. */
export function needsEvent(c: CommandId): boolean {
  return c === 'decision' || c === 'diary' || c === 'deviation';
}

export const HIT_ORDER: HitKind[] = ['event', 'decision', 'diary', 'plan', 'plan_item', 'resource', 'person', 'risk', 'service'];

/** Hits by kind in a fixed order, each group as the core ranked it. */
export function groupHits(hits: Hit[]): { kind: HitKind; hits: Hit[] }[] {
  return HIT_ORDER.map((kind) => ({ kind, hits: hits.filter((h) => h.kind === kind) })).filter((g) => g.hits.length);
}

/** The next option for Up or Down, wrapping at either end; -1 when there is none. */
export function step(active: number, count: number, delta: 1 | -1): number {
  if (count === 0) return -1;
  if (active < 0) return delta === 1 ? 0 : count - 1;
  return (active + delta + count) % count;
}
