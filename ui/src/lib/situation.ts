// Display arithmetic for the lägesbild; every rule (what is overdue, what needs attention) is the
// core's, computed when the picture was read.
import type { PlanLine } from './bindings/PlanLine';
import type { Section } from './bindings/Section';

/** The reading order of a lägesbild, as the core sends it. */
export const SECTIONS: Section[] = ['handelse', 'konsekvenser', 'atgarder', 'resurser', 'aktorer', 'bedomning'];

/** A plan's bar in three parts: done, skipped (with a reason, not carried out) and open. The
 *  core counts done and skipped apart; the bar only keeps them within the total. */
export function planBar(p: Pick<PlanLine, 'done' | 'skipped' | 'total'>): { done: number; skipped: number; open: number; total: number } {
  const total = Math.max(0, p.total);
  const done = Math.min(Math.max(0, p.done), total);
  const skipped = Math.min(Math.max(0, p.skipped), total - done);
  return { done, skipped, open: total - done - skipped, total };
}

/** Percent of the bar, for its width. */
export function share(n: number, total: number): number {
  return total > 0 ? Math.round((n / total) * 1000) / 10 : 0;
}

/** Whether a promised time has passed. The picture says so when it was read; on the wall it must
 *  also turn red when the minute passes while nothing is written (no asking the core again). */
export function passed(iso: string | null | undefined, now: number): boolean {
  if (!iso) return false;
  const t = Date.parse(iso);
  return Number.isFinite(t) && t <= now;
}

/** Fills `{name}` from params; a name without a value is left as written. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
