//! The record's evidence as an auditor would try it: rows forged into the file, projections edited
//! behind the journal's back, the end of the chain lost, a closed event written to, a clock set
//! back. Each test was written against the code before issue 10 and failed there.

mod common;

use chrono::Duration;
use common::*;
use krisledning::log::{CloseEvent, NewCorrection};
use krisledning::logistics::request::{NewRequest, RequestDecision};
use krisledning::logistics::task::NewTask;
use krisledning::logistics::{RequestStatus, TaskStatus};
use krisledning::plans::ItemState;
use krisledning::store::anchor::{compare, Anchor};
use krisledning::{ErrorCode, Store};
use rusqlite::Connection;

/// A second connection to the file, as any SQLite tool would open it.
fn raw(f: &Fixture) -> Connection {
    Connection::open(&f.path).unwrap()
}

fn verify_failure(store: &Store) -> Option<i64> {
    krisledning::journal::verify(store.connection())
        .unwrap()
        .failure
        .map(|f| f.seq)
}

/// Copies a real entry's columns into a row with another seq, as a forger would.
fn forge(c: &Connection, from_seq: i64, seq: i64, verb: &str) -> rusqlite::Result<usize> {
    c.execute(
        &format!(
            "{verb} INTO journal (seq, id, device_id, workspace, recorded_at, occurred_at, author,
                role, event_id, kind, body, prev_hash, hash)
             SELECT ?2, id || 'x', device_id, workspace, recorded_at, occurred_at, author, role,
                event_id, kind, body, prev_hash, hash || 'x' FROM journal WHERE seq = ?1"
        ),
        [from_seq, seq],
    )
}

#[test]
fn a_row_slipped_in_below_seq_one_is_refused_by_the_file_and_seen_by_verify() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    f.store
        .decide(&tib(), &decision(&ev, "Reservkraft"))
        .unwrap();
    let c = raw(&f);
    let refused = forge(&c, 2, 0, "INSERT").unwrap_err();
    assert!(
        refused.to_string().contains("extend its device chain"),
        "{refused}"
    );
    // A forger who drops the trigger and ignores the table's CHECK: verify still accounts for
    // every row.
    c.execute_batch("DROP TRIGGER journal_extends_chain; PRAGMA ignore_check_constraints = ON;")
        .unwrap();
    forge(&c, 2, -5, "INSERT").unwrap();
    assert_eq!(verify_failure(&f.store), Some(-5));
}

#[test]
fn insert_or_replace_cannot_swap_an_entry() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    f.store.decide(&tib(), &decision(&ev, "Ett")).unwrap();
    f.store.decide(&tib(), &decision(&ev, "Två")).unwrap();
    let c = raw(&f);
    // REPLACE deletes the old row without firing the delete trigger; the insert trigger stops it.
    let err = forge(&c, 3, 2, "INSERT OR REPLACE").unwrap_err();
    assert!(err.to_string().contains("extend its device chain"), "{err}");
    assert_eq!(verify_failure(&f.store), None);
}

#[test]
fn an_edited_projection_is_named_by_deep_verify_and_mended_by_replay() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let d = f
        .store
        .decide(&tib(), &decision(&ev, "Reservkraft"))
        .unwrap();
    let clean = f.store.deep_verify(&mut |_, _| {}).unwrap();
    assert_eq!((clean.differences.len(), clean.entries), (0, 2));
    raw(&f)
        .execute(
            "UPDATE records SET text = 'Inga elverk' WHERE id = ?1",
            [&d.id],
        )
        .unwrap();
    // The chain is intact: only a deep verify sees what people read.
    assert_eq!(verify_failure(&f.store), None);
    let report = f.store.deep_verify(&mut |_, _| {}).unwrap();
    let tables: Vec<&str> = report
        .differences
        .iter()
        .map(|d| d.table.as_str())
        .collect();
    assert_eq!(tables, ["records", "records"], "{:?}", report.differences);
    assert!(report.differences[0].row.contains(&d.id[..8]));
    let err = krisledning::store::deep::as_error(&report).unwrap();
    assert_eq!(err.code, ErrorCode::ProjectionMismatch);
    f.store.replay().unwrap();
    assert_eq!(f.store.get_record(&d.id).unwrap().text, d.text);
    assert!(f
        .store
        .deep_verify(&mut |_, _| {})
        .unwrap()
        .differences
        .is_empty());
}

/// An audit rebuilt an index so that it leaves rows out and put the schema text back: the guard
/// no longer saw an event's closing (a decision went in after it), and a decision vanished from
/// the event's list, while the tables themselves stayed whole. SQLite's integrity check, run
/// beside the rebuild, names it.
#[test]
fn an_index_rebuilt_to_hide_rows_is_found_by_deep_verify() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let d = f
        .store
        .decide(&tib(), &decision(&ev, "Reservkraft"))
        .unwrap();
    assert!(f
        .store
        .deep_verify(&mut |_, _| {})
        .unwrap()
        .differences
        .is_empty());
    let c = raw(&f);
    c.execute_batch(&format!(
        "DROP INDEX records_event_time;
         CREATE INDEX records_event_time ON records(event_id, occurred_at, record_type)
             WHERE id <> '{}';
         PRAGMA writable_schema = ON;
         UPDATE sqlite_schema
            SET sql = 'CREATE INDEX records_event_time ON records(event_id, occurred_at, record_type)'
          WHERE name = 'records_event_time';
         PRAGMA writable_schema = OFF;",
        d.id
    ))
    .unwrap();
    drop(c);
    let store = Store::open(&f.path).unwrap();
    let report = store.deep_verify(&mut |_, _| {}).unwrap();
    assert!(
        report.differences.iter().any(|d| d.problem == "integrity"),
        "{:?}",
        report.differences
    );
    assert!(krisledning::store::deep::as_error(&report).is_some());
}

/// Deep verify first reads both sides in rowid order and only sorts them when that finds a
/// difference. Rows stored in another order (a file rebuilt by an older version, say) are not a
/// difference: the exact comparison clears them.
#[test]
fn rows_in_another_physical_order_are_not_a_difference() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    for t in ["Reservkraft", "Diesel", "Kommunikation"] {
        f.store.decide(&tib(), &decision(&ev, t)).unwrap();
    }
    raw(&f)
        .execute_batch(
            "CREATE TEMP TABLE kept AS SELECT * FROM records;
             DELETE FROM records;
             INSERT INTO records SELECT * FROM kept ORDER BY seq DESC;",
        )
        .unwrap();
    let report = f.store.deep_verify(&mut |_, _| {}).unwrap();
    assert_eq!(report.differences, vec![]);
}

#[test]
fn reopening_a_closed_event_in_the_projection_does_not_let_a_decision_in() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    close(&mut f.store, &ev).unwrap();
    raw(&f)
        .execute("UPDATE events SET status = 'open' WHERE id = ?1", [&ev])
        .unwrap();
    let err = f
        .store
        .decide(&tib(), &decision(&ev, "Efter stängning"))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict, "{}", err.message);
}

#[test]
fn replay_refuses_an_entry_chained_in_after_the_event_closed() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    close(&mut f.store, &ev).unwrap();
    // A properly chained decision written straight into the file after the closing entry.
    let (seq, prev) = head(&f.store);
    let body = r#"{"basis":"b","decided_by":{"name":"X","role":"Y"},"kind":"ovrigt","text":"t","title":"Efteråt"}"#;
    let env = krisledning::journal::Envelope {
        seq: seq + 1,
        id: "01900000-0000-7000-8000-000000000001",
        device_id: f.store.device_id(),
        workspace: "real",
        recorded_at: "2026-11-24T03:00:00.000000Z",
        occurred_at: "2026-11-24T03:00:00.000000Z",
        author: "X",
        role: "Y",
        event_id: Some(&ev),
        kind: "decision.made",
        body,
        prev_hash: &prev,
    };
    raw(&f)
        .execute(
            "INSERT INTO journal VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            rusqlite::params![
                env.seq,
                env.seq,
                env.id,
                env.device_id,
                env.workspace,
                env.recorded_at,
                env.occurred_at,
                env.author,
                env.role,
                env.event_id,
                env.kind,
                env.body,
                env.prev_hash,
                env.hash()
            ],
        )
        .unwrap();
    assert_eq!(verify_failure(&f.store), None, "the chain itself holds");
    let before = dump_projections(&f.store);
    let err = f.store.replay().unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict, "{}", err.message);
    assert_eq!(dump_projections(&f.store), before, "replay changed nothing");
    assert!(f.store.deep_verify(&mut |_, _| {}).is_err());
}

fn close(store: &mut Store, ev: &str) -> krisledning::Result<krisledning::log::Event> {
    store.close_event(
        &tib(),
        &CloseEvent {
            event_id: ev.into(),
            decision_text: "Återgång till normal drift".into(),
            ..Default::default()
        },
    )
}

#[test]
fn a_closed_event_takes_no_correction_tick_deactivation_task_or_request_change() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let d = f
        .store
        .decide(&tib(), &decision(&ev, "Reservkraft"))
        .unwrap();
    let a = f.store.activate_plan(&tib(), "elavbrott", &ev).unwrap();
    let item = a.cards[0].items[0].id.clone();
    let task = f
        .store
        .add_task(
            &tib(),
            &NewTask {
                event_id: ev.clone(),
                title: "Ställ ut elverk".into(),
                owner: "Logistik".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let req = |what: &str| NewRequest {
        event_id: ev.clone(),
        what: what.into(),
        kind: "Reservkraft".into(),
        quantity: 2.0,
        unit: "st".into(),
        needed_by: None,
        priority: krisledning::logistics::Priority::Hog,
        justification: "Vårdcentral".into(),
        requester: tib(),
    };
    let open_req = f.store.make_request(&tib(), &req("Elverk")).unwrap();
    let approved = f.store.make_request(&tib(), &req("Bränsle")).unwrap();
    let decision = |id: &str| RequestDecision {
        request_id: id.into(),
        outcome: RequestStatus::Godkand,
        approved_quantity: None,
        reason: None,
    };
    f.store
        .decide_request(&tib(), &decision(&approved.id))
        .unwrap();
    close(&mut f.store, &ev).unwrap();
    let entries = head(&f.store).0;
    let refused = [
        f.store
            .correct(
                &tib(),
                &NewCorrection {
                    target_id: d.id.clone(),
                    text: "Ändrat".into(),
                    reason: "Efteråt".into(),
                },
            )
            .map(|_| ()),
        f.store
            .check_item(&tib(), &a.id, &item, ItemState::Done, None, None)
            .map(|_| ()),
        f.store.deactivate_plan(&tib(), &a.id, "Klart").map(|_| ()),
        f.store
            .set_task_status(&tib(), &task.id, TaskStatus::Klar, None)
            .map(|_| ()),
        f.store
            .decide_request(&tib(), &decision(&open_req.id))
            .map(|_| ()),
        f.store
            .assign_request(&tib(), &approved.id, &task.id)
            .map(|_| ()),
    ];
    for (i, r) in refused.into_iter().enumerate() {
        let err = r.expect_err(&format!("write {i} to a closed event was accepted"));
        assert_eq!(err.code, ErrorCode::Conflict, "{i}: {}", err.message);
    }
    assert_eq!(head(&f.store).0, entries, "nothing was written");
}

#[test]
fn losing_the_end_of_the_chain_is_seen_against_the_head_seen_before() {
    let anchors = tempfile::tempdir().unwrap();
    // Anchors live outside the database; this test uses its own place for them.
    std::env::set_var("KRIS_ANCHOR_DIR", anchors.path());
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    for i in 0..4 {
        f.store
            .decide(&tib(), &decision(&ev, &format!("Beslut {i}")))
            .unwrap();
    }
    let seen = Anchor {
        seq: 5,
        hash: head(&f.store).1,
    };
    drop(f.store);
    let c = Connection::open(&f.path).unwrap();
    c.execute_batch(
        "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq > 3;
         DELETE FROM records WHERE seq > 3; DELETE FROM records_fts;",
    )
    .unwrap();
    drop(c);
    let store = Store::open(&f.path).unwrap();
    // On its own the shortened chain verifies…
    assert_eq!(verify_failure(&store), None);
    // …but not against the head this computer saw, nor against one written on paper.
    let warning = store.anchor_warning().expect("a shorter chain is noticed");
    assert_eq!(warning.code, ErrorCode::AnchorMismatch);
    assert!(warning.message.contains("KORTARE"), "{}", warning.message);
    assert!(store.status().unwrap().anchor_warning.is_some());
    let on_paper = compare(&store, &seen).unwrap().unwrap();
    assert!(on_paper.message.contains("post 5"), "{}", on_paper.message);
    assert!(compare(
        &store,
        &Anchor::parse(&format!("3:{}", head(&store).1)).unwrap()
    )
    .unwrap()
    .is_none());
    // The warning stays until someone looks: the remembered head is not moved back.
    drop(store);
    assert!(Store::open(&f.path).unwrap().anchor_warning().is_some());
    std::env::remove_var("KRIS_ANCHOR_DIR");
}

#[test]
fn a_rewritten_and_rehashed_chain_differs_from_a_printed_head() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    f.store
        .decide(&tib(), &decision(&ev, "Reservkraft"))
        .unwrap();
    let printed = Anchor {
        seq: 2,
        hash: head(&f.store).1,
    };
    // Rewrite entry 2 and rehash it: the chain is whole again, with another head.
    let c = raw(&f);
    c.execute_batch("DROP TRIGGER journal_no_update").unwrap();
    let e = entry(&f.store, 2);
    let mut b = e.body.clone();
    b["text"] = "Inga elverk".into();
    let (body, hash) = forged_hash(&e, &b);
    c.execute(
        "UPDATE journal SET body = ?1, hash = ?2 WHERE seq = 2",
        [&body, &hash],
    )
    .unwrap();
    assert_eq!(verify_failure(&f.store), None);
    let err = compare(&f.store, &printed).unwrap().unwrap();
    assert!(err.message.contains("SKILJER SIG"), "{}", err.message);
}

#[test]
fn reading_never_changes_the_file() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    f.store
        .decide(&tib(), &decision(&ev, "Reservkraft"))
        .unwrap();
    drop(f.store);
    let before = std::fs::read(&f.path).unwrap();
    let kris = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kris"))
            .arg("--db")
            .arg(&f.path)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(kris(&["verify", "--deep"]).starts_with("OK 2 "));
    kris(&["list"]);
    kris(&["status"]);
    kris(&["export", "--format", "csv"]);
    assert_eq!(std::fs::read(&f.path).unwrap(), before, "bytes unchanged");
    // A file from a newer version is still verified, read-only.
    let c = Connection::open(&f.path).unwrap();
    c.pragma_update(None, "user_version", 999).unwrap();
    drop(c);
    assert!(kris(&["verify"]).starts_with("OK 2 "));
    let err = Store::open(&f.path).err().unwrap();
    assert_eq!(err.code, ErrorCode::SchemaTooNew);
}

#[test]
fn kris_verify_expect_checks_a_printed_head() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let (seq, hash) = head(&f.store);
    f.store
        .decide(&tib(), &decision(&ev, "Reservkraft"))
        .unwrap();
    drop(f.store);
    let run = |expect: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kris"))
            .arg("--db")
            .arg(&f.path)
            .args(["verify", "--expect", expect])
            .output()
            .unwrap()
    };
    assert!(run(&format!("{seq}:{hash}")).status.success());
    let wrong = run(&format!("{seq}:{}", "ab".repeat(32)));
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("SKILJER SIG"));
    let beyond = run(&format!("9:{hash}"));
    assert!(String::from_utf8_lossy(&beyond.stderr).contains("KORTARE"));
}

#[test]
fn a_clock_set_back_stops_writing_instead_of_backdating() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    f.clock.advance(-Duration::hours(1));
    let err = f.store.decide(&tib(), &decision(&ev, "Bakåt")).unwrap_err();
    assert_eq!(err.code, ErrorCode::ClockBehind, "{}", err.message);
    assert!(err.params.contains_key("last"));
    // Within the tolerance (a clock corrected by a minute) writing goes on.
    f.clock.advance(Duration::minutes(70));
    f.store.decide(&tib(), &decision(&ev, "I tid")).unwrap();
    f.clock.advance(-Duration::minutes(1));
    f.store.decide(&tib(), &decision(&ev, "Nästan")).unwrap();
}

#[test]
fn an_entry_cannot_predate_its_event_or_the_year_2000() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let mut d = decision(&ev, "Före start");
    d.occurred_at = Some(krisledning::time::format(&(t0() - Duration::hours(1))));
    d.late_reason = Some("Efterhand".into());
    let err = f.store.decide(&tib(), &d).unwrap_err();
    assert!(
        err.message.contains("före händelsens start"),
        "{}",
        err.message
    );
    let old = krisledning::log::OpenEvent {
        title: "Forntid".into(),
        occurred_at: Some("0001-01-01T00:00:00Z".into()),
        late_reason: Some("?".into()),
        ..Default::default()
    };
    let err = f.store.open_event(&tib(), &old).unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert!(err.message.contains("2000"), "{}", err.message);
}

#[test]
fn the_whole_log_lists_and_exports_beyond_sqlites_variable_limit() {
    let mut f = fixture();
    bulk(&mut f.store, 33_000);
    let all = f
        .store
        .list_records(&krisledning::log::RecordFilter::default())
        .unwrap();
    assert_eq!(all.len(), 32_999);
    let mut out = Vec::new();
    let n = f
        .store
        .export(krisledning::export::ExportFormat::Csv, None, &mut out)
        .unwrap();
    assert_eq!(n, 32_999);
}

#[test]
fn deep_verify_reads_a_store_in_a_folder_with_swedish_letters_and_uri_characters() {
    let dir = tempfile::tempdir().unwrap();
    // SQLite takes these paths as URIs: å, ä, ö, space, #, ? and % must reach the file unchanged.
    let folder = dir.path().join("Övning Målilla #2 ?50% klar");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("händelse.db");
    let mut store = Store::init(&path, "Region Kalmar län", krisledning::Workspace::Real).unwrap();
    let ev = open_event(&mut store, "Översvämning i Ålem");
    store
        .decide(&tib(), &decision(&ev, "Öppna trygghetspunkt"))
        .unwrap();
    let report = store.deep_verify(&mut |_, _| {}).unwrap();
    assert!(report.differences.is_empty(), "{report:?}");
    assert_eq!(
        krisledning::store::deep::integrity_problems(&path).unwrap(),
        Vec::<String>::new()
    );
}
