import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import {
  byLesson, deviationInput, DEVIATION_CATEGORIES, emptyDeviation, emptyLesson, lessonInput, LESSON_KINDS, matchLesson,
  openCounts, proposalState,
} from './efter';
import type { RevisionProposal } from './bindings/RevisionProposal';

const now = new Date(2026, 10, 25, 12, 0);

describe('deviationInput', () => {
  it('leaves blank optional fields out and sends a typed time as RFC 3339', () => {
    const f = { ...emptyDeviation(), title: 'Elverket startade sent', text: 'Startbatteriet urladdat', category: 'teknik' as const, occurredAt: '03:30' };
    const d = deviationInput('ev1', f, now);
    expect(d).toMatchObject({ event_id: 'ev1', title: 'Elverket startade sent', category: 'teknik' });
    expect(d.consequence).toBeUndefined();
    expect(d.action).toBeUndefined();
    expect(d.occurred_at).toMatch(/^2026-11-25T03:30:00[+-]\d\d:\d\d$/);
  });
  it('an empty time is not given (now, says the core)', () => {
    expect(deviationInput('ev1', emptyDeviation(), now).occurred_at).toBeUndefined();
  });
});

describe('lessonInput', () => {
  it('sends owner and due as typed, blank too, so the core names what is missing', () => {
    const l = lessonInput('ev1', emptyLesson(), now);
    expect(l.owner).toBe('');
    expect(l.due).toBe('');
    expect(l.kind).toBe('forbattra');
    expect(l.deviation_id).toBeUndefined();
  });
  it('carries the deviation it came from and a time the core can read', () => {
    const l = lessonInput('ev1', { ...emptyLesson('dev1'), text: 'Provstarta elverken', owner: 'Maria Berg', due: '2027-01-31 16:00' }, now);
    expect(l.deviation_id).toBe('dev1');
    expect(l.due).toMatch(/^2027-01-31T16:00:00[+-]\d\d:\d\d$/);
  });
  it('a time it cannot read goes as typed, for the core to refuse in its words', () => {
    expect(lessonInput('ev1', { ...emptyLesson(), due: 'i morgon' }, now).due).toBe('i morgon');
  });
});

const proposal = (id: string, lesson: string, open: boolean, closed: number | null = null): RevisionProposal => ({
  id, event_id: 'ev', event_title: 'Elavbrott', lesson_id: lesson, lesson_text: '', plan_id: 'elavbrott', plan_title: 'Elavbrott',
  plan_version: 1, text: '', proposed_at: '', proposed_by: '', proposed_role: '', open, closed_by_version: closed,
});

describe('proposals', () => {
  it('groups by lesson, keeping the core order', () => {
    const g = byLesson([proposal('a', 'l1', true), proposal('b', 'l2', true), proposal('c', 'l1', false, 2)]);
    expect(g.get('l1')?.map((p) => p.id)).toEqual(['a', 'c']);
    expect(g.get('l2')?.map((p) => p.id)).toEqual(['b']);
    expect(g.get('l3')).toBeUndefined();
  });
  it('reads open, or closed by the version the core names', () => {
    const w = { open: sv.efter.proposalOpen, closedBy: sv.efter.proposalClosedBy };
    expect(proposalState(proposal('a', 'l', true), w)).toBe('öppen');
    expect(proposalState(proposal('a', 'l', false, 3), w)).toBe('stängd av version 3');
    expect(proposalState(proposal('a', 'l', false, 3), { open: en.efter.proposalOpen, closedBy: en.efter.proposalClosedBy })).toBe('closed by version 3');
  });
});

describe('openCounts', () => {
  it('counts open lessons and the ones the core marked overdue among them', () => {
    const closed = { at: '', by: '', role: '', note: '' };
    expect(openCounts([{ closed: null, overdue: true }, { closed: null, overdue: false }, { closed, overdue: false }])).toEqual({ open: 2, overdue: 1 });
    expect(openCounts([])).toEqual({ open: 0, overdue: 0 });
  });
});

describe('matchLesson', () => {
  const l = { owner: 'Maria Berg', text: 'Provstarta elverken varje månad', event_title: 'Elavbrott Karlskrona' };
  it('finds by the start of any word of owner, lesson or event, å ä ö folded', () => {
    expect(matchLesson('mar', l)).toBe(true);
    expect(matchLesson('berg elv', l)).toBe(true);
    expect(matchLesson('manad', l)).toBe(true);
    expect(matchLesson('karlskr', l)).toBe(true);
    expect(matchLesson('anna', l)).toBe(false);
    expect(matchLesson('', l)).toBe(true);
  });
});

describe('labels', () => {
  it('every category and kind has a name in both languages', () => {
    for (const s of [sv, en]) {
      for (const c of DEVIATION_CATEGORIES) expect(s.efter.categories[c]).toBeTruthy();
      for (const k of LESSON_KINDS) expect(s.efter.kinds[k]).toBeTruthy();
    }
    expect(sv.efter.kinds.bra).toBe('Gick bra');
    expect(sv.efter.kinds.forbattra).toBe('Behöver förbättras');
  });
});
