// The only door to the core. Requests and responses are typed by the generated bindings; every
// failure, including one raised by Tauri before the core sees the request, becomes an ApiError.
import { invoke } from '@tauri-apps/api/core';
import type { ApiError } from './bindings/ApiError';
import type { ApiResponses } from './bindings/ApiResponses';
import type { Request } from './bindings/Request';

export type Command = Request['command'];

export function toApiError(e: unknown): ApiError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const { code, message, params } = e as ApiError;
    // The params let the window say the message in English (i18n/errors.ts).
    return { code, message: String(message), params: params ?? undefined };
  }
  return { code: 'storage', message: `Kunde inte nå kärnan: ${String(e)}`, params: undefined };
}

export async function call<R extends Request>(request: R): Promise<ApiResponses[R['command']]> {
  try {
    return await invoke<ApiResponses[R['command']]>('call', { request });
  } catch (e) {
    throw toApiError(e);
  }
}

/** Asks the shell to show a report or printout in the desktop's viewer. The shell opens only
 *  files in the store's report folder, and says so in the core's error form when it cannot. */
export async function openFile(path: string): Promise<void> {
  try {
    await invoke('open_file', { path });
  } catch (e) {
    throw toApiError(e);
  }
}
