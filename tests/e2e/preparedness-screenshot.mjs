// The säkerhetschef's screens for the README, in the real window at 1366×768. Run by hand after a
// build (the UI is built into the app, so `cd ui && npm run build` and then `cargo build`):
//
//   xvfb-run -a -s "-screen 0 1366x768x24" node tests/e2e/preparedness-screenshot.mjs
//
// Region Blekinge's preparedness work before anything happens, made with the real `kris` CLI:
// eight risks across the security areas with owners in the line organisation (two reassessed, one
// past its review date), four critical services (dialys, akutmottagning, läkemedelsförsörjning,
// lönekörning) with their MTO and dependencies, fourteen people (nine krigsplacerade here, one with
// Försvarsmakten, four kept as replacements; Sambandsansvarig vacant), a goal for the year with three
// activities in different PDSA phases and a second one reached, two exercises held and three lines
// of the fred checklist ticked. Eva Ek is at the keyboard (a short name: the Swedish header stays
// on one line). The window shows the risk register with its heat map (docs/risker.png); then, in English,
// every new screen goes to the scratch directory to look at: the register, a risk, continuity, the
// mode, the checklist, the beredskapslarm (triggered in English: högsta beredskap), the war
// organisation with four people reported for duty, the follow-up's tabs and the bokslut dialog.
// Back in Swedish: the war organisation in högsta beredskap (docs/krigsorganisation.png) and the
// follow-up (docs/uppfoljning.png). Every screen must fit 1366 px without scrolling sideways and
// no table may be wider than its column; text cut off by its box is logged.
// PREP_SHOTS_DOCS=<dir> writes the three docs images there instead. Times are the time of the run;
// nothing outside the scratch directory and docs/ is touched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { Session, spawnDriver, waitForPort } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const app = process.env.KRIS_APP ?? join(root, 'target/debug/krisledning-app');
const kris = process.env.KRIS_BIN ?? join(root, 'target/debug/kris');
const dir = mkdtempSync(join(tmpdir(), 'kris-prep-shots-'));
const docs = process.env.PREP_SHOTS_DOCS ?? join(root, 'docs');
const db = join(dir, 'blekinge.db');
const env = { ...process.env, KRIS_ANCHOR_DIR: join(dir, 'ankare') };
const k = (...args) => execFileSync(kris, ['--db', db, ...args], { encoding: 'utf8', env }).trim();
const json = (...args) => JSON.parse(k(...args, '--json'));
const step = (msg) => console.log(`prep shots: ${msg}`);

const year = new Date().getFullYear();
const p2 = (n) => String(n).padStart(2, '0');
/** A date `days` from today, ÅÅÅÅ-MM-DD. */
const day = (days) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
};

k('init', '--org', 'Region Blekinge');
const maria = ['--by', 'Maria Svensson', '--role', 'Säkerhetschef'];
// At the keyboard: the säkerhetschef's deputy (a short name keeps the Swedish header on one line).
k('whoami', '--by', 'Eva Ek', '--role', 'Säkerhetschef');

// The risk register: eight risks, owners in the line (ansvarsprincipen).
const risk = (title, area, owner, l, c, description, controls, review, plans = []) =>
  json('risk', 'add', '--title', title, '--area', area, '--owner', owner, '--likelihood', String(l), '--consequence', String(c),
    '--description', description, '--controls', controls, '--review', review, ...plans.flatMap((p) => ['--plan', p]), ...maria).risk.id;
const el = risk('Långvarigt elavbrott på Blekingesjukhuset', 'driftsakerhet', 'Förvaltningschef Blekingesjukhuset', 3, 4,
  'Storm eller fel i regionnätet slår ut elen i mer än ett dygn.', 'Reservkraft för akuten, IVA och operation; bränsle för 72 timmar.', day(120), ['elavbrott']);
risk('Cyberangrepp mot journalsystemet', 'it_sakerhet', 'IT-direktör Region Blekinge', 4, 5,
  'Ransomware krypterar journalsystemet och röntgens bildarkiv.', 'Segmenterat nät, säkerhetskopior offline varje natt.', day(60), ['it-avbrott']);
risk('Hot mot personal på akutmottagningen', 'hot_och_vald', 'Verksamhetschef Akutmottagningen Karlskrona', 4, 3,
  'Hot och våld i väntrummet nattetid, särskilt helger.', 'Väktare fredag–lördag natt, larmknappar i receptionen.', day(-32), ['hot-och-vald']);
risk('Brand på vårdavdelning nattetid', 'brandsakerhet', 'Förvaltningschef Blekingesjukhuset', 2, 5,
  'Brand med sängliggande patienter och nattbemanning.', 'Sprinkler i nya huset, brandskyddsutbildning vartannat år.', day(200), ['brand-utrymning']);
const lakemedel = risk('Brist på läkemedel vid störda leveranser', 'krisberedskap', 'Läkemedelschef Region Blekinge', 3, 4,
  'Leveranskedjan från Europa bryts; kritiska läkemedel tar slut inom en vecka.', 'Beredskapslager för 30 dagar av 40 kritiska preparat.', day(90));
risk('Nyckelpersoner krigsplacerade hos andra myndigheter', 'civilt_forsvar', 'HR-direktör Region Blekinge', 2, 4,
  'Läkare och tekniker med krigsplacering hos Försvarsmakten saknas vid höjd beredskap.', 'Avstämning mot Försvarsmaktens register en gång per år.', day(150));
risk('Patientuppgifter skickas med okrypterad e-post', 'informationssakerhet', 'Förvaltningschef Primärvården', 3, 2,
  'Remisser och provsvar skickas till fel mottagare eller okrypterat.', 'Säker e-post införd, utbildning för nyanställda.', day(240));
risk('Trafikolycka vid liggande sjuktransport', 'transportsakerhet', 'Verksamhetschef Ambulanssjukvården', 1, 3,
  'Olycka med liggande patient på väg mellan Karlshamn och Karlskrona.', 'Vinterdäck, förarutbildning och fordonskontroll.', day(300));
k('risk', 'assess', el, '--likelihood', '2', '--consequence', '4', '--controls', 'Nytt reservkraftaggregat; bränsle för 7 dygn.',
  '--review', day(300), '--note', 'Nytt reservkraftaggregat driftsatt efter övningen i mars.', ...maria);
k('risk', 'assess', lakemedel, '--likelihood', '4', '--consequence', '4', '--controls', 'Beredskapslager för 30 dagar av 40 kritiska preparat.',
  '--review', day(45), '--note', 'Två leverantörer i Tyskland har restnoterat antibiotika; lagret räcker kortare.', ...maria);
step('eight risks, two reassessed, one past its review');

// Continuity: four critical services.
const service = (name, owner, mto, deps, reserve, plans = []) =>
  k('continuity', 'add', '--name', name, '--owner', owner, '--mto', String(mto), ...deps.flatMap((d) => ['--dep', d]),
    '--reserve', reserve, ...plans.flatMap((p) => ['--plan', p]), ...maria);
service('Dialys Blekingesjukhuset', 'Verksamhetschef Njurmedicin', 4, ['el', 'vatten', 'personal'],
  'Patienter flyttas till Växjö; reservvatten i tank för 6 timmar.', ['elavbrott', 'vattenavbrott']);
service('Akutmottagning Karlskrona', 'Verksamhetschef Akutmottagningen Karlskrona', 1, ['el', 'it', 'personal'],
  'Reservkraft inom 15 sekunder; pappersjournal och reservrutin för triage.', ['elavbrott', 'it-avbrott']);
service('Läkemedelsförsörjning', 'Läkemedelschef Region Blekinge', 72, ['leveranser', 'transporter', 'it'],
  'Beredskapslager för 30 dagar; beställning per telefon till grossisten.');
service('Lönekörning', 'Lönechef HR-avdelningen', 120, ['it', 'personal'],
  'Förra månadens lön betalas ut som förskott; betalfil till banken för hand.', ['it-avbrott']);
step('four critical services');

// The war organisation: ten of eleven people placed, one reserve, Sambandsansvarig vacant.
const person = (name, roles, phone) => json('staff', 'add', '--name', name, '--roles', roles, '--phone', phone, ...maria).id;
const people = {
  karin: person('Karin Holm', 'Stabschef', '0455-73 10 01'),
  erik: person('Erik Johansson', 'Beslutsfattare', '0455-73 10 02'),
  anna: person('Anna Lindqvist', 'TiB', '0455-73 10 03'),
  sara: person('Sara Nilsson', 'Informationsansvarig', '0455-73 10 04'),
  olof: person('Olof Berg', 'Analys', '0455-73 10 05'),
  per: person('Per Andersson', 'Logistik', '0455-73 10 06'),
  maria: person('Maria Svensson', 'Säkerhetschef', '0455-73 10 07'),
  johan: person('Johan Ek', 'Sjukvårdsledare', '0455-73 10 08'),
  lena: person('Lena Berg', 'Personalfunktion', '0455-73 10 09'),
  mikael: person('Mikael Strand', 'Analys', '0455-73 10 10'),
  ingrid: person('Ingrid Sjöberg', 'Stabschef', '0455-73 10 11'),
  gunnar: person('Gunnar Lind', 'Beslutsfattare', '0455-73 10 12'),
  hanna: person('Hanna Ek', 'TiB', '0455-73 10 13'),
  ulf: person('Ulf Nord', 'Sjukvårdsledare', '0455-73 10 14'),
};
const place = (who, fn, where, shift, replacement) =>
  k('war', 'place', people[who], '--function', fn, '--place', where, '--shift', shift, ...(replacement ? ['--replacement', people[replacement]] : []), ...maria);
place('erik', 'Beslutsfattare', 'Regionhuset Karlskrona', 'Dag', 'gunnar');
place('anna', 'TiB', 'Ledningsplats Karlskrona', 'A-skift', 'hanna');
place('karin', 'Stabschef', 'Ledningsplats Karlskrona', 'A-skift', 'ingrid');
place('sara', 'Informationsansvarig', 'Ledningsplats Karlskrona', 'A-skift', 'lena');
place('olof', 'Analys', 'Ledningsplats Karlskrona', 'B-skift', 'mikael');
place('per', 'Logistik', 'Blekingesjukhuset Karlskrona', 'A-skift');
place('maria', 'Säkerhetsskyddschef', 'Ledningsplats Karlskrona', 'Dag');
place('johan', 'Sjukvårdsledare', 'Blekingesjukhuset Karlskrona', 'A-skift', 'ulf');
place('lena', 'Personalfunktion', 'Regionhuset Karlskrona', 'Dag');
k('war', 'place', people.mikael, '--elsewhere', 'Försvarsmakten', ...maria);
step('fourteen people: nine placed, one with Försvarsmakten, four reserves; Sambandsansvarig vacant');

// The fred checklist, partly ticked.
for (const item of ['rsa', 'planer', 'ovning']) k('mode', 'check', 'fred', item, ...maria);

// Goals and follow-up: one goal, three activities in three phases; two exercises held.
const goal = json('followup', 'goal', '--year', String(year), '--title', 'Alla verksamheter har en aktuell kontinuitetsplan',
  '--measure', 'Andel verksamheter med kontinuitetsplan reviderad under året', '--target', '100 %', '--owner', 'Beredskapschefen', ...maria).id;
/** Adds an activity (the answer is the goal with its activities) and gives the new one's id. */
const activity = (text, owner, due) =>
  json('followup', 'activity', goal, '--text', text, '--owner', owner, '--due', due, ...maria).activities.find((a) => a.text === text).id;
const workshop = activity('Workshop om kontinuitetsplanering med verksamhetscheferna', 'Beredskapssamordnaren', day(14));
const mall = activity('Ny mall för kontinuitetsplan i ledningssystemet', 'Kvalitetsavdelningen', day(21));
activity('Uppföljning av planernas status i regionledningsgruppen', 'Beredskapschefen', day(28));
k('followup', 'phase', workshop, 'genomfora', '--note', 'Workshop hållen 14 april med 22 verksamhetschefer.', ...maria);
k('followup', 'phase', workshop, 'studera', '--note', '15 av 22 verksamheter hade en plan; äldre än två år i sju fall.', ...maria);
k('followup', 'phase', mall, 'genomfora', '--note', 'Mallen remitterad till förvaltningarna i september.', ...maria);
// A second goal, reached: its one activity went round to Agera.
const ovning = json('followup', 'goal', '--year', String(year), '--title', 'Krisledningsstaben övar minst två gånger per år',
  '--measure', 'Genomförda övningar med utvärdering', '--target', '2 övningar', '--owner', 'Säkerhetschefen', ...maria).id;
const plan = json('followup', 'activity', ovning, '--text', 'Övningsplan för året beslutad i ledningsgruppen', '--owner', 'Säkerhetschefen',
  '--due', `${year}-02-28`, ...maria).activities[0].id;
k('followup', 'phase', plan, 'genomfora', '--note', 'Två övningar planerade: mars och oktober.', ...maria);
k('followup', 'phase', plan, 'studera', '--note', 'Båda genomförda och utvärderade.', ...maria);
k('followup', 'phase', plan, 'agera', '--note', 'Sambandet med kommunerna övas särskilt nästa år.', ...maria);
k('followup', 'assess', ovning, 'uppnatt', '--note', 'Två övningar genomförda med utvärdering.', ...maria);
k('followup', 'exercise', '--title', 'Ledningsövning Storm i Blekinge', '--held-on', `${year}-03-18`, '--form', 'ledningsövning',
  '--participants', '24', '--summary', 'Regional stab etablerad inom 45 minuter; sambandet med kommunerna brast första timmen.', ...maria);
k('followup', 'exercise', '--title', 'Seminarieövning Höjd beredskap', '--held-on', `${year}-10-07`, '--form', 'seminarieövning',
  '--participants', '16', '--summary', 'Regionstyrelsens roll vid beredskapslarm genomgången; krigsplaceringslistan behöver uppdateras.', ...maria);
step('two goals (one with three activities, one reached), two exercises held');

const port = 4444 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const driver = spawnDriver(port, dir, { ...env, KRIS_DB: db });
let s;

/** Nothing is wider than the window: no scrolling sideways at 1366 px. */
async function assertFits(where) {
  const m = await s.exec(`const main = document.querySelector('main');
    return { win: innerWidth, doc: document.documentElement.scrollWidth, main: main.scrollWidth, client: main.clientWidth };`);
  assert.ok(m.doc <= m.win + 1, `${where}: the page is ${m.doc} px wide in a ${m.win} px window`);
  assert.ok(m.main <= m.client + 1, `${where}: the view scrolls sideways (${m.main} px in ${m.client} px)`);
  const wide = await s.exec(`return [...document.querySelectorAll('main table, [role=dialog] table')]
    .filter((t) => t.getBoundingClientRect().right > t.parentElement.getBoundingClientRect().right + 1).map((t) => t.dataset.testid || t.className);`);
  assert.deepEqual(wide, [], `${where}: a table is wider than its column`);
}
/** Elements whose text is cut: wider content than box, with overflow hidden. */
async function clipped(where) {
  const cut = await s.exec(`return [...document.querySelectorAll('main *, [role=dialog] *')].filter((e) => {
      const st = getComputedStyle(e);
      return e.children.length === 0 && e.textContent.trim() && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0
        && (st.overflowX === 'hidden' || st.overflowX === 'clip') && st.textOverflow !== 'ellipsis';
    }).map((e) => e.textContent.trim().slice(0, 60));`);
  if (cut.length) console.log(`prep shots: ${where}: cut text: ${JSON.stringify(cut)}`);
}
const shot = async (path, where) => {
  await assertFits(where);
  await clipped(where);
  await s.exec('document.activeElement && document.activeElement.blur(); const m = document.querySelector("main"); if (m) m.scrollTop = 0;');
  await new Promise((r) => setTimeout(r, 600));
  writeFileSync(path, Buffer.from(await s.screenshot(), 'base64'));
  step(path);
};
const scratch = (name) => join(dir, name);
async function typeInto(css, text) {
  const e = await s.waitFor(css);
  await s.clear(e).catch(() => {});
  await s.type(e, text);
}
const warFn = (fn) => `[data-testid=war-function][data-function="${fn}"]`;

try {
  await waitForPort(base);
  s = await Session.start(base, { 'tauri:options': { application: app, args: ['--db', db] } });
  await s.waitFor('body[data-ready="true"]', null, 30000);
  const first = await s.waitFor('[data-testid=operator-name], [data-testid=nav-risks]', null, 30000);
  if ((await s.attr(first, 'data-testid')) === 'operator-name') {
    await s.type(first, 'Eva Ek');
    await s.click(await s.find('[data-testid=operator-start]'));
  }
  await s.waitFor('[data-testid=nav-risks]');
  const [w, h] = await s.exec('return [innerWidth, innerHeight];');
  assert.deepEqual([w, h], [1366, 768], 'the window is 1366×768');

  // Swedish: the risk register with its heat map.
  await s.click(await s.find('[data-testid=nav-risks]'));
  await s.waitFor('[data-testid=risks-view][data-tab=register]');
  for (let i = 0; i < 100 && (await s.findAll('[data-testid=risk-row]')).length < 8; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal((await s.findAll('[data-testid=risk-row]')).length, 8, 'eight risks listed');
  const headerHigh = await s.exec(`return document.querySelector('header').offsetHeight;`);
  if (headerHigh >= 40) console.log(`prep shots: the header is ${headerHigh} px high: two lines`);
  await shot(join(docs, 'risker.png'), 'risk register');

  // English: every new screen, to look at.
  await s.click(await s.find('[data-testid=lang]'));
  await s.waitFor('[data-testid=risks-view]', (t) => t.includes('Risk register'));
  await shot(scratch('en-risks.png'), 'risk register (en)');
  await s.click(await s.find('[data-testid=heat-cell][data-cell="4x4"]'));
  await s.waitFor('[data-testid=risk-cell-filter]');
  await shot(scratch('en-risks-cell.png'), 'risk register, one square (en)');
  await s.click(await s.find('[data-testid=risk-cell-clear]'));
  await s.click(await s.find('[data-testid=risk-open]'));
  await s.waitFor('[data-testid=risk-detail]');
  await shot(scratch('en-risk-detail.png'), 'risk detail (en)');
  await s.click(await s.find('[data-testid=risk-assess]'));
  await s.waitFor('[data-testid=assess-form]');
  await shot(scratch('en-risk-assess.png'), 'risk reassess (en)');
  await s.press('Escape');
  await new Promise((r) => setTimeout(r, 300));
  if ((await s.findAll('[data-testid=risk-dialog]')).length) await s.press('Escape');
  await s.click(await s.waitFor('[data-testid=risk-new]'));
  await s.waitFor('[data-testid=risk-form]');
  await shot(scratch('en-risk-form.png'), 'risk form (en)');
  await s.press('Escape');
  await s.click(await s.waitFor('[data-testid=risks-tab-continuity]'));
  await s.waitFor('[data-testid=service-row]');
  await shot(scratch('en-continuity.png'), 'continuity (en)');
  await s.click(await s.find('[data-testid=service-new]'));
  await s.waitFor('[data-testid=service-form]');
  await shot(scratch('en-service-form.png'), 'service form (en)');
  await s.press('Escape');

  await s.click(await s.find('[data-testid=nav-mode]'));
  await s.waitFor('[data-testid=mode-leading-body]');
  await shot(scratch('en-mode.png'), 'mode (en)');
  await s.click(await s.find('[data-testid=mode-tab-checklist]'));
  await s.waitFor('[data-testid=checklist-line]');
  await shot(scratch('en-checklist.png'), 'checklist (en)');
  await s.click(await s.find('[data-testid=mode-tab-war]'));
  await s.waitFor(`${warFn('Stabschef')}[data-state=bemannad]`);
  await shot(scratch('en-war-fred.png'), 'war organisation in fred (en)');

  // The beredskapslarm, from the window: högsta beredskap, an event, the mode's plans.
  await s.click(await s.find('[data-testid=alarm-open]'));
  await s.waitFor('[data-testid=alarm-form]');
  await typeInto('[data-testid=alarm-basis]', 'Regeringen har beslutat om beredskapslarm, mottaget via Rakel 04:12.');
  await typeInto('[data-testid=alarm-by]', 'Erik Johansson');
  await typeInto('[data-testid=alarm-role]', 'Regiondirektör');
  await typeInto('[data-testid=alarm-ref]', `Fö${year}/0112`);
  await shot(scratch('en-alarm-form.png'), 'alarm form (en)');
  await s.click(await s.find('[data-testid=alarm-submit]'));
  await s.waitFor('[data-testid=alarm-done][data-mode=hogsta]', null, 20000);
  await shot(scratch('en-alarm-done.png'), 'alarm done (en)');
  await s.press('Escape');
  await s.click(await s.waitFor('[data-testid=nav-mode]'));
  await s.click(await s.waitFor('[data-testid=mode-tab-war]'));
  await s.waitFor('[data-testid=war-in-force][data-in-force=true]');
  for (const fn of ['Stabschef', 'TiB', 'Beslutsfattare', 'Säkerhetsskyddschef']) {
    await s.click(await s.waitFor(`${warFn(fn)} [data-testid=war-report]`));
    await s.waitFor(`${warFn(fn)} [data-testid=war-duty][data-reported=true]`);
  }
  await s.waitFor('[data-testid=war-summary]', (t) => t.includes('4 reported'));
  await shot(scratch('en-war.png'), 'war organisation (en)');
  await s.exec('document.querySelector("main").scrollTop = 10000;');
  await new Promise((r) => setTimeout(r, 400));
  writeFileSync(scratch('en-war-bottom.png'), Buffer.from(await s.screenshot(), 'base64'));
  await s.click(await s.find('[data-testid=mode-tab-mode]'));
  await shot(scratch('en-mode-hogsta.png'), 'mode in högsta (en)');
  await s.click(await s.find('[data-testid=mode-tab-checklist]'));
  await s.waitFor('[data-testid=checklist][data-mode=hogsta]');
  await shot(scratch('en-checklist-hogsta.png'), 'checklist in högsta (en)');

  await s.click(await s.find('[data-testid=nav-followup]'));
  await s.waitFor('[data-testid=followup-tiles]');
  await s.waitFor('[data-testid=goal] [data-testid=activity]');
  await shot(scratch('en-followup.png'), 'follow-up (en)');
  for (const tab of await s.exec(`return [...document.querySelectorAll('[data-testid^=followup-tab-]')].map((e) => e.dataset.testid);`)) {
    await s.click(await s.find(`[data-testid=${tab}]`));
    await s.waitFor(`[data-testid=${tab}][aria-selected=true]`);
    await shot(scratch(`en-${tab}.png`), `follow-up ${tab} (en)`);
  }
  await s.click(await s.find('[data-testid=bokslut-open]'));
  await s.waitFor('[data-testid=bokslut-copy-order]');
  await shot(scratch('en-bokslut.png'), 'bokslut dialog (en)');
  await s.press('Escape');

  // Swedish again: the war organisation in högsta beredskap and the follow-up.
  await s.click(await s.find('[data-testid=lang]'));
  await s.click(await s.waitFor('[data-testid=nav-mode]'));
  await s.click(await s.waitFor('[data-testid=mode-tab-war]'));
  await s.waitFor('[data-testid=war-summary]', (t) => t.includes('4 inställda'));
  await shot(join(docs, 'krigsorganisation.png'), 'war organisation');
  await s.click(await s.find('[data-testid=nav-followup]'));
  await s.waitFor('[data-testid=goal] [data-testid=activity]');
  const tabs = await s.exec(`return [...document.querySelectorAll('[data-testid^=followup-tab-]')].map((e) => e.dataset.testid);`);
  if (tabs.length) await s.click(await s.find(`[data-testid=${tabs[0]}]`));
  await shot(join(docs, 'uppfoljning.png'), 'follow-up');
  execFileSync(kris, ['--db', db, 'verify'], { stdio: 'ignore', env });
  step(`scratch shots in ${dir}`);
} catch (e) {
  console.error('prep shots: FAIL', e);
  process.exitCode = 1;
} finally {
  if (s) await s.end().catch(() => {});
  driver.kill();
}
