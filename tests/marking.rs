//! Classification and copy control on real files: each entry takes its mode's marking, a marking
//! is raised and never lowered, a report is marked at the highest marking it contains, and the
//! copy register numbers copies, settles each once and rebuilds the same from the journal.

mod common;

use krisledning::api::{self, Request};
use krisledning::domain::Actor;
use krisledning::marking::{
    queries, CopyOutcome, IssueCopies, Marking, RaiseMarking, SettleCopies,
};
use krisledning::readiness::{ModeChange, ModeId};
use krisledning::ErrorCode;

fn director() -> Actor {
    Actor::new("Erik Johansson", "Regiondirektör")
}

fn raise(id: &str, marking: Marking) -> RaiseMarking {
    RaiseMarking {
        entry_id: id.to_string(),
        marking,
        reason: "Uppgifter om skyddsobjekt".into(),
    }
}

#[test]
fn entries_take_the_modes_marking_and_are_raised_never_lowered() {
    let mut f = common::fixture();
    let ev = common::open_event(&mut f.store, "Sabotage mot elnätet");
    let fred = f
        .store
        .decide(&common::tib(), &common::decision(&ev, "Stabsläge"))
        .unwrap();
    f.store
        .set_mode(
            &director(),
            &ModeChange {
                mode: ModeId::Skarpt,
                basis: "Regeringens beslut".into(),
                decided_by: director(),
                ..Default::default()
            },
        )
        .unwrap();
    let skarpt = f
        .store
        .log_diary(
            &common::tib(),
            &common::diary(&ev, "Bevakning av ställverk"),
        )
        .unwrap();
    let c = f.store.connection();
    assert_eq!(queries::marking_of(c, fred.seq).unwrap(), Marking::Intern);
    assert_eq!(
        queries::marking_of(c, skarpt.seq).unwrap(),
        Marking::BegransatHemlig
    );
    assert_eq!(
        queries::highest(c, Some(&ev), None, None).unwrap(),
        Marking::BegransatHemlig
    );

    let r = f
        .store
        .write(|tx| {
            krisledning::marking::commands::raise(
                tx,
                &common::tib(),
                &raise(&fred.id, Marking::Hemlig),
            )
        })
        .unwrap();
    assert_eq!(r.marking, Marking::Hemlig);
    for lower in [Marking::Konfidentiell, Marking::Hemlig] {
        let e = f
            .store
            .write(|tx| {
                krisledning::marking::commands::raise(tx, &common::tib(), &raise(&fred.id, lower))
            })
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Conflict, "{lower:?}");
    }
    let c = f.store.connection();
    assert_eq!(
        queries::highest(c, Some(&ev), None, None).unwrap(),
        Marking::Hemlig
    );
    let listed = queries::for_event(c, &ev).unwrap();
    let shown = listed.iter().find(|m| m.seq == fred.seq).unwrap();
    assert_eq!(shown.marking, Marking::Hemlig);
    assert!(shown.reason.is_some());

    // A decision registered as konfidentiell through the API is never stored lower.
    let v = api::call(
        &mut f.store,
        Request::Decide {
            actor: common::tib(),
            input: common::decision(&ev, "Skydd av ställverket"),
            marking: Some(Marking::Konfidentiell),
        },
    )
    .unwrap();
    let seq = v["seq"].as_i64().unwrap();
    assert_eq!(
        queries::marking_of(f.store.connection(), seq).unwrap(),
        Marking::Konfidentiell
    );

    // The lägesrapport is marked HEMLIG on every page.
    let report = krisledning::report::issue::preview_situation(&f.store, &director(), &ev).unwrap();
    let head = f
        .store
        .snapshot(|s| krisledning::report::Letterhead::read(s, &ev))
        .unwrap();
    let (pdf, pages) = report.pdf(&head).unwrap();
    let file = f.dir.path().join("r.pdf");
    std::fs::write(&file, pdf).unwrap();
    let text = common::pdftotext(&file);
    assert!(
        text.matches("HEMLIG").count() >= 2 * pages as usize,
        "{text}"
    );

    // The same markings after a rebuild from the journal.
    let before = common::dump_projections(&f.store);
    f.store.replay().unwrap();
    assert_eq!(common::dump_projections(&f.store), before);
}

#[test]
fn copies_are_numbered_settled_once_and_listed() {
    let mut f = common::fixture();
    let ev = common::open_event(&mut f.store, "Höjd beredskap");
    let issue = |marking, copies| IssueCopies {
        event_id: Some(ev.clone()),
        document: "Lägesrapport nr 1".into(),
        marking,
        copies,
        recipients: "Regiondirektören, stabschefen, länsstyrelsen".into(),
        copy_sha256: Vec::new(),
    };
    let call = |store: &mut krisledning::Store, r: Request| api::call(store, r);
    let e = call(
        &mut f.store,
        Request::IssueCopies {
            actor: common::tib(),
            input: issue(Marking::BegransatHemlig, 3),
        },
    )
    .unwrap_err();
    assert_eq!(
        e.code,
        ErrorCode::Invalid,
        "no copy control below konfidentiell"
    );
    assert_eq!(
        call(
            &mut f.store,
            Request::IssueCopies {
                actor: common::tib(),
                input: issue(Marking::Hemlig, 0),
            }
        )
        .unwrap_err()
        .code,
        ErrorCode::Invalid
    );
    let first = call(
        &mut f.store,
        Request::IssueCopies {
            actor: common::tib(),
            input: issue(Marking::Konfidentiell, 3),
        },
    )
    .unwrap();
    assert_eq!(first["number"], 1);
    assert_eq!(first["outstanding"], serde_json::json!([1, 2, 3]));
    let id = first["id"].as_str().unwrap().to_string();
    let settle = |copies: Vec<u32>| Request::SettleCopies {
        actor: common::tib(),
        input: SettleCopies {
            issue_id: id.clone(),
            copies,
            outcome: CopyOutcome::Forstord,
            note: "Bränd i dokumentförstöraren".into(),
        },
    };
    let after = call(&mut f.store, settle(vec![2])).unwrap();
    assert_eq!(after["outstanding"], serde_json::json!([1, 3]));
    assert_eq!(
        call(&mut f.store, settle(vec![2])).unwrap_err().code,
        ErrorCode::Conflict
    );
    assert_eq!(
        call(&mut f.store, settle(vec![4])).unwrap_err().code,
        ErrorCode::Invalid
    );
    let second = call(
        &mut f.store,
        Request::IssueCopies {
            actor: common::tib(),
            input: issue(Marking::KvalificeratHemlig, 1),
        },
    )
    .unwrap();
    assert_eq!(second["number"], 2);
    let register = call(&mut f.store, Request::CopyRegister).unwrap();
    assert_eq!(register.as_array().unwrap().len(), 2);
    let before = common::dump_projections(&f.store);
    f.store.replay().unwrap();
    assert_eq!(common::dump_projections(&f.store), before);
}

#[test]
fn classified_reports_and_prints_come_only_in_numbered_registered_copies() {
    use krisledning::log::RecordType;
    use krisledning::report::copies::CopyOrder;
    use krisledning::report::log_print::{self, LogFormat, LogSelection};
    let mut f = common::fixture();
    let ev = common::open_event(&mut f.store, "Hot mot ledningscentralen");
    let d = f
        .store
        .decide(&common::tib(), &common::decision(&ev, "Förstärkt skydd"))
        .unwrap();
    f.store
        .write(|tx| {
            krisledning::marking::commands::raise(
                tx,
                &common::tib(),
                &raise(&d.id, Marking::Konfidentiell),
            )
        })
        .unwrap();
    let e = krisledning::report::issue::issue_situation(&mut f.store, &director(), &ev, None)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    assert_eq!(e.params.get("field").map(String::as_str), Some("copies"));
    let order = CopyOrder {
        copies: 2,
        recipients: "Regiondirektören, länsstyrelsen".into(),
    };
    let r =
        krisledning::report::issue::issue_situation(&mut f.store, &director(), &ev, Some(&order))
            .unwrap();
    let register = queries::register(f.store.connection()).unwrap();
    assert_eq!(register.len(), 1);
    let line = &register[0];
    assert_eq!(
        (line.number, line.copies, line.marking),
        (1, 2, Marking::Konfidentiell)
    );
    assert_eq!(line.document, r.title);
    assert_eq!(line.copy_sha256.len(), 2);
    for (i, sha) in line.copy_sha256.iter().enumerate() {
        let file =
            krisledning::reports::files::checked(f.store.path(), sha, "pdf", &r.title).unwrap();
        let text = common::pdftotext(&file);
        let mark = format!("KONFIDENTIELL · REG.NR 1 · EX {} (2)", i + 1);
        assert!(
            text.matches(&mark).count() >= 2 * r.pages as usize,
            "{mark} in\n{text}"
        );
    }

    // Each copy's file through the API, as the window opens it.
    let path = api::call(
        &mut f.store,
        Request::CopyFile {
            issue_id: line.id.clone(),
            copy: 2,
        },
    )
    .unwrap();
    let bytes = std::fs::read(path.as_str().unwrap()).unwrap();
    assert_eq!(
        krisledning::reports::files::sha256_hex(&bytes),
        line.copy_sha256[1]
    );
    for missing in [0, 3] {
        let e = api::call(
            &mut f.store,
            Request::CopyFile {
                issue_id: line.id.clone(),
                copy: missing,
            },
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::NotFound);
    }

    let sel = LogSelection {
        event_id: ev.clone(),
        record_type: RecordType::Decision,
        from: None,
        to: None,
    };
    let e = log_print::print_to_folder(&mut f.store, &common::tib(), &sel, LogFormat::Pdf, None)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    let printed = log_print::print_to_folder(
        &mut f.store,
        &common::tib(),
        &sel,
        LogFormat::Csv,
        Some(&order),
    )
    .unwrap();
    assert_eq!((printed.copies.len(), printed.register), (2, Some(2)));
    let first = std::fs::read_to_string(&printed.copies[1]).unwrap();
    assert!(
        first.starts_with("\"KONFIDENTIELL · REG.NR 2 · EX 2 (2)\""),
        "{first}"
    );
    assert_eq!(queries::register(f.store.connection()).unwrap().len(), 2);
}
