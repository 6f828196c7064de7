import { describe, expect, it } from 'vitest';
import { clampZoom, windowKey, ZOOM_MAX, ZOOM_MIN, zoomStep } from './zoom';

const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; code: string }> = {}) => ({
  key, code: '', ctrlKey: true, metaKey: false, altKey: false, ...mods,
});

describe('clampZoom', () => {
  it('keeps a zoom within the steps', () => {
    expect(clampZoom(1.25)).toBe(1.25);
    expect(clampZoom(9)).toBe(ZOOM_MAX);
    expect(clampZoom(0.1)).toBe(ZOOM_MIN);
  });
  it('reads what localStorage gives back, and falls back to 1 for anything else', () => {
    expect(clampZoom('1.5')).toBe(1.5);
    expect(clampZoom(null)).toBe(1);
    expect(clampZoom('abc')).toBe(1);
    expect(clampZoom(Number.NaN)).toBe(1);
    expect(clampZoom(-2)).toBe(1);
    expect(clampZoom(Infinity)).toBe(1);
  });
});

describe('zoomStep', () => {
  it('moves one step and stops at the ends', () => {
    expect(zoomStep(1, 1)).toBe(1.1);
    expect(zoomStep(1, -1)).toBe(0.9);
    expect(zoomStep(ZOOM_MAX, 1)).toBe(ZOOM_MAX);
    expect(zoomStep(ZOOM_MIN, -1)).toBe(ZOOM_MIN);
  });
  it('from between two steps goes to the next one in that direction', () => {
    expect(zoomStep(1.3, 1)).toBe(1.5);
    expect(zoomStep(1.3, -1)).toBe(1.25);
  });
});

describe('windowKey', () => {
  it('reads Ctrl+K and the zoom keys', () => {
    expect(windowKey(key('k'))).toBe('palette');
    expect(windowKey(key('K'))).toBe('palette');
    expect(windowKey(key('+'))).toBe('zoom-in');
    expect(windowKey(key('='))).toBe('zoom-in');
    expect(windowKey(key('-'))).toBe('zoom-out');
    expect(windowKey(key('0'))).toBe('zoom-reset');
    expect(windowKey(key('+', { code: 'NumpadAdd' }))).toBe('zoom-in');
  });
  it('reads Ctrl+P as printing, in either case', () => {
    expect(windowKey(key('p'))).toBe('print');
    expect(windowKey(key('P'))).toBe('print');
    expect(windowKey(key('p', { ctrlKey: false }))).toBeNull();
    expect(windowKey(key('p', { altKey: true }))).toBeNull();
  });
  it('reads Ctrl+L as locking, in either case', () => {
    expect(windowKey(key('l'))).toBe('lock');
    expect(windowKey(key('L'))).toBe('lock');
    expect(windowKey(key('l', { ctrlKey: false }))).toBeNull();
    expect(windowKey(key('l', { altKey: true }))).toBeNull();
  });
  it('leaves keys without Ctrl, and with Alt, to the page', () => {
    expect(windowKey(key('k', { ctrlKey: false }))).toBeNull();
    expect(windowKey(key('+', { altKey: true }))).toBeNull();
    expect(windowKey(key('s'))).toBeNull();
  });
});
