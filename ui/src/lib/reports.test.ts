import { describe, expect, it, vi } from 'vitest';
import { fileSize, formatsOf, locateAndOpen, nextNumber, openReport, printFields, summarise } from './reports';
import type { SituationReport } from './bindings/SituationReport';

const invoke = vi.hoisted(() => vi.fn());
vi.mock('@tauri-apps/api/core', () => ({ invoke }));

const section = (text: string) => ({ section: 's', title: 'S', text, version: text ? 1 : 0, updated_at: null, author: null, next_update_at: null });

const preview = (over: Partial<SituationReport> = {}): SituationReport => ({
  schema: 'krisledning.lagesrapport/1', organisation: 'Region Blekinge', exercise: false, marking: 'INTERN', number: 3,
  issued_at: '2026-11-24T05:05:00Z', issued_by: 'Anna Lindqvist', issued_role: 'TiB',
  event: { id: 'e1', title: 'Storm', event_type: 'Elavbrott', opened_at: '2026-11-24T03:40:00Z', status: 'open' },
  mode: 'Fred', leading_body: 'Krisledningsnämnden', since: '2026-11-24T04:00:00Z',
  sections: [section('Två vårdcentraler på reservkraft.'), section(''), section('   '), section('Stab etablerad.'), section(''), section('')],
  decisions_since: [
    { id: 'd1', occurred_at: '2026-11-24T04:10:00Z', title: 'A', text: 'a', decided_by: 'Erik', status: 'gallande' },
    { id: 'd2', occurred_at: '2026-11-24T04:20:00Z', title: 'B', text: 'b', decided_by: 'Erik', status: 'ersatt' },
  ],
  decisions_in_force: 5, plans: [], tasks_open: 2,
  tasks_overdue: [{ title: 'Bränsle', owner: 'Logistik', due: '2026-11-24T04:35:00Z' }],
  requests_pending: [], resources_attention: [], next_report_due: null, journal_entries: 42, journal_head: 'ab', checkpoint: '',
  ...over,
});

describe('nextNumber', () => {
  it('is one after the last report, and 1 when none is issued', () => {
    expect(nextNumber(null)).toBe(1);
    expect(nextNumber(undefined)).toBe(1);
    expect(nextNumber({ number: 2 })).toBe(3);
  });
});

describe('summarise', () => {
  it('counts what the preview holds; a section of spaces is not filled', () => {
    expect(summarise(preview())).toEqual({
      sectionsFilled: 2, sectionsTotal: 6, decisionsSince: 2, decisionsInForce: 5, plans: 0,
      tasksOverdue: 1, requestsPending: 0, resourcesAttention: 0, entries: 42,
    });
  });
  it('says nothing is filled in an empty picture', () => {
    const s = summarise(preview({ sections: [section(''), section('')], decisions_since: [] }));
    expect([s.sectionsFilled, s.sectionsTotal, s.decisionsSince]).toEqual([0, 2, 0]);
  });
});

describe('formatsOf', () => {
  it('offers the PDF always and the other files only when the report was issued with them', () => {
    expect(formatsOf({ md_sha256: 'a', json_sha256: 'b' })).toEqual(['pdf', 'md', 'json']);
    expect(formatsOf({ md_sha256: null, json_sha256: null })).toEqual(['pdf']);
  });
});

describe('printFields', () => {
  const now = new Date(2026, 10, 24, 9, 0);
  it('leaves an empty period out: the whole event', () => {
    expect(printFields({ log: 'decision', from: '', to: '  ', format: 'pdf' }, now)).toEqual({ log: 'decision', format: 'pdf' });
  });
  it('sends a typed time as RFC 3339 with the local offset, one side alone too', () => {
    const f = printFields({ log: 'diary', from: '2026-11-24 03:40', to: '', format: 'csv' }, now);
    expect(f.log).toBe('diary');
    expect(f.format).toBe('csv');
    expect(f.from).toMatch(/^2026-11-24T03:40:00[+-]\d\d:\d\d$/);
    expect('to' in f).toBe(false);
    expect(printFields({ log: 'diary', from: '', to: '05:40', format: 'csv' }, now).to).toMatch(/^2026-11-24T05:40:00/);
  });
  it('sends what cannot be read as typed, for the core to name', () => {
    expect(printFields({ log: 'decision', from: 'igår', to: '', format: 'pdf' }, now).from).toBe('igår');
  });
});

describe('fileSize', () => {
  it('gives bytes under a kB and whole kB above', () => {
    expect(fileSize(800)).toBe('800 B');
    expect(fileSize(43_520)).toBe('43 kB');
  });
});

describe('locateAndOpen', () => {
  it('keeps the path when the desktop opened the file', async () => {
    const open = vi.fn().mockResolvedValue(undefined);
    expect(await locateAndOpen(async () => '/r/a.pdf', open)).toEqual({ path: '/r/a.pdf', opened: true, error: null });
    expect(open).toHaveBeenCalledWith('/r/a.pdf');
  });
  it('keeps the path beside the error when there is no viewer, so the file can be found', async () => {
    const err = { code: 'storage', message: 'Det finns inget program för att visa /r/a.pdf', params: { path: '/r/a.pdf' } };
    const file = await locateAndOpen(async () => '/r/a.pdf', () => Promise.reject(err));
    expect(file).toEqual({ path: '/r/a.pdf', opened: false, error: err });
  });
  it('opens nothing when the core refuses the file (changed since it was issued)', async () => {
    const err = { code: 'chain_broken', message: 'Filen till … har ändrats', params: {} };
    const open = vi.fn();
    expect(await locateAndOpen(() => Promise.reject(err), open)).toEqual({ path: null, opened: false, error: err });
    expect(open).not.toHaveBeenCalled();
  });
});

describe('openReport', () => {
  it('asks the core for the file in that format, then the desktop to open it', async () => {
    invoke.mockImplementation(async (cmd: string) => (cmd === 'call' ? '/r/lagesrapport-3.md' : undefined));
    expect(await openReport('r3', 'md')).toEqual({ path: '/r/lagesrapport-3.md', opened: true, error: null });
    expect(invoke).toHaveBeenCalledWith('call', { request: { command: 'report_file', args: { report_id: 'r3', format: 'md' } } });
    expect(invoke).toHaveBeenCalledWith('open_file', { path: '/r/lagesrapport-3.md' });
  });
});
