// Where the numbered copies of a printout or an issued report are. A printout says so itself
// (PrintedFile.copies). An issued report's copies are lines of the copy register: the core keeps
// each copy's file beside the report's own, under its SHA-256, so the folder of the report's PDF
// and the register's hashes give the paths the desktop may open.
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

/** Each numbered copy's file, copy 1 first: `<sha>.<ext>` in the folder of `sibling`, a file the
 *  core keeps in the same folder (the report's own PDF). The separator is the one `sibling` uses. */
export function copyPaths(sibling: string, shas: readonly string[], ext = 'pdf'): string[] {
  const cut = Math.max(sibling.lastIndexOf('/'), sibling.lastIndexOf('\\'));
  if (cut < 0) return shas.map((sha) => `${sha}.${ext}`);
  const dir = sibling.slice(0, cut + 1);
  return shas.map((sha) => `${dir}${sha}.${ext}`);
}
