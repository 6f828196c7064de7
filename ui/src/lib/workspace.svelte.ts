// Which store the window shows: the organisation's record, or the ÖVNING demo in its own file.
import { call } from './api';
import type { WorkspaceInfo } from './bindings/WorkspaceInfo';
import type { WorkspaceKind } from './bindings/WorkspaceKind';

export const workspace = $state<{ info: WorkspaceInfo | null }>({ info: null });

export async function loadWorkspace(): Promise<void> {
  try {
    workspace.info = await call({ command: 'workspace' });
  } catch {
    workspace.info = null;
  }
}

/** Everything on screen is a projection of the open store, so after the switch the page starts
 *  over from the other one instead of each view being told. */
export async function openWorkspace(kind: WorkspaceKind): Promise<void> {
  try {
    await call({ command: 'open_workspace', args: { kind } });
  } catch {
    // The session now holds that store's error: after the reload the store-error screen says it.
  }
  location.reload();
}
