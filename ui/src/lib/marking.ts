// Classification (säkerhetsskyddsklassificering) as the window offers and shows it. The core keeps
// the rules: every entry has its readiness mode's default marking unless raised, and a marking only
// goes up. This picks what a select may offer, what a badge shows and how copy numbers read.
import type { CopyIssue } from './bindings/CopyIssue';
import type { CopyOutcome } from './bindings/CopyOutcome';
import type { EntryMarking } from './bindings/EntryMarking';
import type { Marking } from './bindings/Marking';

/** Lowest first, as the core orders them. */
export const MARKINGS = ['intern', 'begransat_hemlig', 'konfidentiell', 'hemlig', 'kvalificerat_hemlig'] as const satisfies readonly Marking[];

/** The lowest marking whose printouts and exports go into the copy register. */
export const COPY_CONTROL: Marking = 'konfidentiell';

export function level(m: Marking): number {
  return MARKINGS.indexOf(m);
}

/** The markings a new entry may be given: its default (`min`) and every one above it. */
export function atLeast(min: Marking): Marking[] {
  return MARKINGS.filter((m) => level(m) >= level(min));
}

/** The markings an entry at `m` may be raised to; none for the highest. */
export function above(m: Marking): Marking[] {
  return MARKINGS.filter((m2) => level(m2) > level(m));
}

/** The markings of material under copy control (Konfidentiell and higher). */
export function copyMarkings(): Marking[] {
  return atLeast(COPY_CONTROL);
}

/** A badge only above Intern: most of the record is Intern, and a badge on every line would say
 *  nothing. */
export function showBadge(m: Marking | null | undefined): m is Marking {
  return !!m && m !== 'intern';
}

/** What a form's select shows: the one chosen, unless the default has since risen past it (the
 *  mode changed while the form was open), then the default. */
export function effective(chosen: Marking | null, defaultNow: Marking): Marking {
  return chosen && level(chosen) > level(defaultNow) ? chosen : defaultNow;
}

/** The marking to send with a new entry: only one above what it gets anyway. */
export function toSend(chosen: Marking | null, defaultNow: Marking | null | undefined): Marking | undefined {
  if (!chosen || !defaultNow) return undefined;
  return level(chosen) > level(defaultNow) ? chosen : undefined;
}

/** An event's markings by entry id, for the log to look up each entry. */
export function byEntry(entries: EntryMarking[]): Map<string, EntryMarking> {
  return new Map(entries.map((e) => [e.entry_id, e]));
}

/** Copy numbers as a register writes them: runs of three or more joined with a dash, so
 *  [1, 2, 3, 5] reads "1–3, 5" and [1, 2] reads "1, 2". Unsorted or repeated numbers are tidied. */
export function formatCopies(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** The copies accounted for, by what became of them. */
export function settledBy(issue: Pick<CopyIssue, 'settled'>): Record<CopyOutcome, number[]> {
  const out: Record<CopyOutcome, number[]> = { forstord: [], aterlamnad: [] };
  for (const s of issue.settled) out[s.outcome].push(s.copy);
  return out;
}

/** Copies left to account for across the register, for the heading. */
export function outstandingTotal(issues: readonly Pick<CopyIssue, 'outstanding'>[]): number {
  return issues.reduce((n, i) => n + i.outstanding.length, 0);
}

/** A whole number of copies the core takes (1–100), or null. */
export function copyCount(text: string, max = 100): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= max ? n : null;
}

/** Whether printing or issuing material at `m` goes into the copy register. */
export function needsCopyControl(m: Marking | null | undefined): boolean {
  return !!m && level(m) >= level(COPY_CONTROL);
}

/** A copy order (how many, for whom) from a form's text, or null while either is missing or the
 *  number is not 1–100. */
export function copyOrder(copies: string, recipients: string): { copies: number; recipients: string } | null {
  const n = copyCount(copies);
  return n !== null && recipients.trim() ? { copies: n, recipients: recipients.trim() } : null;
}

/** The marking a refused printout named: the core asks for copies and recipients at Konfidentiell
 *  and above, with the material's marking in the error. */
export function markingFromError(e: unknown): Marking | null {
  const p = (e as { params?: Record<string, string> } | null)?.params;
  const m = p?.field === 'copies' ? p.marking : undefined;
  return m && (MARKINGS as readonly string[]).includes(m) ? (m as Marking) : null;
}
