//! CAP 1.2 alerts into an event's diary, on real SQLite files: what a valid alert becomes, and
//! that every file which is not one — broken, truncated, hostile, huge — is refused quickly with
//! the store exactly as it was.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use common::{dump_projections, fixture, head, open_event, tib, Fixture};
use krisledning::domain::validate::TEXT_MAX;
use krisledning::log::{Channel, CloseEvent, RecordType};
use krisledning::{Error, ErrorCode};

fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cap")
        .join(name)
}

fn xml(name: &str) -> String {
    std::fs::read_to_string(path(name)).unwrap()
}

const SMHI_ID: &str =
    "CAP: avsändare varningar@smhi.se · id 2.49.0.1.752.0.SE.SMHI.20261124.1042 · skickad 2026-11-24T04:05:00+01:00";

/// A store with an event opened at 02:40 UTC and the clock at 03:10 UTC, five minutes after
/// SMHI's alert was sent (04:05 +01:00).
fn event() -> (Fixture, String) {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Storm Blekinge");
    f.clock.advance(Duration::minutes(30));
    (f, ev)
}

/// Refused, quickly, with nothing written: the journal's head and every view as before.
fn refused(f: &mut Fixture, ev: &str, xml: &str) -> Error {
    let before = (head(&f.store), dump_projections(&f.store));
    let t = Instant::now();
    let err = f.store.import_cap(&tib(), ev, xml).unwrap_err();
    assert!(
        t.elapsed() < StdDuration::from_secs(2),
        "took {:?}",
        t.elapsed()
    );
    assert_eq!(
        (head(&f.store), dump_projections(&f.store)),
        before,
        "{err:?}"
    );
    err
}

#[test]
fn an_smhi_alert_becomes_one_swedish_diary_line() {
    let (mut f, ev) = event();
    let rec = f
        .store
        .import_cap(&tib(), &ev, &xml("smhi-storm.xml"))
        .unwrap();
    assert_eq!(rec.record_type, RecordType::Diary);
    assert_eq!(rec.channel, Some(Channel::Ovrigt));
    assert_eq!(
        rec.from_party.as_deref(),
        Some("SMHI – Sveriges meteorologiska och hydrologiska institut")
    );
    assert_eq!(rec.author, "Anna Lindqvist");
    // Sent five minutes ago: the entry carries the alert's own time, and needs no late reason.
    assert_eq!(rec.occurred_at, "2026-11-24T03:05:00.000000Z");
    assert_eq!(rec.late_reason, None);
    let text = &rec.text;
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "CAP-varning: Orange varning – Mycket hård vind, Blekinge och Kalmar län"
    );
    for part in [
        "Händelse: Storm",
        "Område: Blekinge län; Kalmar län, kusten söder om Oskarshamn",
        "Allvarlighetsgrad: Allvarlig · Brådska: Väntad (inom en timme) · Sannolikhet: Trolig",
        "Kategori: Väder",
        "Rekommenderad åtgärd: Förbered, Följ informationen",
        "Gäller från: 2026-11-24 04:05 +01:00 · Väntas börja: 2026-11-24 18:00 +01:00 · Upphör att gälla: 2026-11-25 09:00 +01:00",
        "Finns också på: en-GB",
        // The XML file's indentation is gone, its paragraphs stay, its references are resolved.
        "Under tisdagskvällen når ett kraftigt lågtryck södra Östersjön. Sydvästlig storm med\nmedelvind",
        "inåt land.\n\nKonsekvenser: risk för omfattande elavbrott, träd som faller över vägar & järnvägar,",
        "Instruktion: Undvik att vistas i skog och nära träd. Säkra lösa föremål. Följ information från elnätsbolag & Trafikverket.",
        "Mer information: https://www.smhi.se/vader/varningar-och-brandrisk/varningar-och-meddelanden/varningar",
        "Kontakt: SMHI:s meteorolog i tjänst, 011-495 80 00",
    ] {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
    // The English text of the same alert is not what a Swedish diary shows.
    assert!(!text.contains("Very strong wind"), "{text}");
    assert!(!text.contains("ÖVNING"), "{text}");
    assert_eq!(text.lines().last().unwrap(), SMHI_ID);
    assert!(f.store.verify().unwrap().failure.is_none());
    // Found like any diary line, by its Swedish words without diacritics.
    assert_eq!(f.store.search("lagtryck", Some(&ev)).unwrap().len(), 1);
}

#[test]
fn an_alert_without_swedish_says_so_and_is_still_read_in_swedish_words() {
    let (mut f, ev) = event();
    let rec = f
        .store
        .import_cap(&tib(), &ev, &xml("english-only.xml"))
        .unwrap();
    let text = &rec.text;
    assert!(text.starts_with("CAP-varning: Yellow warning for icing on ships\n"));
    for part in [
        "Allvarlighetsgrad: Måttlig · Brådska: Framtida · Sannolikhet: Möjlig",
        "Språk: en-GB (varningen har ingen svensk text)",
        "Område: Skagerrak",
        "Instruktion: Ships should take precautions.",
    ] {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
    assert_eq!(rec.from_party.as_deref(), Some("MET Norway"));
    assert_eq!(rec.occurred_at, "2026-11-24T03:00:00.000000Z");
}

#[test]
fn a_cancel_an_update_an_exercise_and_a_test_say_what_they_are() {
    let (mut f, ev) = event();
    f.clock.advance(Duration::minutes(15));
    let rec = f.store.import_cap(&tib(), &ev, &xml("cancel.xml")).unwrap();
    let text = &rec.text;
    assert!(
        text.starts_with("Återkallad CAP-varning: Varningen för mycket hård vind upphävs"),
        "{text}"
    );
    assert!(
        text.contains(
            "Återkallar: varning 2.49.0.1.752.0.SE.SMHI.20261124.1042 från varningar@smhi.se (skickad 2026-11-24 04:05 +01:00)"
        ),
        "{text}"
    );
    assert_eq!(text.matches("mojnat").count(), 1, "{text}");
    // Without an <info> the alert has no sender name: the sender itself is who it came from.
    assert_eq!(rec.from_party.as_deref(), Some("varningar@smhi.se"));

    let smhi = xml("smhi-storm.xml");
    let variant = |n: usize, status: &str, msg_type: &str| {
        smhi.replace(".1042<", &format!(".1042.{n}<"))
            .replace(
                "<status>Actual</status>",
                &format!("<status>{status}</status>"),
            )
            .replace(
                "<msgType>Alert</msgType>",
                &format!(
                    "<msgType>{msg_type}</msgType><references>varningar@smhi.se,2.49.0.1.752.0.SE.SMHI.20261124.1042,2026-11-24T04:05:00+01:00</references>"
                ),
            )
    };
    let update = f
        .store
        .import_cap(&tib(), &ev, &variant(1, "Actual", "Update"))
        .unwrap();
    assert!(
        update
            .text
            .starts_with("Uppdatering av CAP-varning: Orange varning"),
        "{}",
        update.text
    );
    assert!(update
        .text
        .contains("Uppdaterar: varning 2.49.0.1.752.0.SE.SMHI.20261124.1042 från"));
    let exercise = f
        .store
        .import_cap(&tib(), &ev, &variant(2, "Exercise", "Alert"))
        .unwrap();
    assert!(
        exercise
            .text
            .starts_with("ÖVNING – CAP-varning: Orange varning"),
        "{}",
        exercise.text
    );
    let test = f
        .store
        .import_cap(&tib(), &ev, &variant(3, "Test", "Cancel"))
        .unwrap();
    assert!(
        test.text
            .starts_with("TEST – Återkallad CAP-varning: Orange varning"),
        "{}",
        test.text
    );
}

#[test]
fn the_same_alert_twice_in_one_event_is_refused_naming_the_first() {
    let (mut f, ev) = event();
    let smhi = xml("smhi-storm.xml");
    let first = f.store.import_cap(&tib(), &ev, &smhi).unwrap();
    let err = refused(&mut f, &ev, &smhi);
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("redan importerad"), "{}", err.message);
    assert!(err.message.contains(&first.id), "{}", err.message);
    assert_eq!(err.params["cap"], "duplicate");
    assert_eq!(err.params["record_id"], first.id);
    assert_eq!(
        err.params["identifier"],
        "2.49.0.1.752.0.SE.SMHI.20261124.1042"
    );
    // A correction changes what is read, not what was imported: still the same alert.
    f.store
        .correct(
            &tib(),
            &krisledning::log::NewCorrection {
                target_id: first.id.clone(),
                text: "Orange varning storm".into(),
                reason: "Kortare".into(),
            },
        )
        .unwrap();
    assert_eq!(refused(&mut f, &ev, &smhi).params["cap"], "duplicate");
    // Another sent time is another alert; another event may hold the same alert.
    f.store
        .import_cap(
            &tib(),
            &ev,
            &smhi.replace("<sent>2026-11-24T04:05:00", "<sent>2026-11-24T04:06:00"),
        )
        .unwrap();
    let other = open_event(&mut f.store, "Elavbrott Karlshamn");
    f.store.import_cap(&tib(), &other, &smhi).unwrap();
}

#[test]
fn the_entry_has_the_alerts_time_only_where_the_diary_can_take_it() {
    let (mut f, ev) = event();
    let smhi = xml("smhi-storm.xml");
    // Sent before the event opened: the import's time, the alert's time in the text.
    let early = smhi
        .replace("<sent>2026-11-24T04:05:00", "<sent>2026-11-24T01:00:00")
        .replace(".1042<", ".1042.early<");
    let rec = f.store.import_cap(&tib(), &ev, &early).unwrap();
    assert_eq!(rec.occurred_at, "2026-11-24T03:10:00.000000Z");
    assert!(
        rec.text.contains(
            "Varningen skickades 2026-11-24 01:00 +01:00, före händelsens start; posten har importens tid."
        ),
        "{}",
        rec.text
    );
    assert!(rec.text.ends_with("skickad 2026-11-24T01:00:00+01:00"));
    // Dated ahead of the clock.
    let ahead = smhi
        .replace("<sent>2026-11-24T04:05:00", "<sent>2026-11-25T04:05:00")
        .replace(".1042<", ".1042.ahead<");
    let rec = f.store.import_cap(&tib(), &ev, &ahead).unwrap();
    assert_eq!(rec.occurred_at, "2026-11-24T03:10:00.000000Z");
    assert!(
        rec.text.contains("senare än datorns klocka"),
        "{}",
        rec.text
    );
    // Imported an hour after it was sent: its own time, with the reason the diary asks for.
    f.clock.advance(Duration::minutes(55));
    let rec = f.store.import_cap(&tib(), &ev, &smhi).unwrap();
    assert_eq!(rec.occurred_at, "2026-11-24T03:05:00.000000Z");
    assert_eq!(
        rec.late_reason.as_deref(),
        Some("Importerad CAP-varning; tidpunkten är varningens sändtid (2026-11-24 04:05 +01:00).")
    );
}

#[test]
fn files_that_are_not_cap_are_refused_naming_what_and_where() {
    let (mut f, ev) = event();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "wrong-namespace.xml",
            "namespace",
            &[
                "urn:oasis:names:tc:emergency:cap:1.1",
                "Bara CAP 1.2",
                "rad 2",
            ],
        ),
        (
            "missing-identifier.xml",
            "missing",
            &["<alert> på rad 3 saknar <identifier>"],
        ),
        (
            "bad-sent.xml",
            "date",
            &["<sent> på rad 6", "2026-11-31T25:05:00+01:00"],
        ),
        (
            "bad-severity.xml",
            "value",
            &[
                "<severity> på rad 35",
                "\"Catastrophic\"",
                "Extreme, Severe, Moderate, Minor, Unknown",
            ],
        ),
        ("not-xml.xml", "not_xml", &["inte XML", "Orange varning"]),
        ("truncated.xml", "xml", &["avkortad", "rad 41 (byte 1490)"]),
        (
            "unknown-entity.xml",
            "entity",
            &["&passwd;", "rad 9", "DTD"],
        ),
    ];
    for (file, kind, parts) in cases {
        let err = refused(&mut f, &ev, &xml(file));
        assert_eq!(err.code, ErrorCode::Invalid, "{file}");
        assert!(
            err.message.starts_with("Filen är ingen CAP 1.2-varning: "),
            "{file}: {}",
            err.message
        );
        assert!(err.message.ends_with("Inget importerades."), "{file}");
        assert_eq!(err.params["cap"], *kind, "{file}: {}", err.message);
        for part in *parts {
            assert!(
                err.message.contains(part),
                "{file}: {part:?} not in {}",
                err.message
            );
        }
    }
    // Cut between two elements rather than inside a tag: the element left open is named.
    let smhi = xml("smhi-storm.xml");
    let cut = &smhi[..smhi.find("<description>").unwrap()];
    let err = refused(&mut f, &ev, cut);
    assert_eq!(err.params["cap"], "truncated");
    assert_eq!(err.params["element"], "info");
    assert!(err.message.contains("avkortad"), "{}", err.message);
    // A required element of an <info>; an enum value spelt in the wrong case; a second <sent>.
    for (bad, kind, part) in [
        (
            smhi.replace("<certainty>Likely</certainty>", ""),
            "missing",
            "saknar <certainty>",
        ),
        (
            smhi.replace("<urgency>Expected", "<urgency>expected"),
            "value",
            "\"expected\"",
        ),
        (
            smhi.replace("<status>", "<sent>2026-11-24T04:05:00+01:00</sent><status>"),
            "twice",
            "<sent> står mer än en gång",
        ),
        (
            smhi.replace("varningar@smhi.se<", "varningar smhi<"),
            "identity",
            "mellanslag",
        ),
        (
            smhi.replace(
                "<sent>2026-11-24T04:05:00+01:00",
                "<sent>2026-11-24T04:05:00",
            ),
            "date",
            "med tidszon",
        ),
        (String::new(), "empty", "tom"),
    ] {
        let err = refused(&mut f, &ev, &bad);
        assert_eq!(err.params["cap"], kind, "{}", err.message);
        assert!(
            err.message.contains(part),
            "{part:?} not in {}",
            err.message
        );
    }
    // Not UTF-8 (Latin-1 å): named before any XML is read.
    let err = krisledning::cap::decode(b"<alert>V\xe5rvarning</alert>").unwrap_err();
    assert_eq!(err.params["cap"], "utf8");
    assert_eq!(err.params["position"], "8");
}

#[test]
fn dtds_entities_and_external_files_are_refused_before_anything_is_expanded() {
    let (mut f, ev) = event();
    for file in ["billion-laughs.xml", "xxe.xml", "parameter-entities.xml"] {
        let err = refused(&mut f, &ev, &xml(file));
        assert_eq!(err.code, ErrorCode::Invalid);
        assert_eq!(err.params["cap"], "doctype", "{file}: {}", err.message);
        assert_eq!(err.params["line"], "2", "{file}");
        assert!(err.message.contains("DOCTYPE"), "{}", err.message);
        assert!(!err.message.contains("root:"), "{file}: /etc/passwd leaked");
    }
    // Without a DTD, a reference to an entity the file never declared is refused too, and
    // quickly however many there are.
    let many = xml("unknown-entity.xml").replace("&passwd;", &"&lol9;".repeat(100_000));
    assert_eq!(refused(&mut f, &ev, &many).params["cap"], "entity");
    // So is nesting far deeper than any alert.
    let deep = xml("cancel.xml").replace("<note>", &format!("{}<note>", "<x>".repeat(100_000)));
    assert_eq!(refused(&mut f, &ev, &deep).params["cap"], "depth");
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("stor.xml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let t = Instant::now();
    let err = krisledning::import::read_bounded(&big, krisledning::cap::MAX_CAP_BYTES).unwrap_err();
    assert!(t.elapsed() < StdDuration::from_millis(500));
    assert_eq!(err.params["max_kb"], "1024");
    assert!(err.message.contains("för stor"), "{}", err.message);
    // And text handed over the app's IPC is held to the same limit.
    let (mut f, ev) = event();
    let padded = xml("smhi-storm.xml").replace(
        "<code>",
        &format!(
            "<!-- {} --><code>",
            "x".repeat(krisledning::cap::MAX_CAP_BYTES)
        ),
    );
    assert_eq!(refused(&mut f, &ev, &padded).params["cap"], "size");
}

#[test]
fn a_long_alert_is_cut_to_the_diary_with_a_note_and_its_identity_kept() {
    let (mut f, ev) = event();
    let long = "Mycket lång beskrivning med å ä ö. ".repeat(1_500);
    let smhi = xml("smhi-storm.xml").replace(
        "Under tisdagskvällen",
        &format!("{long}Under tisdagskvällen"),
    );
    let rec = f.store.import_cap(&tib(), &ev, &smhi).unwrap();
    let n = rec.text.chars().count();
    assert!(n <= TEXT_MAX && n > TEXT_MAX - 300, "{n}");
    assert!(
        rec.text.contains("…\n[Förkortad: varningens text är"),
        "{}",
        &rec.text[rec.text.len() - 400..]
    );
    assert_eq!(rec.text.lines().last().unwrap(), SMHI_ID);
    // The cut entry is still known as the alert.
    assert_eq!(refused(&mut f, &ev, &smhi).params["cap"], "duplicate");
}

#[test]
fn characters_the_diary_refuses_are_cleaned_not_fatal() {
    let (mut f, ev) = event();
    let smhi = xml("smhi-storm.xml")
        .replace(
            "Mycket hård vind",
            "Mycket\u{202E}dniv dråh\u{202C} &#x1;hård\u{200B} vind",
        )
        .replace(
            "SMHI – Sveriges",
            &format!("SMHI\n  –\u{2066} Sveriges{}", " lång".repeat(50)),
        )
        .replace("elavbrott,", "elavbrott,\r\u{7}");
    let rec = f.store.import_cap(&tib(), &ev, &smhi).unwrap();
    assert!(!rec
        .text
        .contains(['\u{202E}', '\u{202C}', '\u{1}', '\u{7}', '\r']));
    let from = rec.from_party.unwrap();
    assert!(from.starts_with("SMHI – Sveriges lång"), "{from}");
    assert!(from.chars().count() <= 120 && from.ends_with('…'), "{from}");
}

#[test]
fn a_closed_or_unknown_event_takes_no_alert() {
    let (mut f, ev) = event();
    let smhi = xml("smhi-storm.xml");
    assert_eq!(
        refused(&mut f, "finns-inte", &smhi).code,
        ErrorCode::NotFound
    );
    f.store
        .close_event(
            &tib(),
            &CloseEvent {
                event_id: ev.clone(),
                decision_text: "Stormen över".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(refused(&mut f, &ev, &smhi).code, ErrorCode::Conflict);
}

#[test]
fn the_app_sends_the_same_request_as_json() {
    let (mut f, ev) = event();
    let request = serde_json::json!({
        "command": "import_cap",
        "args": { "actor": { "name": "Anna Lindqvist", "role": "TiB" }, "event_id": ev, "xml": xml("english-only.xml") },
    });
    let answer = krisledning::api::call_json(&mut f.store, &request.to_string()).unwrap();
    assert_eq!(answer["record_type"], "diary");
    assert!(answer["text"].as_str().unwrap().contains("Måttlig"));
}

#[test]
fn through_the_real_kris_binary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let kris = |args: &[&str]| common::kris_cli(&db, args);
    let by = ["--by", "Anna Lindqvist", "--role", "TiB"];
    assert!(kris(&["init"]).status.success());
    let out = kris(&[&["event", "open", "--title", "Storm"][..], &by].concat());
    let ev = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let smhi = path("smhi-storm.xml");
    let import = |file: &Path| {
        kris(
            &[
                &["import", "cap", file.to_str().unwrap(), "--event", &ev][..],
                &by,
            ]
            .concat(),
        )
    };
    let out = import(&smhi);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("importerad som dagbokspost"), "{stdout}");
    assert!(stdout.contains("Mycket hård vind"), "{stdout}");
    let listed = kris(&["list", "--event", &ev]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("CAP-varning: Orange varning"));
    let status = || String::from_utf8(kris(&["status"]).stdout).unwrap();
    let before = status();
    for (file, said) in [
        (smhi.clone(), "redan importerad"),
        (path("xxe.xml"), "DOCTYPE"),
        (path("not-xml.xml"), "inte XML"),
    ] {
        let out = import(&file);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("kris: ") && err.contains(said), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let big = dir.path().join("stor.xml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let out = import(&big);
    assert!(String::from_utf8_lossy(&out.stderr).contains("för stor"));
    assert_eq!(status(), before);
}
