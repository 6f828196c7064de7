//! Two real processes writing one file at once. The children are this test binary itself (the
//! `child_*` tests do nothing unless told to by environment), so nothing test-only ships.

mod common;

use std::process::{Command, Stdio};

use common::*;
use krisledning::logistics::resource::{NewResource, ResourceChange};
use krisledning::Store;

const CHILD_DB: &str = "KRIS_CONCURRENCY_DB";
const CHILD_RESOURCE: &str = "KRIS_CONCURRENCY_RESOURCE";
const CHILD_FIELD: &str = "KRIS_CONCURRENCY_FIELD";
const ROUNDS: usize = 100;

/// One writer: changes only its own field of the resource, `ROUNDS` times.
#[test]
fn child_changes_one_field() {
    let (Ok(db), Ok(id), Ok(field)) = (
        std::env::var(CHILD_DB),
        std::env::var(CHILD_RESOURCE),
        std::env::var(CHILD_FIELD),
    ) else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&db)).unwrap();
    let actor = krisledning::domain::Actor::new(format!("Skrivare {field}"), "Logistik");
    for i in 1..=ROUNDS {
        let mut change = ResourceChange {
            resource_id: id.clone(),
            ..Default::default()
        };
        if field == "quantity" {
            change.quantity = Some(i as f64);
        } else {
            change.location = Some(format!("Plats {i}"));
        }
        store.change_resource(&actor, &change).unwrap();
        // Paced like people at two keyboards, so the writers interleave instead of one holding
        // the lock for its whole burst.
        std::thread::sleep(std::time::Duration::from_micros(
            300 + (i as u64 * 7919) % 900,
        ));
    }
}

/// Each change is computed from the resource as the write lock sees it, so neither writer undoes
/// the other: every point in the history differs from the one before in the writer's own field
/// only. Before, the state was read outside the lock and whole states were journaled: a location
/// change carried a stale quantity and silently reverted the other writer's change.
#[test]
fn two_processes_changing_different_fields_lose_nothing() {
    let mut f = fixture();
    let r = f
        .store
        .add_resource(
            &tib(),
            &NewResource {
                kind: "Reservkraft".into(),
                name: "Elverk 1".into(),
                quantity: 0.0,
                unit: "st".into(),
                location: "Förråd".into(),
                owner: "Regionen".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let children: Vec<_> = ["quantity", "location"]
        .into_iter()
        .map(|field| {
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "child_changes_one_field", "--test-threads=1"])
                .env(CHILD_DB, &f.path)
                .env(CHILD_RESOURCE, &r.id)
                .env(CHILD_FIELD, field)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success(), "a writer failed");
    }
    let history = f.store.resource_history(&r.id).unwrap();
    assert_eq!(history.len(), 1 + 2 * ROUNDS);
    for pair in history.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let changed = usize::from(a.quantity != b.quantity) + usize::from(a.location != b.location);
        assert_eq!(
            changed, 1,
            "{} undid another writer's change: {a:?} → {b:?}",
            b.author
        );
    }
    let now = f.store.resource(&r.id).unwrap();
    assert_eq!(
        (now.quantity, now.location.as_str()),
        (ROUNDS as f64, format!("Plats {ROUNDS}").as_str())
    );
}

/// A writer that cannot get the lock in time says so with its own code and writes nothing.
#[test]
fn a_busy_store_is_reported_as_busy_and_nothing_is_half_written() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let before = head(&f.store);
    let holder = rusqlite::Connection::open(&f.path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kris"))
        .arg("--db")
        .arg(&f.path)
        .args([
            "log", "--event", &ev, "--text", "Väntar", "--by", "Anna", "--role", "TiB",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("upptagen"), "{stderr}");
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(head(&f.store), before);
    let err = {
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        let e = f
            .store
            .log_diary(&tib(), &diary(&ev, "Väntar"))
            .unwrap_err();
        holder.execute_batch("ROLLBACK").unwrap();
        e
    };
    assert_eq!(err.code, krisledning::ErrorCode::Busy);
    f.store.log_diary(&tib(), &diary(&ev, "Nu")).unwrap();
}
