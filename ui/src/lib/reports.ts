// What the window shows of issued reports and printouts. The core numbers, builds, hashes and
// keeps every file; this counts what a preview holds, shapes a print request and asks for a
// file to be opened.
import { call, openFile } from './api';
import { localInputToRfc3339 } from './format';
import type { ApiError } from './bindings/ApiError';
import type { IssuedReport } from './bindings/IssuedReport';
import type { LogFormat } from './bindings/LogFormat';
import type { RecordType } from './bindings/RecordType';
import type { ReportFormat } from './bindings/ReportFormat';
import type { SituationReport } from './bindings/SituationReport';

/** The number the next lägesrapport will get, for the button's label before a preview is read:
 *  the core numbers one after the last issued (the preview and the issued report say it again). */
export function nextNumber(last: Pick<IssuedReport, 'number'> | null | undefined): number {
  return (last?.number ?? 0) + 1;
}

export type ReportSummary = {
  sectionsFilled: number;
  sectionsTotal: number;
  decisionsSince: number;
  decisionsInForce: number;
  plans: number;
  tasksOverdue: number;
  requestsPending: number;
  resourcesAttention: number;
  entries: number;
};

/** The counts the confirmation shows, read from the preview the core built. A section counts as
 *  filled when it has text: the report prints "Inte ifyllt" for the others. */
export function summarise(r: SituationReport): ReportSummary {
  return {
    sectionsFilled: r.sections.filter((s) => s.text.trim() !== '').length,
    sectionsTotal: r.sections.length,
    decisionsSince: r.decisions_since.length,
    decisionsInForce: r.decisions_in_force,
    plans: r.plans.length,
    tasksOverdue: r.tasks_overdue.length,
    requestsPending: r.requests_pending.length,
    resourcesAttention: r.resources_attention.length,
    entries: r.journal_entries,
  };
}

/** The files a report was issued with, PDF first; an older report may lack Markdown or JSON. */
export function formatsOf(r: Pick<IssuedReport, 'md_sha256' | 'json_sha256'>): ReportFormat[] {
  return ['pdf', ...(r.md_sha256 ? ['md' as const] : []), ...(r.json_sha256 ? ['json' as const] : [])];
}

export type PrintChoice = { log: RecordType; from: string; to: string; format: LogFormat };

/** The print request's own fields: an empty time is left out (the whole event on that side); a
 *  time that cannot be read goes as typed, so the core's message names it. */
export function printFields(c: PrintChoice, now: Date = new Date()): { log: RecordType; format: LogFormat; from?: string; to?: string } {
  const from = localInputToRfc3339(c.from, now);
  const to = localInputToRfc3339(c.to, now);
  return { log: c.log, format: c.format, ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** Size as people read it on a file: 1 kB and up in whole kB. */
export function fileSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 1024)} kB`;
}

/** A file the window asked for: where it is (once the core said), whether the desktop showed it,
 *  and what went wrong. The path stays on screen after a failed open, so the file can be found. */
export type FileState = { path: string | null; opened: boolean; error: ApiError | null };

export const NO_FILE: FileState = { path: null, opened: false, error: null };

/** Finds a file through the core (a report's file is checked against its SHA-256 first), then
 *  has the desktop open it. Either step's error is kept, with the path if it was found. */
export async function locateAndOpen(locate: () => Promise<string>, open: (path: string) => Promise<void>): Promise<FileState> {
  let path: string;
  try {
    path = await locate();
  } catch (e) {
    return { path: null, opened: false, error: e as ApiError };
  }
  try {
    await open(path);
    return { path, opened: true, error: null };
  } catch (e) {
    return { path, opened: false, error: e as ApiError };
  }
}

/** Opens the file of an issued report; the core gives it only while it still has the hash it
 *  was issued with. */
export function openReport(id: string, format: ReportFormat): Promise<FileState> {
  return locateAndOpen(() => call({ command: 'report_file', args: { report_id: id, format } }), openFile);
}
