import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formState } from './form-state.svelte';
import { i18n } from './i18n/index.svelte';
import { session } from './session.svelte';
import type { ApiError } from './bindings/ApiError';

type Key = 'title' | 'text' | 'place';

// Stands in for the <form>: the field the marks make aria-invalid is the one handed back.
function fakeForm() {
  const marked = { focus: vi.fn() };
  const el = { querySelector: (s: string) => (s === '[aria-invalid=true]' ? marked : null) };
  const event = () => ({ preventDefault: vi.fn(), currentTarget: el }) as unknown as SubmitEvent;
  return { marked, event };
}

function setup(fieldOf?: (e: ApiError) => Key | null) {
  const draft = $state({ title: '', text: '', place: '' });
  const reveal = vi.fn();
  const form = formState({
    values: () => draft,
    required: ['title', 'text'] as const,
    labels: () => ({ title: 'Rubrik', text: 'Text' }),
    core: { Rubrik: 'title', Plats: 'place' } as Record<string, Key>,
    fieldOf,
    reveal,
  });
  return { draft, reveal, form, ...fakeForm() };
}

const refused = (params?: Record<string, string>): ApiError => ({ code: 'invalid', message: 'Plats är för lång.', params });

describe('formState', () => {
  beforeEach(() => {
    i18n.lang = 'sv';
    session.operator = { name: 'Anna Lindqvist', role: 'TiB' };
  });
  afterEach(() => {
    session.operator = null;
  });

  it('marks nothing before the first try to save', () => {
    const { form } = setup();
    expect(form.problem('title')).toBe('');
    expect(form.summary).toBe('');
  });

  it('names every blank required field at once, sends nothing and puts the cursor on the first', async () => {
    const { form, event, marked, reveal } = setup();
    const save = vi.fn();
    await form.submit(event(), save, vi.fn());
    expect(save).not.toHaveBeenCalled();
    expect(form.summary).toBe('Fyll i det som saknas: Rubrik, Text.');
    expect(form.problem('title')).toBe('Rubrik måste fyllas i.');
    expect(form.problem('place')).toBe('');
    expect(reveal).toHaveBeenCalledWith('title');
    expect(marked.focus).toHaveBeenCalledOnce();
  });

  it('clears a mark as its field is filled in, without waiting for the next save', async () => {
    const { form, event, draft } = setup();
    await form.submit(event(), vi.fn(), vi.fn());
    draft.title = 'Reservkraft';
    expect(form.problem('title')).toBe('');
    expect(form.summary).toBe('Fyll i det som saknas: Text.');
  });

  it('hands the answer on and marks nothing after a save, though the form is blank again', async () => {
    const { form, event, draft } = setup();
    Object.assign(draft, { title: 'Reservkraft', text: 'Två vårdcentraler' });
    const save = vi.fn().mockResolvedValue({ id: 'd1' });
    const saved = vi.fn<(answer: unknown) => void>(() => {
      Object.assign(draft, { title: '', text: '' });
    });
    await form.submit(event(), save, saved);
    expect(save).toHaveBeenCalledWith({ name: 'Anna Lindqvist', role: 'TiB' });
    expect(saved).toHaveBeenCalledWith({ id: 'd1' });
    expect(form.summary).toBe('');
    expect(form.problem('title')).toBe('');
    expect(form.busy).toBe(false);
  });

  it('shows a refusal about a field at that field, and takes the cursor there', async () => {
    const { form, event, draft, marked, reveal } = setup();
    Object.assign(draft, { title: 'Reservkraft', text: 'Två vårdcentraler' });
    await form.submit(event(), () => Promise.reject(refused({ field: 'Plats' })), vi.fn());
    expect(form.problem('place')).toBe('Plats är för lång.');
    expect(form.error).toBeNull();
    expect(reveal).toHaveBeenCalledWith('place');
    expect(marked.focus).toHaveBeenCalledOnce();
  });

  it('finds the field of a refusal that names it some other way', async () => {
    const { form, event, draft } = setup((e) => (e.params?.place_id ? 'place' : null));
    Object.assign(draft, { title: 'Reservkraft', text: 'Två vårdcentraler' });
    await form.submit(event(), () => Promise.reject(refused({ place_id: 'p1' })), vi.fn());
    expect(form.problem('place')).toBe('Plats är för lång.');
  });

  it('leaves a refusal about no field to the form-wide line, and clears it on the next try', async () => {
    const { form, event, draft, marked } = setup();
    Object.assign(draft, { title: 'Reservkraft', text: 'Två vårdcentraler' });
    const err = refused();
    await form.submit(event(), () => Promise.reject(err), vi.fn());
    expect(form.error).toEqual(err);
    expect(form.busy).toBe(false);
    expect(marked.focus).not.toHaveBeenCalled();
    await form.submit(event(), vi.fn().mockResolvedValue(null), vi.fn());
    expect(form.error).toBeNull();
  });

  it('sends once while a save is under way, and nothing with nobody at the keyboard', async () => {
    const { form, event, draft } = setup();
    Object.assign(draft, { title: 'Reservkraft', text: 'Två vårdcentraler' });
    let answer!: (v: null) => void;
    const save = vi.fn(() => new Promise<null>((r) => (answer = r)));
    const first = form.submit(event(), save, vi.fn());
    expect(form.busy).toBe(true);
    await form.submit(event(), save, vi.fn());
    answer(null);
    await first;
    expect(save).toHaveBeenCalledOnce();

    session.operator = null;
    await form.submit(event(), save, vi.fn());
    expect(save).toHaveBeenCalledOnce();
  });

  it('without a spec only sends: a confirmation has no fields to mark', async () => {
    const form = formState();
    const { event } = fakeForm();
    const err = refused({ field: 'Rubrik' });
    await form.submit(event(), () => Promise.reject(err), vi.fn());
    expect(form.error).toEqual(err);
  });
});
