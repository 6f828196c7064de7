// End to end in the real Krisledning window (Tauri + WebKitGTK under Xvfb), driven over W3C
// WebDriver by tauri-driver, on a fresh store of its own: the preparedness work before an event.
// The säkerhetschef registers a risk in the Risker view, sees it counted in its square of the
// 5×5 matrix, reassesses it (the count moves to the new square, the history shows both
// assessments with who and why), narrows the list by clicking the square; adds a critical service
// depending on el under Kontinuitet; then an event is opened, el is recorded down in it, and the
// service lights up on the event's lägesbild and the organisation's, and is marked in the
// continuity list; restoring el puts it out. Screenshots of the risk view at 1366×768 go to
// /tmp/risks.png (and the lägesbild to /tmp/situation-affected.png), and the risk view must fit
// without scrolling sideways. Finally `kris verify` checks the window wrote into an intact chain.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { Session, spawnDriver, waitForPort } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const app = process.env.KRIS_APP ?? join(root, 'target/debug/krisledning-app');
const kris = process.env.KRIS_BIN ?? join(root, 'target/debug/kris');
const dir = mkdtempSync(join(tmpdir(), 'kris-e2e-prep-'));
const db = join(dir, 'prep.db');
execFileSync(kris, ['--db', db, 'init', '--org', 'Region Blekinge']);
const port = 4444 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const driver = spawnDriver(port, dir, { KRIS_DB: db });

let session;
const step = (msg) => console.log(`e2e: ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls until `fn` returns true, or fails with `what`. */
async function until(what, fn, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last === true) return;
    } catch (e) {
      last = e.message;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** The number of open risks a square of the matrix shows. */
async function cellCount(s, key) {
  return Number(await s.attr(await s.find(`[data-testid=heat-cell][data-cell="${key}"]`), 'data-count'));
}

async function typeInto(s, testid, text) {
  const el = await s.waitFor(`[data-testid=${testid}]`);
  await s.clear(el);
  await s.type(el, text);
}

/** Nothing on the page is wider than the window: no scrolling sideways at 1366 px. */
async function assertFits(s, where) {
  const m = await s.exec(`const main = document.querySelector('main');
    return { win: window.innerWidth, doc: document.documentElement.scrollWidth, main: main.scrollWidth, mainClient: main.clientWidth };`);
  assert.ok(m.doc <= m.win, `${where}: the page is ${m.doc} px wide in a ${m.win} px window`);
  assert.ok(m.main <= m.mainClient, `${where}: the view scrolls sideways (${m.main} px in ${m.mainClient} px)`);
  step(`${where}: fits in ${m.win} px without scrolling sideways`);
}

try {
  await waitForPort(base);
  session = await Session.start(base, { 'tauri:options': { application: app, args: ['--db', db] } });
  const s = session;
  await s.waitFor('body[data-ready="true"]', null, 30000);
  await s.type(await s.waitFor('[data-testid=operator-name]'), 'Sara Holm');
  await s.click(await s.find('[data-testid=operator-start]'));
  await s.waitFor('[data-testid=nav-risks]');
  const size = await s.exec('return [window.innerWidth, window.innerHeight];');
  step(`window up, ${size[0]}×${size[1]}, signed in`);

  // The register is empty; the matrix is drawn all the same, 25 squares.
  await s.click(await s.find('[data-testid=nav-risks]'));
  await s.waitFor('[data-testid=risks-view][data-tab=register]');
  await s.waitFor('[data-testid=risk-none]');
  assert.equal((await s.findAll('[data-testid=heat-cell]')).length, 25);
  assert.equal(await s.attr(await s.find('[data-testid=heat-cell][data-cell="5x5"]'), 'data-level'), 'mycket_hog');
  assert.equal(await s.attr(await s.find('[data-testid=heat-cell][data-cell="1x1"]'), 'data-level'), 'lag');
  step('empty register: 25 squares, 5×5 mycket hög, 1×1 låg');

  // Register: a blank form is refused with every missing field named, nothing written.
  await s.click(await s.find('[data-testid=risk-new]'));
  await s.waitFor('[data-testid=risk-form]');
  await s.click(await s.find('[data-testid=risk-submit]'));
  await s.waitFor('[data-testid=risk-form] [data-testid=error]', (t) => t.includes('Risk') && t.includes('Riskägare'));
  await typeInto(s, 'risk-title', 'Långvarigt elavbrott på Blekingesjukhuset');
  await s.click(await s.find('[data-testid=risk-area] option[value=driftsakerhet]'));
  await typeInto(s, 'risk-owner', 'Förvaltningschef Fastighet');
  await typeInto(s, 'risk-description', 'Storm eller fel i regionnätet slår ut elen i mer än ett dygn.');
  await s.click(await s.find('[data-testid=risk-likelihood] label:nth-child(3)'));
  await s.click(await s.find('[data-testid=risk-consequence] label:nth-child(4)'));
  await typeInto(s, 'risk-controls', 'Reservkraft för akuten, IVA och operation; bränsle för 72 timmar.');
  await s.click(await s.find('[data-testid=risk-plans-elavbrott]'));
  await assertFits(s, 'risk form');
  writeFileSync('/tmp/risk-form.png', Buffer.from(await s.screenshot(), 'base64'));
  await s.click(await s.find('[data-testid=risk-submit]'));
  // Saved: the risk opens with its first assessment, and the matrix counts it in S 3 × K 4.
  await s.waitFor('[data-testid=risk-detail-title]', (t) => t.includes('Långvarigt elavbrott'));
  await s.waitFor('[data-testid=risk-detail-level]', (t) => t === 'Hög');
  await s.waitFor('[data-testid=risk-detail]', (t) => t.includes('Elavbrott') && t.includes('Förvaltningschef Fastighet'));
  await until('the risk in square 3×4', async () => (await cellCount(s, '3x4')) === 1);
  step('risk registered in the window: hög, 3×4 = 12, counted in its square');

  // Reassess: the note (why it moved) is required; the count moves to S 2 × K 4.
  await s.click(await s.find('[data-testid=risk-assess]'));
  await s.waitFor('[data-testid=assess-form]');
  await s.click(await s.find('[data-testid=assess-likelihood] label:nth-child(2)'));
  await s.click(await s.find('[data-testid=assess-submit]'));
  await s.waitFor('[data-testid=assess-form] [data-testid=error]', (t) => t.includes('Motivering'));
  await typeInto(s, 'assess-note', 'Nytt reservkraftaggregat driftsatt efter övningen i oktober.');
  await s.click(await s.find('[data-testid=assess-submit]'));
  await until('two assessments in the history', async () => (await s.findAll('[data-testid=risk-history-item]')).length === 2);
  const latest = await s.text(await s.find('[data-testid=risk-history-item]'));
  assert.ok(latest.includes('Nytt reservkraftaggregat') && latest.includes('Sara Holm') && latest.includes('S 2 × K 4 = 8'), latest);
  await s.waitFor('[data-testid=risk-detail-level]', (t) => t === 'Hög');
  await s.click(await s.find('[data-testid=risk-detail-done]'));
  await until('the risk moved to square 2×4', async () => (await cellCount(s, '3x4')) === 0 && (await cellCount(s, '2x4')) === 1);
  step('reassessed: history shows who and why, the count moved from 3×4 to 2×4');

  // A second risk, registered elsewhere (kris in a terminal), arrives live; then a square narrows the list.
  execFileSync(kris, ['--db', db, 'risk', 'add', '--title', 'Hot mot personal på akuten', '--area', 'hot_och_vald', '--description', 'Hot och våld i väntrummet nattetid.', '--owner', 'Verksamhetschef Akuten', '--likelihood', '4', '--consequence', '3', '--controls', 'Väktare fredag–lördag natt.', '--review', '2027-06-30', '--by', 'Sara Holm', '--role', 'Säkerhetschef'], { encoding: 'utf8' });
  await until('the terminal risk in the list', async () => (await s.findAll('[data-testid=risk-row]')).length === 2, 20000);
  await until('the terminal risk in square 4×3', async () => (await cellCount(s, '4x3')) === 1);
  const first = await s.attr(await s.find('[data-testid=risk-row]'), 'data-score');
  assert.equal(first, '12', 'highest score first');
  await s.click(await s.find('[data-testid=heat-cell][data-cell="2x4"]'));
  await s.waitFor('[data-testid=risk-cell-filter]');
  await until('the list narrowed to 2×4', async () => (await s.findAll('[data-testid=risk-row]')).length === 1);
  assert.equal(await s.attr(await s.find('[data-testid=risk-row]'), 'data-cell'), '2x4');
  step('a risk from the terminal arrived live, highest first; clicking 2×4 narrows the list');
  await assertFits(s, 'risk register');
  writeFileSync('/tmp/risks.png', Buffer.from(await s.screenshot(), 'base64'));
  step('screenshot of the risk register: /tmp/risks.png');
  await s.click(await s.find('[data-testid=risk-cell-clear]'));

  // Ctrl+K finds the risk by a word of its area and opens its card.
  await s.press('Control', 'k');
  await s.waitFor('[data-testid=palette-input]');
  await s.typeKeys('hot och');
  await until('the risk among the palette hits', async () =>
    s.exec(`return !!document.querySelector('[data-testid=palette-item][data-kind=risk]');`));
  await s.exec(`document.querySelector('[data-testid=palette-item][data-kind=risk]').click();`);
  await s.waitFor('[data-testid=risk-detail-title]', (t) => t.includes('Hot mot personal'));
  await s.press('Escape');
  step('Ctrl+K found the risk and opened its card');

  // Continuity: a critical service depending on el.
  await s.click(await s.find('[data-testid=risks-tab-continuity]'));
  await s.waitFor('[data-testid=service-none]');
  await s.click(await s.find('[data-testid=service-new]'));
  await s.waitFor('[data-testid=service-form]');
  await typeInto(s, 'service-name', 'Dialys Blekingesjukhuset');
  await typeInto(s, 'service-owner', 'Verksamhetschef Njurmedicin');
  await typeInto(s, 'service-mto', '4');
  await s.click(await s.find('[data-testid=service-dep-el]'));
  await s.click(await s.find('[data-testid=service-dep-vatten]'));
  await typeInto(s, 'service-reserve', 'Patienter flyttas till Växjö; reservvatten i tank för 6 timmar.');
  await s.click(await s.find('[data-testid=service-plans-elavbrott]'));
  await s.click(await s.find('[data-testid=service-submit]'));
  const row = await s.waitFor('[data-testid=service-row]', (t) => t.includes('Dialys Blekingesjukhuset'));
  assert.equal(await s.attr(row, 'data-hit'), 'false');
  const deps = await s.exec(`return [...document.querySelectorAll('[data-testid=service-row] [data-testid=service-dep]')].map((e) => e.dataset.dep);`);
  assert.deepEqual(deps, ['el', 'vatten']);
  await s.waitFor('[data-testid=service-mto]', (t) => t === '4 h');
  await assertFits(s, 'continuity');
  writeFileSync('/tmp/continuity.png', Buffer.from(await s.screenshot(), 'base64'));
  step('service added under Kontinuitet: MTO 4 h, depends on el and vatten');

  // An event: el goes down in it.
  await s.click(await s.find('[data-testid=nav-events]'));
  await s.click(await s.waitFor('[data-testid=new-event]'));
  await typeInto(s, 'event-title', 'Elavbrott Karlskrona');
  await typeInto(s, 'event-type', 'Elavbrott');
  await s.click(await s.find('[data-testid=event-submit]'));
  await s.waitFor('[data-testid=event-heading]', (t) => t.includes('Elavbrott Karlskrona'));
  await s.click(await s.waitFor('[data-testid=pane-continuity]'));
  await s.waitFor('[data-testid=hits-none]');
  await s.click(await s.find('[data-testid=hit-dependency] option[value=el]'));
  await typeInto(s, 'hit-note', 'Elavbrott Lasarettet, reservkraft i drift');
  await s.click(await s.find('[data-testid=hit-submit]'));
  const hit = await s.waitFor('[data-testid=hit][data-down=true]');
  assert.equal(await s.attr(hit, 'data-dep'), 'el');
  await s.waitFor('[data-testid=hit]', (t) => t.includes('1 tjänst beroende'));
  step('event opened, el recorded down in it: 1 service depends on it');

  // The event's lägesbild lights the service up, with its MTO and reserve routine.
  await s.click(await s.find('[data-testid=open-situation]'));
  const panel = await s.waitFor('[data-testid=affected-services]', null, 20000);
  const panelText = await s.text(panel);
  assert.ok(panelText.includes('Påverkade samhällsviktiga tjänster') && panelText.includes('Dialys Blekingesjukhuset') && panelText.includes('El') && panelText.includes('MTO nås'), panelText);
  assert.equal(await s.attr(await s.find('[data-testid=affected-service]'), 'data-exceeded'), 'false');
  writeFileSync('/tmp/situation-affected.png', Buffer.from(await s.screenshot(), 'base64'));
  // The organisation's picture too.
  await s.click(await s.find('[data-testid=situation-event-select] option[value=""]'));
  await s.waitFor('[data-testid=situation-org]');
  await s.waitFor('[data-testid=affected-services]', (t) => t.includes('Dialys Blekingesjukhuset') && t.includes('Elavbrott Karlskrona'));
  step('the service is lit on the event\'s lägesbild and the organisation\'s: screenshot /tmp/situation-affected.png');

  // The continuity list marks it, naming the event.
  await s.click(await s.find('[data-testid=nav-risks]'));
  await s.click(await s.waitFor('[data-testid=risks-tab-continuity]'));
  await s.waitFor('[data-testid=service-row][data-hit=true] [data-testid=service-hit]', (t) => t.includes('Elavbrott Karlskrona'));
  step('the continuity list marks the service as hit in the event');

  // Restored: the lägesbild panel goes.
  await s.click(await s.find('[data-testid=nav-situation]'));
  await s.click(await s.waitFor('[data-testid=situation-org-event]'));
  await s.click(await s.waitFor('[data-testid=affected-manage]'));
  await s.waitFor('[data-testid=dependency-hits]');
  await s.click(await s.waitFor('[data-testid=hit-restore]'));
  await typeInto(s, 'restore-note', 'Nätet åter 14:10, reservkraft avställd');
  await s.click(await s.find('[data-testid=restore-submit]'));
  await s.waitFor('[data-testid=hit][data-down=false]', (t) => t.includes('Återställt'));
  await s.click(await s.find('[data-testid=open-situation]'));
  await s.waitFor('[data-testid=situation-view]');
  await until('the affected panel gone', async () => (await s.findAll('[data-testid=affected-services]')).length === 0);
  step('el restored: the lägesbild no longer lists the service');

  const verified = execFileSync(kris, ['--db', db, 'verify'], { encoding: 'utf8' }).trim();
  assert.match(verified, /^OK /, verified);
  step(`kris verify: ${verified}`);
  console.log('e2e: PASS');
} catch (e) {
  console.error('e2e: FAIL', e);
  process.exitCode = 1;
} finally {
  if (session) await session.end().catch(() => {});
  driver.kill();
}
