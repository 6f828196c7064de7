// One wall clock for every running T+ on screen, so the ÖVNING bar and the view beside it never
// show different seconds. It runs once a second while some clock needs it and not otherwise.
export const ticker = $state({ now: Date.now() });

let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Starts the second hand for one more clock; returns the way to stop it for that clock. */
export function useTicker(): () => void {
  users += 1;
  ticker.now = Date.now();
  timer ??= setInterval(() => (ticker.now = Date.now()), 1000);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    users -= 1;
    if (users === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
