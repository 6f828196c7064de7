// Who is at the keyboard on this laptop. Remembered between starts so a TiB on a long shift is not
// asked again; every entry still carries the name and role sent with it.
import { call } from './api';
import type { Actor } from './bindings/Actor';

function load(): Actor | null {
  try {
    const raw = localStorage.getItem('operator');
    const a = raw ? (JSON.parse(raw) as Actor) : null;
    return a && a.name && a.role ? a : null;
  } catch {
    return null;
  }
}

export const session = $state<{ operator: Actor | null }>({ operator: load() });

/** Switching user is logged in the journal, so the record shows who was at the keyboard when. */
export async function setOperator(a: Actor | null): Promise<void> {
  if (a) await call({ command: 'switch_operator', args: { actor: a } });
  session.operator = a;
  try {
    if (a) localStorage.setItem('operator', JSON.stringify(a));
    else localStorage.removeItem('operator');
  } catch {
    // No storage: the operator is kept for this session only.
  }
}
