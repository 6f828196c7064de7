// Many laptops, one record: what the Synkronisering screen and the lägesbild show of the core's
// sync answers. Who may pair, what a code must be, what conflicts and why are the core's; this
// only sorts and names what it answers.
import type { ChainState } from './bindings/ChainState';
import type { Conflict } from './bindings/Conflict';
import type { ExchangeReport } from './bindings/ExchangeReport';
import type { PairingCard } from './bindings/PairingCard';
import type { Peer } from './bindings/Peer';
import type { SyncStatus } from './bindings/SyncStatus';

/** The file the core writes this laptop's card to in the sync folder on every exchange. */
export const CARD_FILE = 'kort.json';
/** What the core names a bundle file in the sync folder. */
export const BUNDLE_EXTENSION = 'krisbunt';

function separator(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

function trimEnd(path: string): string {
  const t = path.replace(/[/\\]+$/, '');
  return t === '' && path !== '' ? path.slice(0, 1) : t;
}

/** `dir` and `name` joined with the separator `dir` uses. */
export function join(dir: string, ...names: string[]): string {
  const sep = separator(dir);
  return [trimEnd(dir), ...names].join(sep).replace(/^([/\\])[/\\]/, '$1');
}

/** The folder a file path is in; '' for a bare name. */
export function dirOf(path: string): string {
  const t = trimEnd(path.trim());
  const i = Math.max(t.lastIndexOf('/'), t.lastIndexOf('\\'));
  if (i < 0) return '';
  return i === 0 ? t.slice(0, 1) : t.slice(0, i);
}

/** Where this laptop's pairing card lies in the sync folder (written on every exchange). */
export function cardFile(folder: string, deviceId: string): string {
  return join(folder.trim(), deviceId, CARD_FILE);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A new bundle file's suggested name in `dir`: the organisation's record as of now. */
export function bundlePath(dir: string, now: Date): string {
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  const name = `krisledning-${stamp}.${BUNDLE_EXTENSION}`;
  return dir ? join(dir, name) : name;
}

/** Where a bundle goes by default: beside the sync folder (on the stick, usually), else beside
 *  the database. */
export function bundleDir(syncFolder: string | null | undefined, dbPath: string | null | undefined): string {
  const folder = syncFolder?.trim();
  if (folder) return dirOf(folder) || folder;
  return dbPath ? dirOf(dbPath) : '';
}

/** A laptop paired under that card's key: still exchanging entries (`active`), or ever. */
function pairedUnder(peers: Peer[], card: PairingCard, active = true): boolean {
  return peers.some((p) => (p.active || !active) && p.device_id === card.device_id && p.vkey === card.vkey);
}

/** The laptops to offer for pairing, each once, cards read from files first: less this laptop and
 *  the laptops paired under that key. A laptop whose pairing has ended (lost, say) is not offered
 *  again from the folder; its card read from a file is, to pair it again on purpose. A card of a
 *  laptop paired under another key stays on offer: pairing it gets the core's answer why not. */
export function unpairedCards(fromFiles: PairingCard[], fromFolder: PairingCard[], status: Pick<SyncStatus, 'card' | 'peers'> | null): PairingCard[] {
  const seen = new Set<string>();
  const offer = (c: PairingCard, everPaired: boolean) => {
    const key = `${c.device_id} ${c.vkey}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (!status) return true;
    return c.device_id !== status.card.device_id && !pairedUnder(status.peers, c, !everPaired);
  };
  return [...fromFiles.filter((c) => offer(c, false)), ...fromFolder.filter((c) => offer(c, true))];
}

/** A card read from a file added to those read before: the newest first, an older copy of the
 *  same card dropped. */
export function withCard(list: PairingCard[], card: PairingCard): PairingCard[] {
  return [card, ...list.filter((c) => !(c.device_id === card.device_id && c.vkey === card.vkey))];
}

/** The other laptops paired, in force first (newest pairing first), then those whose pairing has
 *  ended. This laptop is left out: another laptop that paired it is vouching for it to the others,
 *  and its pairing entry comes along with that laptop's chain. */
export function sortPeers(peers: Peer[], ownId: string | null = null): Peer[] {
  return peers
    .filter((p) => p.device_id !== ownId)
    .sort((a, b) => Number(b.active) - Number(a.active) || b.paired_at.localeCompare(a.paired_at));
}

/** This laptop's chain first, then the others by when they last wrote, newest first. */
export function sortChains(chains: ChainState[]): ChainState[] {
  return [...chains].sort((a, b) => Number(b.own) - Number(a.own) || b.last_recorded_at.localeCompare(a.last_recorded_at));
}

/** Laptops often share a name (the computer's); the end of the device id tells them apart. */
export function shortDevice(id: string): string {
  const hex = id.replace(/-/g, '');
  return hex.length > 8 ? `…${hex.slice(-8)}` : id;
}

/** The conflicts a lägesbild shows: for the whole organisation every one; for an event, those in
 *  that event and those that belong to no event (a readiness mode); `elsewhere` counts the rest. */
export function conflictsFor(conflicts: Conflict[], eventId: string | null): { shown: Conflict[]; elsewhere: number } {
  if (eventId === null) return { shown: conflicts, elsewhere: 0 };
  const shown = conflicts.filter((c) => c.event_id === null || c.event_id === eventId);
  return { shown, elsewhere: conflicts.length - shown.length };
}

/** What a card read from a file is to this laptop: its own, one paired already under that key,
 *  or one to pair. Said at once, before anyone types a code for nothing. */
export function cardStanding(card: PairingCard, status: Pick<SyncStatus, 'card' | 'peers'> | null): 'own' | 'paired' | 'new' {
  if (!status) return 'new';
  if (card.device_id === status.card.device_id) return 'own';
  return pairedUnder(status.peers, card) ? 'paired' : 'new';
}

/** Now, as the core writes times: when an exchange ended. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** An exchange that moved entries either way. The app exchanges again after every change, so the
 *  last exchange often brought nothing; what the last one with news did is worth keeping. */
export function hasNews(r: Pick<ExchangeReport, 'exported' | 'imported'>): boolean {
  return r.exported > 0 || r.imported > 0;
}
