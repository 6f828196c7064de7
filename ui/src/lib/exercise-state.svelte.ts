// The open exercise as every screen sees it: the participants' view from the core, read when the
// window starts in an exercise store, when the shell says injects have come (`injects`), when
// the store changes (a control action, another window, `kris exercise` in a terminal) and after
// this window's own control actions. What is new since the last read goes to the toast. Nothing
// is asked otherwise: no polling.
import { listen } from '@tauri-apps/api/event';
import { call } from './api';
import { arrivals, diaryPrefill, exerciseEvent, keysOf, mergeToast } from './exercise';
import { debounce, onStoreChanged } from './live';
import { openEvent } from './nav.svelte';
import type { ApiError } from './bindings/ApiError';
import type { DeliveredInject } from './bindings/DeliveredInject';
import type { ExerciseView } from './bindings/ExerciseView';

export const exerciseState = $state<{
  /** The store is an exercise store (the demo or another): the exercise screens are offered. */
  active: boolean;
  view: ExerciseView | null;
  /** Wall time (ms) the view arrived, for the clock on screen. */
  received: number;
  error: ApiError | null;
  /** Injects that came since the toast was last closed, newest first. */
  toast: DeliveredInject[];
}>({ active: false, view: null, received: 0, error: null, toast: [] });

let seen: ReadonlySet<string> | null = null;
/** Views that read more than the participants' view (exercise control) and follow it. */
let followers: (() => void)[] = [];
let started = false;
let asked = 0;

export async function loadExercise(): Promise<void> {
  const n = ++asked;
  try {
    const view = await call({ command: 'exercise_view' });
    // A slower, older answer must not take back what a newer one showed.
    if (n !== asked) return;
    const fresh = arrivals(seen, view.delivered);
    seen = keysOf(view.delivered);
    exerciseState.view = view;
    exerciseState.received = Date.now();
    exerciseState.error = null;
    if (fresh.length) exerciseState.toast = mergeToast(exerciseState.toast, fresh);
    for (const f of followers) f();
  } catch (e) {
    if (n === asked) exerciseState.error = e as ApiError;
  }
}

/** A delivery writes the store, so `injects` and `store-changed` come together: one read. */
const reload = debounce(() => void loadExercise(), 120);

/** Starts following the exercise of an exercise store; once per page (a switch reloads it). */
export async function startExercise(): Promise<void> {
  exerciseState.active = true;
  if (started) return;
  started = true;
  await loadExercise();
  onStoreChanged(reload);
  try {
    await listen<DeliveredInject[]>('injects', reload);
  } catch {
    // Outside the app window (unit tests) there is no event channel.
  }
}

/** Calls `fn` whenever the exercise has been read again (injects came, the store changed);
 *  returns the way to stop. */
export function onExerciseChanged(fn: () => void): () => void {
  followers = [...followers, fn];
  return () => {
    followers = followers.filter((f) => f !== fn);
  };
}

export function dismissToast(): void {
  exerciseState.toast = [];
}

/** "Registrera i dagboken": the diary form of the exercise's event, filled in from the inject.
 *  False when the exercise has no event to write in; a failed read throws the core's error. */
export async function recordInDiary(inject: DeliveredInject): Promise<boolean> {
  const event = exerciseEvent(await call({ command: 'list_events' }));
  if (!event) return false;
  openEvent(event.id, { diary: diaryPrefill(inject) });
  return true;
}
