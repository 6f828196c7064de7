// The same keys in every form, so staff on a shared keyboard need not learn each screen:
// Ctrl+Enter saves (also from a multi-line field, where Enter is a new line), Esc cancels where
// the form has a cancel, and the form opens with the cursor where typing starts.
import type { Action } from 'svelte/action';

export type FormKeys = {
  /** What Esc does; without it Esc does nothing, so a half-written entry is never thrown away. */
  oncancel?: () => void;
  /** False for forms that sit on a page rather than open on request: they leave focus alone. */
  focus?: boolean;
};

type Key = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing'>;

/** What a key press asks of a form. An input method composing a word keeps its keys. */
export function keyIntent(e: Key, canCancel: boolean): 'submit' | 'cancel' | null {
  if (e.isComposing) return null;
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) return 'submit';
  if (e.key === 'Escape' && canCancel && !e.ctrlKey && !e.metaKey && !e.altKey) return 'cancel';
  return null;
}

const FIELDS = 'input:not([type=hidden]):not([type=file]):not([disabled]), textarea:not([disabled]), select:not([disabled])';

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function isEmpty(el: Control): boolean {
  if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
    return !el.form?.querySelector(`input[name="${CSS.escape(el.name)}"]:checked`);
  }
  return el.value.trim() === '';
}

/** The first field still to fill in (a correction's text is there already, its reason is not),
 *  or the first field. Fields behind a closed "More…" are not shown and are skipped. */
export function focusFirstField(form: HTMLElement): void {
  const shown = [...form.querySelectorAll<Control>(FIELDS)].filter((el) => el.getClientRects().length > 0);
  (shown.find(isEmpty) ?? shown[0])?.focus();
}

/** Submits as the form's own submit button would, and not when that button is disabled (busy). */
function submit(form: HTMLFormElement): void {
  const button = form.querySelector<HTMLButtonElement>('button[type=submit], button:not([type])');
  if (button?.disabled) return;
  if (typeof form.requestSubmit === 'function') form.requestSubmit(button ?? undefined);
  else button?.click();
}

export const formKeys: Action<HTMLFormElement, FormKeys | undefined> = (form, initial) => {
  let options = initial ?? {};
  const onkeydown = (e: KeyboardEvent) => {
    const intent = keyIntent(e, !!options.oncancel);
    if (!intent) return;
    e.preventDefault();
    // One form's Esc must not also close the dialog or panel around it.
    e.stopPropagation();
    if (intent === 'submit') submit(form);
    else options.oncancel?.();
  };
  form.addEventListener('keydown', onkeydown);
  if (options.focus !== false) focusFirstField(form);
  return {
    update(next) {
      options = next ?? {};
    },
    destroy() {
      form.removeEventListener('keydown', onkeydown);
    },
  };
};
