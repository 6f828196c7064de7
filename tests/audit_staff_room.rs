//! Audit of the staff room (lägesbild, timeline, flags, Ctrl+K, plan items that require a
//! decision) as a hostile or careless user would use it: each test is a defect that was found,
//! through the API on a real file or through the real `kris` binary.

mod common;

use chrono::Duration;
use common::*;
use krisledning::log::CloseEvent;
use krisledning::plans::ItemState;
use krisledning::situation::{Section, SectionUpdate};
use krisledning::timeline::{FlagChange, TimelineFilter};
use krisledning::{ErrorCode, Store};

fn section(event_id: Option<&str>, text: &str, next: Option<&str>) -> SectionUpdate {
    SectionUpdate {
        event_id: event_id.map(str::to_string),
        section: Section::Bedomning,
        text: text.into(),
        next_update_at: next.map(str::to_string),
        based_on: None,
    }
}

fn entries(store: &Store) -> i64 {
    head(store).0
}

fn deep_ok(store: &Store) {
    let report = store.deep_verify(&mut |_, _| {}).unwrap();
    assert!(report.differences.is_empty(), "{:?}", report.differences);
}

/// A time past year 9999 (typed with more digits, or pushed over by its offset) has no form in
/// the journal's fixed time text: it was stored as "+10000-…", which no reader parses back. A
/// follow-up so written made `reminders` fail for good and showed as overdue on the lägesbild.
#[test]
fn a_time_past_year_9999_is_refused_not_stored_unreadable() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Storm");
    let before = entries(&f.store);
    for typed in [
        "+99999-12-31 10:00",
        "9999-12-31T23:00:00-05:00",
        "+10000-01-01T00:00:00Z",
    ] {
        let err = f
            .store
            .set_section(&tib(), &section(Some(&ev), "Läget", Some(typed)))
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Invalid, "{typed}: {}", err.message);
        assert!(
            err.message.contains("ingen giltig tidpunkt"),
            "{}",
            err.message
        );
        assert_eq!(
            err.params.get("field").map(String::as_str),
            Some("Nästa uppdatering")
        );
        let mut d = decision(&ev, "Långt fram");
        d.follow_up_at = Some(typed.into());
        assert_eq!(
            f.store.decide(&tib(), &d).unwrap_err().code,
            ErrorCode::Invalid,
            "{typed}"
        );
    }
    assert_eq!(entries(&f.store), before);
    // The last year that has a form is still a time.
    let v = f
        .store
        .set_section(
            &tib(),
            &section(Some(&ev), "Läget", Some("9999-12-31T12:00:00Z")),
        )
        .unwrap();
    assert_eq!(
        v.next_update_at.as_deref(),
        Some("9999-12-31T12:00:00.000000Z")
    );
    f.store.reminders(Duration::days(1)).unwrap();
    let picture = f.store.situation(None).unwrap();
    assert_eq!(picture.events[0].overdue_follow_ups, 0);
    deep_ok(&f.store);
}

#[test]
fn a_time_past_year_9999_is_refused_by_the_cli_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert!(kris_cli(&db, &["init", "--org", "X"]).status.success());
    let out = kris_cli(
        &db,
        &[
            "situation",
            "set",
            "--section",
            "bedomning",
            "--text",
            "Läget",
            "--next-update",
            "+99999-12-31 10:00",
            "--by",
            "Anna",
            "--role",
            "TiB",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ingen giltig tidpunkt"), "{err}");
    let status = kris_cli(&db, &["status"]);
    assert!(
        String::from_utf8_lossy(&status.stdout).starts_with("0 poster"),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
    assert!(kris_cli(&db, &["reminders"]).status.success());
}

/// The organisation's lägesbild is over its open events, but it kept listing the entries flagged
/// betydande in events since closed; and a closed event takes no unflag, so they stayed there.
#[test]
fn the_organisations_picture_leaves_out_flags_of_closed_events() {
    let mut f = fixture();
    let open = open_event(&mut f.store, "Storm");
    let closing = open_event(&mut f.store, "Brand");
    let kept = f
        .store
        .log_diary(&tib(), &diary(&open, "Elen tillbaka"))
        .unwrap();
    let gone = f
        .store
        .log_diary(&tib(), &diary(&closing, "Rök över E22"))
        .unwrap();
    let org = f
        .store
        .set_section(&tib(), &section(None, "Två händelser", None))
        .unwrap();
    let org_entry = f
        .store
        .timeline(&TimelineFilter {
            kinds: Some(vec!["situation".into()]),
            ..Default::default()
        })
        .unwrap()
        .items[0]
        .id
        .clone();
    assert_eq!(org.version, 1);
    for id in [&kept.id, &gone.id, &org_entry] {
        f.store
            .set_flag(
                &tib(),
                &FlagChange {
                    entry_id: id.clone(),
                    flagged: true,
                    note: None,
                },
            )
            .unwrap();
    }
    f.clock.advance(Duration::minutes(1));
    f.store
        .close_event(
            &tib(),
            &CloseEvent {
                event_id: closing.clone(),
                decision_text: "Släckt".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let flagged: Vec<String> = f
        .store
        .situation(None)
        .unwrap()
        .flagged
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(flagged, vec![org_entry.clone(), kept.id.clone()]);
    // The closed event's own picture and the timeline still show its flag: that is its record.
    let own = f.store.situation(Some(&closing)).unwrap();
    assert_eq!(own.flagged.len(), 1);
    assert_eq!(own.flagged[0].id, gone.id);
    let all = f
        .store
        .timeline(&TimelineFilter {
            flagged_only: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.items.len(), 3);
    deep_ok(&f.store);
}

/// A page pasted into Ctrl+K became one full-text AND of every word, and the index takes time
/// that grows with the square of the words: 30 000 words held the store for seconds, a pasted
/// document for hours, and the whole window with it.
#[test]
fn a_pasted_page_in_search_is_refused_at_once() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Storm");
    f.store
        .log_diary(&tib(), &diary(&ev, "Reservkraft startad"))
        .unwrap();
    let pasted = "reservkraft ".repeat(10_000);
    let started = std::time::Instant::now();
    let err = f.store.find(&pasted).unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert!(err.message.contains("för lång"), "{}", err.message);
    assert_eq!(err.params.get("length").map(String::as_str), Some("120000"));
    assert_eq!(
        f.store.search(&pasted, None).unwrap_err().code,
        ErrorCode::Invalid
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    // A long but real query still searches.
    let hits = f
        .store
        .find(&format!("reservkraft {}", "startad ".repeat(40)))
        .unwrap();
    assert_eq!(hits.len(), 1);
}

/// `kris situation set --event "$EV"` with EV unset sent a blank event: the text went into the
/// organisation's lägesbild on the wall, for ever, instead of being refused as `show` refuses it.
#[test]
fn a_blank_event_does_not_write_the_organisations_lagesbild() {
    let mut f = fixture();
    open_event(&mut f.store, "Storm");
    let before = entries(&f.store);
    for blank in ["", "   ", "\u{feff}"] {
        let err = f
            .store
            .set_section(&tib(), &section(Some(blank), "Fel ställe", None))
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Invalid, "{blank:?}");
        assert_eq!(
            err.params.get("field").map(String::as_str),
            Some("Händelse")
        );
    }
    assert_eq!(entries(&f.store), before);
    assert_eq!(f.store.situation_sections(None).unwrap()[5].version, 0);

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert!(kris_cli(&db, &["init", "--org", "X"]).status.success());
    let out = kris_cli(
        &db,
        &[
            "situation",
            "set",
            "--event",
            "",
            "--section",
            "bedomning",
            "--text",
            "Fel ställe",
            "--by",
            "Anna",
            "--role",
            "TiB",
        ],
    );
    assert!(!out.status.success());
    let status = kris_cli(&db, &["status"]);
    assert!(String::from_utf8_lossy(&status.stdout).starts_with("0 poster"));
}

/// An id is echoed in the error that says it does not exist; a pasted 100 000-character "id"
/// came back whole, in the message and its params, as a wall of text in the window.
#[test]
fn a_hostile_id_is_named_by_its_start_not_echoed_whole() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "IT-avbrott");
    let a = f.store.activate_plan(&tib(), "it-avbrott", &ev).unwrap();
    let before = entries(&f.store);
    let huge = "x".repeat(100_000);
    let short = |e: krisledning::Error| {
        assert!(
            matches!(e.code, ErrorCode::NotFound | ErrorCode::Invalid),
            "{e:?}"
        );
        assert!(e.message.len() < 500, "{} chars", e.message.len());
        for (k, v) in &e.params {
            assert!(v.len() < 200, "param {k}: {} chars", v.len());
        }
    };
    short(
        f.store
            .set_flag(
                &tib(),
                &FlagChange {
                    entry_id: huge.clone(),
                    flagged: true,
                    note: None,
                },
            )
            .unwrap_err(),
    );
    short(
        f.store
            .timeline(&TimelineFilter {
                event_id: Some(huge.clone()),
                ..Default::default()
            })
            .unwrap_err(),
    );
    short(f.store.situation(Some(&huge)).unwrap_err());
    short(
        f.store
            .set_section(&tib(), &section(Some(&huge), "Läget", None))
            .unwrap_err(),
    );
    short(
        f.store
            .check_item(&tib(), &huge, "tib-omfattning", ItemState::Done, None, None)
            .unwrap_err(),
    );
    short(
        f.store
            .check_item(&tib(), &a.id, &huge, ItemState::Done, None, None)
            .unwrap_err(),
    );
    short(
        f.store
            .check_item(
                &tib(),
                &a.id,
                "tib-stabslage",
                ItemState::Done,
                None,
                Some(huge.clone()),
            )
            .unwrap_err(),
    );
    short(
        f.store
            .decide_item(&tib(), &huge, "tib-imy", &decision(&ev, "Anmälan"))
            .unwrap_err(),
    );
    assert_eq!(entries(&f.store), before);
}

/// The lägesbild of an event id that does not exist said so in Swedish only: the error had no
/// params, so the window could not say it in English as it does the same error from a write.
#[test]
fn the_picture_of_an_unknown_event_names_the_id_in_its_params() {
    let f = fixture();
    let err = f.store.situation(Some("finns-inte")).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(
        err.params.get("event_id").map(String::as_str),
        Some("finns-inte")
    );
    assert_eq!(entries(&f.store), 0);
}
