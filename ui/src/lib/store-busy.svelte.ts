// Whether a call is waiting for another process's write lock (e.g. `kris replay`). The shell
// says so with `store-busy` events; the call itself goes on waiting, so a form keeps its text.
import { listen } from '@tauri-apps/api/event';

export const storeBusy = $state({ waiting: false });

export async function watchStoreBusy(): Promise<void> {
  try {
    await listen<boolean>('store-busy', (e) => (storeBusy.waiting = e.payload));
  } catch {
    // Outside the app window (unit tests) there is no event channel.
  }
}
