// Which store the window shows: the organisation's record, the ÖVNING demo, or another exercise,
// each in its own file. The switch is always explicit, from the workspace dialog (the banner,
// the footer, Ctrl+K) or the empty record's demo offer.
import { call } from './api';
import type { WorkspaceInfo } from './bindings/WorkspaceInfo';
import type { WorkspaceKind } from './bindings/WorkspaceKind';

export const workspace = $state<{ info: WorkspaceInfo | null; dialog: boolean }>({ info: null, dialog: false });

export async function loadWorkspace(): Promise<void> {
  try {
    workspace.info = await call({ command: 'workspace' });
  } catch {
    workspace.info = null;
  }
}

/** Opens the workspace dialog with the list read again: an exercise made in a terminal shows. */
export function showWorkspaces(): void {
  workspace.dialog = true;
  void loadWorkspace();
}

export function hideWorkspaces(): void {
  workspace.dialog = false;
}

/** Everything on screen is a projection of the open store, so after the switch the page starts
 *  over from the other one instead of each view being told. `path` names an exercise store. */
export async function openWorkspace(kind: WorkspaceKind, path?: string): Promise<void> {
  try {
    await call({ command: 'open_workspace', args: path === undefined ? { kind } : { kind, path } });
  } catch {
    // The session now holds that store's error: after the reload the store-error screen says it.
  }
  location.reload();
}

/** After a new exercise is made or a package imported, the session has opened it already. */
export function reloadInto(): void {
  location.reload();
}
