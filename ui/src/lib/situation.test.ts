import { describe, expect, it } from 'vitest';
import { fill, passed, planBar, SECTIONS, share } from './situation';
import { en } from './i18n/en';
import { sv } from './i18n/sv';

describe('planBar', () => {
  it('shows done and skipped apart, never a skipped item as done', () => {
    expect(planBar({ done: 3, skipped: 2, total: 10 })).toEqual({ done: 3, skipped: 2, open: 5, total: 10 });
    expect(planBar({ done: 0, skipped: 2, total: 4 })).toEqual({ done: 0, skipped: 2, open: 2, total: 4 });
  });
  it('stays within the total with odd numbers', () => {
    expect(planBar({ done: 0, skipped: 0, total: 0 })).toEqual({ done: 0, skipped: 0, open: 0, total: 0 });
    expect(planBar({ done: 9, skipped: 3, total: 10 })).toEqual({ done: 9, skipped: 1, open: 0, total: 10 });
  });
});

describe('share', () => {
  it('is a percent with one decimal and 0 for an empty plan', () => {
    expect(share(1, 3)).toBe(33.3);
    expect(share(0, 0)).toBe(0);
  });
});

describe('passed', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it('is true once the time has come', () => {
    expect(passed('2026-12-01T11:59:00Z', now)).toBe(true);
    expect(passed('2026-12-01T12:00:00Z', now)).toBe(true);
    expect(passed('2026-12-01T13:00:00+01:00', now)).toBe(true);
    expect(passed('2026-12-01T12:01:00Z', now)).toBe(false);
  });
  it('is false for no time or one that cannot be read', () => {
    expect(passed(null, now)).toBe(false);
    expect(passed('', now)).toBe(false);
    expect(passed('soon', now)).toBe(false);
  });
});

describe('fill', () => {
  it('fills the names it has and leaves the rest', () => {
    expect(fill('v{version} av {author} {x}', { version: 3, author: 'Anna' })).toBe('v3 av Anna {x}');
  });
  it('the conflict and overdue lines name what the window fills in', () => {
    for (const s of [sv, en]) {
      expect(s.situation.conflict).toContain('{version}');
      expect(s.situation.conflict).toContain('{author}');
      expect(fill(s.situation.overdueCounts, { items: 1, tasks: 2, followUps: 3 })).not.toMatch(/\{/);
    }
  });
});

describe('sections', () => {
  it('every section has a title in both languages, in the order the core sends', () => {
    expect(SECTIONS).toHaveLength(6);
    for (const s of SECTIONS) {
      expect(sv.situation.sections[s]).toBeTruthy();
      expect(en.situation.sections[s]).toBeTruthy();
    }
    expect(sv.situation.sections.atgarder).toBe('Vidtagna och planerade åtgärder');
    expect(en.situation.sections.bedomning).toBe('Assessment and outlook');
  });
});
