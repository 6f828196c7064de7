//! Schema: each slice's numbered steps, checked by checksum, refused when newer or altered; files of
//! the first releases adopted in place; two processes creating one file at once.

mod common;

use common::*;
use krisledning::store::schema::{checksum, domains, FORMAT_VERSION};
use krisledning::{ErrorCode, Store, Workspace};
use rusqlite::Connection;

fn stored_steps(c: &Connection) -> Vec<(String, i64, String)> {
    c.prepare("SELECT domain, step, sha256 FROM schema_migrations ORDER BY domain, step")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn expected_steps() -> Vec<(String, i64, String)> {
    let mut all: Vec<(String, i64, String)> = domains(&krisledning::slices::ALL)
        .into_iter()
        .flat_map(|(d, steps)| {
            steps
                .iter()
                .enumerate()
                .map(move |(i, m)| (d.to_string(), i as i64 + 1, checksum(m.sql)))
        })
        .collect();
    all.sort();
    all
}

/// Every object the schema defines, whitespace-normalised: two files with the same list have the
/// same tables, indexes, triggers and virtual tables.
fn schema_of(c: &Connection) -> Vec<String> {
    c.prepare(
        "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'schema_migrations%' ORDER BY name",
    )
    .unwrap()
    .query_map([], |r| r.get::<_, String>(0))
    .unwrap()
    .map(|s| s.unwrap().split_whitespace().collect::<Vec<_>>().join(" "))
    .collect()
}

#[test]
fn every_slice_step_is_applied_once_with_its_checksum() {
    let f = fixture();
    let c = f.store.connection();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, FORMAT_VERSION);
    assert_eq!(stored_steps(c), expected_steps());
    let names: Vec<&str> = domains(&krisledning::slices::ALL)
        .iter()
        .map(|(d, _)| *d)
        .collect();
    assert_eq!(
        names,
        [
            "journal",
            "log",
            "plans",
            "readiness",
            "staff",
            "logistics",
            "timeline",
            "situation",
            "reports",
            "efter",
            "exercise",
            "marking",
            "sync",
            "risk",
            "continuity",
            "followup",
            "war"
        ]
    );
}

#[test]
fn a_database_from_a_newer_format_is_refused_and_left_as_it_was() {
    let f = fixture();
    f.store
        .connection()
        .pragma_update(None, "user_version", FORMAT_VERSION + 1)
        .unwrap();
    drop(f.store);
    let before = std::fs::read(&f.path).unwrap();
    let err = Store::open(&f.path).err().unwrap();
    assert_eq!(err.code, ErrorCode::SchemaTooNew);
    assert!(
        err.message.contains("Uppdatera Krisledning"),
        "{}",
        err.message
    );
    assert_eq!(std::fs::read(&f.path).unwrap(), before);
}

#[test]
fn a_slice_this_version_does_not_know_is_refused_as_newer() {
    let f = fixture();
    f.store
        .connection()
        .execute(
            "INSERT INTO schema_migrations VALUES ('övning', 1, 'x', 'y', 'z')",
            [],
        )
        .unwrap();
    drop(f.store);
    let err = Store::open(&f.path).err().unwrap();
    assert_eq!(err.code, ErrorCode::SchemaTooNew);
    assert!(err.message.contains("övning"), "{}", err.message);
}

#[test]
fn a_database_whose_applied_step_text_changed_is_refused() {
    let f = fixture();
    drop(f.store);
    let conn = Connection::open(&f.path).unwrap();
    conn.execute(
        "UPDATE schema_migrations SET sha256 = ?1 WHERE domain = 'logistics' AND step = 1",
        [checksum("CREATE TABLE x(y);")],
    )
    .unwrap();
    drop(conn);
    let err = Store::open(&f.path).err().unwrap();
    assert_eq!(err.code, ErrorCode::SchemaTampered);
    assert!(err.message.contains("logistics 1"), "{}", err.message);
    assert_eq!(err.params["domain"], "logistics");
}

/// Pragmas are per connection and most equal SQLite's build defaults, so what is checked here is
/// what would differ if `configure` were skipped: WAL in the file header (a new file starts in
/// rollback mode), the WAL size limit and page cache, and foreign keys enforced.
#[test]
fn the_store_configures_its_connection_beyond_the_defaults() {
    let f = fixture();
    let header = std::fs::read(&f.path).unwrap();
    assert_eq!((header[18], header[19]), (2, 2), "WAL in the file header");
    let pragmas = |c: &Connection| -> (i64, i64, i64, i64) {
        let get = |p: &str| {
            c.query_row(&format!("PRAGMA {p}"), [], |r| r.get(0))
                .unwrap()
        };
        (
            get("journal_size_limit"),
            get("cache_size"),
            get("synchronous"),
            get("foreign_keys"),
        )
    };
    let ours = pragmas(f.store.connection());
    assert_eq!(ours, (16 << 20, -2048, 2, 1));
    // A plain connection to the same file shows this build's defaults: the two sizes differ from
    // them, so the test fails if the store stops setting them. `synchronous` (FULL) and
    // `foreign_keys` (on) are this bundled SQLite's defaults as well; the store sets them anyway,
    // and they are asserted so that a change of those defaults is noticed here.
    let plain = pragmas(&Connection::open(&f.path).unwrap());
    assert_ne!(plain.0, ours.0, "journal_size_limit");
    assert_ne!(plain.1, ours.1, "cache_size");
    let dangling = f.store.connection().execute(
        "INSERT INTO roster (event_id, staff_id, role, seq) VALUES ('ingen', 'ingen', 'TiB', 999)",
        [],
    );
    assert!(dangling.is_err(), "foreign keys are enforced");
    let app_id: i32 = f
        .store
        .connection()
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
    let again = Store::init(&f.path, "Annan org", Workspace::Real).unwrap();
    let s2 = again.status().unwrap();
    assert_eq!(
        (s2.device_id, s2.organisation, s2.entries),
        (status.device_id, status.organisation, 1)
    );
}

#[test]
fn init_as_an_exercise_over_a_real_store_is_refused() {
    let mut f = fixture();
    open_event(&mut f.store, "Skarp");
    drop(f.store);
    let err = Store::init(&f.path, "Övning", Workspace::Exercise)
        .err()
        .unwrap();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("skarp"), "{}", err.message);
    let store = Store::open(&f.path).unwrap();
    assert_eq!(store.workspace(), "real");
}

/// A file written by Krisledning 0.1 (user_version 7, made with that release's `kris` and kept
/// in `tests/fixtures/legacy/v7.db`): adopted in place with every entry and projection, and its
/// schema equal to a new file's.
#[test]
fn a_file_from_the_first_release_is_adopted_with_nothing_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v7.db");
    std::fs::copy("tests/fixtures/legacy/v7.db", &path).unwrap();
    let old = Connection::open(&path).unwrap();
    let old_columns = columns(&old);
    let before = dump_tables(&old, &old_columns);
    drop(old);
    let store = Store::open(&path).unwrap();
    let v = krisledning::journal::verify(store.connection()).unwrap();
    assert_eq!((v.failure, v.entries), (None, 16));
    assert_eq!(
        v.head_hash,
        "5cd8089c812b8b1cac5d4331cdeae484247215684d4d5db12631df7498b694da"
    );
    // Every row and column the old file had is unchanged; later steps only add (the event
    // counts, backfilled here and checked against a rebuild by the deep verify below).
    assert_eq!(
        dump_tables(store.connection(), &old_columns),
        before,
        "no row changed"
    );
    assert_eq!(stored_steps(store.connection()), expected_steps());
    let fresh = fixture();
    assert_eq!(
        schema_of(store.connection()),
        schema_of(fresh.store.connection())
    );
    // The projections equal a rebuild from the journal under today's code.
    let report = store.deep_verify(&mut |_, _| {}).unwrap();
    assert_eq!(report.differences, vec![]);
    assert!(store.search("wamo", None).unwrap().len() == 1);
}

/// Each table of a file and its columns, as the file has them.
fn columns(c: &Connection) -> std::collections::BTreeMap<String, Vec<String>> {
    let tables: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE 'schema_migrations%' AND name NOT LIKE 'records_fts%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let cols = c
                .prepare("SELECT name FROM pragma_table_info(?1)")
                .unwrap()
                .query_map([&t], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (t, cols)
        })
        .collect()
}

fn dump_tables(
    c: &Connection,
    tables: &std::collections::BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (t, cols) in tables {
        let list = cols
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = c.prepare(&format!("SELECT {list} FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(|r| format!("{t}: {}", r.unwrap()))
            .collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

/// Two processes creating the same new file at once: the schema is checked and applied under one
/// write lock, so both succeed and the file has each step once (before, the loser got raw SQL
/// errors such as "table journal already exists").
#[test]
fn two_processes_initialising_one_file_at_once_both_succeed() {
    for round in 0..6 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(format!("race{round}.db"));
        let children: Vec<_> = (0..2)
            .map(|_| {
                std::process::Command::new(env!("CARGO_BIN_EXE_kris"))
                    .arg("--db")
                    .arg(&db)
                    .args(["init", "--org", "Kapplöpning"])
                    .output_async()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let store = Store::open(&db).unwrap();
        assert_eq!(stored_steps(store.connection()), expected_steps());
    }
}

trait SpawnAsync {
    fn output_async(&mut self) -> std::process::Child;
}

impl SpawnAsync for std::process::Command {
    fn output_async(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }
}
