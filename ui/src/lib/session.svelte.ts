// Who is at the keyboard. The store remembers it (the last logged operator switch), so a TiB on a
// long shift is not asked again after a restart, and the answer is the same whichever WebKit
// profile opens the file. Every entry still carries the name and role sent with it.
import { call } from './api';
import type { Actor } from './bindings/Actor';

/** `switching`: the switch dialog is open over the screen; the current operator stays until the
 *  new one is saved, and cancelling keeps them. */
export const session = $state<{ operator: Actor | null; loaded: boolean; switching: boolean }>({
  operator: null,
  loaded: false,
  switching: false,
});

/** Asks the store who was last at the keyboard; an unreadable store means nobody. */
export async function loadOperator(): Promise<void> {
  try {
    session.operator = await call({ command: 'current_operator' });
  } catch {
    session.operator = null;
  }
  session.loaded = true;
}

/** Switching user is logged in the journal, so the record shows who was at the keyboard when. */
export async function setOperator(a: Actor | null): Promise<void> {
  if (a) await call({ command: 'switch_operator', args: { actor: a } });
  session.operator = a;
  session.switching = false;
}

export function beginSwitch(): void {
  session.switching = true;
}

export function cancelSwitch(): void {
  session.switching = false;
}
