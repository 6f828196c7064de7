import { describe, expect, it } from 'vitest';
import { errorText } from './errors';
import type { ApiError } from '../bindings/ApiError';

const err = (code: ApiError['code'], message: string, params?: Record<string, string>): ApiError => ({ code, message, params });

describe('errorText', () => {
  it('gives the core message unchanged in Swedish', () => {
    const e = err('invalid', 'Rubrik måste fyllas i.', { field: 'Rubrik' });
    expect(errorText(e, 'sv')).toBe('Rubrik måste fyllas i.');
  });
  it('builds English from the code and params', () => {
    expect(errorText(err('invalid', 'Rubrik måste fyllas i.', { field: 'Rubrik' }), 'en')).toBe('Title must be filled in.');
    // A field the window has no English name for yet keeps the core's name.
    expect(errorText(err('invalid', 'Nytt fält måste fyllas i.', { field: 'Nytt fält' }), 'en')).toBe('Nytt fält must be filled in.');
    expect(errorText(err('invalid', '…', { field: 'Text', length: '20001', max: '20000' }), 'en')).toBe(
      'Text is too long: 20001 characters, at most 20000 allowed. Shorten the text or split it.',
    );
    expect(errorText(err('not_initialised', '…', { path: '/media/usb/kris.db' }), 'en')).toBe(
      'There is no database at /media/usb/kris.db. Check the path (is the USB stick mounted?) or create one with `kris init`.',
    );
    expect(errorText(err('clock_behind', '…', { now: '2025-03-01 10:00', last: '2025-03-02 08:00' }), 'en')).toContain(
      "clock (2025-03-01 10:00) is behind the newest entry in the journal (2025-03-02 08:00)",
    );
    expect(errorText(err('busy', 'Databasen är upptagen …'), 'en')).toMatch(/^The database is busy/);
    expect(errorText(err('invalid', 'Tidpunkten ligger mer än 10 minuter bakåt …', { late_minutes: '10' }), 'en')).toMatch(
      /^The time lies more than 10 minutes back/,
    );
  });
  it('tells a shorter chain from a rewritten one', () => {
    const p = { expected_seq: '40', expected_hash: 'abc', head_hash: 'def' };
    expect(errorText(err('anchor_mismatch', '…', { ...p, entries: '12' }), 'en')).toMatch(/^THE CHAIN IS SHORTER than before: 12 entries/);
    expect(errorText(err('anchor_mismatch', '…', { ...p, entries: '55' }), 'en')).toMatch(/^THE CHAIN DIFFERS/);
  });
  it('falls back to a plain English line and the Swedish message when no template fits', () => {
    expect(errorText(err('storage', 'Disken är full. Frigör utrymme; inget nytt sparades.'), 'en')).toBe(
      'Storage error (disk or file). (Disken är full. Frigör utrymme; inget nytt sparades.)',
    );
    // A param the templates do not know: a template that ignored it could say something false.
    expect(errorText(err('invalid', 'Rubrik: värdet ligger utanför intervallet.', { field: 'Rubrik', min: '1' }), 'en')).toBe(
      'Invalid input; nothing was saved. (Rubrik: värdet ligger utanför intervallet.)',
    );
  });
  it('has an English line for every error code of the core', () => {
    const codes = [
      'invalid', 'not_found', 'conflict', 'not_our_database', 'schema_too_new', 'schema_tampered', 'not_initialised',
      'chain_broken', 'storage', 'busy', 'clock_behind', 'anchor_mismatch', 'projection_mismatch', 'locked', 'wrong_passphrase',
      'not_paired',
    ] satisfies ApiError['code'][];
    for (const code of codes) {
      const text = errorText(err(code, 'X'), 'en');
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/\{\w+\}/);
    }
  });
  it('says why a laptop cannot be paired or its entries are not taken, in both languages', () => {
    const wrong = err(
      'invalid',
      'Koden stämmer inte med kortet från krisledning-logistik. Kontrollera att du läser koden på rätt dator; stämmer den ändå inte har kortet ändrats på vägen: para inte.',
      { field: 'code', name: 'krisledning-logistik' },
    );
    expect(errorText(wrong, 'sv')).toMatch(/^Koden stämmer inte med kortet från krisledning-logistik/);
    expect(errorText(wrong, 'en')).toMatch(/^The code does not match the card from krisledning-logistik\./);
    expect(errorText(err('invalid', 'Skriv de sex siffrorna som den andra datorn visar under Synkronisering → Min kod.', { field: 'code' }), 'en')).toBe(
      'Type the six digits the other computer shows under Sync → My code.',
    );
    const notPaired = err('not_paired', 'stab-2 är inte parad med den här databasen …', { name: 'stab-2', code: '123 456', device_id: '01a2' });
    expect(errorText(notPaired, 'en')).toMatch(/^stab-2 is not paired with this database.*compare the code 123 456 with the one shown on stab-2/);
    expect(errorText(err('not_paired', 'Bunten bär poster från en dator som varken är parad här …', { device_id: '01a2…' }), 'en')).toMatch(
      /neither paired here nor paired by a paired computer \(device 01a2…\)/,
    );
    expect(errorText(err('not_paired', 'Något nytt.'), 'en')).toMatch(/^That computer is not paired/);
    const foreign = err('conflict', 'stab-2 hör till organisationen "Region Kalmar" …', { what: 'organisationen', theirs: 'Region Kalmar', ours: 'Region Blekinge' });
    expect(errorText(foreign, 'en')).toMatch(/^That computer belongs to another organisation \("Region Kalmar"\); this one belongs to "Region Blekinge"/);
    const workspace = err('conflict', '…', { what: 'arbetsytan', theirs: 'ÖVNING', ours: 'skarpt läge' });
    expect(errorText(workspace, 'en')).toMatch(/another workspace \("EXERCISE"\); this one belongs to "the real record"/);
    expect(errorText(err('conflict', 'stab-2 är redan parad med den här databasen.', { name: 'stab-2' }), 'en')).toBe('stab-2 is already paired with this database.');
    expect(errorText(err('invalid', 'Välj en egen mapp för synkningen, inte mappen där databasen ligger.', { field: 'folder' }), 'en')).toMatch(/^Choose a folder of its own/);
    expect(errorText(err('storage', 'Synkmappen /media/usb går inte att använda (…).', { path: '/media/usb' }), 'en')).toMatch(/^The sync folder \/media\/usb cannot be used/);
    expect(errorText(err('not_found', 'Det finns ingen olöst konflikt för den posten.', { entry_id: 'e1' }), 'en')).toMatch(/^There is no unresolved conflict/);
    expect(errorText(err('not_found', 'Ingen parad dator har det id:t.', { device_id: 'd' }), 'en')).toBe('No paired computer has that id.');
    expect(errorText(err('invalid', 'Bunten går inte att läsa in: avbruten. Inget sparades. …', { reason: 'avbruten' }), 'en')).toMatch(/^The bundle cannot be read/);
  });
  it('says what went wrong with a passphrase, the lock or the key file', () => {
    expect(errorText(err('wrong_passphrase', 'Fel lösenfras. Försök igen; skiftläge och å, ä, ö räknas.'), 'sv')).toMatch(/^Fel lösenfras/);
    expect(errorText(err('wrong_passphrase', 'Fel lösenfras. Försök igen; skiftläge och å, ä, ö räknas.'), 'en')).toMatch(/^Wrong passphrase/);
    expect(errorText(err('invalid', 'Lösenfrasen är för kort (4 tecken). Välj minst 10 tecken, gärna några ord.', { min: '10', length: '4' }), 'en')).toBe(
      'The passphrase is too short (4 characters). Choose at least 10 characters, preferably a few words.',
    );
    expect(errorText(err('invalid', 'Tiden till automatiskt lås måste vara 1–240 minuter.', { field: 'minutes', min: '1', max: '240' }), 'en')).toBe(
      'The time before the window locks must be 1–240 minutes.',
    );
    expect(errorText(err('conflict', 'Sätt en lösenfras först (Säkerhetskopia… → Lösenfras): utan den finns inget att låsa upp med.'), 'en')).toMatch(
      /^Set a passphrase first/,
    );
    expect(errorText(err('locked', 'Krisledning är låst. Lås upp med lösenfrasen.'), 'en')).toBe('Krisledning is locked. Unlock it with the passphrase.');
    const keyFile = '/data/krisledning.db ser ut som en krypterad databas men nyckelfilen /data/krisledning.db.nyckel saknas. Lägg …';
    expect(errorText(err('locked', keyFile, { path: '/data/krisledning.db.nyckel' }), 'en')).toMatch(/^The key file \/data\/krisledning\.db\.nyckel of this encrypted/);
    expect(errorText(err('locked', '/data/k.db är krypterad och låst. Lås upp …', { path: '/data/k.db' }), 'en')).toMatch(/^\/data\/k\.db is encrypted and locked/);
    expect(errorText(err('not_our_database', 'Nyckelfilen bredvid /data/k.db hör inte till den databasen …', { path: '/data/k.db' }), 'en')).toMatch(
      /^The key file beside \/data\/k\.db does not belong/,
    );
  });
  it('says why a CAP alert was refused, told apart by its `cap` param', () => {
    expect(errorText(err('invalid', 'Filen innehåller en DOCTYPE …', { cap: 'doctype', line: '2' }), 'en')).toMatch(
      /^The file contains a DOCTYPE declaration \(line 2\)/,
    );
    const severity = { cap: 'value', element: 'severity', value: 'Catastrophic', allowed: 'Extreme, Severe', line: '35' };
    expect(errorText(err('invalid', '…', severity), 'en')).toBe(
      'The file is not a CAP 1.2 alert: <severity> at line 35 is "Catastrophic"; CAP 1.2 allows Extreme, Severe. Nothing was imported.',
    );
    const root = { cap: 'namespace', element: 'alert', line: '2' };
    expect(errorText(err('invalid', '…', { ...root, namespace: '' }), 'en')).toMatch(/is <alert> without a namespace/);
    expect(errorText(err('invalid', '…', { ...root, namespace: 'urn:x' }), 'en')).toMatch(/is <alert> in the namespace "urn:x"/);
    const dup = { cap: 'duplicate', identifier: 'id1', sender: 's@smhi.se', sent: '2026-11-24T04:05:00+01:00', record_id: 'r1', recorded_at: 'x' };
    expect(errorText(err('conflict', '…', dup), 'en')).toMatch(/^Alert id1 from s@smhi.se .* as diary entry r1/);
  });
  it('tells the staff-room conflicts apart by their params', () => {
    const stale = err('conflict', 'Någon annan …', { reason: 'stale', version: '3', author: 'Eva Ek', text: 'Deras text' });
    expect(errorText(stale, 'en')).toBe(
      'Someone else changed the section since you began (version 3 by Eva Ek). Read their text and work your change into it.',
    );
    expect(errorText(err('conflict', 'x', { reason: 'unchanged' }), 'en')).toBe('The section already has that text; nothing changed.');
    expect(errorText(err('conflict', 'x', { entry_id: 'e1', flagged: 'true' }), 'en')).toMatch(/already flagged/);
    expect(errorText(err('conflict', 'x', { entry_id: 'e1', flagged: 'false' }), 'en')).toMatch(/not flagged/);
  });
  it("says issue 16's refusals in English, never the Swedish words", () => {
    const cases: [ApiError, string][] = [
      [{ code: 'conflict', message: 'Regionen är redan i Krig. Ett beredskapslarm höjer beredskapen; att gå till Höjd beredskap – högsta är ett vanligt beslut om läge.', params: { current: 'krig', mode: 'hogsta' } }, 'already at krig'],
      [{ code: 'conflict', message: 'Aktiviteten är i fasen Planera. Nästa steg är Genomföra: en PDSA-cykel går steg för steg, och efter Agera börjar nästa varv med Planera.', params: { phase: 'planera', next: 'genomfora' } }, 'next step is genomfora'],
      [{ code: 'invalid', message: 'Omprövas senast: 2101-01-01 ligger utanför åren 2000–2100. Kontrollera årtalet.', params: { field: 'Omprövas senast', value: '2101-01-01' } }, 'outside the years'],
      [{ code: 'conflict', message: 'Personen har redan inställt sig (2026-12-02 04:40).', params: { staff_id: 'x', reported_at: '2026-12-02T03:40:00Z' } }, 'already reported'],
    ];
    for (const [e, words] of cases) {
      const text = errorText(e, 'en');
      expect(text, e.message).toContain(words);
    }
  });

  it('says the after-phase errors in English', () => {
    expect(errorText(err('invalid', '…', { field: 'Klart senast' }), 'en')).toBe('Due must be filled in.');
    expect(errorText(err('invalid', '…', { field: 'Vad hände' }), 'en')).toBe('What happened must be filled in.');
    expect(errorText(err('not_found', '…', { lesson_id: 'l1' }), 'en')).toBe('There is no lesson with id l1. See `kris lesson list`.');
    expect(errorText(err('invalid', '…', { deviation_id: 'd1', event_id: 'e2' }), 'en')).toMatch(/^Deviation d1 belongs to another event/);
    const closed = err('conflict', 'Erfarenheten är redan avslutad …', { lesson_id: 'l1', closed_at: '2026-12-01T10:00:00.000000Z', closed_by: 'Maria Berg' });
    expect(errorText(closed, 'en')).toBe(
      'The lesson is already closed (2026-12-01T10:00:00.000000Z, by Maria Berg). It cannot be closed again; record a new lesson if something remains.',
    );
  });
  it('says the report and printout errors in English, each told from older ones by its params', () => {
    expect(errorText(err('not_found', 'Det finns ingen utfärdad rapport med id r1.', { report_id: 'r1' }), 'en')).toBe('There is no issued report with id r1.');
    expect(errorText(err('not_found', '… utfärdades utan md-fil.', { format: 'md' }), 'en')).toBe('The report was issued without its md file.');
    const gone = err('not_found', 'Filen till … finns inte längre …', { path: '/r/ab.pdf', sha256: 'ab', title: 'Lägesrapport nr 2 – Storm' });
    expect(errorText(gone, 'en')).toBe('The file of Lägesrapport nr 2 – Storm is gone (/r/ab.pdf). The journal keeps its SHA-256 ab; a copy with the same sum is the same report.');
    const changed = err('chain_broken', 'Filen till … har ändrats …', { path: '/r/ab.pdf', sha256: 'ab', found: 'cd' });
    expect(errorText(changed, 'en')).toMatch(/^The file \/r\/ab\.pdf has changed since it was issued: its SHA-256 is cd, the journal says ab\./);
    expect(errorText(err('conflict', '…', { number: '3', next: '4' }), 'en')).toBe('Report no. 3 already exists for the event; the next number is 4. Make the report again.');
    // Same code, told apart by the title: a report refused in a closed event, not an entry.
    expect(errorText(err('conflict', '…', { event_id: 'e1', title: 'Storm' }), 'en')).toMatch(/^The event "Storm" is closed; a situation report/);
    expect(errorText(err('conflict', '…', { event_id: 'e1' }), 'en')).toMatch(/^The event is closed and takes no more entries/);
    // Three storage errors with a path: a directory given as the store, a report not kept, no viewer.
    expect(errorText(err('storage', '…', { path: '/data' }), 'en')).toMatch(/is a directory/);
    expect(errorText(err('storage', '…', { path: '/r/x.pdf', io_error: 'no storage space' }), 'en')).toBe(
      'The report file /r/x.pdf could not be saved (no storage space). Nothing was entered in the journal; try again once that is fixed.',
    );
    expect(errorText(err('storage', '…', { path: '/r/x.pdf', viewer_error: 'Launcher "xdg-open" failed' }), 'en')).toBe(
      'There is no program on this computer to show /r/x.pdf (Launcher "xdg-open" failed). The file is still there.',
    );
    const swapped = err('invalid', 'Perioden slutar …', { field: 'Till', from: '2026-11-24 05:40', to: '2026-11-24 03:40' });
    expect(errorText(swapped, 'en')).toBe('The period ends (2026-11-24 03:40) before it begins (2026-11-24 05:40). Swap From and To.');
    expect(errorText(err('invalid', '… är ingen rapport …', { path: '/etc/passwd' }), 'en')).toBe('/etc/passwd is not a report from this database and is not opened.');
    expect(errorText(err('busy', 'Journalen ändrades …', { attempts: '5' }), 'en')).toMatch(/^The journal changed while the report was being made, 5 times/);
    expect(errorText(err('busy', 'Databasen är upptagen …'), 'en')).toMatch(/^The database is busy/);
  });
  it('says the exercise errors in English, told apart by their params or, for a bare path, their words', () => {
    const state = (words: string, value: string) => err('conflict', `Övningen är ${words}.`, { state: value });
    expect(errorText(state('pågår och kan inte startas igen', 'running'), 'en')).toBe('The exercise is running and cannot be started again.');
    expect(errorText(state('pausad och kan inte pausas', 'paused'), 'en')).toBe('The exercise is paused and cannot be paused.');
    expect(errorText(state('redo att starta och kan inte hoppa', 'ready'), 'en')).toBe('The exercise is ready to start and cannot jump.');
    expect(errorText(state('redo att starta och kan inte få hot wash-anteckningar förrän den startat', 'ready'), 'en')).toBe(
      'The exercise is ready to start and takes no hot wash notes before it has started.',
    );
    expect(errorText(state('avslutad och kan inte skicka inspel', 'ended'), 'en')).toBe('The exercise is ended and cannot send injects.');
    expect(errorText(err('conflict', 'Inspel 2 har redan kommit; hoppa till ett senare.', { seq: '2' }), 'en')).toBe('Inject 2 has already arrived; jump to a later one.');
    expect(errorText(err('conflict', 'Reservinspel K1 har redan skickats.', { id: 'K1' }), 'en')).toBe('Contingency inject K1 has already been sent.');
    expect(errorText(err('not_found', 'Scenariot har inget reservinspel K9.', { id: 'K9' }), 'en')).toBe('The scenario has no contingency inject K9.');
    // The older error with only an id is still said as before.
    expect(errorText(err('not_found', 'Det finns inget beslut eller ingen anteckning med id x.', { id: 'x' }), 'en')).toMatch(/^There is no decision or diary entry/);
    expect(errorText(err('not_found', 'Scenariot har ingen förväntad åtgärd A9.', { action: 'A9' }), 'en')).toBe('The scenario has no expected action A9.');
    expect(errorText(err('invalid', 'Hastigheten ska vara …', { field: 'speed' }), 'en')).toMatch(/^The speed must be between 1 and 3600/);
    expect(errorText(err('invalid', 'Motivering måste fyllas i.', { field: 'Motivering' }), 'en')).toBe('Justification must be filled in.');
    expect(errorText(err('invalid', 'Ange vilken övningsdatabas som ska öppnas.', { field: 'path' }), 'en')).toBe('Say which exercise database to open.');
  });
  it('tells apart the errors that carry only a path', () => {
    const path = (code: ApiError['code'], message: string) => errorText(err(code, message, { path: '/x/storm.kovn' }), 'en');
    expect(path('invalid', '/x/storm.kovn är inget giltigt övningspaket: manifest.json saknas. Inget importerades.')).toBe(
      '/x/storm.kovn is not a valid exercise package. Nothing was imported; ask for a new copy of the package.',
    );
    expect(path('invalid', 'Kan inte läsa /x/storm.kovn: filen finns inte')).toBe('Cannot read /x/storm.kovn. Check the path and that the file is there.');
    expect(path('invalid', '/x/storm.kovn är ingen rapport från den här databasen och öppnas inte.')).toBe('/x/storm.kovn is not a report from this database and is not opened.');
    expect(path('conflict', '/x/storm.kovn finns redan; välj ett nytt filnamn för paketet.')).toBe('/x/storm.kovn already exists; choose a new file name for the package.');
    expect(path('conflict', '/x/storm.kovn är inte en övningsdatabas och öppnas inte som övning.')).toBe(
      '/x/storm.kovn is not an exercise database and is not opened as an exercise.',
    );
    expect(path('conflict', '/x/storm.kovn finns redan och är skarp. Den blir inte en övningsdatabas: välj en ny sökväg.')).toMatch(/^\/x\/storm\.kovn is not the kind of database/);
    // A path error the window does not know yet: the plain line and the Swedish, never a wrong sentence.
    expect(path('conflict', '/x/storm.kovn är låst av något nytt.')).toBe('Not possible in the current state; nothing was saved. (/x/storm.kovn är låst av något nytt.)');
    expect(errorText(err('conflict', 'Det är den skarpa databasen; den öppnas aldrig som övning.'), 'en')).toBe('That is the real database; it is never opened as an exercise.');
  });
  it('says the classification and copy register errors in English', () => {
    expect(errorText(err('conflict', 'Posten är redan Konfidentiell. En klassning kan bara höjas, aldrig sänkas.', { current: 'konfidentiell', asked: 'begransat_hemlig' }), 'en')).toBe(
      'The entry is already Confidential. A classification can only be raised, never lowered.',
    );
    expect(errorText(err('invalid', 'Begränsat hemlig står inte under exemplarkontroll …', { field: 'marking' }), 'en')).toMatch(/^That classification is not under copy control/);
    expect(errorText(err('invalid', 'Ange 1–100 exemplar (angivet: 0).', { field: 'copies', max: '100' }), 'en')).toBe('Give 1–100 copies.');
    expect(errorText(err('invalid', 'Ange vilka exemplar (nummer).', { field: 'copies' }), 'en')).toBe('Say which copies (by number).');
    expect(errorText(err('invalid', 'Exemplar 7 finns inte; registernummer 1 har exemplar 1–3.', { field: 'copies' }), 'en')).toMatch(/^A copy number given is not in this issue/);
    expect(errorText(err('conflict', 'Exemplar 2 av registernummer 1 är redan redovisat.', { copy: '2' }), 'en')).toBe('Copy 2 has already been accounted for (destroyed or returned).');
    expect(errorText(err('invalid', 'Materialet är Hemlig och står under exemplarkontroll …', { field: 'copies', marking: 'hemlig' }), 'en')).toMatch(
      /^The material is Secret and under copy control/,
    );
    expect(errorText(err('invalid', 'Ange 1–100 exemplar.', { field: 'copies' }), 'en')).toBe('Give 1–100 copies.');
  });
});
