//! Issue 12, part 3: the after phase of an event. Avvikelser and erfarenheter written once the
//! event is closed, owners and due dates, closing a lesson once, and proposals to revise a plan
//! that a newer plan version closes. Real SQLite files, a clock the test moves.

mod common;

use chrono::Duration;
use common::*;
use krisledning::efter::revision::ProposalFilter;
use krisledning::efter::{
    DeviationCategory, LessonKind, NewDeviation, NewLesson, NewRevisionProposal,
};
use krisledning::log::CloseEvent;
use krisledning::timeline::TimelineFilter;
use krisledning::{ErrorCode, Store};

fn plan_file(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/plans")
            .join(name),
    )
    .unwrap()
}

const OWN_PLAN: &str = "reservvatten-karlskrona";

fn close(store: &mut Store, event_id: &str) {
    store
        .close_event(
            &tib(),
            &CloseEvent {
                event_id: event_id.into(),
                decision_text: "Återgång till normal verksamhet".into(),
                ..Default::default()
            },
        )
        .unwrap();
}

fn deviation(event_id: &str, title: &str) -> NewDeviation {
    NewDeviation {
        event_id: event_id.into(),
        title: title.into(),
        text: "Rakel-talgruppen för sjukvården var inte upplagd i ledningsplatsens terminaler."
            .into(),
        category: Some(DeviationCategory::Kommunikation),
        consequence: Some("Lägesrapporterna gick via mobiltelefon i två timmar.".into()),
        action: Some("Talgruppen lades upp av Rakel-ansvarig kl 04:10.".into()),
        occurred_at: Some("2026-11-24T03:30:00Z".into()),
    }
}

fn lesson(event_id: &str, text: &str) -> NewLesson {
    NewLesson {
        event_id: event_id.into(),
        text: text.into(),
        kind: Some(LessonKind::Forbattra),
        owner: "Maria Berg".into(),
        due: "2027-01-31T16:00:00+01:00".into(),
        deviation_id: None,
    }
}

fn entries(store: &Store) -> i64 {
    store.status().unwrap().entries
}

/// An event opened at t0 and closed three hours later; the clock then stands a day on.
fn closed_event(f: &mut Fixture) -> String {
    let ev = open_event(&mut f.store, "IT-avbrott Blekingesjukhuset");
    f.clock.advance(Duration::hours(3));
    close(&mut f.store, &ev);
    f.clock.advance(Duration::days(1));
    ev
}

#[test]
fn deviations_and_lessons_are_written_after_the_event_closed() {
    let mut f = fixture();
    let ev = closed_event(&mut f);
    let d = f
        .store
        .report_deviation(&tib(), &deviation(&ev, "Rakel-talgrupp saknades"))
        .unwrap();
    assert_eq!(d.event_id, ev);
    assert_eq!(d.category, DeviationCategory::Kommunikation);
    assert_eq!(d.occurred_at, "2026-11-24T03:30:00.000000Z");
    assert_eq!(d.reported_by, "Anna Lindqvist");
    let mut l = lesson(
        &ev,
        "Lägg upp sjukvårdens talgrupper i alla ledningsplatser",
    );
    l.deviation_id = Some(d.id.clone());
    let l = f.store.record_lesson(&tib(), &l).unwrap();
    assert_eq!(
        l.deviation_title.as_deref(),
        Some("Rakel-talgrupp saknades")
    );
    assert_eq!(l.owner, "Maria Berg");
    assert!(l.is_open() && !l.overdue);
    let listed = f.store.deviations(&ev).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].lessons, 1);

    // The after phase only: the closed event still takes no decision.
    let refused = f.store.decide(&tib(), &decision(&ev, "Sent beslut"));
    assert_eq!(refused.unwrap_err().code, ErrorCode::Conflict);
    // Nor does an avvikelse go before the event opened, or into an event that does not exist.
    let before = entries(&f.store);
    let mut early = deviation(&ev, "Före starten");
    early.occurred_at = Some("2026-11-24T01:00:00Z".into());
    let err = f.store.report_deviation(&tib(), &early).unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert!(err.params.contains_key("opened_at"), "{err:?}");
    let err = f
        .store
        .report_deviation(&tib(), &deviation("finns-inte", "X"))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let mut ahead = deviation(&ev, "I morgon");
    ahead.occurred_at = Some("2026-12-24T01:00:00Z".into());
    assert_eq!(
        f.store.report_deviation(&tib(), &ahead).unwrap_err().code,
        ErrorCode::Invalid
    );
    assert_eq!(entries(&f.store), before, "nothing refused was written");
    // Without a time it happened now, and a category defaults to annat.
    let now = f
        .store
        .report_deviation(
            &tib(),
            &NewDeviation {
                event_id: ev.clone(),
                title: "Stabsläget kallades sent".into(),
                text: "Larmlistan var inaktuell.".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(now.category, DeviationCategory::Annat);
    assert_eq!(now.occurred_at, now.reported_at);
}

#[test]
fn owner_and_due_are_required_and_a_bad_due_is_refused() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let other = open_event(&mut f.store, "Vattenavbrott");
    f.clock.advance(Duration::hours(2));
    let d = f
        .store
        .report_deviation(&tib(), &deviation(&other, "I den andra händelsen"))
        .unwrap();
    let before = entries(&f.store);
    let field = |e: krisledning::Error| (e.code, e.params.get("field").cloned());

    let mut no_owner = lesson(&ev, "Öva reservrutinerna");
    no_owner.owner = "  ".into();
    let err = f.store.record_lesson(&tib(), &no_owner).unwrap_err();
    assert_eq!(field(err), (ErrorCode::Invalid, Some("Ansvarig".into())));

    let mut no_due = lesson(&ev, "Öva reservrutinerna");
    no_due.due = String::new();
    let err = f.store.record_lesson(&tib(), &no_due).unwrap_err();
    assert_eq!(
        field(err),
        (ErrorCode::Invalid, Some("Klart senast".into()))
    );

    for bad in ["nästa vecka", "2027-02-30 10:00", "10000-01-01T00:00:00Z"] {
        let mut bad_due = lesson(&ev, "Öva reservrutinerna");
        bad_due.due = bad.into();
        let err = f.store.record_lesson(&tib(), &bad_due).unwrap_err();
        assert_eq!(
            err.params.get("value").map(String::as_str),
            Some(bad),
            "{err:?}"
        );
        assert_eq!(
            field(err),
            (ErrorCode::Invalid, Some("Klart senast".into()))
        );
    }

    let mut wrong_event = lesson(&ev, "Öva reservrutinerna");
    wrong_event.deviation_id = Some(d.id.clone());
    let err = f.store.record_lesson(&tib(), &wrong_event).unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert_eq!(err.params.get("deviation_id"), Some(&d.id));

    let mut unknown = lesson(&ev, "Öva reservrutinerna");
    unknown.deviation_id = Some("0000-ingen".into());
    let err = f.store.record_lesson(&tib(), &unknown).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(
        err.params.get("deviation_id").map(String::as_str),
        Some("0000-ingen")
    );

    assert_eq!(entries(&f.store), before, "nothing refused was written");
    // A due time typed as people type it is this computer's local time.
    let mut local = lesson(&ev, "Öva reservrutinerna");
    local.due = "2027-03-01 09:00".into();
    local.kind = Some(LessonKind::parse("bra").unwrap());
    let l = f.store.record_lesson(&tib(), &local).unwrap();
    assert_eq!(l.kind, LessonKind::Bra);
    assert_eq!(krisledning::time::local_minute(&l.due), "2027-03-01 09:00");
}

#[test]
fn a_lesson_is_overdue_until_closed_and_is_closed_once() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Storm");
    let mut soon = lesson(&ev, "Uppdatera larmlistan");
    soon.due = "2026-11-24T04:00:00Z".into();
    let soon = f.store.record_lesson(&tib(), &soon).unwrap();
    let later = f
        .store
        .record_lesson(&tib(), &lesson(&ev, "Utbilda nya TiB i Rakel"))
        .unwrap();
    close(&mut f.store, &ev);
    f.clock.advance(Duration::hours(3));

    // Across events: the open lessons, soonest due first, the passed one overdue.
    let open = f.store.lessons(None).unwrap();
    assert_eq!(
        open.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
        [soon.id.as_str(), later.id.as_str()]
    );
    assert!(open[0].overdue && !open[1].overdue);
    assert_eq!(open[0].event_title, "Storm");

    // Its owner is reminded, although the event is closed; the later one is not due yet.
    let due = |f: &Fixture| -> Vec<String> {
        f.store
            .reminders(Duration::zero())
            .unwrap()
            .into_iter()
            .filter(|r| r.kind == krisledning::reminders::ReminderKind::LessonDue)
            .map(|r| r.title)
            .collect()
    };
    assert_eq!(
        due(&f),
        ["Erfarenhet att åtgärda (Maria Berg): Uppdatera larmlistan"]
    );

    let closed = f
        .store
        .close_lesson(&tib(), &soon.id, "Larmlistan genomgången 2026-11-24")
        .unwrap();
    assert!(due(&f).is_empty(), "closing it ends the reminder");
    let c = closed.closed.clone().expect("closed");
    assert_eq!(c.note, "Larmlistan genomgången 2026-11-24");
    assert_eq!(c.by, "Anna Lindqvist");
    assert!(!closed.overdue, "a closed lesson is never overdue");

    let before = entries(&f.store);
    let again = f.store.close_lesson(&tib(), &soon.id, "Igen").unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    assert!(
        again.message.contains("redan avslutad"),
        "{}",
        again.message
    );
    assert_eq!(again.params.get("closed_at"), Some(&c.at));
    assert_eq!(again.params.get("closed_by"), Some(&c.by));
    let blank = f.store.close_lesson(&tib(), &later.id, " ").unwrap_err();
    assert_eq!(
        blank.params.get("field").map(String::as_str),
        Some("Anteckning")
    );
    let unknown = f.store.close_lesson(&tib(), "ingen", "x").unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
    assert_eq!(entries(&f.store), before);

    assert_eq!(f.store.lessons(None).unwrap().len(), 1, "only open ones");
    let all = f.store.lessons(Some(&ev)).unwrap();
    assert_eq!(all.len(), 2, "the event's own list keeps the closed one");
    assert!(!all[0].is_open() && all[1].is_open());
    assert_eq!(
        f.store.lessons(Some("finns-inte")).unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[test]
fn a_proposal_to_an_unknown_plan_is_refused() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "IT-avbrott");
    let l = f
        .store
        .record_lesson(&tib(), &lesson(&ev, "Reservrutin för journalsystemet"))
        .unwrap();
    let before = entries(&f.store);
    let err = f
        .store
        .propose_revision(
            &tib(),
            &NewRevisionProposal {
                lesson_id: l.id.clone(),
                plan_id: "finns-inte".into(),
                text: "Lägg till ett kort".into(),
            },
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(
        err.params.get("plan_id").map(String::as_str),
        Some("finns-inte")
    );
    let err = f
        .store
        .propose_revision(
            &tib(),
            &NewRevisionProposal {
                lesson_id: "ingen".into(),
                plan_id: "it-avbrott".into(),
                text: "Lägg till ett kort".into(),
            },
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.params.contains_key("lesson_id"));
    assert_eq!(entries(&f.store), before);
    let filter = ProposalFilter {
        plan_id: Some("finns-inte".into()),
        ..Default::default()
    };
    assert_eq!(
        f.store.proposals(&filter).unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[test]
fn a_proposal_stays_open_until_a_newer_plan_version_is_imported() {
    let mut f = fixture();
    f.store
        .import_plan(&tib(), "egen-plan-v1.toml", &plan_file("egen-plan-v1.toml"))
        .unwrap();
    let ev = open_event(&mut f.store, "Vattenavbrott Karlskrona");
    let l = f
        .store
        .record_lesson(&tib(), &lesson(&ev, "Tankbil räckte inte"))
        .unwrap();
    close(&mut f.store, &ev);
    f.clock.advance(Duration::days(2));
    let propose = |store: &mut Store, plan: &str, text: &str| {
        store
            .propose_revision(
                &tib(),
                &NewRevisionProposal {
                    lesson_id: l.id.clone(),
                    plan_id: plan.into(),
                    text: text.into(),
                },
            )
            .unwrap()
    };
    let p = propose(&mut f.store, OWN_PLAN, "Beställ två tankbilar direkt");
    assert!(p.open);
    assert_eq!((p.plan_version, p.closed_by_version), (1, None));
    assert_eq!(p.plan_title, "Reservvatten Karlskrona");
    assert_eq!(p.lesson_text, "Tankbil räckte inte");
    let shipped = propose(&mut f.store, "it-avbrott", "Nämn vattnet i IT-planen");
    assert!(shipped.open);

    let counts =
        krisledning::efter::revision::open_proposals_by_plan(f.store.connection()).unwrap();
    assert_eq!(counts.get(OWN_PLAN), Some(&1));
    assert_eq!(counts.get("it-avbrott"), Some(&1));
    let library = f.store.plan_library_with_proposals().unwrap();
    let own = library
        .iter()
        .find(|e| e.library.plan.id == OWN_PLAN)
        .unwrap();
    assert_eq!(own.open_proposals, 1);
    assert!(library
        .iter()
        .filter(|e| e.library.plan.id != OWN_PLAN && e.library.plan.id != "it-avbrott")
        .all(|e| e.open_proposals == 0));
    assert_eq!(f.store.lesson(&l.id).unwrap().proposals, 2);

    f.clock.advance(Duration::hours(1));
    f.store
        .import_plan(&tib(), "egen-plan-v2.toml", &plan_file("egen-plan-v2.toml"))
        .unwrap();
    let own_plan = ProposalFilter {
        plan_id: Some(OWN_PLAN.into()),
        ..Default::default()
    };
    let listed = f.store.proposals(&own_plan).unwrap();
    assert_eq!(listed.len(), 1);
    assert!(!listed[0].open);
    assert_eq!(listed[0].closed_by_version, Some(2));
    // A proposal made against version 2 is open again; the one before it stays closed by 2.
    let newer = propose(&mut f.store, OWN_PLAN, "Ange tankbilens volym");
    assert_eq!((newer.plan_version, newer.open), (2, true));
    let open_only = ProposalFilter {
        open_only: Some(true),
        ..Default::default()
    };
    let open: Vec<String> = f
        .store
        .proposals(&open_only)
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(open, [shipped.id.clone(), newer.id.clone()]);
    let by_event = ProposalFilter {
        event_id: Some(ev.clone()),
        ..Default::default()
    };
    assert_eq!(f.store.proposals(&by_event).unwrap().len(), 3);

    // Replay and deep verify rebuild every table of the after phase exactly, closed event and all.
    let live = dump_projections(&f.store);
    assert!(live
        .iter()
        .any(|row| row.starts_with("revision_proposals:")));
    f.store.replay().unwrap();
    assert_eq!(dump_projections(&f.store), live);
    let report = f.store.deep_verify(&mut |_, _| {}).unwrap();
    assert!(report.differences.is_empty(), "{:?}", report.differences);
    assert_eq!(
        f.store.proposals(&own_plan).unwrap()[0].closed_by_version,
        Some(2)
    );
}

#[test]
fn replay_and_deep_verify_give_the_same_projections() {
    let mut f = fixture();
    let ev = closed_event(&mut f);
    let d = f
        .store
        .report_deviation(&tib(), &deviation(&ev, "Rakel-talgrupp saknades"))
        .unwrap();
    let mut l = lesson(&ev, "Talgrupper i alla ledningsplatser");
    l.deviation_id = Some(d.id);
    let l = f.store.record_lesson(&tib(), &l).unwrap();
    f.store
        .propose_revision(
            &tib(),
            &NewRevisionProposal {
                lesson_id: l.id.clone(),
                plan_id: "regional-sarskild-handelse".into(),
                text: "Kontrollera talgrupperna vid stabsläge".into(),
            },
        )
        .unwrap();
    f.store.close_lesson(&tib(), &l.id, "Uppdaterat").unwrap();
    let live = dump_projections(&f.store);
    for table in ["deviations:", "lessons:", "revision_proposals:"] {
        assert!(live.iter().any(|r| r.starts_with(table)), "{table}");
    }
    f.store.replay().unwrap();
    assert_eq!(dump_projections(&f.store), live);
    let report = f.store.deep_verify(&mut |_, _| {}).unwrap();
    assert!(report.differences.is_empty(), "{:?}", report.differences);
    // An edited view is named and mended like any other.
    f.store
        .connection()
        .execute("UPDATE lessons SET owner = 'Någon annan'", [])
        .unwrap();
    let report = f.store.deep_verify(&mut |_, _| {}).unwrap();
    assert_eq!(report.differences[0].table, "lessons");
    f.store.replay().unwrap();
    assert_eq!(dump_projections(&f.store), live);
}

#[test]
fn the_timeline_shows_the_after_phase_in_readable_lines() {
    let mut f = fixture();
    let ev = closed_event(&mut f);
    let d = f
        .store
        .report_deviation(&tib(), &deviation(&ev, "Rakel-talgrupp saknades"))
        .unwrap();
    let mut l = lesson(&ev, "Talgrupper i alla ledningsplatser");
    l.deviation_id = Some(d.id);
    let l = f.store.record_lesson(&tib(), &l).unwrap();
    f.store
        .propose_revision(
            &tib(),
            &NewRevisionProposal {
                lesson_id: l.id.clone(),
                plan_id: "it-avbrott".into(),
                text: "Kontrollera talgrupperna".into(),
            },
        )
        .unwrap();
    f.store
        .close_lesson(&tib(), &l.id, "Talgrupperna upplagda")
        .unwrap();
    let page = f
        .store
        .timeline(&TimelineFilter {
            event_id: Some(ev.clone()),
            ..Default::default()
        })
        .unwrap();
    let line = |kind: &str| {
        page.items
            .iter()
            .find(|i| i.kind == kind)
            .unwrap_or_else(|| panic!("{kind} in the timeline"))
            .summary
            .clone()
    };
    assert_eq!(
        line("deviation.reported"),
        "Rakel-talgrupp saknades (Kommunikation) – Rakel-talgruppen för sjukvården var inte \
         upplagd i ledningsplatsens terminaler."
    );
    let recorded = line("lesson.recorded");
    assert!(
        recorded.starts_with("Behöver förbättras: Talgrupper i alla ledningsplatser – ansvarig Maria Berg, klart senast 2027-01-31"),
        "{recorded}"
    );
    assert_eq!(
        line("lesson.closed"),
        "Avslutad: Talgrupper i alla ledningsplatser – Talgrupperna upplagda"
    );
    let proposed = line("revision.proposed");
    assert!(
        proposed.ends_with("(v1): Kontrollera talgrupperna"),
        "{proposed}"
    );
    assert!(proposed.starts_with("IT-avbrott"), "{proposed}");
    // The kinds are groups of their own in the filter.
    let lessons = f
        .store
        .timeline(&TimelineFilter {
            kinds: Some(vec!["lesson".into()]),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(lessons.items.len(), 2);
}

#[test]
fn the_requests_answer_as_the_window_asks() {
    let mut f = fixture();
    let ev = closed_event(&mut f);
    let actor = r#"{"name":"Anna Lindqvist","role":"TiB"}"#;
    let raw = format!(
        r#"{{"command":"record_lesson","args":{{"actor":{actor},"input":{{"event_id":"{ev}","text":"Öva","owner":"Maria Berg","due":"2027-01-10 10:00"}}}}}}"#
    );
    let l = krisledning::api::call_json(&mut f.store, &raw).unwrap();
    assert_eq!(l["kind"], "forbattra");
    let listed = krisledning::api::call_json(
        &mut f.store,
        r#"{"command":"list_lessons","args":{"event_id":null}}"#,
    )
    .unwrap();
    assert_eq!(listed[0]["owner"], "Maria Berg");
    let library =
        krisledning::api::call_json(&mut f.store, r#"{"command":"plan_library"}"#).unwrap();
    assert_eq!(library[0]["open_proposals"], 0);
    assert!(library[0]["plan"]["id"].is_string(), "the plan as before");
    let proposals = krisledning::api::call_json(
        &mut f.store,
        r#"{"command":"list_proposals","args":{"filter":{}}}"#,
    )
    .unwrap();
    assert_eq!(proposals, serde_json::json!([]));
}
