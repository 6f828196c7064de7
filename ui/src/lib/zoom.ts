// Zoom steps for the whole window (Ctrl + / Ctrl − / Ctrl 0): a projector across the room or a
// tired reader at 02:40 needs larger type than the 1366×768 layout was drawn for.

export const ZOOM_STEPS = [0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const;
export const ZOOM_MIN = ZOOM_STEPS[0];
export const ZOOM_MAX = ZOOM_STEPS[ZOOM_STEPS.length - 1];

/** A stored or computed zoom made safe: what is not a number is 1, the rest within the steps. */
export function clampZoom(z: unknown): number {
  const n = typeof z === 'string' ? Number(z) : z;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return 1;
  return Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, n));
}

/** The next step up or down from any zoom, also one between steps. */
export function zoomStep(z: number, dir: 1 | -1): number {
  const cur = clampZoom(z);
  const next = dir === 1 ? ZOOM_STEPS.find((s) => s > cur + 1e-9) : [...ZOOM_STEPS].reverse().find((s) => s < cur - 1e-9);
  return next ?? cur;
}

type Key = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/** What a key press asks of the window as a whole, whatever has focus. Ctrl+K opens search;
 *  Ctrl+P prints an event's log (the web page itself is never what staff mean to print); Ctrl+L
 *  locks the window (as the desktop's own screen lock is often Super+L);
 *  Ctrl with +, − or 0 zooms (`=` is + without Shift on a US keyboard; the Swedish has its own +). */
export function windowKey(e: Key): 'palette' | 'print' | 'lock' | 'zoom-in' | 'zoom-out' | 'zoom-reset' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'k') return 'palette';
  if (k === 'p') return 'print';
  if (k === 'l') return 'lock';
  if (k === '+' || k === '=' || e.code === 'NumpadAdd') return 'zoom-in';
  if (k === '-' || k === '_' || e.code === 'NumpadSubtract') return 'zoom-out';
  if (k === '0' || e.code === 'Numpad0') return 'zoom-reset';
  return null;
}
