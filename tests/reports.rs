//! Reports on real stores: the lägesrapport's text against golden files (through pdftotext, as a
//! reader sees it), its anchor against `verify`, numbering, determinism, the files' hashes, the
//! report-due reminder, and the decision log and diary on paper and in CSV.

mod common;

use chrono::Duration;
use common::*;
use krisledning::domain::Actor;
use krisledning::error::ErrorCode;
use krisledning::log::{NewCorrection, RecordType};
use krisledning::logistics::resource::NewResource;
use krisledning::logistics::task::NewTask;
use krisledning::logistics::ResourceStatus;
use krisledning::reminders::ReminderKind;
use krisledning::report::issue::{self, ReportFormat};
use krisledning::report::log_print::{self, LogSelection};
use krisledning::report::situation;
use krisledning::situation::{Section, SectionUpdate};

fn stabschef() -> Actor {
    Actor::new("Örjan Åkesson", "Stabschef")
}

/// The timeline shows a report's SHA-256 by its first 12 digits, random like the full ones.
fn short_hashes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("SHA-256 ") {
        out.push_str(&rest[..i + 8]);
        rest = &rest[i + 8..];
        let hex = rest.chars().take_while(|c| c.is_ascii_hexdigit()).count();
        if hex == 12 {
            out.push_str("<kort>");
            rest = &rest[12..];
        }
    }
    out.push_str(rest);
    out
}

/// An event a few hours in: decisions (one corrected), diary lines, a section, a running plan,
/// an overdue task and a generator out of service.
fn storm() -> (Fixture, String) {
    swedish_time();
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Storm över Blekinge – långvarigt elavbrott");
    f.clock.advance(Duration::minutes(20));
    let d = f
        .store
        .decide(&tib(), &decision(&ev, "Regional särskild händelse"))
        .unwrap();
    f.clock.advance(Duration::minutes(5));
    f.store
        .correct(
            &tib(),
            &NewCorrection {
                target_id: d.id.clone(),
                text: "Regionen går upp i stabsläge; staben samlas i Karlskrona kl 08.00.".into(),
                reason: "Platsen saknades".into(),
            },
        )
        .unwrap();
    f.store
        .log_diary(
            &tib(),
            &diary(&ev, "E.ON: 12 000 kunder utan el i Ronneby och Olofström."),
        )
        .unwrap();
    f.store
        .set_section(
            &stabschef(),
            &SectionUpdate {
                event_id: Some(ev.clone()),
                section: Section::Konsekvenser,
                text:
                    "Två vårdcentraler på reservkraft. Hemtjänsten når inte 40 brukare i Tingsryd."
                        .into(),
                next_update_at: None,
                based_on: Some(0),
            },
        )
        .unwrap();
    f.store.activate_plan(&tib(), "elavbrott", &ev).unwrap();
    f.store
        .add_task(
            &stabschef(),
            &NewTask {
                event_id: ev.clone(),
                title: "Bränsle till reservkraften i Ronneby".into(),
                owner: "Logistik".into(),
                due: Some(krisledning::time::format(
                    &(f.store.now() + Duration::minutes(30)),
                )),
                ..Default::default()
            },
        )
        .unwrap();
    f.store
        .add_resource(
            &stabschef(),
            &NewResource {
                kind: "Reservkraft".into(),
                name: "Elverk 120 kVA".into(),
                quantity: 1.0,
                unit: "st".into(),
                location: "Karlshamn".into(),
                owner: "Regionservice".into(),
                status: Some(ResourceStatus::UrFunktion),
                ..Default::default()
            },
        )
        .unwrap();
    f.clock.advance(Duration::hours(1));
    (f, ev)
}

#[test]
fn lagesrapport_text_matches_golden_and_is_anchored_to_the_journal_verify_reports() {
    let (mut f, ev) = storm();
    let before = f.store.verify().unwrap();
    let issued = issue::issue_situation(&mut f.store, &stabschef(), &ev, None).unwrap();
    assert_eq!(issued.number, 1);
    assert_eq!(
        (issued.head_seq, issued.head_hash.as_str()),
        (before.entries, before.head_hash.as_str())
    );

    let pdf = issue::file(&f.store, &issued.id, ReportFormat::Pdf).unwrap();
    let text = pdf_lines(&pdf);
    assert!(
        text.contains(&before.head_hash),
        "the head is printed: {text}"
    );
    assert!(text.contains("Örjan Åkesson"), "å ä ö survive");
    check_golden("lagesrapport.txt", &normalise(&text));
    let md =
        std::fs::read_to_string(issue::file(&f.store, &issued.id, ReportFormat::Markdown).unwrap())
            .unwrap();
    check_golden("lagesrapport.md", &normalise(&md));
    let json =
        std::fs::read_to_string(issue::file(&f.store, &issued.id, ReportFormat::Json).unwrap())
            .unwrap();
    check_golden("lagesrapport.json", &normalise(&json));
    let parsed: situation::SituationReport = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed.schema, situation::SCHEMA);
    assert_eq!(parsed.journal_head, before.head_hash);
}

#[test]
fn the_same_record_gives_the_same_bytes() {
    let (f, ev) = storm();
    let head = f
        .store
        .snapshot(|s| krisledning::report::Letterhead::read(s, &ev))
        .unwrap();
    let a = issue::preview_situation(&f.store, &stabschef(), &ev).unwrap();
    let b = issue::preview_situation(&f.store, &stabschef(), &ev).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.pdf(&head).unwrap(), b.pdf(&head).unwrap());
    assert_eq!(a.markdown(), b.markdown());
    assert_eq!(a.json(), b.json());
}

#[test]
fn reports_are_numbered_per_event_and_cover_the_time_since_the_last() {
    let (mut f, ev) = storm();
    let first = issue::issue_situation(&mut f.store, &stabschef(), &ev, None).unwrap();
    f.clock.advance(Duration::minutes(10));
    f.store
        .decide(&tib(), &decision(&ev, "Öppna trygghetspunkter"))
        .unwrap();
    f.clock.advance(Duration::minutes(10));
    let next = issue::preview_situation(&f.store, &stabschef(), &ev).unwrap();
    assert_eq!(next.number, 2);
    assert_eq!(next.since, first.issued_at);
    let titles: Vec<&str> = next
        .decisions_since
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(titles, ["Öppna trygghetspunkter"]);
    assert_eq!(next.decisions_in_force, 2);
    let second = issue::issue_situation(&mut f.store, &stabschef(), &ev, None).unwrap();
    assert_eq!(second.number, 2);
    let other = open_event(&mut f.store, "Vattenläcka i Karlskrona");
    assert_eq!(
        issue::issue_situation(&mut f.store, &tib(), &other, None)
            .unwrap()
            .number,
        1
    );
    let history = issue::history(&f.store, &ev).unwrap();
    assert_eq!(history.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 1]);
    let picture = f.store.situation(Some(&ev)).unwrap();
    assert_eq!(picture.last_report.unwrap().number, 2);
}

#[test]
fn a_changed_or_missing_file_is_found_out_when_opened() {
    let (mut f, ev) = storm();
    let r = issue::issue_situation(&mut f.store, &stabschef(), &ev, None).unwrap();
    let path = issue::file(&f.store, &r.id, ReportFormat::Pdf).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    let err = issue::file(&f.store, &r.id, ReportFormat::Pdf).unwrap_err();
    assert_eq!(err.code, ErrorCode::ChainBroken, "{}", err.message);
    std::fs::remove_file(&path).unwrap();
    let err = issue::file(&f.store, &r.id, ReportFormat::Pdf).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound, "{}", err.message);
    assert!(err.message.contains(&r.pdf_sha256));
}

#[test]
fn a_closed_event_gets_no_lagesrapport_and_the_store_is_unchanged() {
    let (mut f, ev) = storm();
    f.store
        .close_event(
            &tib(),
            &krisledning::log::CloseEvent {
                event_id: ev.clone(),
                decision_text: "Elen åter".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let before = head(&f.store);
    let err = issue::issue_situation(&mut f.store, &stabschef(), &ev, None).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(head(&f.store), before);
}

#[test]
fn a_report_falls_due_one_cadence_after_the_last_and_stays_due_until_issued() {
    let (mut f, ev) = storm();
    let due = |f: &Fixture| {
        f.store
            .reminders(Duration::zero())
            .unwrap()
            .into_iter()
            .filter(|r| r.kind == ReminderKind::ReportDue && r.event_id == ev)
            .count()
    };
    assert_eq!(due(&f), 0, "fred: one report a day");
    f.clock.advance(Duration::hours(30));
    assert_eq!(due(&f), 1, "past due, and still due six hours later");
    issue::issue_situation(&mut f.store, &stabschef(), &ev, None).unwrap();
    assert_eq!(due(&f), 0, "issuing ends it");
    let p = f.store.situation(Some(&ev)).unwrap();
    let next = krisledning::time::parse("due", &p.next_report_due.unwrap()).unwrap();
    assert_eq!(next, f.store.now() + Duration::hours(24));
}

#[test]
fn decision_log_on_paper_has_the_period_corrections_and_signature_lines() {
    let (mut f, ev) = storm();
    f.clock.advance(Duration::hours(2));
    f.store
        .decide(&tib(), &decision(&ev, "Senare beslut"))
        .unwrap();
    let from = krisledning::time::format(&t0());
    let to = krisledning::time::format(&(t0() + Duration::hours(2)));
    let sel = LogSelection {
        event_id: ev.clone(),
        record_type: RecordType::Decision,
        from: Some(from),
        to: Some(to),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("beslutslogg.pdf");
    std::fs::write(&path, log_print::pdf(&f.store, &tib(), &sel).unwrap()).unwrap();
    let text = pdf_lines(&path);
    assert!(text.contains("Beslutslogg – Storm över Blekinge"), "{text}");
    assert!(text.contains("Regional särskild händelse"));
    assert!(
        text.contains("Rättad"),
        "the correction is shown beside the original: {text}"
    );
    assert!(!text.contains("Senare beslut"), "outside the period");
    assert!(text.contains("Underskrift och datum"));
    check_golden("beslutslogg.txt", &normalise(&text));

    let swapped = LogSelection {
        from: sel.to.clone(),
        to: sel.from.clone(),
        ..sel.clone()
    };
    let err = log_print::pdf(&f.store, &tib(), &swapped).unwrap_err();
    assert!(err.message.contains("Byt plats"), "{}", err.message);
    let csv = String::from_utf8(log_print::csv(&f.store, &sel).unwrap()).unwrap();
    assert_eq!(csv.lines().count(), 2, "header and one decision: {csv}");
    let diary = LogSelection {
        record_type: RecordType::Diary,
        from: None,
        to: None,
        ..sel
    };
    std::fs::write(&path, log_print::pdf(&f.store, &tib(), &diary).unwrap()).unwrap();
    let text = pdf_lines(&path);
    assert!(text.contains("Stabsdagbok"));
    assert!(text.contains("12 000 kunder utan el i Ronneby"));
}

#[test]
fn two_thousand_decisions_make_a_log_that_pdftotext_reads_to_the_end() {
    swedish_time();
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Stor händelse");
    many_decisions(&mut f.store, &ev, 2000);
    let sel = LogSelection {
        event_id: ev,
        record_type: RecordType::Decision,
        from: None,
        to: None,
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stor.pdf");
    std::fs::write(&path, log_print::pdf(&f.store, &tib(), &sel).unwrap()).unwrap();
    let text = pdf_lines(&path);
    assert!(text.contains("Beslut 1999"));
    let pages = text.matches("Sida ").count();
    assert!(text.contains(&format!("Sida {pages} av {pages}")));
}

#[test]
fn efterrapport_assembles_the_after_phase_after_the_event_is_closed() {
    use krisledning::efter::deviation::NewDeviation;
    use krisledning::efter::lesson::NewLesson;
    use krisledning::efter::revision::NewRevisionProposal;
    let (mut f, ev) = storm();
    let activation = f.store.event_activations(&ev).unwrap().remove(0);
    let item = activation.cards[0].items[0].id.clone();
    f.store
        .check_item(
            &tib(),
            &activation.id,
            &item,
            krisledning::plans::ItemState::Skipped,
            Some("Elnätsbolaget nåddes inte".into()),
            None,
        )
        .unwrap();
    issue::issue_situation(&mut f.store, &stabschef(), &ev, None).unwrap();
    f.clock.advance(Duration::hours(3));
    f.store
        .close_event(
            &tib(),
            &krisledning::log::CloseEvent {
                event_id: ev.clone(),
                decision_text: "Elen åter i hela länet; återgång till ordinarie drift.".into(),
                ..Default::default()
            },
        )
        .unwrap();
    f.clock.advance(Duration::hours(20));
    let dev = f
        .store
        .report_deviation(
            &stabschef(),
            &NewDeviation {
                event_id: ev.clone(),
                title: "Reservkraften i Karlshamn startade inte".into(),
                text: "Startbatteriet var urladdat; elverket ur funktion i fyra timmar.".into(),
                consequence: Some("Bränsletransport fick omdirigeras".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let lesson = f
        .store
        .record_lesson(
            &stabschef(),
            &NewLesson {
                event_id: ev.clone(),
                text: "Provstarta alla elverk varje månad och logga det.".into(),
                owner: "Åke Nordström".into(),
                due: "2027-02-01 12:00".into(),
                deviation_id: Some(dev.id.clone()),
                ..Default::default()
            },
        )
        .unwrap();
    f.store
        .propose_revision(
            &stabschef(),
            &NewRevisionProposal {
                lesson_id: lesson.id.clone(),
                plan_id: "elavbrott".into(),
                text: "Lägg till månatlig provstart av elverk på åtgärdskortet Logistik.".into(),
            },
        )
        .unwrap();
    let before = f.store.verify().unwrap();
    let issued = issue::issue_after_action(&mut f.store, &stabschef(), &ev, None).unwrap();
    assert_eq!(issued.kind, krisledning::reports::ReportKind::Efterrapport);
    assert_eq!((issued.number, issued.head_seq), (1, before.entries));
    let text = pdf_lines(&issue::file(&f.store, &issued.id, ReportFormat::Pdf).unwrap());
    for expected in [
        "Efterrapport – Storm över Blekinge",
        "Reservkraften i Karlshamn startade inte",
        "Åke Nordström",
        "Lägg till månatlig provstart",
        "Överhoppad: Elnätsbolaget",
        "Elen åter i hela länet",
        "Lägesrapport nr 1",
    ] {
        assert!(text.contains(expected), "{expected} missing from: {text}");
    }
    assert!(!text.contains("PRELIMINÄR"));
    check_golden("efterrapport.txt", &normalise(&short_hashes(&text)));
}

#[test]
fn an_exercise_report_says_ovning_at_the_head_and_foot_of_every_page() {
    swedish_time();
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::at(t0());
    let mut store = krisledning::Store::init(
        &dir.path().join("ovning.db"),
        "Region Blekinge",
        krisledning::Workspace::Exercise,
    )
    .unwrap()
    .with_clock(clock);
    let ev = open_event(&mut store, "Övning Cyberangrepp");
    many_decisions(&mut store, &ev, 150);
    let issued = issue::issue_situation(&mut store, &stabschef(), &ev, None).unwrap();
    assert!(issued.pages > 3);
    let text = pdf_lines(&issue::file(&store, &issued.id, ReportFormat::Pdf).unwrap());
    let marked = text.lines().filter(|l| l.starts_with("ÖVNING")).count();
    assert_eq!(marked, 2 * issued.pages as usize, "{text}");
}

/// Another process writes diary lines as fast as it can while reports are issued here: every
/// report must name exactly the journal it was made from, the entry just before its own.
#[test]
fn reports_issued_while_another_process_writes_are_anchored_to_the_entry_before_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let mut store =
        krisledning::Store::init(&path, "Region Blekinge", krisledning::Workspace::Real).unwrap();
    let ev = open_event(&mut store, "Samtidigt skrivande");
    let writer = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "for i in $(seq 1 60); do {} --db '{}' log --event {ev} --text \"rad $i\" --by Bo --role Logistik >/dev/null || exit 1; done",
            env!("CARGO_BIN_EXE_kris"),
            path.display()
        ))
        .env_remove("KRIS_DB")
        .spawn()
        .unwrap();
    let mut issued = Vec::new();
    for _ in 0..6 {
        issued.push(issue::issue_situation(&mut store, &stabschef(), &ev, None).unwrap());
    }
    let out = writer.wait_with_output().unwrap();
    assert!(out.status.success());
    for r in issued {
        let before = entry(&store, r.head_seq);
        assert_eq!(before.hash, r.head_hash, "nr {}", r.number);
        let own = entry(&store, r.head_seq + 1);
        assert_eq!(own.id, r.id, "nr {} follows the head it names", r.number);
    }
    assert!(store.verify().unwrap().failure.is_none());
}

#[test]
fn an_exercise_efterrapport_carries_the_evaluation_hot_wash_and_improvement_plan() {
    use krisledning::exercise::{ControlAction, ControlInput, HotwashInput};
    swedish_time();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ovning.db");
    let clock = TestClock::at(t0());
    let mut store =
        krisledning::Store::init(&path, "Region Blekinge", krisledning::Workspace::Exercise)
            .unwrap()
            .with_clock(clock.clone());
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios/kort.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let s = krisledning::scenario::parse("kort.toml", &text, &krisledning::workspace::known_kind)
        .unwrap();
    let leader = Actor::new("Karin Ek", "Övningsledare");
    store
        .write(|tx| krisledning::exercise::commands::create(tx, &leader, "kort.toml", &text, &s))
        .unwrap();
    let control = |store: &mut krisledning::Store, action| {
        store
            .exercise_control(
                &leader,
                &ControlInput {
                    action: Some(action),
                    ..Default::default()
                },
            )
            .unwrap()
    };
    control(&mut store, ControlAction::Start);
    let ev = store.list_events().unwrap()[0].id.clone();
    clock.advance(Duration::minutes(12));
    store.activate_plan(&tib(), "it-avbrott", &ev).unwrap();
    clock.advance(Duration::minutes(23));
    store.exercise_tick().unwrap();
    let mut d = decision(&ev, "Inriktning: reservrutiner i hela vården");
    d.kind = krisledning::log::DecisionKind::Inriktning;
    store.decide(&stabschef(), &d).unwrap();
    clock.advance(Duration::minutes(10));
    store.exercise_tick().unwrap();
    control(&mut store, ControlAction::End);
    store
        .exercise_hotwash(
            &leader,
            &HotwashInput {
                text: "Oklart vem som fattar inriktningsbeslutet.".into(),
                kind: None,
            },
        )
        .unwrap();
    store
        .record_lesson(
            &stabschef(),
            &krisledning::efter::NewLesson {
                event_id: ev.clone(),
                text: "Beslutsordningen för inriktningsbeslut ska stå på TiB:s åtgärdskort.".into(),
                owner: "Åke Nordström".into(),
                due: "2027-02-01T12:00:00Z".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let issued = issue::issue_after_action(&mut store, &stabschef(), &ev, None).unwrap();
    let text = pdf_lines(&issue::file(&store, &issued.id, ReportFormat::Pdf).unwrap());
    for expected in [
        "ÖVNING",
        "Övningen: Kort övning: IT-avbrott",
        "A1 Inriktningsbeslut fattat T+00:30 Sen",
        "A2 Planen för IT-avbrott aktiverad T+00:20 Uppfylld",
        "Missad",
        "Oklart vem som fattar",
        "Förbättringsplan",
        "Åke Nordström",
        "K1",
    ] {
        assert!(text.contains(expected), "{expected} missing from: {text}");
    }
    assert!(!text.contains("PRELIMINÄR"), "the exercise has ended");
    assert!(
        !text.contains("Ska leda till"),
        "control notes stay out of the report"
    );
    check_golden("efterrapport-ovning.txt", &normalise(&short_hashes(&text)));
}

#[test]
fn every_report_carries_a_signed_checkpoint_that_verifies_against_the_record() {
    let (mut f, ev) = storm();
    let r = issue::issue_situation(&mut f.store, &stabschef(), &ev, None).unwrap();
    let json = issue::file(&f.store, &r.id, issue::ReportFormat::Json).unwrap();
    let parsed: situation::SituationReport =
        serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
    let device = krisledning::device::Device::load_or_create().unwrap();
    let checked = krisledning::seal::verify(&f.store, &parsed.checkpoint, &device, &[]).unwrap();
    assert_eq!(checked.checkpoint.entries, r.head_seq);
    assert_eq!(checked.checkpoint.head_hash, r.head_hash);
    // On paper too: the PDF's closing note names the signer.
    let pdf = issue::file(&f.store, &r.id, issue::ReportFormat::Pdf).unwrap();
    let text = common::pdftotext(&pdf);
    assert!(text.contains("Signerad kontrollpunkt"), "{text}");
    assert!(text.contains("— krisledning-test"), "{text}");
}
