import { describe, expect, it } from 'vitest';
import { reminderSubject, reminderText } from './reminder-text';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import type { ReminderKind } from './bindings/ReminderKind';

describe('reminderText', () => {
  it('says a decision follow-up in English without the Swedish prefix', () => {
    const r = { kind: 'follow_up' as const, title: 'Följ upp beslut: Reservkraft till akuten' };
    expect(reminderSubject(r)).toBe('Reservkraft till akuten');
    expect(reminderText(r, en.reminderKinds)).toBe('Follow up decision: Reservkraft till akuten');
    expect(reminderText(r, sv.reminderKinds)).toBe('Följ upp beslut: Reservkraft till akuten');
  });
  it('says a task deadline and a report due in English', () => {
    expect(reminderText({ kind: 'task_due', title: 'Uppdrag klart senast: Elverk' }, en.reminderKinds)).toBe('Task due: Elverk');
    expect(reminderText({ kind: 'report_due', title: 'Lägesrapport ska lämnas' }, en.reminderKinds)).toBe('Situation report due');
  });
  it('takes the subject the core sends over the one read out of the title', () => {
    const r = { kind: 'follow_up' as const, title: 'Följ upp beslut: Elverk: Karlskrona', subject: 'Elverk: Karlskrona' };
    expect(reminderText(r, en.reminderKinds)).toBe('Follow up decision: Elverk: Karlskrona');
    expect(reminderSubject({ kind: 'report_due', title: 'Lägesrapport ska lämnas', subject: '' })).toBe('');
  });
  it('keeps a title that lacks the known prefix whole, and the core title for an unknown kind', () => {
    expect(reminderSubject({ kind: 'task_due', title: 'Elverk' })).toBe('Elverk');
    expect(reminderText({ kind: 'new_kind' as ReminderKind, title: 'Ny sorts påminnelse' }, en.reminderKinds)).toBe('Ny sorts påminnelse');
  });
});
