// What the forms check before sending, only so that every blank required field is named at once;
// the core checks everything again and is the authority (it also refuses text made only of
// invisible characters, which this does not try to copy).
import type { ApiError } from './bindings/ApiError';

/** The required fields left blank, in the order given (the form's order). */
export function blankFields<K extends string>(values: Record<K, string>, required: readonly K[]): K[] {
  return required.filter((k) => values[k].trim() === '');
}

/** Names the core uses for the time fields' own errors, which carry no `field` param. */
export const TIME = 'Tidpunkt';
export const LATE_REASON = 'Orsak till sen registrering';

/** The form field a core error is about, from the Swedish field name the core puts in its params
 *  (`names` maps those names to the form's keys), so that field can be marked too. */
export function errorField<K extends string>(e: ApiError | null, names: Partial<Record<string, K>>): K | null {
  const p = e?.params;
  if (!p) return null;
  if (p.field) return names[p.field] ?? null;
  if ('late_minutes' in p) return names[LATE_REASON] ?? null;
  if ('occurred_at' in p) return names[TIME] ?? null;
  return null;
}
