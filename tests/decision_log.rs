//! The decision log as a TiB uses it: corrections beside originals, supersession, filters and
//! Swedish full-text search.

mod common;

use chrono::Duration;
use common::*;
use krisledning::log::{
    Channel, DecisionKind, DecisionStatus, NewCorrection, RecordFilter, RecordType,
};
use krisledning::ErrorCode;

#[test]
fn a_correction_keeps_the_original_and_says_who_and_when() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "IT-avbrott");
    let d = f
        .store
        .decide(&tib(), &decision(&ev, "Stab sammankallas"))
        .unwrap();
    f.clock.advance(Duration::minutes(3));
    let chef = krisledning::domain::Actor::new("Maria Berg", "Stabschef");
    let rec = f
        .store
        .correct(
            &chef,
            &NewCorrection {
                target_id: d.id.clone(),
                text: "Stab sammankallas 04:30".into(),
                reason: "Fel klockslag".into(),
            },
        )
        .unwrap();
    assert_eq!(rec.text, d.text, "the original text is kept");
    assert_eq!(rec.current_text(), "Stab sammankallas 04:30");
    let c = &rec.corrections[0];
    assert_eq!(
        (c.author.as_str(), c.role.as_str(), c.reason.as_str()),
        ("Maria Berg", "Stabschef", "Fel klockslag")
    );
    assert_eq!(
        c.recorded_at,
        krisledning::time::format(&(t0() + Duration::minutes(3)))
    );
    // The journal holds both: the decision entry and a correction entry pointing at it.
    let kinds: Vec<String> = f
        .store
        .connection()
        .prepare("SELECT kind FROM journal ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kinds, ["event.opened", "decision.made", "entry.corrected"]);
}

#[test]
fn superseding_marks_the_old_decision_replaced_and_links_both_ways() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let old = f
        .store
        .decide(&tib(), &decision(&ev, "Reservkraft 6 h"))
        .unwrap();
    let mut new = decision(&ev, "Reservkraft 12 h");
    new.supersedes = Some(old.id.clone());
    let new = f.store.decide(&tib(), &new).unwrap();
    let old = f.store.get_record(&old.id).unwrap();
    assert_eq!(old.status, DecisionStatus::Ersatt);
    assert_eq!(old.superseded_by.as_deref(), Some(new.id.as_str()));
    assert_eq!(new.supersedes.as_deref(), Some(old.id.as_str()));
    // Only a decision in force can be superseded.
    let mut again = decision(&ev, "Reservkraft 24 h");
    again.supersedes = Some(old.id.clone());
    assert_eq!(
        f.store.decide(&tib(), &again).unwrap_err().code,
        ErrorCode::Conflict
    );
}

#[test]
fn lists_filter_by_event_kind_and_time() {
    let mut f = fixture();
    let a = open_event(&mut f.store, "A");
    let b = open_event(&mut f.store, "B");
    let mut inr = decision(&a, "Inriktning");
    inr.kind = DecisionKind::Inriktning;
    f.store.decide(&tib(), &inr).unwrap();
    f.clock.advance(Duration::hours(1));
    let mut sam = decision(&a, "Samordning");
    sam.kind = DecisionKind::Samordning;
    f.store.decide(&tib(), &sam).unwrap();
    f.store.log_diary(&tib(), &diary(&a, "Dagbok A")).unwrap();
    f.store.log_diary(&tib(), &diary(&b, "Dagbok B")).unwrap();
    let list = |event: Option<&str>, kind: Option<&str>, from: Option<String>| {
        f.store
            .list_records(&RecordFilter {
                event_id: event.map(Into::into),
                kind: kind.map(Into::into),
                from,
                to: None,
            })
            .unwrap()
    };
    assert_eq!(list(Some(&a), None, None).len(), 3);
    assert_eq!(list(None, Some("dagbok"), None).len(), 2);
    assert_eq!(
        list(Some(&a), Some("beslut"), None)
            .iter()
            .filter(|r| r.record_type == RecordType::Decision)
            .count(),
        2
    );
    let only = list(None, Some("samordning"), None);
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].title.as_deref(), Some("Samordning"));
    let later = list(Some(&a), None, Some("2026-11-24T03:00:00Z".into()));
    assert_eq!(later.len(), 2, "only what happened after 03:00 UTC");
    let err = f
        .store
        .list_records(&RecordFilter {
            kind: Some("kupp".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert!(err.message.contains("Okänt filter"));
}

#[test]
fn search_understands_swedish_letters_and_corrections() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Vattenavbrott");
    let mut d = decision(&ev, "Nödvatten till Wämö");
    d.text = "Åtgärd: tankbilar med dricksvatten till Wämö äldreboende".into();
    let d = f.store.decide(&tib(), &d).unwrap();
    let mut log = diary(&ev, "Kommunens VA-jour: läcka på huvudledning vid Ölycke");
    log.channel = Channel::Rakel;
    f.store.log_diary(&tib(), &log).unwrap();
    fn ids(store: &krisledning::Store, q: &str) -> Vec<String> {
        store
            .search(q, None)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect()
    }
    assert_eq!(ids(&f.store, "åtgärd"), vec![d.id.clone()]);
    assert_eq!(
        ids(&f.store, "ÅTGÄRD"),
        vec![d.id.clone()],
        "case folds for Å Ä Ö"
    );
    assert_eq!(
        ids(&f.store, "atgard"),
        vec![d.id.clone()],
        "diacritics are folded for foreign keyboards"
    );
    assert_eq!(
        ids(&f.store, "tankbil"),
        vec![d.id.clone()],
        "words match as prefixes"
    );
    assert_eq!(ids(&f.store, "ölycke läcka").len(), 1);
    assert!(
        ids(&f.store, "tankbilar ölycke").is_empty(),
        "all words must match one record"
    );
    assert_eq!(
        ids(&f.store, "\"läcka\" -( *"),
        ids(&f.store, "läcka"),
        "FTS syntax is treated as text"
    );
    assert_eq!(ids(&f.store, "läcka").len(), 1);
    f.store
        .correct(
            &tib(),
            &NewCorrection {
                target_id: d.id.clone(),
                text: "Tankbilar och flaskvatten".into(),
                reason: "Komplettering".into(),
            },
        )
        .unwrap();
    assert_eq!(
        ids(&f.store, "flaskvatten"),
        vec![d.id.clone()],
        "corrections are searchable"
    );
    assert!(f.store.search("  ", None).is_err());
    let other = open_event(&mut f.store, "Annat");
    assert!(f.store.search("åtgärd", Some(&other)).unwrap().is_empty());
}

#[test]
fn closing_needs_a_decision_text_and_is_shown_on_the_event() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Brand");
    let close = |text: &str| krisledning::log::CloseEvent {
        event_id: ev.clone(),
        decision_text: text.into(),
        ..Default::default()
    };
    assert_eq!(
        f.store.close_event(&tib(), &close("")).unwrap_err().code,
        ErrorCode::Invalid
    );
    let closed = f
        .store
        .close_event(
            &tib(),
            &close("Branden släckt; återgång till normal verksamhet"),
        )
        .unwrap();
    assert_eq!(closed.status, krisledning::log::EventStatus::Closed);
    assert_eq!(closed.closed_by.as_deref(), Some("Anna Lindqvist"));
    assert_eq!(
        f.store
            .close_event(&tib(), &close("igen"))
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
}
