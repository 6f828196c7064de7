#![allow(dead_code)]
//! Shared helpers: real SQLite files in temp dirs and a clock the test controls.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{Duration, TimeZone, Utc};
use krisledning::domain::Actor;
use krisledning::log::{NewDecision, NewDiaryEntry, OpenEvent};
use krisledning::time::{Clock, Ts};
use krisledning::{Store, Workspace};

pub struct TestClock(pub Mutex<Ts>);

impl TestClock {
    pub fn at(t: Ts) -> Arc<Self> {
        Arc::new(TestClock(Mutex::new(t)))
    }
    pub fn advance(&self, d: Duration) {
        *self.0.lock().unwrap() += d;
    }
}

impl Clock for TestClock {
    fn now(&self) -> Ts {
        *self.0.lock().unwrap()
    }
}

pub fn t0() -> Ts {
    Utc.with_ymd_and_hms(2026, 11, 24, 2, 40, 0).unwrap()
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub store: Store,
    pub clock: Arc<TestClock>,
}

pub fn fixture() -> Fixture {
    // Reports carry a checkpoint signed by this device: the checked-in test key, never the
    // user's own, unless the test chose a key folder of its own.
    if std::env::var_os("KRIS_DEVICE_DIR").is_none() {
        std::env::set_var(
            "KRIS_DEVICE_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/enhet"),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let clock = TestClock::at(t0());
    let store = Store::init(&path, "Region Blekinge", Workspace::Real)
        .unwrap()
        .with_clock(clock.clone());
    Fixture {
        dir,
        path,
        store,
        clock,
    }
}

pub fn tib() -> Actor {
    Actor::new("Anna Lindqvist", "TiB")
}

pub fn open_event(store: &mut Store, title: &str) -> String {
    store
        .open_event(
            &tib(),
            &OpenEvent {
                title: title.into(),
                event_type: Some("IT-avbrott".into()),
                ..Default::default()
            },
        )
        .unwrap()
        .id
}

pub fn decision(event_id: &str, title: &str) -> NewDecision {
    NewDecision {
        event_id: event_id.into(),
        title: title.into(),
        text: format!("{title}: beslutstext"),
        basis: "Lägesrapport från IT-jour".into(),
        decided_by: Actor::new("Erik Johansson", "Regiondirektör"),
        ..Default::default()
    }
}

pub fn diary(event_id: &str, text: &str) -> NewDiaryEntry {
    NewDiaryEntry {
        event_id: event_id.into(),
        text: text.into(),
        ..Default::default()
    }
}

/// Every projection row, as text, in a stable order: what "the state" is for replay checks.
pub fn dump_projections(store: &Store) -> Vec<String> {
    let conn = store.connection();
    let mut out = Vec::new();
    let mut tables = krisledning::store::replay::projection_tables(conn, "main").unwrap();
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    for t in tables {
        let table = t.name;
        let sql = if t.create_sql.is_some() {
            format!("SELECT * FROM {table} ORDER BY rowid")
        } else {
            format!("SELECT * FROM {table} ORDER BY seq")
        };
        let mut stmt = conn.prepare(&sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cols: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{table}: {}", cols.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

pub fn head(store: &Store) -> (i64, String) {
    let s = store.status().unwrap();
    (s.entries, s.head_hash)
}

/// `n` entries in one transaction through the real append path: an event and diary lines.
pub fn bulk(store: &mut Store, n: usize) {
    let ev = open_event(store, "Bulk");
    let actor = tib();
    store
        .write(|tx| {
            for i in 1..n {
                let (body, _) =
                    diary(&ev, &format!("Post {i} om reservkraft")).validate(tx.now())?;
                let now = tx.now();
                tx.append(&actor, Some(&ev), krisledning::log::KIND_DIARY, &body, now)?;
            }
            Ok(())
        })
        .unwrap();
}

/// Entry `seq` as stored, read through the store.
pub fn entry(store: &Store, seq: i64) -> krisledning::journal::Entry {
    let mut found = None;
    store
        .journal_entries(None, |e| {
            if e.seq == seq {
                found = Some(e);
            }
            Ok(())
        })
        .unwrap();
    found.unwrap_or_else(|| panic!("no entry {seq}"))
}

/// What a forger with the program's own hash function would write for `e` with `body`: the
/// canonical body and a hash that holds for the entry on its own.
pub fn forged_hash(e: &krisledning::journal::Entry, body: &serde_json::Value) -> (String, String) {
    let body = krisledning::journal::canonical_body(body).unwrap();
    let hash = krisledning::journal::Envelope {
        seq: e.seq,
        id: &e.id,
        device_id: &e.device_id,
        workspace: &e.workspace,
        recorded_at: &e.recorded_at,
        occurred_at: &e.occurred_at,
        author: &e.author,
        role: &e.role,
        event_id: e.event_id.as_deref(),
        kind: &e.kind,
        body: &body,
        prev_hash: &e.prev_hash,
    }
    .hash();
    (body, hash)
}

/// `kris --db DB ARGS…` as a real process, whatever `KRIS_DB` says.
pub fn kris_cli(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    kris_cli_env(db, args, &[])
}

/// As `kris_cli`, with environment variables (a passphrase in `KRIS_PASSPHRASE`).
pub fn kris_cli_env(
    db: &std::path::Path,
    args: &[&str],
    envs: &[(&str, &str)],
) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kris"))
        .envs(envs.iter().copied())
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KRIS_DB")
        // The device key beside the test's store, never in the user's own data directory.
        .env(
            "KRIS_DEVICE_DIR",
            db.parent()
                .unwrap_or(std::path::Path::new("."))
                .join("enhet"),
        )
        .output()
        .unwrap()
}

pub fn normalise(text: &str) -> String {
    let mut names: HashMap<String, String> = HashMap::new();
    let mut out = String::with_capacity(text.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String, names: &mut HashMap<String, String>| {
        let is_uuid = token.len() == 36 && token.chars().filter(|c| *c == '-').count() == 4;
        let is_hash = token.len() == 64
            && token.chars().all(|c| c.is_ascii_hexdigit())
            && token.chars().any(|c| c != '0');
        if is_uuid || is_hash {
            let n = names.len() + 1;
            let prefix = if is_uuid { "ID" } else { "HASH" };
            out.push_str(
                names
                    .entry(token.clone())
                    .or_insert_with(|| format!("<{prefix}{n}>")),
            );
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() || c == '-' {
            token.push(c);
        } else {
            flush(&mut token, &mut out, &mut names);
            out.push(c);
        }
    }
    flush(&mut token, &mut out, &mut names);
    out
}

/// The text of a PDF as `pdftotext -layout` (Debian poppler-utils) reads it: what a reader sees.
pub fn pdftotext(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `n` decisions in the event, in one transaction.
pub fn many_decisions(store: &mut Store, event_id: &str, n: usize) {
    store
        .write(|tx| {
            for i in 0..n {
                krisledning::log::commands::decide(
                    tx,
                    &tib(),
                    &decision(event_id, &format!("Beslut {i}")),
                )?;
            }
            Ok(())
        })
        .unwrap();
}

/// Reports print local time; the tests fix the zone to Swedish rules written out, so they pass on
/// a machine without tzdata too. Every test sets the same value, so the order they run in does
/// not matter.
/// Swedish time, and the test signing key (a fixed name, checked in) for the checkpoint every
/// report carries, so pages break in the same places on every machine.
pub fn swedish_time() {
    std::env::set_var("TZ", "CET-1CEST,M3.5.0,M10.5.0/3");
    std::env::set_var(
        "KRIS_DEVICE_DIR",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/enhet"),
    );
}

/// A checkpoint's hash and signature (base64) differ with the store's random id: every run of 40
/// or more base64 characters that is not plain hex is masked, in text and inside JSON strings.
pub fn mask_signatures(text: &str) -> String {
    let b64 = |c: char| c.is_ascii_alphanumeric() || "+/=".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 40 && !run.chars().all(|c| c.is_ascii_hexdigit()) {
            out.push_str("<SIG>");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if b64(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// `pdftotext -layout` keeps table rows on one line; the exact run of spaces between columns
/// depends on the width of a random hash elsewhere on the page, so runs are collapsed to one.
pub fn pdf_lines(path: &std::path::Path) -> String {
    pdftotext(path)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn check_golden(name: &str, actual: &str) {
    let actual = mask_signatures(actual);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}
