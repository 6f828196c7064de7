import { describe, expect, it } from 'vitest';
import { arrivals, diaryPrefill, exerciseEvent, jumpTargets, keysOf, mergeToast, packagePath, titleIn, windowTitle } from './exercise';
import type { DeliveredInject } from './bindings/DeliveredInject';
import type { KrisEvent } from './bindings/KrisEvent';
import type { MselRow } from './bindings/MselRow';

const inject = (key: string): DeliveredInject => ({
  entry_seq: Number(key) || 99, key, seq: Number(key) || null, contingency: Number(key) ? null : key,
  scheduled: 'T+00:15', at: 'T+00:15', at_s: 900, wall: '2026-12-02T05:28:41Z', channel: 'telefon',
  from: 'Elnätsbolaget, driftledare', to: 'TiB', text: 'Matningen kommer inte tillbaka i dag.', fired_by: 'Övningsklockan',
});

describe('arrivals', () => {
  it('is nothing on the first read: what was there did not just arrive', () => {
    expect(arrivals(null, [inject('2'), inject('1')])).toEqual([]);
  });
  it('names the injects not seen before, newest first', () => {
    expect(arrivals(new Set(['1']), [inject('K1'), inject('2'), inject('1')]).map((d) => d.key)).toEqual(['K1', '2']);
    expect(arrivals(new Set(['1', '2']), [inject('2'), inject('1')])).toEqual([]);
    expect(arrivals(keysOf([inject('1')]), [inject('2'), inject('1')]).map((d) => d.key)).toEqual(['2']);
  });
});

describe('mergeToast', () => {
  it('puts the new first, keeps each once and at most four', () => {
    const shown = [inject('2'), inject('1')];
    expect(mergeToast(shown, [inject('3'), inject('2')]).map((d) => d.key)).toEqual(['3', '2', '1']);
    expect(mergeToast([], ['6', '5', '4', '3', '2'].map(inject)).map((d) => d.key)).toEqual(['6', '5', '4', '3']);
  });
});

describe('diaryPrefill', () => {
  it('carries channel, sender, addressee and text, and nothing control wrote', () => {
    expect(diaryPrefill(inject('2'))).toEqual({ text: 'Matningen kommer inte tillbaka i dag.', channel: 'telefon', from: 'Elnätsbolaget, driftledare', to: 'TiB' });
  });
});

describe('exerciseEvent', () => {
  const ev = (id: string, opened_at: string, status: 'open' | 'closed'): KrisEvent => ({
    id, title: id, event_type: 'Elavbrott', status, opened_at, opened_by: 'x', opened_role: 'y', closed_at: null, closed_by: null,
    closing_text: null, decisions: 0, diary_entries: 0,
  });
  it('is the first opened that is still open', () => {
    const events = [ev('later', '2026-12-02T06:10:00Z', 'open'), ev('storm', '2026-12-02T05:00:00Z', 'open')];
    expect(exerciseEvent(events)?.id).toBe('storm');
    expect(exerciseEvent([ev('storm', '2026-12-02T05:00:00Z', 'closed'), ev('later', '2026-12-02T06:10:00Z', 'open')])?.id).toBe('later');
  });
  it('is the last opened when all are closed, and none without events', () => {
    expect(exerciseEvent([ev('a', '2026-12-02T05:00:00Z', 'closed'), ev('b', '2026-12-02T06:00:00Z', 'closed')])?.id).toBe('b');
    expect(exerciseEvent([])).toBeNull();
  });
});

describe('jumpTargets', () => {
  it('offers only the injects that have not come', () => {
    const row = (seq: number, delivered: boolean) => ({ seq, delivered: delivered ? inject(String(seq)) : null }) as MselRow;
    expect(jumpTargets([row(1, true), row(2, false), row(3, false)]).map((m) => m.seq)).toEqual([2, 3]);
  });
});

describe('windowTitle', () => {
  it('says ÖVNING and the exercise first in an exercise, the mode otherwise', () => {
    expect(windowTitle({ exercise: 'Storm och långvarigt elavbrott', flag: 'ÖVNING', mode: 'Fred' })).toBe('ÖVNING – Storm och långvarigt elavbrott – Krisledning');
    expect(windowTitle({ exercise: null, flag: 'ÖVNING', mode: 'Fred' })).toBe('Krisledning — Fred');
    expect(windowTitle({ exercise: null, flag: 'ÖVNING', mode: null })).toBe('Krisledning');
  });
});

describe('packagePath', () => {
  it('names the package after the scenario and the local time, in the exercises folder', () => {
    const now = new Date(2026, 11, 2, 9, 5);
    expect(packagePath('/home/tib/.local/share/krisledning/ovningar', 'storm-elavbrott', now)).toBe(
      '/home/tib/.local/share/krisledning/ovningar/storm-elavbrott-20261202-0905.kovn',
    );
    expect(packagePath('/data/ovningar/', 'storm', now)).toBe('/data/ovningar/storm-20261202-0905.kovn');
    expect(packagePath('C:\\Kris\\ovningar', 'storm', now)).toBe('C:\\Kris\\ovningar\\storm-20261202-0905.kovn');
  });
});

describe('titleIn', () => {
  it('uses the English title in English when there is one', () => {
    const x = { title: 'Storm och långvarigt elavbrott', title_en: 'Storm and prolonged power outage' };
    expect(titleIn(x, 'en')).toBe('Storm and prolonged power outage');
    expect(titleIn(x, 'sv')).toBe('Storm och långvarigt elavbrott');
    expect(titleIn({ title: 'Egen övning', title_en: null }, 'en')).toBe('Egen övning');
  });
});
