import { describe, expect, it } from 'vitest';
import {
  bundleDir, bundlePath, cardFile, cardStanding, hasNews, conflictsFor, dirOf, join, shortDevice, sortChains, sortPeers, unpairedCards, withCard,
} from './sync';
import type { ChainState } from './bindings/ChainState';
import type { Conflict } from './bindings/Conflict';
import type { PairingCard } from './bindings/PairingCard';
import type { Peer } from './bindings/Peer';

// Cast: the core may grow these types (a live-sync id, say) without the rules here changing.
const card = (device_id: string, vkey = `k-${device_id}`, name = 'krisledning-stab'): PairingCard =>
  ({ format: 'krisledning-parningskort-1', device_id, name, vkey, organisation: 'Region Blekinge', workspace: 'real', exercise: null }) as PairingCard;

const peer = (device_id: string, over: Partial<Peer> = {}): Peer =>
  ({
    device_id, name: 'krisledning-stab', vkey: `k-${device_id}`, paired_at: '2026-11-24T10:00:00Z', paired_by: 'Anna Lindqvist',
    paired_role: 'TiB', paired_on: 'own', active: true, ended_reason: null, ...over,
  }) as Peer;

const conflict = (entry_id: string, event_id: string | null): Conflict =>
  ({
  entry_id, kind: 'mode.changed', device_id: 'b', device_name: 'krisledning-logistik', author: 'Per Berg', role: 'Logistik',
  occurred_at: '2026-11-24T10:00:00Z', event_id, code: 'conflict', message: 'Beredskapsläget ändrades …', summary: 'Fred → Högsta',
  }) as Conflict;

describe('paths', () => {
  it('names the card the core writes in the sync folder', () => {
    expect(cardFile('/media/usb/synk', '01a2-b3')).toBe('/media/usb/synk/01a2-b3/kort.json');
    expect(cardFile(' /media/usb/synk/ ', 'x')).toBe('/media/usb/synk/x/kort.json');
    expect(cardFile('E:\\synk', 'x')).toBe('E:\\synk\\x\\kort.json');
  });
  it('joins and splits paths with the separator they use', () => {
    expect(join('/', 'a')).toBe('/a');
    expect(join('/tmp/', 'a', 'b')).toBe('/tmp/a/b');
    expect(dirOf('/home/tib/krisledning.db')).toBe('/home/tib');
    expect(dirOf('/media/usb/synk/')).toBe('/media/usb');
    expect(dirOf('/krisledning.db')).toBe('/');
    expect(dirOf('krisledning.db')).toBe('');
    expect(dirOf('C:\\data\\k.db')).toBe('C:\\data');
  });
  it('suggests a bundle beside the sync folder, else beside the database', () => {
    const now = new Date(2026, 10, 24, 9, 5);
    expect(bundlePath('/media/usb', now)).toBe('/media/usb/krisledning-20261124-0905.krisbunt');
    expect(bundlePath('', now)).toBe('krisledning-20261124-0905.krisbunt');
    expect(bundleDir('/media/usb/synk', '/home/tib/k.db')).toBe('/media/usb');
    expect(bundleDir('  ', '/home/tib/k.db')).toBe('/home/tib');
    expect(bundleDir(null, null)).toBe('');
  });
});

describe('unpairedCards', () => {
  const status = { card: card('own'), peers: [peer('b'), peer('c', { active: false, ended_reason: 'Stulen' })] };
  it('leaves out this laptop and the laptops paired under that key', () => {
    expect(unpairedCards([], [card('own'), card('a'), card('b')], status).map((c) => c.device_id)).toEqual(['a']);
    expect(unpairedCards([card('own'), card('b')], [], status)).toEqual([]);
  });
  it('offers a laptop whose pairing has ended only from a card read from a file', () => {
    expect(unpairedCards([], [card('c')], status)).toEqual([]);
    expect(unpairedCards([card('c')], [], status).map((c) => c.device_id)).toEqual(['c']);
  });
  it('offers a paired laptop whose card has another key: the core says why it cannot be paired', () => {
    expect(unpairedCards([], [card('b', 'new-key')], status).map((c) => c.vkey)).toEqual(['new-key']);
  });
  it('shows each card once, those read from files first', () => {
    const fromFile = card('a', 'k-a', 'från fil');
    expect(unpairedCards([fromFile], [card('d'), card('a')], status).map((c) => `${c.device_id} ${c.name}`)).toEqual(['a från fil', 'd krisledning-stab']);
    expect(unpairedCards([], [card('a')], null)).toHaveLength(1);
  });
  it('says at once what a card read from a file is', () => {
    expect(cardStanding(card('own'), status)).toBe('own');
    expect(cardStanding(card('b'), status)).toBe('paired');
    expect(cardStanding(card('b', 'new-key'), status)).toBe('new');
    expect(cardStanding(card('c'), status)).toBe('new');
    expect(cardStanding(card('a'), null)).toBe('new');
  });
  it('keeps the newest copy of a card read twice', () => {
    const list = withCard(withCard([], card('a')), card('e'));
    expect(withCard(list, card('a')).map((c) => c.device_id)).toEqual(['a', 'e']);
  });
});

describe('order', () => {
  it('lists paired laptops in force first, newest first', () => {
    const peers = [
      peer('old', { paired_at: '2026-11-20T10:00:00Z' }),
      peer('ended', { active: false, paired_at: '2026-11-25T10:00:00Z' }),
      peer('new', { paired_at: '2026-11-23T10:00:00Z' }),
    ];
    expect(sortPeers(peers).map((p) => p.device_id)).toEqual(['new', 'old', 'ended']);
  });
  it('leaves this laptop out of its own paired laptops (another laptop paired it)', () => {
    expect(sortPeers([peer('own'), peer('b')], 'own').map((p) => p.device_id)).toEqual(['b']);
  });
  it('lists this laptop\'s chain first, then the one that wrote last', () => {
    const chain = (device_id: string, own: boolean, last: string): ChainState =>
      ({ device_id, name: device_id, entries: 1, head_hash: 'h', last_recorded_at: last, own }) as ChainState;
    const chains = [chain('a', false, '2026-11-24T08:00:00Z'), chain('own', true, '2026-11-24T07:00:00Z'), chain('b', false, '2026-11-24T09:00:00Z')];
    expect(sortChains(chains).map((c) => c.device_id)).toEqual(['own', 'b', 'a']);
  });
});

describe('shortDevice', () => {
  it('keeps the random end of a device id, where two laptops differ', () => {
    expect(shortDevice('01a236b2-0bdf-715e-be4c-fa5af35b21ed')).toBe('…f35b21ed');
    expect(shortDevice('abc')).toBe('abc');
  });
});

describe('conflictsFor', () => {
  const all = [conflict('m', null), conflict('e1', 'ev1'), conflict('e2', 'ev2')];
  it('shows every conflict on the organisation\'s lägesbild', () => {
    expect(conflictsFor(all, null)).toEqual({ shown: all, elsewhere: 0 });
  });
  it('shows an event its own conflicts and those of no event, and counts the rest', () => {
    const { shown, elsewhere } = conflictsFor(all, 'ev1');
    expect(shown.map((c) => c.entry_id)).toEqual(['m', 'e1']);
    expect(elsewhere).toBe(1);
  });
  it('shows nothing when there is no conflict', () => {
    expect(conflictsFor([], 'ev1')).toEqual({ shown: [], elsewhere: 0 });
  });
});

describe('hasNews', () => {
  it('is an exchange that wrote or read entries', () => {
    expect(hasNews({ exported: 0, imported: 0 })).toBe(false);
    expect(hasNews({ exported: 2, imported: 0 })).toBe(true);
    expect(hasNews({ exported: 0, imported: 1 })).toBe(true);
  });
});
