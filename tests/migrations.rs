//! Schema migrations: numbered, guarded by user_version, and refused when newer or altered.

mod common;

use common::*;
use krisledning::store::migrations::{checksum, latest_version, MIGRATIONS};
use krisledning::{ErrorCode, Store};
use rusqlite::Connection;

#[test]
fn migrations_are_numbered_from_one_without_gaps() {
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert_eq!(m.version, i as i64 + 1, "migration {} out of order", m.name);
    }
    let f = fixture();
    let v: i64 = f
        .store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, latest_version());
    let stored: Vec<(i64, String)> = f
        .store
        .connection()
        .prepare("SELECT version, sha256 FROM schema_migrations ORDER BY version")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let expected: Vec<(i64, String)> = MIGRATIONS
        .iter()
        .map(|m| (m.version, checksum(m.sql)))
        .collect();
    assert_eq!(stored, expected);
}

#[test]
fn a_database_from_a_newer_schema_is_refused() {
    let f = fixture();
    let before = std::fs::read(&f.path).unwrap().len();
    f.store
        .connection()
        .pragma_update(None, "user_version", latest_version() + 1)
        .unwrap();
    drop(f.store);
    let err = Store::open(&f.path).err().unwrap();
    assert_eq!(err.code, ErrorCode::SchemaTooNew);
    assert!(
        err.message.contains("Uppdatera Krisledning"),
        "{}",
        err.message
    );
    assert!(std::fs::read(&f.path).unwrap().len() >= before);
}

#[test]
fn a_database_whose_applied_migration_text_changed_is_refused() {
    let f = fixture();
    drop(f.store);
    let conn = Connection::open(&f.path).unwrap();
    conn.execute(
        "UPDATE schema_migrations SET sha256 = ?1 WHERE version = 1",
        [checksum("CREATE TABLE x(y);")],
    )
    .unwrap();
    drop(conn);
    let err = Store::open(&f.path).err().unwrap();
    assert_eq!(err.code, ErrorCode::SchemaTampered);
    assert!(
        err.message.contains("Migration 1 (journal)"),
        "{}",
        err.message
    );
}

#[test]
fn the_store_runs_in_wal_with_full_sync_and_foreign_keys() {
    let f = fixture();
    let c = f.store.connection();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    let fk: i64 = c
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
    let app_id: i32 = c
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, krisledning::store::APPLICATION_ID);
}

#[test]
fn init_twice_keeps_identity_and_data() {
    let mut f = fixture();
    open_event(&mut f.store, "Finns kvar");
    let status = f.store.status().unwrap();
    drop(f.store);
    let again = Store::init(&f.path, "Annan org", krisledning::Workspace::Real).unwrap();
    let s2 = again.status().unwrap();
    assert_eq!(
        (s2.device_id, s2.organisation, s2.entries),
        (status.device_id, status.organisation, 1)
    );
}

#[test]
fn upgrading_a_version_3_file_rebuilds_search_over_existing_records() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let d = f
        .store
        .decide(&tib(), &decision(&ev, "Reservkraft till Wämö"))
        .unwrap();
    f.store
        .correct(
            &tib(),
            &krisledning::domain::NewCorrection {
                target_id: d.id.clone(),
                text: "Två elverk till Wämö".into(),
                reason: "Antal".into(),
            },
        )
        .unwrap();
    drop(f.store);
    // Put the file back as version 3 left it: the old search table, migration 4 not applied.
    let c = Connection::open(&f.path).unwrap();
    c.execute_batch(
        "DROP TABLE records_fts;
         CREATE VIRTUAL TABLE records_fts USING fts5(record_id UNINDEXED, content, tokenize = 'unicode61 remove_diacritics 2');
         DELETE FROM schema_migrations WHERE version >= 4;
         DROP INDEX records_supersedes; DROP INDEX records_superseded_by; DROP INDEX tasks_event; DROP INDEX tasks_decision;
         DROP INDEX requests_event; DROP INDEX resources_event; DROP INDEX roster_staff;
         DROP INDEX records_follow_up; DROP INDEX records_event_time;
         CREATE INDEX records_event_time ON records(event_id, occurred_at);
         PRAGMA user_version = 3;",
    )
    .unwrap();
    drop(c);
    let store = Store::open(&f.path).unwrap();
    let v: i64 = store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, krisledning::store::migrations::latest_version());
    let hits = |q: &str| {
        store
            .search(q, None)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(hits("wamo"), vec![d.id.clone()]);
    assert_eq!(
        hits("elverk"),
        vec![d.id.clone()],
        "corrections are indexed too"
    );
    assert_eq!(
        krisledning::journal::verify(store.connection())
            .unwrap()
            .failure,
        None
    );
}
