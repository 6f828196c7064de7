import { describe, expect, it } from 'vitest';
import { overdueByEvent, overdueText } from './overdue';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import type { ReminderKind } from './bindings/ReminderKind';

const r = (event_id: string, kind: ReminderKind, overdue = true) => ({ event_id, kind, overdue });

describe('overdueByEvent', () => {
  it('counts what is overdue per event and kind', () => {
    const m = overdueByEvent([r('a', 'item_due'), r('a', 'item_due'), r('a', 'task_due'), r('b', 'follow_up')]);
    expect(m.get('a')).toEqual({ items: 2, tasks: 1, followUps: 0, lessons: 0 });
    expect(m.get('b')).toEqual({ items: 0, tasks: 0, followUps: 1, lessons: 0 });
  });
  it('counts an overdue lesson as a lesson, not a follow-up', () => {
    expect(overdueByEvent([r('c', 'lesson_due'), r('c', 'lesson_due', false)]).get('c')).toEqual({ items: 0, tasks: 0, followUps: 0, lessons: 1 });
  });
  it('leaves out what is only coming up and the situation report', () => {
    const m = overdueByEvent([r('a', 'item_due', false), r('a', 'report_due'), r('b', 'task_due', false)]);
    expect(m.size).toBe(0);
  });
});

describe('overdueText', () => {
  it('names the kinds that are overdue, with the word in the form the number takes', () => {
    expect(overdueText({ items: 2, tasks: 1, followUps: 0, lessons: 0 }, sv.eventOverdue, 'sv')).toBe('Försenat: 2 åtgärdspunkter · 1 uppdrag');
    expect(overdueText({ items: 1, tasks: 0, followUps: 3, lessons: 0 }, en.eventOverdue, 'en')).toBe('Overdue: 1 plan item · 3 follow-ups');
    expect(overdueText({ items: 0, tasks: 0, followUps: 0, lessons: 2 }, sv.eventOverdue, 'sv')).toBe('Försenat: 2 erfarenheter');
  });
  it('is empty when nothing is overdue', () => {
    expect(overdueText(undefined, sv.eventOverdue, 'sv')).toBe('');
    expect(overdueText({ items: 0, tasks: 0, followUps: 0, lessons: 0 }, sv.eventOverdue, 'sv')).toBe('');
  });
});
