//! Golden files for the export formats. Ids and hashes are random by design (UUIDv7 and the
//! chain over them), so they are replaced by stable placeholders before comparing; everything
//! else — field names, order, escaping, time format — must match byte for byte.
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the files after an intended change.

mod common;

use chrono::Duration;
use common::*;
use krisledning::export::ExportFormat;
use krisledning::log::{Channel, DecisionKind, NewCorrection};

fn scenario() -> Fixture {
    let mut f = fixture();
    // The incident began before the TiB opened the event; its entries may say so, not earlier.
    let ev = f
        .store
        .open_event(
            &tib(),
            &krisledning::log::OpenEvent {
                title: "IT-avbrott Blekingesjukhuset".into(),
                event_type: Some("IT-avbrott".into()),
                occurred_at: Some("2026-11-24T02:10:00Z".into()),
                late_reason: Some("Larmet kom 02:10; händelsen öppnades 02:40".into()),
            },
        )
        .unwrap()
        .id;
    let mut d = decision(&ev, "Regional särskild händelse");
    d.kind = DecisionKind::Inriktning;
    d.text = "Krisledningsstab sammankallas kl 04:00; \"stabsläge\" gäller.".into();
    d.alternatives = Some("Hantera i linjen".into());
    d.mandate = Some("Delegationsordning 4.2".into());
    d.follow_up_at = Some("2026-11-24T08:00:00+01:00".into());
    let d = f.store.decide(&tib(), &d).unwrap();
    f.clock.advance(Duration::minutes(5));
    let mut log = diary(
        &ev,
        "Akuten Karlskrona går över till reservrutiner;\npappersjournal.",
    );
    log.channel = Channel::Rakel;
    log.from_party = Some("Akutmottagningen".into());
    log.occurred_at = Some("2026-11-24T02:20:00Z".into());
    log.late_reason = Some("Loggat i efterhand".into());
    f.store.log_diary(&tib(), &log).unwrap();
    f.store
        .correct(
            &tib(),
            &NewCorrection {
                target_id: d.id,
                text: "Stab sammankallas kl 04:30".into(),
                reason: "Fel klockslag".into(),
            },
        )
        .unwrap();
    f
}

fn check(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

#[test]
fn csv_export_matches_golden() {
    let f = scenario();
    let mut buf = Vec::new();
    f.store.export(ExportFormat::Csv, None, &mut buf).unwrap();
    check("export.csv", &normalise(&String::from_utf8(buf).unwrap()));
}

#[test]
fn jsonl_export_matches_golden() {
    let f = scenario();
    let mut buf = Vec::new();
    f.store.export(ExportFormat::Jsonl, None, &mut buf).unwrap();
    check("export.jsonl", &normalise(&String::from_utf8(buf).unwrap()));
}

#[test]
fn normalising_keeps_identity_between_references() {
    let a = "01a20cac-ede0-7508-9164-056f019ce4a3";
    assert_eq!(
        normalise(&format!(
            "{a} x {a} y 0000000000000000000000000000000000000000000000000000000000000000"
        )),
        "<ID1> x <ID1> y 0000000000000000000000000000000000000000000000000000000000000000"
    );
}

/// Text that Excel would run as a formula is exported as text.
#[test]
fn csv_cells_never_start_a_formula() {
    let mut f = common::fixture();
    let ev = common::open_event(&mut f.store, "Elavbrott");
    for text in [
        "=HYPERLINK(\"http://x\";\"Klicka\")",
        "+cmd|calc",
        "-2+3",
        "@SUM(1+1)",
    ] {
        f.store
            .log_diary(&common::tib(), &common::diary(&ev, text))
            .unwrap();
    }
    let mut out = Vec::new();
    f.store
        .export(krisledning::export::ExportFormat::Csv, None, &mut out)
        .unwrap();
    let text = String::from_utf8(out).unwrap();
    for line in text.lines().skip(1) {
        for cell in line.split(';') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell} in {line}");
        }
    }
    assert!(text.contains("'=HYPERLINK"), "the text itself is kept");
}
