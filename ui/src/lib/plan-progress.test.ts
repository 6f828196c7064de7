import { describe, expect, it } from 'vitest';
import { progressText, sumProgress } from './plan-progress';
import { en } from './i18n/en';
import { sv } from './i18n/sv';

describe('progressText', () => {
  it('names skipped items apart from done ones', () => {
    expect(progressText({ done: 5, skipped: 2, total: 12 }, sv.planProgress, 'sv')).toBe('5 klara · 2 överhoppade · av 12');
    expect(progressText({ done: 5, skipped: 2, total: 12 }, en.planProgress, 'en')).toBe('5 done · 2 skipped · of 12');
  });
  it('is short when nothing was skipped, with the word in the form the number takes', () => {
    expect(progressText({ done: 1, skipped: 0, total: 13 }, sv.planProgress, 'sv')).toBe('1 klar av 13');
    expect(progressText({ done: 0, skipped: 1, total: 3 }, sv.planProgress, 'sv')).toBe('0 klara · 1 överhoppad · av 3');
    expect(progressText({ done: 0, skipped: 0, total: 13 }, en.planProgress, 'en')).toBe('0 done of 13');
  });
  it('never counts more than the total', () => {
    expect(progressText({ done: 9, skipped: 3, total: 10 }, en.planProgress, 'en')).toBe('9 done · 1 skipped · of 10');
  });
});

describe('sumProgress', () => {
  it('adds the plans of an event part by part', () => {
    expect(sumProgress([{ done: 1, skipped: 2, total: 5 }, { done: 3, skipped: 0, total: 4 }])).toEqual({ done: 4, skipped: 2, total: 9 });
    expect(sumProgress([])).toEqual({ done: 0, skipped: 0, total: 0 });
  });
});
