//! The journal on real SQLite files: chain, tamper evidence, append-only enforcement, replay.

mod common;

use common::*;
use krisledning::journal::{verify, Envelope};
use krisledning::log::NewCorrection;
use proptest::prelude::*;
use rusqlite::Connection;

#[test]
fn appended_entries_verify_and_head_is_last_hash() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "IT-avbrott Blekingesjukhuset");
    f.store
        .decide(&tib(), &decision(&ev, "Stab sammankallas"))
        .unwrap();
    f.store
        .log_diary(&tib(), &diary(&ev, "Samtal från akuten"))
        .unwrap();
    let report = verify(f.store.connection()).unwrap();
    assert_eq!(report.failure, None);
    assert_eq!(report.entries, 3);
    assert_eq!(head(&f.store), (3, report.head_hash.clone()));
    let last: String = f
        .store
        .connection()
        .query_row("SELECT hash FROM journal WHERE seq = 3", [], |r| r.get(0))
        .unwrap();
    assert_eq!(last, report.head_hash);
}

#[test]
fn chain_links_each_entry_to_the_one_before() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    f.store.log_diary(&tib(), &diary(&ev, "Första")).unwrap();
    let conn = f.store.connection();
    let rows: Vec<(String, String)> = conn
        .prepare("SELECT prev_hash, hash FROM journal ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows[0].0, krisledning::journal::GENESIS_HASH);
    assert_eq!(rows[1].0, rows[0].1);
}

#[test]
fn one_changed_byte_in_a_body_is_found_at_its_seq() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Vattenavbrott Ronneby");
    for i in 0..5 {
        f.store
            .log_diary(
                &tib(),
                &diary(&ev, &format!("Anteckning {i}: tryckfall i nätet")),
            )
            .unwrap();
    }
    drop(f.store);
    // An attacker with the file: drop the guard triggers and change one byte of entry 4's body.
    let conn = Connection::open(&f.path).unwrap();
    conn.execute_batch("DROP TRIGGER journal_no_update")
        .unwrap();
    conn.execute(
        "UPDATE journal SET body = replace(body, 'Anteckning 2', 'Anteckning 3') WHERE seq = 4",
        [],
    )
    .unwrap();
    let report = verify(&conn).unwrap();
    let failure = report.failure.expect("tampering must be detected");
    assert_eq!(failure.seq, 4);
    assert_eq!(report.entries, 3, "entries before the break still verify");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kris"))
        .args(["--db", f.path.to_str().unwrap(), "verify"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("seq 4"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_deleted_entry_breaks_the_chain_at_the_gap() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Brand");
    for i in 0..3 {
        f.store
            .log_diary(&tib(), &diary(&ev, &format!("Rad {i}")))
            .unwrap();
    }
    let conn = f.store.connection();
    conn.execute_batch("DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = 2;")
        .unwrap();
    assert_eq!(verify(conn).unwrap().failure.unwrap().seq, 3);
}

#[test]
fn triggers_refuse_update_and_delete() {
    let mut f = fixture();
    open_event(&mut f.store, "Hot och våld");
    let conn = f.store.connection();
    let upd = conn
        .execute(
            "UPDATE journal SET author = 'Någon annan' WHERE seq = 1",
            [],
        )
        .unwrap_err();
    assert!(upd.to_string().contains("append-only"), "{upd}");
    let del = conn.execute("DELETE FROM journal", []).unwrap_err();
    assert!(del.to_string().contains("append-only"), "{del}");
    assert_eq!(verify(conn).unwrap().failure, None);
}

#[test]
fn replay_rebuilds_exactly_the_live_projections() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Pandemi");
    let d1 = f
        .store
        .decide(&tib(), &decision(&ev, "Besöksförbud"))
        .unwrap();
    f.store
        .log_diary(&tib(), &diary(&ev, "Smittskyddsläkaren rapporterar ökning"))
        .unwrap();
    f.store
        .correct(
            &tib(),
            &NewCorrection {
                target_id: d1.id.clone(),
                text: "Besöksförbud på alla avdelningar".into(),
                reason: "Förtydligande".into(),
            },
        )
        .unwrap();
    let mut replace = decision(&ev, "Besöksförbud utökat");
    replace.supersedes = Some(d1.id.clone());
    f.store.decide(&tib(), &replace).unwrap();
    let live = dump_projections(&f.store);
    assert!(live.len() > 6);
    assert_eq!(f.store.replay().unwrap(), 5);
    assert_eq!(dump_projections(&f.store), live);
}

#[test]
fn data_survives_reopening_the_file() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott Karlshamn");
    f.store
        .decide(&tib(), &decision(&ev, "Reservkraft"))
        .unwrap();
    let before = head(&f.store);
    drop(f.store);
    let store = krisledning::Store::open(&f.path).unwrap();
    assert_eq!(head(&store), before);
    assert_eq!(store.list_events().unwrap()[0].decisions, 1);
}

fn text_strategy() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-ZåäöÅÄÖé0-9 \"\\\\\n\t/<>&\u{1}\u{7f}\u{2028}😀-]{0,40}")
        .unwrap()
}

proptest! {
    /// The fast, spliced envelope is byte-for-byte the RFC 8785 form of the whole entry.
    #[test]
    fn envelope_is_jcs_of_the_entry(
        author in text_strategy(), role in text_strategy(), kind in text_strategy(),
        text in text_strategy(), n in proptest::num::f64::NORMAL, seq in 1i64..=krisledning::journal::MAX_SEQ, has_event in any::<bool>()
    ) {
        let body = serde_json::json!({ "text": text, "n": n, "nested": { "b": [1, 2.5, null, true], "a": text } });
        let body_text = krisledning::journal::canonical_body(&body).unwrap();
        let env = Envelope {
            seq, id: "01a20cac-ede0-7508-9164-056f019ce4a3", device_id: "dev", workspace: "real",
            recorded_at: "2026-11-24T02:40:00.000000Z", occurred_at: "2026-11-24T02:30:00.000000Z",
            author: &author, role: &role, event_id: has_event.then_some("ev"), kind: &kind,
            body: &body_text, prev_hash: krisledning::journal::GENESIS_HASH,
        };
        let generic = serde_json::json!({
            "seq": seq, "id": env.id, "device_id": env.device_id, "workspace": env.workspace,
            "recorded_at": env.recorded_at, "occurred_at": env.occurred_at, "author": author, "role": role,
            "event_id": env.event_id, "kind": kind, "body": body, "prev_hash": env.prev_hash,
        });
        prop_assert_eq!(env.canonical_json(), serde_json_canonicalizer::to_string(&generic).unwrap());
    }
}

#[test]
fn the_two_threaded_verify_finds_breaks_in_either_half_and_at_the_seam() {
    let mut f = fixture();
    bulk(&mut f.store, 60_000);
    let ok = verify(f.store.connection()).unwrap();
    assert_eq!((ok.failure, ok.entries), (None, 60_000));
    assert_eq!(ok.head_hash, head(&f.store).1);
    let conn = f.store.connection();
    conn.execute_batch("DROP TRIGGER journal_no_update")
        .unwrap();
    // One byte in the second half.
    conn.execute(
        "UPDATE journal SET body = replace(body, '\"text\":\"', '\"text\":\"X') WHERE seq = 45000",
        [],
    )
    .unwrap();
    let r = verify(conn).unwrap();
    assert_eq!(
        (r.failure.as_ref().unwrap().seq, r.entries),
        (45_000, 44_999)
    );
    // A forged link exactly where the halves meet (its row rehashed, so only the link is wrong).
    let f2 = fixture();
    let mut store = f2.store;
    bulk(&mut store, 60_000);
    let c = store.connection();
    c.execute_batch("DROP TRIGGER journal_no_update").unwrap();
    c.execute(
        "UPDATE journal SET prev_hash = ?1 WHERE seq = 30001",
        [krisledning::journal::GENESIS_HASH],
    )
    .unwrap();
    // Rehash the forged row, so its own hash holds and only the link at the seam is wrong.
    let e = entry(&store, 30_001);
    let (_, rehashed) = forged_hash(&e, &e.body);
    c.execute(
        "UPDATE journal SET hash = ?1 WHERE seq = 30001",
        [&rehashed],
    )
    .unwrap();
    let failure = verify(c).unwrap().failure.unwrap();
    assert_eq!(failure.seq, 30_001);
    assert!(failure.reason.contains("prev_hash"), "{}", failure.reason);
}
