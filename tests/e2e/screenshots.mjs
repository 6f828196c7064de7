// Screenshots of the lägesbild for the README, in the real window at 1366×768: normal mode and
// projector mode. Run by hand after a build (`make test-e2e` builds the UI and the workspace):
//
//   xvfb-run -a -s "-screen 0 1366x768x24" node tests/e2e/screenshots.mjs
//
// It fills a scratch store with the real `kris` CLI, as a stab would over its first hour (an IT
// outage in Region Kronoberg: all six sections written, decisions with follow-ups, the IT plan
// activated with items done and one skipped, a flagged decision, a task, staff on duty, lägesrapport
// nr 1 issued), opens the window on it, and writes docs/screenshot-lagesbild.png,
// docs/screenshot-lagesbild-projektor.png and docs/screenshot-lagesrapport.png (issuing nr 2). The
// report issued, the report history and the print dialog go to the scratch directory, to look at.
// Then an exercise under way (the storm scenario, played with `kris exercise`: started, at inject 5,
// one expected action met, one late, a hot wash note, at ×5) in the window's Övningsledning:
// docs/exercise-control.png; its inbox and the English control view go to the scratch directory.
// The same record's copy register (printouts under copy control, some copies accounted for) goes
// to docs/copy-register.png.
// Last a third record, in höjd beredskap (skärpt) and under a passphrase: the window starts on the
// lock screen (neutral bar, to the scratch directory), is unlocked, and locked again with Ctrl+L:
// docs/lock-screen.png, the mode in its colours and nothing of the record.
// Times are the time of the run. Nothing outside the scratch directory and docs/ is touched.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { Session, waitForPort } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const app = process.env.KRIS_APP ?? join(root, 'target/debug/krisledning-app');
const kris = process.env.KRIS_BIN ?? join(root, 'target/debug/kris');
const dir = mkdtempSync(join(tmpdir(), 'kris-shots-'));
const db = join(dir, 'kronoberg.db');
const out = (name) => join(root, 'docs', name);

const k = (...args) => execFileSync(kris, ['--db', db, ...args], { encoding: 'utf8' }).trim();
const json = (...args) => JSON.parse(k(...args, '--json'));
/** A local time `minutes` from now, in the Swedish form the CLI takes. */
const at = (minutes) => {
  const d = new Date(Date.now() + minutes * 60_000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

// --- The record, written as the staff would write it. ---
k('init', '--org', 'Region Kronoberg');
const eva = ['--by', 'Eva Ek', '--role', 'Stabschef'];
const johan = ['--by', 'Johan Berg', '--role', 'TiB'];
const ev = k('event', 'open', '--title', 'IT-avbrott Region Kronoberg', '--type', 'IT-avbrott', ...johan);

const staff = [
  ['Eva Ek', 'Stabschef', '0470-58 31 10', ''],
  ['Johan Berg', 'TiB', '', '2140300'],
  ['Lena Holm', 'Sjukvårdsledare', '0470-58 32 45', ''],
  ['Ahmed Karimi', 'IT-ledning', '0470-58 36 02', ''],
];
for (const [name, role, phone, rakel] of staff) {
  const person = json('staff', 'add', '--name', name, '--roles', role, ...(phone ? ['--phone', phone] : []), ...(rakel ? ['--rakel', rakel] : []), ...johan);
  k('staff', 'roster', '--event', ev, '--staff', person.id, '--as', role, ...johan);
}

k('log', '--event', ev, '--channel', 'telefon', '--from', 'IT-jouren', '--to', 'TiB', ...johan,
  '--text', 'Journalsystemet Cosmic, labbsystemet och röntgens bildarkiv svarar inte på CLV och Ljungby lasarett. Orsak okänd.');
const stab = json('decide', '--event', ev, '--kind', 'inriktning', '--title', 'Regional krisledningsstab etableras', ...eva,
  '--text', 'Regional krisledningsstab etableras i Växjö. Stabsorientering varje hel timme.',
  '--basis', 'IT-jouren: journal-, labb- och röntgensystem nere; ingen prognos.', '--follow-up', at(55));
const operations = json('decide', '--event', ev, '--kind', 'verkstallighet', '--title', 'Planerade operationer ställs in till kl 12', ...eva,
  '--text', 'Operationer och besök på CLV och Ljungby ställs in; akuta fall som vanligt.',
  '--basis', 'Sjukvårdsledaren: utan journal och labb kan patientsäkerheten inte garanteras för planerad vård.', '--follow-up', at(170));
json('decide', '--event', ev, '--kind', 'samordning', '--title', 'Information till allmänheten via 1177 och regionens webb', ...eva,
  '--text', 'Informationsansvarig publicerar på 1177 och webben: gå inte till akuten för planerade besök; ring 1177 vid frågor.',
  '--basis', 'Många samtal till växeln om inställda besök.');
k('log', '--event', ev, '--channel', 'rakel', '--from', 'SOS Alarm', '--to', 'TiB', ...johan,
  '--text', 'SOS Alarm informerat. Ambulanser till CLV som vanligt; prio 1 kan dirigeras om till Jönköping vid behov.');
k('log', '--event', ev, '--channel', 'mote', ...eva, '--text', 'Första stabsorienteringen hållen. Nästa kl 05:00.');
k('flag', operations.id, '--note', 'Påverkar omkring 140 patienter i dag', ...eva);
k('task', 'add', '--event', ev, '--title', 'Ring in extra undersköterskor till akuten', '--owner', 'Lena Holm', '--due', at(40), ...eva);

const activation = json('plan', 'activate', 'it-avbrott', '--event', ev, ...johan).id;
for (const item of ['tib-omfattning', 'it-isolera', 'sv-papper', 'info-personal', 'sv-lakemedel']) {
  k('plan', 'check', activation, item, ...johan);
}
k('plan', 'check', activation, 'tib-stabslage', '--decision', stab.id, ...eva);
k('plan', 'check', activation, 'it-bevara', '--skip', '--reason', 'Leverantören säkrar loggarna på plats', ...johan);

const sections = {
  handelse:
    'Sedan kl 02:40 ligger journalsystemet Cosmic, labbsystemet och röntgens bildarkiv nere på CLV och Ljungby lasarett. Nätverket i övrigt fungerar. Orsaken utreds; inga tecken på intrång hittills.',
  konsekvenser:
    'Akuterna arbetar på papper, labbsvar lämnas per telefon. Planerad vård ställs in till kl 12, omkring 140 patienter. Primärvården når inte journalen.',
  atgarder:
    'Regional stab etablerad. Pappersrutiner i drift. Drabbade nätsegment isolerade. Information ute på 1177 och webben.',
  resurser:
    'Behov: fyra extra undersköterskor till akuten CLV från kl 06. Pappersblanketter räcker till kl 14. Leverantörens tekniker på plats kl 05:30.',
  aktorer:
    'SOS Alarm informerat. Tietoevry (leverantör) felsöker. Kommunerna i länet informerade via TiB. CERT-SE kontaktas om intrång misstänks.',
  bedomning:
    'IT-ledningen bedömer minst sex timmar till återställning. Risk för köer på akuten under förmiddagen. Nästa bedömning efter leverantörens felsökning.',
};
for (const [section, text] of Object.entries(sections)) {
  const next = section === 'bedomning' ? ['--next-update', at(50)] : section === 'resurser' ? ['--next-update', at(110)] : [];
  k('situation', 'set', '--event', ev, '--section', section, '--text', text, ...next, ...eva);
}
k('report', 'situation', '--event', ev, '--out', join(dir, 'lagesrapport-1.pdf'), ...eva);
// The copy register: material printed under copy control, some copies already destroyed or returned.
const printout = json('copies', 'issue', '--event', ev, '--document', 'Beslutslogg IT-avbrott, kl 02:40–05:00', '--marking', 'konfidentiell',
  '--copies', '4', '--recipients', 'Länsstyrelsen Kronoberg (ex 1), Växjö kommun (ex 2), Polisregion Syd (ex 3), arkivet (ex 4)', ...eva);
k('copies', 'settle', printout.id, '--copies', '2', '--outcome', 'forstord', '--note', 'Förstört i dokumentförstöraren', ...johan);
k('copies', 'settle', printout.id, '--copies', '3', '--outcome', 'aterlamnad', '--note', 'Återlämnat av polisens sambandsperson', ...johan);
json('copies', 'issue', '--event', ev, '--document', 'Sårbarhetsanalys Cosmic, bilaga 2', '--marking', 'hemlig',
  '--copies', '2', '--recipients', 'IT-ledningen (ex 1), Säkerhetschefen (ex 2)', ...eva);
const briefing = json('copies', 'issue', '--document', 'Stabsorientering 05:00, bildspel', '--marking', 'konfidentiell',
  '--copies', '6', '--recipients', 'Stabens funktioner S1–S6', ...eva);
k('copies', 'settle', briefing.id, '--copies', '1,2,3,4,5,6', '--outcome', 'forstord', '--note', 'Samlades in och förstördes efter mötet', ...johan);
console.log(`screenshots: store filled (${k('status').split('\n')[0]})`);

// --- An exercise under way, in its own file, played from a terminal as control would. ---
const ovning = join(dir, 'ovning-storm.db');
execFileSync(kris, ['exercise', 'create', 'storm-elavbrott', '--out', ovning]);
const x = (...args) => execFileSync(kris, ['--db', ovning, ...args], { encoding: 'utf8' }).trim();
const control = ['--by', 'Karin Ek', '--role', 'Övningsledare'];
x('exercise', 'start', ...control);
x('exercise', 'jump', '2', ...control);
const stormEvent = JSON.parse(x('event', 'list', '--json').split('\n')[0]).id;
x('decide', '--event', stormEvent, '--kind', 'inriktning', '--title', 'Inriktning för de första dygnen',
  '--text', 'Sjukhusens drift på reservkraft säkras i minst tre dygn; patienter i hemmet med eldriven medicinteknik prioriteras.',
  '--basis', 'Elnätsbolaget: matningen till Karlshamn tillbaka tidigast om två till tre dygn.', '--by', 'Thomas Fransson', '--role', 'Beslutsfattare');
x('exercise', 'jump', '5', ...control);
x('plan', 'activate', 'elavbrott', '--event', stormEvent, '--by', 'Anders Lund', '--role', 'TiB');
x('log', '--event', stormEvent, '--channel', 'telefon', '--from', 'Driftingenjör, Blekingesjukhuset Karlshamn', '--to', 'Fastighet',
  '--text', '9 000 liter diesel kvar, 320 liter i timmen. Räcker till i morgon förmiddag.', '--by', 'Nils Håkansson', '--role', 'Fastighet');
x('exercise', 'hotwash', 'Inriktningsbeslutet kom snabbt och var tydligt om vad som går först', '--kind', 'bra', ...control);
x('exercise', 'speed', '5', ...control);
console.log(`screenshots: exercise under way (${x('exercise', 'status').split('\n')[0]})`);

// --- The window. ---
const port = 4444 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1000), '--native-driver', '/usr/bin/WebKitWebDriver'], {
  env: { ...process.env, XDG_DATA_HOME: join(dir, 'data'), XDG_CACHE_HOME: join(dir, 'cache'), WEBKIT_DISABLE_DMABUF_RENDERER: '1' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let s;
try {
  await waitForPort(base);
  s = await Session.start(base, { 'tauri:options': { application: app, args: ['--db', db] } });
  const first = await s.waitFor('[data-testid=operator-name], [data-testid=nav-events]', null, 30000);
  if ((await s.attr(first, 'data-testid')) === 'operator-name') {
    await s.type(first, 'Eva Ek');
    const role = await s.find('[data-testid=operator-role]');
    await s.clear(role);
    await s.type(role, 'Stabschef');
    await s.click(await s.find('[data-testid=operator-start]'));
  }
  await s.click(await s.waitFor('[data-testid=event-row]'));
  await s.click(await s.waitFor('[data-testid=open-situation]'));
  await s.waitFor('[data-testid=situation-section-bedomning][data-version="1"]');
  await s.waitFor('[data-testid=situation-flagged-item]');
  // Nothing hovered or focused draws attention in the picture.
  await s.exec('document.activeElement && document.activeElement.blur();');
  await new Promise((r) => setTimeout(r, 800));

  const [w, h] = await s.exec('return [innerWidth, innerHeight];');
  assert.deepEqual([w, h], [1366, 768], 'the window is 1366×768');
  writeFileSync(out('screenshot-lagesbild.png'), Buffer.from(await s.screenshot(), 'base64'));
  console.log(`screenshots: ${out('screenshot-lagesbild.png')}`);

  await s.click(await s.find('[data-testid=situation-projector]'));
  await s.waitFor('.shell.projector');
  await s.exec('document.activeElement && document.activeElement.blur();');
  await new Promise((r) => setTimeout(r, 800));
  writeFileSync(out('screenshot-lagesbild-projektor.png'), Buffer.from(await s.screenshot(), 'base64'));
  console.log(`screenshots: ${out('screenshot-lagesbild-projektor.png')}`);
  await s.press('Escape');

  /** A shot of the window as it is, to `path`. */
  const shot = async (path) => {
    await new Promise((r) => setTimeout(r, 500));
    writeFileSync(path, Buffer.from(await s.screenshot(), 'base64'));
    console.log(`screenshots: ${path}`);
  };
  await s.click(await s.waitFor('[data-testid=report-issue]', (t) => t.includes('nr 2')));
  await s.waitFor('[data-testid=report-preview]');
  await shot(out('screenshot-lagesrapport.png'));
  await s.press('Control', 'Enter');
  await s.waitFor('[data-testid=report-issued][data-number="2"]', null, 30000);
  await shot(join(dir, 'report-issued.png'));
  await s.click(await s.find('[data-testid=report-issued-close]'));
  await s.click(await s.waitFor('[data-testid=report-history-open]'));
  await s.waitFor('[data-testid=report-row][data-number="2"]');
  await shot(join(dir, 'report-history.png'));
  await s.press('Escape');
  await s.press('Control', 'p');
  await s.waitFor('[data-testid=print-dialog]');
  await shot(join(dir, 'print-dialog.png'));
  await s.press('Control', 'Enter');
  await s.waitFor('[data-testid=print-file][data-path]:not([data-path=""])', null, 30000);
  await shot(join(dir, 'print-done.png'));
  await s.press('Escape');
  await s.click(await s.waitFor('[data-testid=situation-title] button'));
  await s.waitFor('[data-testid=print-log]');
  await shot(join(dir, 'event-log.png'));
  // The copy register, from the header.
  await s.click(await s.find('[data-testid=nav-copies]'));
  await s.waitFor('[data-testid=copy-row][data-number="3"]');
  await s.exec('document.activeElement && document.activeElement.blur();');
  await shot(out('copy-register.png'));
  await s.click(await s.find('[data-testid=nav-events]'));
  await s.click(await s.waitFor('[data-testid=event-row]'));
  await s.waitFor('[data-testid=print-log]');
  // The same in English.
  await s.click(await s.find('[data-testid=lang]'));
  await s.waitFor('[data-testid=print-log]', (t) => t.startsWith('Print'));
  await s.press('Control', 'p');
  await s.waitFor('[data-testid=print-dialog]');
  await shot(join(dir, 'print-dialog-en.png'));
  await s.press('Escape');
  await s.click(await s.waitFor('[data-testid=open-situation]'));
  await s.click(await s.waitFor('[data-testid=report-issue]', (t) => t.includes('no. 3')));
  await s.waitFor('[data-testid=report-preview]');
  await shot(join(dir, 'report-confirm-en.png'));
  await s.press('Escape');

  // --- Övningsledning, in the exercise's own window. ---
  await s.end().catch(() => {});
  s = await Session.start(base, { 'tauri:options': { application: app, args: ['--db', ovning] } });
  const who = await s.waitFor('[data-testid=operator-name], [data-testid=nav-events]', null, 30000);
  if ((await s.attr(who, 'data-testid')) === 'operator-name') {
    await s.type(who, 'Karin Ek');
    const role = await s.find('[data-testid=operator-role]');
    await s.clear(role);
    await s.type(role, 'Övningsledare');
    await s.click(await s.find('[data-testid=operator-start]'));
  }
  // The window starts in English from the last session's choice: the control view in Swedish.
  await s.waitFor('[data-testid=nav-control]');
  if ((await s.text(await s.find('[data-testid=lang]'))) !== 'EN') await s.click(await s.find('[data-testid=lang]'));
  await s.click(await s.find('[data-testid=nav-control]'));
  await s.waitFor('[data-testid=exercise-control][data-state=running]');
  await s.waitFor('[data-testid=action-row][data-outcome=met]');
  await s.waitFor('[data-testid=hotwash-note]');
  await s.exec('document.activeElement && document.activeElement.blur();');
  const [cw, ch] = await s.exec('return [innerWidth, innerHeight];');
  assert.deepEqual([cw, ch], [1366, 768], 'the window is 1366×768');
  await shot(out('exercise-control.png'));
  await s.click(await s.find('[data-testid=nav-exercise]'));
  await s.waitFor('[data-testid=inject]');
  await shot(join(dir, 'exercise-inbox.png'));
  await s.click(await s.find('[data-testid=lang]'));
  await s.click(await s.find('[data-testid=nav-control]'));
  await s.waitFor('[data-testid=exercise-control]', (t) => t.includes('Exercise control'));
  await shot(join(dir, 'exercise-control-en.png'));
  await s.click(await s.find('[data-testid=open-workspaces]'));
  await s.waitFor('[data-testid=workspace-dialog]');
  await shot(join(dir, 'workspaces-en.png'));

  // --- The lock screen, on a record of its own under a passphrase. ---
  await s.end().catch(() => {});
  const lockDb = join(dir, 'blekinge.db');
  const lockPass = 'vinterstorm över Blekinge';
  const kl = (...args) =>
    execFileSync(kris, ['--db', lockDb, ...args], { encoding: 'utf8', env: { ...process.env, KRIS_PASSPHRASE: lockPass, KRIS_NEW_PASSPHRASE: lockPass } }).trim();
  kl('init', '--org', 'Region Blekinge');
  const stormTitle = 'Storm och elavbrott i Blekinge';
  kl('event', 'open', '--title', stormTitle, '--type', 'Elavbrott', '--by', 'Anders Lund', '--role', 'TiB');
  kl('mode', 'set', 'skarpt', '--basis', 'Regeringens beslut om skärpt beredskap', '--by', 'Anders Lund', '--role', 'TiB');
  kl('passphrase', 'set');
  s = await Session.start(base, { 'tauri:options': { application: app, args: ['--db', lockDb] } });
  await s.waitFor('[data-testid=unlock-passphrase]', null, 30000);
  // The last window was left in English: the lock screen in Swedish.
  await s.exec(`localStorage.setItem('lang', 'sv'); location.reload();`);
  await s.waitFor('[data-testid=unlock-submit]', (t) => t === 'Lås upp');
  await shot(join(dir, 'lock-screen-start.png'));
  await s.type(await s.find('[data-testid=unlock-passphrase]'), lockPass);
  await s.click(await s.find('[data-testid=unlock-submit]'));
  const whoLock = await s.waitFor('[data-testid=operator-name], [data-testid=nav-events]', null, 30000);
  if ((await s.attr(whoLock, 'data-testid')) === 'operator-name') {
    await s.type(whoLock, 'Anders Lund');
    const role = await s.find('[data-testid=operator-role]');
    await s.clear(role);
    await s.type(role, 'TiB');
    await s.click(await s.find('[data-testid=operator-start]'));
  }
  await s.waitFor('[data-testid=event-row]', (t) => t.includes(stormTitle));
  await s.waitFor('[data-testid=mode-banner][data-mode=skarpt]');
  await s.exec('window.__beforeLock = true;');
  await s.press('Control', 'l');
  for (const until = Date.now() + 15000; ; await new Promise((r) => setTimeout(r, 100))) {
    if (await s.exec(`return !window.__beforeLock && !!document.querySelector('[data-testid=lock-mode][data-mode=skarpt]');`).catch(() => false)) break;
    assert.ok(Date.now() < until, 'Ctrl+L did not lock the window');
  }
  const lockedText = await s.exec('return document.body.innerText;');
  assert.ok(!lockedText.includes(stormTitle) && !lockedText.includes('Region Blekinge'), lockedText);
  const [lw, lh] = await s.exec('return [innerWidth, innerHeight];');
  assert.deepEqual([lw, lh], [1366, 768], 'the window is 1366×768');
  await shot(out('lock-screen.png'));
  console.log(`screenshots: scratch shots in ${dir}`);
} catch (e) {
  console.error('screenshots: FAIL', e);
  process.exitCode = 1;
} finally {
  if (s) await s.end().catch(() => {});
  driver.kill();
}
