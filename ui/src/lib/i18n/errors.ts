// Errors from the core in the reader's language. The core writes every message in Swedish and
// hands over the values it names as `params`; English is rebuilt from the code and those values.
// A template is used only when the error carries exactly the params it names: an error the core
// grows later falls back to a plain English line with the Swedish message, never a wrong sentence.
import type { ApiError } from '../bindings/ApiError';
import type { ErrorCode } from '../bindings/ErrorCode';
import { en } from './en';

type Params = Record<string, string>;
/** `also`: params the error carries that the sentence does not repeat; `when`: tells apart
 *  errors with the same params; `match`: tells apart, by the core's Swedish words, errors whose
 *  params are the same and say nothing of which error it is (only a path, or none). */
type Template = { text: string; also?: string[]; when?: (p: Params) => boolean; match?: RegExp };

/** An exercise control action refused in the exercise's state: every such error carries
 *  `state`; what was refused is in the Swedish words only. */
const refusedIn = (words: RegExp, text: string): Template => ({ match: words, text: `The exercise is {state} and ${text}` });

/** A refused CAP alert: every such error carries `cap`, which says what was wrong with the file. */
const notCap = (kind: string, text: string): Template => ({
  when: (p) => p.cap === kind,
  text: `The file is not a CAP 1.2 alert: ${text} Nothing was imported.`,
  also: ['cap'],
});

const english: Record<ErrorCode, Template[]> = {
  invalid: [
    // Issue 16's refusals, told apart by their words where their params are alike.
    { match: /utanför åren 2000/, text: '{field}: {value} is outside the years 2000–2100. Check the year.' },
    { match: /Antal deltagare/, also: ['field'], text: 'Give the number of participants as 1–100 000 (got {value}).' },
    { match: /ingen ersättare här/, also: ['field'], text: 'A person placed with another authority has no replacement here. Give the replacement on the person who holds the function in the region.' },
    { match: /Inställelsen/, also: ['field'], text: 'The time of reporting is before the decision that put the war organisation in force ({in_force_at}).' },
    { match: /håller inte vid kontroll/, also: ['path'], text: 'The exercise file does not verify, so it is not recorded as held. Run kris verify on it.' },
    { match: /inte databasen som är öppen/, text: "Choose the held exercise's file, not the database open here." },
    // The risk register's and continuity's choices left open (before the plain "must be filled in").
    { match: /säkerhetsområde/, also: ['field'], text: 'Choose the area of security work for the risk.' },
    { match: /minst ett beroende/, also: ['field'], text: 'Give at least one dependency (electricity, water, IT, staff, supplies, transport).' },
    { match: /vilket beroende/, also: ['field'], text: 'Choose which dependency is down.' },
    { text: 'The passphrase is too short ({length} characters). Choose at least {min} characters, preferably a few words.' },
    { match: /Lösenfrasen är för lång/, text: 'The passphrase is too long.' },
    { match: /Lösenfrasen innehåller ett styrtecken/, text: 'The passphrase contains a control character (e.g. a line break or tab). Choose one that can be typed on the keyboard.' },
    { match: /Lösenfraserna var inte lika/, text: 'The passphrases were not the same. Nothing was changed; try again.' },
    { when: (p) => p.field === 'minutes', also: ['field'], text: 'The time before the window locks must be {min}–{max} minutes.' },
    { when: (p) => p.field === 'marking', also: ['field'], text: 'That classification is not under copy control; copy control applies to Confidential and higher.' },
    { when: (p) => p.field === 'copies', also: ['field'], text: 'Give 1–{max} copies.' },
    {
      when: (p) => p.field === 'copies',
      also: ['field'],
      text: 'The material is {marking} and under copy control: give the number of copies and the recipients. Each copy is numbered and entered in the copy register.',
    },
    { when: (p) => p.field === 'copies', also: ['field'], match: /^Ange 1–/, text: 'Give 1–100 copies.' },
    { when: (p) => p.field === 'copies', also: ['field'], match: /Ange vilka exemplar/, text: 'Say which copies (by number).' },
    { when: (p) => p.field === 'copies', also: ['field'], match: /finns inte/, text: 'A copy number given is not in this issue; its copies are numbered from 1 to the number issued.' },
    { when: (p) => p.field === 'code', also: ['field'], match: /sex siffrorna/, text: 'Type the six digits the other computer shows under Sync → My code.' },
    {
      when: (p) => p.field === 'code',
      also: ['field'],
      text: 'The code does not match the card from {name}. Check that you are reading the code on the right computer; if it still does not match, the card was changed on the way: do not pair.',
    },
    { when: (p) => p.field === 'folder', also: ['field'], match: /egen mapp/, text: 'Choose a folder of its own for syncing, not the folder the database is in.' },
    { when: (p) => p.field === 'folder', also: ['field'], match: /innan synkning/, text: 'Choose a sync folder before turning on sync over the network.' },
    { when: (p) => p.field === 'folder', also: ['field'], text: 'The sync folder cannot be created or used. Choose a folder you can write in, e.g. on the USB stick.' },
    { match: /parningskort/, text: 'The file is not a valid pairing card ({reason}). Make the card again on the other computer (Sync → My pairing card).' },
    { match: /Bunten går inte/, text: 'The bundle cannot be read ({reason}). Nothing was saved. Ask for a new bundle (this one may have been cut off, changed or damaged on the way).' },
    { match: /eget parningskort/, text: "That is this computer's own pairing card. Read the card from the other computer." },
    { match: /varken en bunt/, text: 'The file is neither a bundle nor a checkpoint.' },
    { match: /för stor för att vara/, text: '{path} is too large to be a pairing card or a bundle.' },
    { when: (p) => p.field === 'action', also: ['field'], text: 'Say what exercise control does: start, pause, resume, speed, jump or end.' },
    { when: (p) => p.field === 'speed', also: ['field'], text: 'The speed must be between 1 and 3600 (the window offers ×1, ×2, ×5 and ×10).' },
    { when: (p) => p.field === 'outcome', also: ['field'], text: 'The assessment must be met, late, missed or not applicable.' },
    { when: (p) => p.field === 'path', also: ['field'], match: /övningsdatabas/, text: 'Say which exercise database to open.' },
    { match: /^Kan inte läsa /, text: 'Cannot read {path}. Check the path and that the file is there.' },
    { match: /ingen vanlig fil/, text: '{path} is not a regular file (a directory, device or pipe). Choose a file.' },
    { match: /inget giltigt övningspaket/, text: '{path} is not a valid exercise package. Nothing was imported; ask for a new copy of the package.' },
    { match: /ingen filsökväg/, text: 'That is not a path to a file. Give the path of the package file, e.g. /home/tib/ovningar/storm.kovn.' },
    { text: '{file} is not UTF-8 text. Save the scenario as UTF-8 and try again.' },
    { text: 'The next update lies in the past. Give a time to come, or leave the field empty.', also: ['next_update_at'] },
    { text: 'Unknown entry kind "{kind}". Use e.g. decision, diary, plan, mode, task, resource, request, staff or situation.' },
    { text: 'The item requires a decision. Take the decision from the item, or link a decision already taken in the event.', also: ['item_id'] },
    { text: '{field} is too long: {length} characters, at most {max} allowed. Shorten the text or split it.' },
    { text: '{field} contains a character that is not allowed ({char}). Type the text in again instead of pasting it.' },
    { text: '{field} must be filled in.' },
    { text: '{file}:{line}: an invisible or control character is not allowed ({char}). Remove it and import again.' },
    { text: 'The time {occurred_at} is before the event started ({opened_at}). Give a time during the event, or open the event with an earlier start time.' },
    { text: '{path} is too large (at most {max_kb} kB).' },
    // Risk register and continuity (their fields carry a value too, so the words tell them apart).
    { match: /skalan 1–5/, text: '{field} is given on the scale 1–5 (got {value}).' },
    { match: /Maximal avbrottstid/, also: ['field'], text: 'The maximum tolerable outage is given in whole hours, 1–168 (got {value}).' },
    { match: /giltigt datum/, text: '{field}: "{value}" is not a valid date. Write it as YYYY-MM-DD, e.g. 2027-03-31.' },
    { text: '{field}: "{value}" is not a valid time. Write it as YYYY-MM-DD HH:MM, e.g. 2026-11-24 14:05.' },
    { text: 'The time {occurred_at} is before the year {earliest_year}. Check the date.' },
    { text: 'The time {occurred_at} is more than {future_minutes} minutes in the future. Log what has happened; planned times go under takes effect or follow-up.' },
    { text: 'The time lies more than {late_minutes} minutes back. Give a reason for the late entry (e.g. "logged afterwards after a phone call").' },
    { text: 'Deviation {deviation_id} belongs to another event. A lesson can only build on a deviation in the same event.', also: ['event_id'] },
    { match: /rapport/, text: '{path} is not a report from this database and is not opened.' },
    { text: 'The period ends ({to}) before it begins ({from}). Swap From and To.', also: ['field'] },
    notCap('utf8', 'it is not encoded as UTF-8 (first error at byte {position}). Save it as UTF-8 and try again.'),
    notCap('size', 'it is {size_kb} kB; a CAP alert is a few kB, and at most {max_kb} kB is accepted.'),
    notCap('empty', 'it is empty.'),
    notCap('not_xml', 'it is not XML (it begins with "{start}").'),
    notCap('xml', 'XML error at line {line} (byte {position}): {xml_error}.'),
    notCap('truncated', 'the file ends before <{element}> (opened at line {line}) is closed. Is the file truncated?'),
    notCap('entity', 'unknown entity reference &{entity}; at line {line}. Only &amp; &lt; &gt; &quot; &apos; and character references (&#…;) are allowed; other entities need a DTD, which is refused.'),
    notCap('char_ref', 'the character reference &{entity}; at line {line} is not a valid character.'),
    notCap('trailing', 'there is something outside <alert> at line {line}; an alert is a single <alert>.'),
    notCap('depth', 'its elements are nested deeper than {max} levels (line {line}); a CAP alert is only a few levels deep.'),
    {
      when: (p) => p.cap === 'namespace' && p.namespace === '',
      text: 'The file is not a CAP 1.2 alert: the root element (line {line}) is <{element}> without a namespace, but a CAP 1.2 alert is <alert> in the namespace urn:oasis:names:tc:emergency:cap:1.2. Nothing was imported.',
      also: ['cap', 'namespace'],
    },
    notCap('namespace', 'the root element (line {line}) is <{element}> in the namespace "{namespace}", but a CAP 1.2 alert is <alert> in the namespace urn:oasis:names:tc:emergency:cap:1.2.'),
    notCap('missing', '<{parent}> at line {line} lacks <{element}>, or it is empty; it is required in CAP 1.2.'),
    notCap('twice', '<{element}> occurs more than once (the second time at line {line}); CAP 1.2 allows one.'),
    notCap('value', '<{element}> at line {line} is "{value}"; CAP 1.2 allows {allowed}.'),
    notCap('date', '<{element}> at line {line} is "{value}", not a valid time. CAP writes times with their time zone, e.g. 2026-11-30T14:00:00+01:00.'),
    notCap('identity', '<{element}> at line {line} is "{value}", but may not contain spaces, commas, < or & (CAP 1.2).'),
    notCap('long', '<{element}> at line {line} is longer than {max} characters.'),
    {
      when: (p) => p.cap === 'doctype',
      text: 'The file contains a DOCTYPE declaration (line {line}), which a CAP alert never has. It is refused because a DTD can be used to read files on the computer or to make the program hang (XXE, "billion laughs"). Nothing was imported.',
      also: ['cap'],
    },
  ],
  not_found: [
    { text: 'There is no risk with id {risk_id}.' },
    { text: 'There is no critical service with id {service_id}.' },
    { text: 'There is no dependency down with id {hit_id}.' },
    { match: /planbiblioteket/, text: 'The plan "{plan_id}" is not in the plan library.' },
    { match: /reservinspel/, text: 'The scenario has no contingency inject {id}.' },
    { text: 'The scenario has no inject {seq}.' },
    { text: 'The scenario has no expected action {action}.' },
    { text: 'There is no scenario "{scenario}": give a scenario file or one of the scenarios shipped with the program.' },
    { match: /ingen övning/, text: 'This database has no exercise. Create an exercise database from a scenario: `kris exercise create SCENARIO --out FILE`.' },
    { text: 'There is no event with id {event_id}.' },
    { text: 'There is no decision or diary entry with id {id}. Check the id with `kris list`.' },
    { text: 'There is no plan with id "{plan_id}". See `kris plan list`.' },
    { match: /olöst konflikt/, text: 'There is no unresolved conflict for that entry; it may have been decided already.', also: ['entry_id'] },
    { text: 'There is no entry with id {entry_id}.' },
    { match: /parad dator/, text: 'No paired computer has that id.', also: ['device_id'] },
    { match: /går inte att läsa/, text: 'Cannot read {path}. Check the path and that the USB stick is connected.' },
    { text: "There is no decision with id {decision_id} in the event. Choose a decision from the event's log." },
    { text: 'There is no issued report with id {report_id}.' },
    { text: 'The report was issued without its {format} file.' },
    { text: 'The file of {title} is gone ({path}). The journal keeps its SHA-256 {sha256}; a copy with the same sum is the same report.' },
    { text: 'There is no deviation with id {deviation_id}. See `kris deviation list --event …`.' },
    { text: 'There is no lesson with id {lesson_id}. See `kris lesson list`.' },
    { text: 'There is no proposal to revise a plan with id {proposal_id}. See `kris proposal list`.' },
  ],
  conflict: [
    { match: /Ett beredskapslarm höjer/, text: 'The region is already at {current}. A beredskapslarm raises readiness; going to {mode} is an ordinary decision on the mode.' },
    { match: /redan inställt sig/, also: ['staff_id'], text: 'The person has already reported for duty ({reported_at}).' },
    { match: /inte avslutad/, also: ['path'], text: 'The exercise has not ended. End it in exercise control first: an exercise held is recorded with its result.' },
    { match: /PDSA-cykel/, text: 'The activity is in the phase {phase}. The next step is {next}: a PDSA cycle moves one step at a time, and after Act the next turn starts with Plan.' },
    { match: /Revidera den i stället/, also: ['service_id'], text: 'That service already exists. Revise it instead of adding it again.' },
    { text: 'The risk was closed {closed_at}. Register a new risk if it has become relevant again.', also: ['risk_id'] },
    { match: /redan registrerat som utslaget/, text: 'That dependency is already recorded as down in the event. Restore it first, or write the news in the diary.', also: ['hit_id', 'dependency'] },
    { match: /återställdes redan/, text: 'That dependency has already been restored.', also: ['hit_id'] },
    refusedIn(/startas igen/, 'cannot be started again.'),
    refusedIn(/pausas/, 'cannot be paused.'),
    refusedIn(/fortsätta/, 'cannot be resumed.'),
    refusedIn(/byta hastighet/, 'cannot change speed.'),
    refusedIn(/hoppa\./, 'cannot jump.'),
    refusedIn(/avslutas/, 'cannot be ended.'),
    refusedIn(/skicka inspel/, 'cannot send injects.'),
    refusedIn(/hot wash/, 'takes no hot wash notes before it has started.'),
    refusedIn(/./, 'that cannot be done now.'),
    { text: 'Inject {seq} has already arrived; jump to a later one.' },
    { match: /redan parad/, text: '{name} is already paired with this database.' },
    { match: /annan nyckel/, text: "{name} is paired under another key than the card's. End that pairing first if the computer really has a new key." },
    {
      text: 'That computer belongs to another {what} ("{theirs}"); this one belongs to "{ours}". Only computers of the same organisation and workspace (and the same exercise) exchange entries.',
    },
    { match: /inga poster efter/, text: 'There are no entries after the point given: no bundle is needed.' },
    { match: /en bunt skriver aldrig/, text: '{path} already exists. Choose a new file name; a bundle never overwrites a file.' },
    { text: 'The entry is already {current}. A classification can only be raised, never lowered.', also: ['asked'] },
    { text: 'Copy {copy} has already been accounted for (destroyed or returned).' },
    { text: 'Contingency inject {id} has already been sent.' },
    { match: /har redan övningen/, text: 'The database already has the exercise "{title}". Create a new exercise database for the next exercise.' },
    { match: /skarpa databasen/, text: 'This is the real database. Exercises are played only in an exercise database (EXERCISE); create one with `kris exercise create`.', also: ['kind'] },
    { match: /skarpa databasen/, text: 'That is the real database; it is never opened as an exercise.' },
    { match: /Sätt en lösenfras först/, text: 'Set a passphrase first (Backup… → Passphrase): without one there is nothing to unlock with.' },
    { match: /är redan krypterad/, text: '{path} is already encrypted. Change the passphrase instead.' },
    { match: /är inte krypterad/, text: '{path} is not encrypted. Set a passphrase first.' },
    { match: /Bara en övningsdatabas/, text: 'Only an exercise database can be packed as an exercise package; the real database is exported with `kris export`.' },
    { match: /En övning får en egen/, text: '{path} already exists. An exercise gets a new database file of its own: choose another name.' },
    { match: /nytt filnamn för paketet/, text: '{path} already exists; choose a new file name for the package.' },
    { match: /importeras alltid till en ny/, text: '{path} already exists; a package is always imported into a new database file.' },
    { match: /är inte en övningsdatabas/, text: '{path} is not an exercise database and is not opened as an exercise.' },
    { text: 'The event is closed and takes no more entries. Open a new event.', also: ['event_id'] },
    {
      text: 'The event "{title}" is closed; a situation report is issued only during the event. Issue the after-action report instead.',
      also: ['event_id'],
    },
    { text: 'Report no. {number} already exists for the event; the next number is {next}. Make the report again.' },
    { match: /finns redan och är/, text: '{path} is not the kind of database asked for (the real record or an EXERCISE). It was left as it is; choose another path.' },
    {
      when: (p) => p.reason === 'stale',
      text: 'Someone else changed the section since you began (version {version} by {author}). Read their text and work your change into it.',
      also: ['reason', 'text'],
    },
    { when: (p) => p.reason === 'unchanged', text: 'The section already has that text; nothing changed.', also: ['reason'] },
    { when: (p) => p.flagged === 'true', text: 'The entry is already flagged as significant; nothing changed.', also: ['entry_id', 'flagged'] },
    { when: (p) => p.flagged === 'false', text: 'The entry is not flagged as significant; nothing changed.', also: ['entry_id', 'flagged'] },
    { text: 'Decision {decision_id} has been superseded by a newer one. Link the decision in force.' },
    {
      text: 'The lesson is already closed ({closed_at}, by {closed_by}). It cannot be closed again; record a new lesson if something remains.',
      also: ['lesson_id'],
    },
    {
      when: (p) => p.cap === 'duplicate',
      text: 'Alert {identifier} from {sender} (sent {sent}) has already been imported into this event, as diary entry {record_id} ({recorded_at}). Nothing was imported.',
      also: ['cap'],
    },
  ],
  not_our_database: [
    {
      match: /Nyckelfilen bredvid/,
      text: 'The key file beside {path} does not belong to that database (the passphrase was right for the key file). Put the right key file beside it, e.g. the one from the same backup.',
    },
    { text: '{path} is an SQLite database from another program, not Krisledning. The file was left untouched.' },
  ],
  schema_too_new: [
    { text: 'The database was created by a newer Krisledning ({detail}). Update Krisledning before opening the file.' },
  ],
  schema_tampered: [
    { text: 'Schema step {domain} {step} in the database does not match this program. The file was made by another version or altered; do not open it for writing.' },
  ],
  not_initialised: [
    { text: 'There is no database at {path}. Check the path (is the USB stick mounted?) or create one with `kris init`.' },
  ],
  chain_broken: [
    { text: 'The journal breaks at entry {seq}. Nothing was rebuilt; run `kris verify` and restore from a backup.' },
    { text: 'The file {path} has changed since it was issued: its SHA-256 is {found}, the journal says {sha256}. Do not use the file; find a copy that matches.' },
  ],
  storage: [
    { match: /Synkmappen/, text: 'The sync folder {path} cannot be used. Check that the USB stick is connected and not write-protected, or choose another folder.' },
    { text: '{path} is a directory, not a database file. Give the path of the file, e.g. {path}/krisledning.db.' },
    { text: 'The report file {path} could not be saved ({io_error}). Nothing was entered in the journal; try again once that is fixed.' },
    { text: 'There is no program on this computer to show {path} ({viewer_error}). The file is still there.' },
  ],
  busy: [
    { text: 'The journal changed while the report was being made, {attempts} times in a row. Try again in a moment.' },
    { text: 'The database is busy in another program (e.g. `kris replay`). Try again in a moment; nothing was saved.' },
  ],
  clock_behind: [
    { text: "The computer's clock ({now}) is behind the newest entry in the journal ({last}). Set the clock right before writing, or times in the journal would be wrong. Nothing was saved." },
  ],
  anchor_mismatch: [
    {
      when: (p) => Number(p.entries) < Number(p.expected_seq),
      text: 'THE CHAIN IS SHORTER than before: {entries} entries, but entry {expected_seq} with hash {expected_hash} was seen earlier. Entries may have been removed or lost. Do not rely on the file; compare it with the backup.',
      also: ['head_hash'],
    },
    {
      text: 'THE CHAIN DIFFERS from the one seen before: entry {expected_seq} no longer has hash {expected_hash}. The journal has been rewritten. Do not rely on the file; compare it with the backup.',
      also: ['entries', 'head_hash'],
    },
  ],
  locked: [
    { match: /nyckelfilen/, text: 'The key file {path} of this encrypted database is missing or cannot be read. Put the key file beside the database (every backup has one) and try again. If the file is not a Krisledning database, choose the right file.' },
    { text: '{path} is encrypted and locked. Unlock it with the passphrase (`kris unlock` or in the window).' },
    { text: 'Krisledning is locked. Unlock it with the passphrase.' },
  ],
  not_paired: [
    {
      text: '{name} is not paired with this database, so its entries are not accepted. Pair the computer first: compare the code {code} with the one shown on {name} (Sync → My code). Nothing was saved.',
      also: ['device_id'],
    },
    {
      text: 'The bundle carries entries from a computer that is neither paired here nor paired by a paired computer (device {device_id}). Nothing was saved; pair that computer first.',
    },
  ],
  wrong_passphrase: [
    { text: 'Wrong passphrase. Try again; upper and lower case and å, ä, ö count.' },
  ],
  projection_mismatch: [
    { text: "The database file's indexes do not match its tables ({integrity}). The file is damaged or was changed outside the program, and searches may hide entries. Do not rely on the file; restore from a backup." },
    { text: 'What is shown does not match the journal: table {table}, row {row} ({count} differences). It was changed outside the program; run `kris replay` to rebuild the views from the journal.' },
  ],
};

/** Said when no template fits; the Swedish message follows in parentheses. */
const generic: Record<ErrorCode, string> = {
  invalid: 'Invalid input; nothing was saved.',
  not_found: 'Not found.',
  conflict: 'Not possible in the current state; nothing was saved.',
  not_our_database: 'The file is not a Krisledning database, or its beginning is damaged. Choose a Krisledning database or restore from a backup.',
  schema_too_new: 'The database was created by a newer Krisledning. Update Krisledning before opening the file.',
  schema_tampered: 'The database schema does not match this program; do not open the file for writing.',
  not_initialised: 'There is no database here yet. Create one with `kris init`.',
  chain_broken: 'The journal chain is broken. Run `kris verify` and restore from a backup.',
  storage: 'Storage error (disk or file).',
  busy: 'The database is busy in another program (e.g. `kris replay`). Try again in a moment; nothing was saved.',
  clock_behind: "The computer's clock is behind the newest entry in the journal. Set the clock right; nothing was saved.",
  anchor_mismatch: 'The chain is shorter than, or differs from, the one this computer saw before. Do not rely on the file; compare it with the backup.',
  projection_mismatch: 'What is shown does not match the journal. Run `kris replay` to rebuild the views from the journal.',
  locked: 'Krisledning is locked. Unlock it with the passphrase.',
  wrong_passphrase: 'Wrong passphrase. Try again; upper and lower case and å, ä, ö count.',
  not_paired: 'That computer is not paired with this database, so its entries are not accepted. Pair it first (Sync); nothing was saved.',
};

/** The core names fields in Swedish, as its forms label them; English names them in English. A
 *  field the list does not know yet keeps its Swedish name rather than a wrong English one. */
const fieldNames: Record<string, string> = {
  Rubrik: 'Title', Beslut: 'Decision', Underlag: 'Basis', Alternativ: 'Alternatives', Beslutsfattare: 'Decision maker',
  'Beslutsfattarens roll': "Decision maker's role", Mandat: 'Mandate', Tidpunkt: 'Time',
  'Orsak till sen registrering': 'Reason for late entry', 'Gäller från': 'Takes effect', Uppföljning: 'Follow-up',
  Sändlista: 'Distribution', Ersätter: 'Supersedes', Text: 'Text', Från: 'From', Till: 'To', Händelse: 'Event',
  Händelsetyp: 'Event type', 'Beslut om avslut': 'Closing decision', 'Post som rättas': 'Entry to correct',
  'Rättad text': 'Corrected text', 'Skäl till rättelse': 'Reason for correction', Namn: 'Name', Roll: 'Role',
  Telefon: 'Phone', 'Rakel-ID': 'Rakel ID', 'E-post': 'Email', Organisation: 'Organisation', Skäl: 'Reason',
  Anteckning: 'Note', Kommentar: 'Comment', Beskrivning: 'Description', Uppdrag: 'Task', Ansvarig: 'Owner',
  'Klart senast': 'Due', Vad: 'What', Resurstyp: 'Resource type', Enhet: 'Unit', Plats: 'Location', Ägare: 'Owner',
  Motivering: 'Justification', 'Behövs senast': 'Needed by', Beställare: 'Requester', 'Beställarens roll': "Requester's role",
  Beslutsreferens: 'Decision reference', Filnamn: 'File name', 'Nästa uppdatering': 'Next update',
  'Vad hände': 'What happened', Konsekvens: 'Consequence', 'Omedelbar åtgärd': 'Immediate action', Erfarenhet: 'Lesson',
  Avvikelse: 'Deviation', Plan: 'Plan', 'Förslag till ändring': 'Proposed change', Anledning: 'Reason',
  Risk: 'Risk', Område: 'Area', Riskägare: 'Risk owner', Sannolikhet: 'Likelihood', 'Befintliga åtgärder': 'Existing controls',
  'Omprövas senast': 'Review by', Tjänst: 'Service', MTO: 'MTO', Beroenden: 'Dependencies', Reservrutin: 'Reserve routine',
  Beroende: 'Dependency', Sedan: 'Since',
  document: 'Document', recipients: 'Recipients', reason: 'Reason',
};

/** What a pairing card belongs to, and the workspaces, as the core names them in Swedish. */
const recordWords: Record<string, string> = {
  organisationen: 'organisation', arbetsytan: 'workspace', övningen: 'exercise', 'skarpt läge': 'the real record', ÖVNING: 'EXERCISE',
};

/** The exercise's states as an English sentence says them. */
const stateNames: Record<string, string> = { ready: 'ready to start', running: 'running', paused: 'paused', ended: 'ended' };

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
}

function word(name: string, value: string): string {
  if (name === 'field') return fieldNames[value] ?? value;
  if (name === 'state') return stateNames[value] ?? value;
  if (name === 'what' || name === 'theirs' || name === 'ours') return recordWords[value] ?? value;
  if (name === 'current' || name === 'marking') return (en.markings as Record<string, string>)[value] ?? value;
  return value;
}

/** Fills `text` when it names exactly the keys of `params`; otherwise null. */
function fill(t: Template, params: Params, message: string): string | null {
  const names = [...placeholders(t.text), ...(t.also ?? [])];
  const keys = Object.keys(params);
  if (names.length !== keys.length || !names.every((n) => n in params)) return null;
  if (t.when && !t.when(params)) return null;
  if (t.match && !t.match.test(message)) return null;
  return t.text.replace(/\{(\w+)\}/g, (_, n: string) => word(n, params[n]));
}

export function errorText(e: ApiError, lang: 'sv' | 'en'): string {
  if (lang === 'sv') return e.message;
  const params = e.params ?? {};
  for (const t of english[e.code] ?? []) {
    const s = fill(t, params, e.message ?? '');
    if (s !== null) return s;
  }
  const line = generic[e.code] ?? 'Something went wrong.';
  return e.message ? `${line} (${e.message})` : line;
}
