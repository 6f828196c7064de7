// Live update without polling: the shell says `store-changed` (with the new head) whenever the
// store file moves, whether this window, another window or `kris` in a terminal wrote. Views
// subscribe here; one channel listener serves them all.
import { listen } from '@tauri-apps/api/event';

type Listener = (head: number | null) => void;

const listeners = new Set<Listener>();
let started: Promise<void> | null = null;

function start(): Promise<void> {
  started ??= listen<number | null>('store-changed', (e) => {
    for (const l of [...listeners]) l(e.payload);
  }).then(
    () => undefined,
    () => {
      // Outside the app window (unit tests) there is no event channel: views load once.
    },
  );
  return started;
}

/** Calls `fn` after every change to the store; returns the way to stop. */
export function onStoreChanged(fn: Listener): () => void {
  listeners.add(fn);
  void start();
  return () => {
    listeners.delete(fn);
  };
}

/** Runs `fn` once a burst of calls has been quiet for `ms`: a save touches the store several
 *  times, and the view should ask once. */
export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): { (...a: A): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (...a: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...a), ms);
  };
  run.cancel = () => clearTimeout(timer);
  return run;
}

/** Loads again once a burst of store changes is quiet; returns the way to stop, which also drops
 *  a load still waiting, so a view that has closed does not ask. */
export function reloadOnChange(load: () => void, ms = 300): () => void {
  const reload = debounce(load, ms);
  const stop = onStoreChanged(reload);
  return () => {
    stop();
    reload.cancel();
  };
}
