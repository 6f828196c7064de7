// End to end in the real Krisledning window (Tauri + WebKitGTK under Xvfb): the war organisation,
// the readiness checklist, a beredskapslarm and the year's follow-up with the bokslut. Two people
// are added with `kris`; in the window one is krigsplacerad as Stabschef with the other as
// replacement (the function goes from vakant to bemannad), a line of the current mode's readiness
// checklist is checked, a beredskapslarm puts the region in högsta beredskap with a new event and
// the mode's plans active, the Stabschef reports for duty (inställelse), a goal is set with an
// activity moved one phase on (Planera → Genomföra), and the bokslut is printed in numbered copies
// (högsta beredskap marks it Konfidentiell) and its file found on disk. Screenshots of the war
// organisation and the follow-up at 1366×768 go to /tmp/war.png and /tmp/followup.png (or
// E2E_WAR_SHOT / E2E_FOLLOWUP_SHOT).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { Session, spawnDriver, waitForPort } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const app = process.env.KRIS_APP ?? join(root, 'target/debug/krisledning-app');
const kris = process.env.KRIS_BIN ?? join(root, 'target/debug/kris');
const dir = mkdtempSync(join(tmpdir(), 'kris-war-e2e-'));
const db = join(dir, 'war.db');
execFileSync(kris, ['--db', db, 'init', '--org', 'Region Blekinge']);
const k = (...args) => execFileSync(kris, ['--db', db, ...args], { encoding: 'utf8' }).trim();
const by = ['--by', 'Eva Ek', '--role', 'TiB'];
const karin = JSON.parse(k('staff', 'add', '--name', 'Karin Holm', '--roles', 'Stabschef', '--phone', '0455-73 10 00', ...by, '--json'));
const olof = JSON.parse(k('staff', 'add', '--name', 'Olof Berg', '--roles', 'Analys', ...by, '--json'));

const port = 5600 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const driver = spawnDriver(port, dir, { KRIS_DB: db, KRIS_ANCHOR_DIR: join(dir, 'ankare') });

let session;
const step = (msg) => console.log(`war-e2e: ${msg}`);

/** Sets a field as typing would (date inputs and selects take no typed keys reliably in
 *  WebKitWebDriver): the value, then the event Svelte's binding listens to. */
async function setField(s, css, value, event = 'input') {
  await s.waitFor(css);
  const ok = await s.exec(
    `const el = document.querySelector(arguments[0]); if (!el) return false;
     el.value = arguments[1]; el.dispatchEvent(new Event(arguments[2], { bubbles: true })); return el.value === arguments[1];`,
    [css, value, event],
  );
  assert.ok(ok, `${css} took the value ${value}`);
}
const choose = (s, css, value) => setField(s, css, value, 'change');

/** Clicks a button once it is enabled, brought to the middle of the screen first. */
async function press(s, css, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  let state = '';
  while (Date.now() < until) {
    state = await s.exec(
      `const el = document.querySelector(arguments[0]); if (!el) return 'missing'; if (el.disabled) return 'disabled';
       el.scrollIntoView({ block: 'center' }); return 'ready';`,
      [css],
    );
    if (state === 'ready') return s.click(await s.find(css));
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${css} never became clickable (${state})`);
}

async function typeInto(s, css, text) {
  const el = await s.waitFor(css);
  await s.clear(el).catch(() => {});
  await s.type(el, text);
}

/** The page fits the window's width: nothing to scroll sideways at 1366 px. */
async function assertNoSideScroll(s, where) {
  const [sw, cw] = await s.exec('const m = document.querySelector("main"); return [m.scrollWidth, m.clientWidth];');
  assert.ok(sw <= cw + 1, `${where}: the page scrolls sideways (${sw} > ${cw})`);
  const [dw, ww] = await s.exec('return [document.documentElement.scrollWidth, window.innerWidth];');
  assert.ok(dw <= ww + 1, `${where}: the window scrolls sideways (${dw} > ${ww})`);
}

async function shot(s, file) {
  await s.exec('document.querySelector("main").scrollTop = 0;');
  writeFileSync(file, Buffer.from(await s.screenshot(), 'base64'));
  step(`screenshot ${file}`);
}

try {
  await waitForPort(base);
  session = await Session.start(base, { 'tauri:options': { application: app, args: ['--db', db] } });
  const s = session;
  await s.exec('return 1;');
  await s.waitFor('body[data-ready="true"]', null, 30000);
  const first = await s.waitFor('[data-testid=operator-name], [data-testid=nav-events]', null, 30000);
  if ((await s.attr(first, 'data-testid')) === 'operator-name') {
    await s.type(first, 'Eva Ek');
    await s.click(await s.find('[data-testid=operator-start]'));
  }
  await s.waitFor('[data-testid=nav-mode]');
  const [w, h] = await s.exec('return [window.innerWidth, window.innerHeight];');
  step(`window ${w}×${h}`);

  // The leading body of fred is named on the banner.
  await s.waitFor('[data-testid=mode-banner-leading]', (t) => t.includes('Krisledningsnämnden'));

  // War organisation: Stabschef is vakant, then bemannad with Karin and Olof as replacement.
  await s.click(await s.find('[data-testid=nav-mode]'));
  await s.waitFor('[data-testid=mode-leading-body]', (t) => t.includes('Krisledningsnämnden'));
  // The mode switch, under its tab row, still fits the screen down to its button.
  const [formBottom, mainBottom] = await s.exec(`return [document.querySelector('[data-testid=mode-submit]').getBoundingClientRect().bottom,
    document.querySelector('main').getBoundingClientRect().bottom];`);
  assert.ok(formBottom <= mainBottom, `the mode form's button is on screen (${formBottom} ≤ ${mainBottom})`);
  await s.click(await s.find('[data-testid=mode-tab-war]'));
  const stabschef = '[data-testid=war-function][data-function="Stabschef"]';
  await s.waitFor(`${stabschef}[data-state=vakant]`);
  await s.waitFor('[data-testid=war-unplaced]', (t) => t.includes('Karin Holm') && t.includes('Olof Berg'));
  await choose(s, '[data-testid=war-place-person]', karin.id);
  await typeInto(s, '[data-testid=war-place-function]', 'Stabschef');
  await typeInto(s, '[data-testid=war-place-place]', 'Ledningsplats Nord');
  await typeInto(s, '[data-testid=war-place-shift]', 'A-skift');
  await choose(s, '[data-testid=war-place-replacement]', olof.id);
  await press(s, '[data-testid=war-place-submit]');
  await s.waitFor(`${stabschef}[data-state=bemannad] [data-testid=war-person]`, (t) => t.includes('Karin Holm'));
  const row = await s.text(await s.find(stabschef));
  assert.match(row, /Ledningsplats Nord/);
  assert.match(row, /Olof Berg/);
  await s.waitFor('[data-testid=war-unplaced]', (t) => !t.includes('Karin Holm'));
  step('Karin Holm krigsplacerad as Stabschef with Olof Berg as replacement: vakant → bemannad');

  // Readiness checklist: the current mode's list comes first, open; one line checked.
  await s.click(await s.find('[data-testid=mode-tab-checklist]'));
  const firstList = await s.waitFor('[data-testid=checklist]');
  assert.equal(await s.attr(firstList, 'data-mode'), 'fred', 'the current mode is listed first');
  const line = '[data-testid=checklist][data-mode=fred] [data-testid=checklist-line]';
  await s.waitFor(line);
  const item = await s.attr(await s.find(line), 'data-item');
  await s.click(await s.find(`${line}[data-item="${item}"] [data-testid=checklist-box]`));
  await s.waitFor(`${line}[data-item="${item}"][data-done=true]`, (t) => t.includes('Eva Ek'));
  await s.waitFor('[data-testid=checklist][data-mode=fred] [data-testid=checklist-progress]', (t) => t.startsWith('1 av'));
  step(`readiness checklist: fred line "${item}" checked, by Eva Ek`);

  // Beredskapslarm: högsta beredskap, a new event and the mode's plans active.
  await s.click(await s.find('[data-testid=alarm-open]'));
  await s.waitFor('[data-testid=alarm-form]');
  await typeInto(s, '[data-testid=alarm-basis]', 'Regeringen har beslutat om beredskapslarm, mottaget via Rakel 04:12.');
  await typeInto(s, '[data-testid=alarm-by]', 'Anna Regiondirektör');
  await typeInto(s, '[data-testid=alarm-role]', 'Regiondirektör');
  await typeInto(s, '[data-testid=alarm-ref]', 'RS 2026/112');
  await press(s, '[data-testid=alarm-submit]');
  const done = await s.waitFor('[data-testid=alarm-done]', null, 20000);
  assert.equal(await s.attr(done, 'data-mode'), 'hogsta');
  await s.waitFor('[data-testid=mode-banner]');
  assert.equal(await s.attr(await s.find('[data-testid=mode-banner]'), 'data-mode'), 'hogsta');
  await s.waitFor('[data-testid=mode-banner-leading]', (t) => t.includes('Regionstyrelsen'));
  const plans = await s.findAll('[data-testid=alarm-plan]');
  assert.ok(plans.length >= 1, 'the larm activated the mode\'s plans');
  const planText = await s.text(await s.find('[data-testid=alarm-plans]'));
  assert.match(planText, /Förstärkt bemanning/);
  const eventTitle = await s.text(await s.find('[data-testid=alarm-event-title]'));
  assert.match(eventTitle, /^Beredskapslarm – /);
  await s.click(await s.find('[data-testid=alarm-open-event]'));
  await s.waitFor('[data-testid=event-heading]', (t) => t.includes('Beredskapslarm'));
  step(`beredskapslarm: mode högsta, event "${eventTitle}" opened with ${plans.length} plans active`);

  // The alarm is marked in the mode history.
  await s.click(await s.find('[data-testid=nav-mode]'));
  await s.waitFor('[data-testid=mode-history-entry][data-alarm=true] [data-testid=mode-history-alarm]');

  // Inställelse: the war organisation is in force; Karin reports for duty.
  await s.click(await s.find('[data-testid=mode-tab-war]'));
  await s.waitFor('[data-testid=war-in-force][data-in-force=true]');
  await s.waitFor(`${stabschef} [data-testid=war-report]`);
  await s.click(await s.find(`${stabschef} [data-testid=war-report]`));
  await s.waitFor(`${stabschef} [data-testid=war-duty][data-reported=true]`, (t) => t.includes('Inställd'));
  await s.waitFor('[data-testid=war-summary]', (t) => t.includes('1 inställda'));
  step('inställelse: Karin Holm reported for duty in the war organisation in force');
  await assertNoSideScroll(s, 'war organisation');
  await shot(s, process.env.E2E_WAR_SHOT ?? '/tmp/war.png');

  // Follow-up: a goal, an activity, moved from Planera to Genomföra.
  await s.click(await s.find('[data-testid=nav-followup]'));
  await s.waitFor('[data-testid=followup-tiles]');
  const year = new Date().getFullYear();
  assert.equal(await s.exec('return document.querySelector("[data-testid=followup-year]").value;'), String(year));
  await s.waitFor('[data-testid=followup-tile][data-key=mode_changes]');
  assert.equal(await s.attr(await s.find('[data-testid=followup-tile][data-key=mode_changes]'), 'data-count'), '1');
  await typeInto(s, '[data-testid=goal-title]', 'Alla verksamheter har aktuell kontinuitetsplan');
  await typeInto(s, '[data-testid=goal-measure]', 'Andel verksamheter med kontinuitetsplan yngre än två år');
  await typeInto(s, '[data-testid=goal-target]', '100 %');
  await typeInto(s, '[data-testid=goal-owner]', 'Beredskapschefen');
  await press(s, '[data-testid=goal-submit]');
  const goal = await s.waitFor('[data-testid=goal]', (t) => t.includes('kontinuitetsplan'));
  const goalId = await s.attr(goal, 'data-id');
  await choose(s, '[data-testid=activity-goal]', goalId);
  await typeInto(s, '[data-testid=activity-text]', 'Workshop med verksamhetscheferna');
  await typeInto(s, '[data-testid=activity-owner]', 'Beredskapssamordnaren');
  await setField(s, '[data-testid=activity-due]', `${year}-12-31`);
  await press(s, '[data-testid=activity-submit]');
  const act = '[data-testid=goal] [data-testid=activity]';
  await s.waitFor(`${act}[data-phase=planera]`, (t) => t.includes('Workshop'));
  await s.click(await s.find(`${act} [data-testid=activity-next]`));
  await typeInto(s, '[data-testid=activity-move-note]', 'Inbjudan skickad, workshop bokad till 12 november.');
  await press(s, '[data-testid=activity-move-submit]');
  await s.waitFor(`${act}[data-phase=genomfora]`, (t) => t.includes('Inbjudan skickad'));
  step('follow-up: goal set, activity added and moved Planera → Genomföra');
  await assertNoSideScroll(s, 'follow-up');
  await shot(s, process.env.E2E_FOLLOWUP_SHOT ?? '/tmp/followup.png');

  // The bokslut: Konfidentiell in högsta beredskap, so in numbered copies.
  await s.click(await s.find('[data-testid=bokslut-open]'));
  await s.waitFor('[data-testid=bokslut-copy-order]');
  await typeInto(s, '[data-testid=bokslut-copies]', '2');
  await typeInto(s, '[data-testid=bokslut-recipients]', 'Regionstyrelsen, Beredskapschefen');
  await press(s, '[data-testid=bokslut-submit]');
  const printed = await s.waitFor('[data-testid=bokslut-done]', null, 30000);
  const path = await s.attr(printed, 'data-path');
  assert.ok(path && existsSync(path), `the bokslut file exists: ${path}`);
  assert.ok(statSync(path).size > 1000, 'the bokslut is a real PDF');
  await s.waitFor('[data-testid=bokslut-file-path]', (t) => t === path);
  step(`bokslut printed: ${path} (${statSync(path).size} bytes)`);
  await s.click(await s.find('[data-testid=bokslut-close]'));

  // The window wrote into the real chain.
  execFileSync(kris, ['--db', db, 'verify'], { stdio: 'ignore', env: { ...process.env, KRIS_ANCHOR_DIR: join(dir, 'ankare') } });
  console.log('war-e2e: PASS');
} catch (e) {
  console.error('war-e2e: FAIL', e);
  process.exitCode = 1;
} finally {
  if (session) await session.end().catch(() => {});
  driver.kill();
}
