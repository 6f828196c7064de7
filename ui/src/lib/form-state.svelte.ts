// What every form that sends one call does the same way, so a field is marked alike everywhere:
// blank required fields are named only after a first try to save, and clear as they are filled
// in; an error the core ties to a field is shown at that field, and the cursor goes to the first
// marked one. A form asking for nothing (a confirmation) gets just the busy and error handling.
import { tick } from 'svelte';
import { i18n, t } from './i18n/index.svelte';
import { errorText } from './i18n/errors';
import { session } from './session.svelte';
import { blankFields, errorField } from './validate';
import type { Actor } from './bindings/Actor';
import type { ApiError } from './bindings/ApiError';

/** `K`: the form's fields; `R`: those that must not be left blank. */
export type FormSpec<K extends string, R extends K> = {
  /** The values as typed now. */
  values: () => Record<R, string>;
  required: readonly R[];
  /** What the marks and the missing-fields line call each required field. */
  labels: () => Record<R, string>;
  /** The core's names for the fields, as its errors give them. */
  core?: Partial<Record<string, K>>;
  /** For an error that names its field some other way than by name (an id, say); null leaves
   *  it to `core`. */
  fieldOf?: (e: ApiError) => K | null;
  /** Makes a field visible before it takes the cursor (one behind a closed "More…"). */
  reveal?: (k: K) => void;
};

export type FormState<K extends string> = {
  readonly busy: boolean;
  /** The error for the form-wide line: one about a field is shown at the field instead. */
  readonly error: ApiError | null;
  /** The line naming every blank required field, or ''. */
  readonly summary: string;
  /** What to say at field `k`: that it must be filled in, or the core's error about it, or ''. */
  problem(k: K): string;
  /** Checks, sends with `save` and hands what it answered to `saved`; marks what was refused. */
  submit<T>(e: SubmitEvent, save: (actor: Actor) => Promise<T>, saved: (result: T) => void | Promise<void>): Promise<void>;
};

/** A form with fields to check and mark, or, without a spec, one that only sends (a confirmation). */
export function formState(): FormState<never>;
export function formState<K extends string, R extends K>(spec: FormSpec<K, R>): FormState<K>;
export function formState(spec: FormSpec<string, string> = { values: () => ({}), required: [], labels: () => ({}) }): FormState<string> {
  let checked = $state(false);
  let raw = $state<ApiError | null>(null);
  let busy = $state(false);

  const blank = $derived(checked ? blankFields(spec.values(), spec.required) : []);
  const errorKey = $derived(raw ? (spec.fieldOf?.(raw) ?? errorField(raw, spec.core ?? {})) : null);

  async function focusMarked(form: HTMLFormElement, k: string) {
    spec.reveal?.(k);
    await tick();
    form.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }

  return {
    get busy() {
      return busy;
    },
    get error() {
      return errorKey ? null : raw;
    },
    get summary() {
      if (!blank.length) return '';
      const labels = spec.labels();
      return `${t().missingFields} ${blank.map((k) => labels[k]).join(', ')}.`;
    },
    problem(k) {
      if (blank.includes(k)) return t().requiredField.replace('{field}', spec.labels()[k]);
      return errorKey === k && raw ? errorText(raw, i18n.lang) : '';
    },
    async submit(e, save, saved) {
      e.preventDefault();
      // Gone once the event has been handled, which is before the first await.
      const form = e.currentTarget as HTMLFormElement;
      const actor = session.operator;
      if (!actor || busy) return;
      raw = null;
      checked = true;
      if (blank.length) return focusMarked(form, blank[0]);
      busy = true;
      try {
        const result = await save(actor);
        checked = false;
        await saved(result);
      } catch (err) {
        raw = err as ApiError;
        if (errorKey) await focusMarked(form, errorKey);
      } finally {
        busy = false;
      }
    },
  };
}
