// Who is at the keyboard on this laptop. Remembered between starts so a TiB on a long shift is not
// asked again; every entry still carries the name and role sent with it.
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

export function setOperator(a: Actor | null): void {
  session.operator = a;
  try {
    if (a) localStorage.setItem('operator', JSON.stringify(a));
    else localStorage.removeItem('operator');
  } catch {
    // No storage: the operator is kept for this session only.
  }
}
