import { describe, expect, it } from 'vitest';
import { keyIntent } from './keys';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing', boolean>> = {}) => ({
  key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, isComposing: false, ...mods,
});

describe('keyIntent', () => {
  it('saves on Ctrl+Enter (Cmd+Enter on a Mac keyboard), not on Enter alone', () => {
    expect(keyIntent(key('Enter', { ctrlKey: true }), false)).toBe('submit');
    expect(keyIntent(key('Enter', { metaKey: true }), false)).toBe('submit');
    // Enter alone is a new line in a text area, and already submits from a one-line field.
    expect(keyIntent(key('Enter'), true)).toBeNull();
    expect(keyIntent(key('Enter', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });
  it('cancels on Esc only where the form has a cancel', () => {
    expect(keyIntent(key('Escape'), true)).toBe('cancel');
    expect(keyIntent(key('Escape'), false)).toBeNull();
  });
  it('leaves keys to an input method that is composing a word', () => {
    expect(keyIntent(key('Enter', { ctrlKey: true, isComposing: true }), true)).toBeNull();
    expect(keyIntent(key('Escape', { isComposing: true }), true)).toBeNull();
  });
});
