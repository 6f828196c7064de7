import { beforeEach, describe, expect, it } from 'vitest';
import { closeEvent, currentEvent, go, nav, openEvent, openSituation, takeArrival } from './nav.svelte';

describe('nav', () => {
  beforeEach(() => go('events'));

  it('hands an arrival to the screen that asks for its kind, once', () => {
    openEvent('ev1', { entry: 'rec1' });
    expect(takeArrival('form')).toBeNull();
    expect(nav.arrival).toEqual({ entry: 'rec1' });
    expect(takeArrival('entry')).toBe('rec1');
    expect(takeArrival('entry')).toBeNull();
  });

  it('knows the event being worked in, from the event view or its lägesbild', () => {
    expect(currentEvent()).toBeNull();
    openEvent('ev1');
    expect(currentEvent()).toBe('ev1');
    openSituation('ev2');
    expect(currentEvent()).toBe('ev2');
    openSituation(null);
    expect(currentEvent()).toBeNull();
    go('timeline');
    expect(currentEvent()).toBeNull();
  });

  it('the events view starts on the list; leaving an event drops what it was to show', () => {
    openEvent('ev1', { pane: 'timeline' });
    closeEvent();
    expect(nav.eventId).toBeNull();
    expect(nav.arrival).toBeNull();
    openEvent('ev1');
    go('events', { form: 'event' });
    expect(nav.eventId).toBeNull();
    expect(takeArrival('form')).toBe('event');
  });
});
