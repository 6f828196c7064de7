// How far a plan has come, in words and as a bar. Done and skipped are the core's counts and are
// never added together: a plan whose items were skipped has not been carried out.
import { pluralize, type Plural } from './i18n/plural';
import { planBar } from './situation';

export type Progress = { done: number; skipped: number; total: number };
export type ProgressWords = { done: Plural; skipped: Plural; of: string };

/** "5 klara · 2 överhoppade · av 12"; without skipped items "5 klara av 12". */
export function progressText(p: Progress, words: ProgressWords, lang: 'sv' | 'en'): string {
  const bar = planBar(p);
  const done = pluralize(bar.done, words.done, lang);
  if (bar.skipped === 0) return `${done} ${words.of} ${bar.total}`;
  return `${done} · ${pluralize(bar.skipped, words.skipped, lang)} · ${words.of} ${bar.total}`;
}

/** The running plans of one event as one line: the event list has room for a single bar. */
export function sumProgress(lines: Progress[]): Progress {
  return lines.reduce((s, p) => ({ done: s.done + p.done, skipped: s.skipped + p.skipped, total: s.total + p.total }), {
    done: 0,
    skipped: 0,
    total: 0,
  });
}
