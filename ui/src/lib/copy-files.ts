// Where the numbered copies of a printout or an issued report are. A printout says so itself
// (PrintedFile.copies). An issued report's copies are a line of the copy register; the core gives
// each copy's checked file with `copy_file`.
import type { CopyIssue } from './bindings/CopyIssue';
import type { IssuedReport } from './bindings/IssuedReport';

/** The copy register's line for an issued report: the one recorded with it (same event, the
 *  report's title as its document). The newest, should two ever share a title. */
export function registerLineOf(
  register: readonly CopyIssue[],
  report: Pick<IssuedReport, 'event_id' | 'title'>,
): CopyIssue | null {
  return register
    .filter((i) => i.event_id === report.event_id && i.document === report.title && i.copy_sha256.length > 0)
    .reduce<CopyIssue | null>((best, i) => (!best || i.number > best.number ? i : best), null);
}
