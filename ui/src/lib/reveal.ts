// Bringing an element into view after a jump (Ctrl+K, a flagged entry on the lägesbild). The
// target is usually not drawn yet when the jump is made: its view still has to load it. A
// mutation observer waits for it without asking the core again, and gives up after a while.

const WAIT_MS = 4000;

function show(el: HTMLElement): void {
  el.scrollIntoView({ block: 'center' });
  // Restarts the flash when the same entry is shown twice in a row.
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
  el.addEventListener('animationend', () => el.classList.remove('flash'), { once: true });
}

/** Scrolls to the element with this id and flashes it, now or once it appears. */
export function reveal(id: string): void {
  const now = document.getElementById(id);
  if (now) {
    show(now);
    return;
  }
  const observer = new MutationObserver(() => {
    const el = document.getElementById(id);
    if (!el) return;
    observer.disconnect();
    clearTimeout(timer);
    show(el);
  });
  observer.observe(document.body, { childList: true, subtree: true });
  const timer = setTimeout(() => observer.disconnect(), WAIT_MS);
}
