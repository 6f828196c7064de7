// The Synkronisering screen for the README, in the real window at 1366×768. Run by hand after a
// build (the UI is built into the app, so `cd ui && npm run build` and then `cargo build`):
//
//   xvfb-run -a -s "-screen 0 1366x768x24" node tests/e2e/sync-screenshot.mjs
//
// Five laptops of one staff in Region Blekinge, each with its own device key and database, made
// with the real `kris` CLI: the stabschef's (the window), logistik and information (paired),
// analys (paired, then ended: lost), and the TiB's (in the sync folder, not paired yet). Each has
// written and published to the sync folder; logistik changed the readiness mode while the
// stabschef's laptop did, so one conflict waits. The window chooses the folder and syncs, and
// writes docs/sync.png. The lägesbild with the conflict, a wrong code refused and the screen in
// English go to the scratch directory, to look at. Nothing outside it and docs/ is touched.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { Session, waitForPort } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const app = process.env.KRIS_APP ?? join(root, 'target/debug/krisledning-app');
const kris = process.env.KRIS_BIN ?? join(root, 'target/debug/kris');
const dir = mkdtempSync(join(tmpdir(), 'kris-sync-shots-'));
const folder = join(dir, 'usb', 'krisledning-synk');

/** One laptop: its database, device key (named), anchors; `k` runs `kris` as that laptop. */
function laptop(id, keyName, env = {}) {
  const e = { ...process.env, KRIS_DB: join(dir, `${id}.db`), KRIS_DEVICE_DIR: join(dir, `${id}-enhet`), KRIS_ANCHOR_DIR: join(dir, `${id}-ankare`), ...env };
  const k = (...args) => execFileSync(kris, args, { encoding: 'utf8', env: e }).trim();
  k('init', '--org', 'Region Blekinge');
  k('sync', 'status');
  const keyFile = join(e.KRIS_DEVICE_DIR, 'enhet.nyckel');
  const lines = readFileSync(keyFile, 'utf8').split('\n');
  lines[1] = keyName;
  writeFileSync(keyFile, lines.join('\n'));
  const status = () => JSON.parse(k('sync', 'status', '--json'));
  return { k, status, db: e.KRIS_DB };
}

// The window's laptop: its key is where the window looks (XDG_DATA_HOME), the same file as KRIS_DEVICE_DIR here.
const stab = laptop('stabschef', 'krisledning-stabschef', { KRIS_DEVICE_DIR: join(dir, 'data', 'krisledning') });
const logistik = laptop('logistik', 'krisledning-logistik');
const info = laptop('information', 'krisledning-information');
const analys = laptop('analys', 'krisledning-analys');
const tib = laptop('tib', 'krisledning-tib');

const eva = ['--by', 'Eva Ek', '--role', 'Stabschef'];
const per = ['--by', 'Per Berg', '--role', 'Logistik'];
const sara = ['--by', 'Sara Lind', '--role', 'Information'];
stab.k('whoami', ...eva);
const ev = stab.k('event', 'open', '--title', 'Översvämning i Ronneby', '--type', 'Översvämning', ...eva);
stab.k('decide', '--event', ev, '--kind', 'inriktning', '--title', 'Regional stab etableras', '--text', 'Regional krisledningsstab etableras i Karlskrona.',
  '--basis', 'SMHI: klass 3-varning för höga flöden i Ronnebyån.', ...eva);
logistik.k('event', 'open', '--title', 'Pumpar och sandsäckar till Ronneby', '--type', 'Logistik', ...per);
info.k('event', 'open', '--title', 'Information till allmänheten', '--type', 'Kommunikation', ...sara);
analys.k('event', 'open', '--title', 'Lägesanalys Ronnebyån', '--type', 'Analys', '--by', 'Omar Said', '--role', 'Analys');
tib.k('event', 'open', '--title', 'TiB-journal natt', '--type', 'Beredskap', '--by', 'Anders Lund', '--role', 'TiB');
for (const l of [stab, logistik, info, analys, tib]) l.k('sync', 'run', '--folder', folder);

// The stabschef's laptop pairs three; analys is lost later and its pairing ended.
const cardOf = (l) => join(folder, l.status().card.device_id, 'kort.json');
for (const l of [logistik, info, analys]) stab.k('sync', 'pair', cardOf(l), '--code', l.status().code, ...eva);
for (const l of [logistik, info]) l.k('sync', 'pair', cardOf(stab), '--code', stab.status().code, ...(l === info ? sara : per));
stab.k('sync', 'run', '--folder', folder);
stab.k('sync', 'unpair', analys.status().card.device_id, '--reason', 'Datorn borttappad vid Ronneby brandstation', ...eva);
for (const l of [logistik, info]) l.k('sync', 'run', '--folder', folder);
// Two mode changes that do not fit together: the window's Synka nu brings the conflict.
stab.k('mode', 'set', 'skarpt', '--basis', 'Regeringens beslut om skärpt beredskap', ...eva);
logistik.k('mode', 'set', 'hogsta', '--basis', 'Länsstyrelsens begäran', ...per);
logistik.k('log', '--event', logistik.k('event', 'list', '--json').split('\n').map((l) => JSON.parse(l)).find((e) => e.title.startsWith('Pumpar')).id,
  '--text', 'Sex pumpar från räddningstjänsten på väg till Ronnebyån.', ...per);
for (const l of [logistik, info]) l.k('sync', 'run', '--folder', folder);
console.log('sync shots: five laptops ready');

const port = 4444 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1000), '--native-driver', '/usr/bin/WebKitWebDriver'], {
  env: { ...process.env, XDG_DATA_HOME: join(dir, 'data'), XDG_CACHE_HOME: join(dir, 'cache'), KRIS_ANCHOR_DIR: join(dir, 'stabschef-ankare'), WEBKIT_DISABLE_DMABUF_RENDERER: '1' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let s;
const shot = async (path) => {
  await s.exec('document.activeElement && document.activeElement.blur();');
  await new Promise((r) => setTimeout(r, 600));
  writeFileSync(path, Buffer.from(await s.screenshot(), 'base64'));
  console.log(`sync shots: ${path}`);
};
try {
  await waitForPort(base);
  s = await Session.start(base, { 'tauri:options': { application: app, args: ['--db', stab.db] } });
  await s.waitFor('[data-testid=nav-sync]', null, 30000);
  const [w, h] = await s.exec('return [innerWidth, innerHeight];');
  assert.deepEqual([w, h], [1366, 768], 'the window is 1366×768');
  await s.click(await s.find('[data-testid=nav-sync]'));
  await s.type(await s.waitFor('[data-testid=sync-folder-input]'), folder);
  await s.click(await s.find('[data-testid=sync-folder-save]'));
  await s.waitFor('[data-testid=sync-pair-row]');
  await s.click(await s.find('[data-testid=sync-now]'));
  await s.waitFor('[data-testid=sync-report]');
  await s.waitFor('[data-testid=sync-conflict-note]');
  // The "saved" note has gone, as it does after a few seconds.
  await s.waitFor('[data-testid=sync-folder-saved]', (t) => t === '', 8000);
  assert.equal(await s.exec(`return document.querySelector('header').offsetHeight < 40;`), true, 'the header is one line');
  await shot(join(root, 'docs', 'sync.png'));

  // A wrong code, refused where it was typed.
  await s.type(await s.find('[data-testid=sync-pair-code]'), '000 000');
  await s.click(await s.find('[data-testid=sync-pair-submit]'));
  await s.waitFor('[data-testid=sync-pair-error]');
  await shot(join(dir, 'sync-wrong-code.png'));
  await s.click(await s.find('[data-testid=sync-export-open]'));
  await s.waitFor('[data-testid=sync-bundle-dialog]');
  await shot(join(dir, 'sync-export.png'));
  await s.press('Escape');

  await s.click(await s.find('[data-testid=nav-situation]'));
  await s.waitFor('[data-testid=sync-conflict]');
  await shot(join(dir, 'lagesbild-konflikt.png'));
  await s.click(await s.find('[data-testid=sync-conflict-decide]'));
  await s.waitFor('[data-testid=sync-decide-dialog]');
  await shot(join(dir, 'besluta-konflikt.png'));
  await s.press('Escape');
  await s.click(await s.find('[data-testid=situation-projector]'));
  await s.waitFor('.shell.projector');
  await shot(join(dir, 'lagesbild-konflikt-projektor.png'));
  await s.press('Escape');

  await s.click(await s.find('[data-testid=lang]'));
  await s.click(await s.find('[data-testid=nav-sync]'));
  await s.waitFor('[data-testid=sync-view]', (t) => t.includes('This computer'));
  await shot(join(dir, 'sync-en.png'));
  await s.click(await s.find('[data-testid=lang]'));
  // The pairings and the decision in the timeline, under their own chip.
  await s.click(await s.find('[data-testid=nav-timeline]'));
  await s.waitFor('[data-testid=timeline-item]');
  await shot(join(dir, 'timeline.png'));
  await s.click(await s.find('[data-testid=nav-sync]'));
  await s.click(await s.waitFor('[data-testid=sync-read-card]'));
  await s.type(await s.waitFor('[data-testid=sync-card-path]'), join(folder, 'saknas', 'kort.json'));
  await s.click(await s.find('[data-testid=sync-card-submit]'));
  await s.waitFor('[data-testid=sync-card-dialog] .field-error');
  await shot(join(dir, 'sync-read-card.png'));
  await s.press('Escape');
  console.log(`sync shots: scratch shots in ${dir}`);
} catch (e) {
  console.error('sync shots: FAIL', e);
  process.exitCode = 1;
} finally {
  if (s) await s.end().catch(() => {});
  driver.kill();
}
