// What the lock screen may show of the readiness mode: its colours and marking, as the mode
// banner shows them, read back from what the unlocked window remembered. Nothing else.
import type { ModeId } from './bindings/ModeId';

export type ModeLook = { id: ModeId; colour: string; text_colour: string; classification: string };

const MODES: readonly string[] = ['fred', 'skarpt', 'hogsta', 'krig'] satisfies ModeId[];
const COLOUR = /^#[0-9a-f]{3,8}$/i;

function isLook(x: unknown): x is ModeLook {
  if (!x || typeof x !== 'object') return false;
  const l = x as Record<string, unknown>;
  return (
    typeof l.id === 'string' &&
    MODES.includes(l.id) &&
    typeof l.colour === 'string' &&
    COLOUR.test(l.colour) &&
    typeof l.text_colour === 'string' &&
    COLOUR.test(l.text_colour) &&
    typeof l.classification === 'string'
  );
}

/** The look of mode `id` among `remembered` (as stored: anything), or null when the mode is not
 *  known (the window started locked) or what was stored is not a look. */
export function lockLook(id: ModeId | null, remembered: unknown): ModeLook | null {
  if (!id || !Array.isArray(remembered)) return null;
  const look = remembered.find((l) => isLook(l) && l.id === id);
  return look ? (look as ModeLook) : null;
}
