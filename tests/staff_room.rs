//! Issue 11's core: the lägesbild's sections and what it gathers, the one timeline with its
//! betydande flag, and Ctrl+K's search over every kind. Real SQLite files, a clock the test moves.

mod common;

use chrono::Duration;
use common::*;
use krisledning::find::HitKind;
use krisledning::logistics::task::NewTask;
use krisledning::situation::{Section, SectionUpdate};
use krisledning::timeline::{FlagChange, TimelineFilter};
use krisledning::ErrorCode;

fn section(
    event_id: Option<&str>,
    section: Section,
    text: &str,
    based_on: Option<u32>,
) -> SectionUpdate {
    SectionUpdate {
        event_id: event_id.map(str::to_string),
        section,
        text: text.into(),
        next_update_at: None,
        based_on,
    }
}

#[test]
fn sections_are_versioned_entries_and_a_stale_edit_is_refused() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "IT-avbrott Sjukhus A");
    let v1 = f
        .store
        .set_section(
            &tib(),
            &section(
                Some(&ev),
                Section::Konsekvenser,
                "Journalsystemet nere.",
                Some(0),
            ),
        )
        .unwrap();
    assert_eq!(v1.version, 1);
    f.clock.advance(Duration::minutes(5));
    let v2 = f
        .store
        .set_section(
            &tib(),
            &section(
                Some(&ev),
                Section::Konsekvenser,
                "Journalsystemet nere på alla sjukhus.",
                Some(1),
            ),
        )
        .unwrap();
    assert_eq!(v2.version, 2);
    // A colleague who began from version 1 does not overwrite version 2.
    let stale = f
        .store
        .set_section(
            &tib(),
            &section(Some(&ev), Section::Konsekvenser, "Annan text", Some(1)),
        )
        .unwrap_err();
    assert_eq!(stale.code, ErrorCode::Conflict);
    let param = |k: &str| stale.params.get(k).cloned();
    assert_eq!(param("reason").as_deref(), Some("stale"));
    assert_eq!(
        param("text").as_deref(),
        Some("Journalsystemet nere på alla sjukhus.")
    );
    let history = f
        .store
        .section_history(Some(&ev), Section::Konsekvenser)
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].text, "Journalsystemet nere på alla sjukhus.");
    let picture = f.store.situation(Some(&ev)).unwrap();
    assert_eq!(picture.sections.len(), 6);
    assert_eq!(picture.sections[1].version, 2);
    assert_eq!(
        picture.sections[0].version, 0,
        "unwritten sections are listed empty"
    );
    // The organisation's own picture is a scope of its own.
    f.store
        .set_section(
            &tib(),
            &section(None, Section::Bedomning, "Läget stabilt i regionen.", None),
        )
        .unwrap();
    let org = f.store.situation(None).unwrap();
    assert_eq!(org.sections[5].text, "Läget stabilt i regionen.");
    assert_eq!(org.events.len(), 1);
}

#[test]
fn a_next_update_in_the_past_is_refused_and_a_passed_one_is_overdue() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Storm");
    let mut input = section(Some(&ev), Section::Handelse, "Storm över länet.", None);
    input.next_update_at = Some("2026-11-24T01:00:00Z".into());
    assert_eq!(
        f.store.set_section(&tib(), &input).unwrap_err().code,
        ErrorCode::Invalid
    );
    input.next_update_at = Some("2026-11-24T03:00:00Z".into());
    let v = f.store.set_section(&tib(), &input).unwrap();
    assert!(!v.update_overdue);
    f.clock.advance(Duration::hours(1));
    let picture = f.store.situation(Some(&ev)).unwrap();
    assert!(picture.sections[0].update_overdue);
}

#[test]
fn the_picture_gathers_what_the_record_knows() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "IT-avbrott");
    let mut d = decision(&ev, "Inriktningsbeslut");
    d.follow_up_at = Some("2026-11-24T03:00:00Z".into());
    let dec = f.store.decide(&tib(), &d).unwrap();
    f.store
        .add_task(
            &tib(),
            &NewTask {
                event_id: ev.clone(),
                title: "Ta fram reservrutiner".into(),
                owner: "Stabschef".into(),
                due: Some("2026-11-24T03:30:00Z".into()),
                ..Default::default()
            },
        )
        .unwrap();
    f.store.activate_plan(&tib(), "it-avbrott", &ev).unwrap();
    f.store
        .set_flag(
            &tib(),
            &FlagChange {
                entry_id: dec.id.clone(),
                flagged: true,
                note: Some("Styr allt arbete".into()),
            },
        )
        .unwrap();
    f.clock.advance(Duration::hours(2));
    let p = f.store.situation(Some(&ev)).unwrap();
    assert_eq!(p.latest_decisions[0].title, "Inriktningsbeslut");
    assert!(p.follow_ups[0].follow_up_overdue);
    assert_eq!(p.overdue_tasks.len(), 1);
    assert_eq!(p.plans.len(), 1);
    assert!(
        !p.plans[0].overdue_items.is_empty(),
        "two hours in, the plan's early items are late"
    );
    assert_eq!(p.flagged.len(), 1);
    assert_eq!(p.flagged[0].flag_note.as_deref(), Some("Styr allt arbete"));
    assert!(p.next_report_due.is_some());
    assert_eq!(p.head_seq, head(&f.store).0);
}

#[test]
fn the_timeline_pages_every_kind_newest_first_with_filters() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let other = open_event(&mut f.store, "Vattenavbrott");
    for i in 0..25 {
        f.store
            .log_diary(&tib(), &diary(&ev, &format!("Rad {i}")))
            .unwrap();
    }
    f.store
        .decide(&tib(), &decision(&ev, "Reservkraft"))
        .unwrap();
    f.store.log_diary(&tib(), &diary(&other, "Annat")).unwrap();
    let page = f
        .store
        .timeline(&TimelineFilter {
            event_id: Some(ev.clone()),
            limit: Some(10),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.items.len(), 10);
    assert_eq!(page.items[0].kind, "decision.made");
    assert!(page.items[0].summary.starts_with("Reservkraft"));
    assert!(page
        .items
        .iter()
        .all(|i| i.event_id.as_deref() == Some(ev.as_str())));
    // Paging continues where the page ended and reaches the event's opening.
    let mut seen = page.items.len();
    let mut after = page.next_after;
    while let Some(a) = after {
        let p = f
            .store
            .timeline(&TimelineFilter {
                event_id: Some(ev.clone()),
                limit: Some(10),
                after: Some(a),
                ..Default::default()
            })
            .unwrap();
        assert!(p.items.iter().all(|i| i.seq < a));
        seen += p.items.len();
        after = p.next_after;
    }
    assert_eq!(seen, 27, "25 diary lines, one decision, the opening");
    let decisions = f
        .store
        .timeline(&TimelineFilter {
            kinds: Some(vec!["decision".into()]),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(decisions.items.len(), 1);
    let across = f.store.timeline(&TimelineFilter::default()).unwrap();
    assert!(across
        .items
        .iter()
        .any(|i| i.event_id.as_deref() == Some(other.as_str())));
    let by_role = f
        .store
        .timeline(&TimelineFilter {
            role: Some("tib".into()),
            limit: Some(500),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        by_role.items.len(),
        across.items.len().max(by_role.items.len())
    );
    let bad = f
        .store
        .timeline(&TimelineFilter {
            kinds: Some(vec!["x' OR 1=1 --".into()]),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(bad.code, ErrorCode::Invalid);
}

#[test]
fn late_entries_are_marked_and_flags_are_entries_that_can_be_taken_back() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Brand");
    f.clock.advance(Duration::minutes(30));
    let mut late = diary(&ev, "Samtal från räddningstjänsten");
    late.occurred_at = Some("2026-11-24T02:45:00Z".into());
    late.late_reason = Some("Telefonen först".into());
    let rec = f.store.log_diary(&tib(), &late).unwrap();
    let page = f.store.timeline(&TimelineFilter::default()).unwrap();
    let item = page.items.iter().find(|i| i.id == rec.id).unwrap();
    assert!(item.late);
    assert_ne!(item.occurred_at, item.recorded_at);
    let before = head(&f.store).0;
    let flagged = f
        .store
        .set_flag(
            &tib(),
            &FlagChange {
                entry_id: rec.id.clone(),
                flagged: true,
                note: None,
            },
        )
        .unwrap();
    assert!(flagged.flagged);
    assert_eq!(head(&f.store).0, before + 1, "a flag is an entry");
    let again = f
        .store
        .set_flag(
            &tib(),
            &FlagChange {
                entry_id: rec.id.clone(),
                flagged: true,
                note: None,
            },
        )
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    // Flagging again with a note changes the note.
    let noted = f
        .store
        .set_flag(
            &tib(),
            &FlagChange {
                entry_id: rec.id.clone(),
                flagged: true,
                note: Some("Påverkar akuten".into()),
            },
        )
        .unwrap();
    assert_eq!(noted.flag_note.as_deref(), Some("Påverkar akuten"));
    let page = f
        .store
        .timeline(&TimelineFilter {
            kinds: Some(vec!["entry".into()]),
            ..Default::default()
        })
        .unwrap();
    assert!(page
        .items
        .iter()
        .all(|i| i.refers_to.as_deref() == Some(rec.id.as_str())));
    assert!(
        page.items
            .iter()
            .any(|i| i.summary == "Samtal från räddningstjänsten"),
        "a flag without a note reads as its entry"
    );
    let only = f
        .store
        .timeline(&TimelineFilter {
            flagged_only: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(only.items.len(), 1);
    f.store
        .set_flag(
            &tib(),
            &FlagChange {
                entry_id: rec.id.clone(),
                flagged: false,
                note: None,
            },
        )
        .unwrap();
    let only = f
        .store
        .timeline(&TimelineFilter {
            flagged_only: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert!(only.items.is_empty());
    let missing = f
        .store
        .set_flag(
            &tib(),
            &FlagChange {
                entry_id: "nope".into(),
                flagged: true,
                note: None,
            },
        )
        .unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
}

#[test]
fn find_searches_every_kind_prefix_and_diacritic_aware() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott Växjö");
    f.store
        .decide(&tib(), &decision(&ev, "Reservkraft till Centrallasarettet"))
        .unwrap();
    f.store
        .log_diary(&tib(), &diary(&ev, "Generatorn på sjukhuset startade"))
        .unwrap();
    let hits = f.store.find("vaxj").unwrap();
    assert!(hits.iter().any(|h| h.kind == HitKind::Event), "{hits:?}");
    let hits = f.store.find("reservk").unwrap();
    assert!(hits
        .iter()
        .any(|h| h.kind == HitKind::Decision && h.event_id.as_deref() == Some(ev.as_str())));
    let hits = f.store.find("elavbr").unwrap();
    assert!(
        hits.iter()
            .any(|h| h.kind == HitKind::Plan && h.id == "elavbrott"),
        "{hits:?}"
    );
    let hits = f.store.find("generat").unwrap();
    assert!(hits.iter().any(|h| h.kind == HitKind::Diary));
    assert_eq!(f.store.find("  ").unwrap_err().code, ErrorCode::Invalid);
}

#[test]
fn replay_rebuilds_sections_and_flags() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Replay");
    f.store
        .set_section(
            &tib(),
            &section(Some(&ev), Section::Aktorer, "Kommunen, polisen.", None),
        )
        .unwrap();
    let rec = f.store.log_diary(&tib(), &diary(&ev, "Viktigt")).unwrap();
    f.store
        .set_flag(
            &tib(),
            &FlagChange {
                entry_id: rec.id,
                flagged: true,
                note: None,
            },
        )
        .unwrap();
    // Deep verify rebuilds every table aside from the journal and compares: sections and flags
    // included, since they are tables of their slices.
    let report = f.store.deep_verify(&mut |_, _| {}).unwrap();
    assert!(report.differences.is_empty(), "{report:?}");
    let tables = dump_projections(&f.store);
    assert!(tables.iter().any(|r| r.starts_with("situation_sections:")));
    assert!(tables.iter().any(|r| r.starts_with("flags:")));
}

#[test]
fn plan_item_deadlines_become_reminders_with_a_subject_to_word_in_english() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "IT-avbrott");
    f.store.activate_plan(&tib(), "it-avbrott", &ev).unwrap();
    f.clock.advance(Duration::minutes(31));
    let reminders = f.store.reminders(Duration::zero()).unwrap();
    let items: Vec<_> = reminders
        .iter()
        .filter(|r| r.kind == krisledning::reminders::ReminderKind::ItemDue)
        .collect();
    assert!(!items.is_empty(), "{reminders:?}");
    assert!(items.iter().all(|r| r.overdue && r.event_id == ev));
    assert!(items
        .iter()
        .all(|r| r.title.ends_with(&r.subject) && !r.subject.is_empty()));
}

#[test]
fn an_event_type_proposes_the_matching_plans() {
    let f = fixture();
    let ids = |t: &str| -> Vec<String> {
        f.store
            .proposed_plans(t)
            .unwrap()
            .into_iter()
            .map(|l| l.plan.id)
            .collect()
    };
    assert!(ids("Elavbrott").contains(&"elavbrott".to_string()));
    assert!(ids("it-avbrott").contains(&"it-avbrott".to_string()));
    assert!(ids("").is_empty());
}

#[test]
fn times_typed_in_the_swedish_form_are_local_and_nonsense_is_named() {
    use krisledning::time::parse;
    let local = parse("Tid", "2026-11-24 14:05").unwrap();
    let expected = chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(14, 5, 0)
        .unwrap()
        .and_local_timezone(chrono::Local)
        .earliest()
        .unwrap()
        .with_timezone(&chrono::Utc);
    assert_eq!(local, expected);
    assert_eq!(
        parse("Tid", "2026-11-24T14:05:00+01:00")
            .unwrap()
            .to_rfc3339(),
        "2026-11-24T13:05:00+00:00"
    );
    let err = parse("Tid", "2026-02-30 10:00").unwrap_err();
    assert!(err.message.contains("ÅÅÅÅ-MM-DD TT:MM"), "{}", err.message);
    assert!(parse("Tid", "24/11/2026 2:40 PM").is_err());
}

#[test]
fn a_blank_or_unknown_event_is_an_error_not_an_empty_page() {
    let f = fixture();
    let blank = f
        .store
        .timeline(&TimelineFilter {
            event_id: Some("  ".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(blank.code, ErrorCode::Invalid);
    let unknown = f
        .store
        .section_history(Some("finns-inte"), Section::Handelse)
        .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
}

#[test]
fn role_and_person_filters_match_the_start_of_a_name_and_wildcards_are_letters() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Filter");
    f.store.log_diary(&tib(), &diary(&ev, "En rad")).unwrap();
    let by = |author: &str| {
        f.store
            .timeline(&TimelineFilter {
                author: Some(author.into()),
                ..Default::default()
            })
            .unwrap()
            .items
            .len()
    };
    assert_eq!(
        by("ann"),
        2,
        "Anna Lindqvist wrote the opening and the line"
    );
    assert_eq!(by("Anna Lindqvist"), 2);
    assert_eq!(by("%"), 0);
    assert_eq!(by("_nna"), 0);
    assert_eq!(by("Erik"), 0);
}
