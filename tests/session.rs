//! The store as the app holds it (`krisledning::session`): first start, the demo beside the
//! record, a write that waits out another process's lock, a full check and a close that leaves
//! one complete file. This is the path every IPC call takes.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use krisledning::session::{demo_path, Listener, Session, Silent};
use krisledning::ErrorCode;

const CHILD_DB: &str = "KRIS_SESSION_HOLD_DB";
const CHILD_READY: &str = "KRIS_SESSION_HOLD_READY";
/// Longer than the store's own 5 s busy timeout, so only the session's patience gets through.
const HOLD: Duration = Duration::from_millis(6_500);

#[derive(Default)]
struct Heard {
    busy: Mutex<Vec<bool>>,
    progress: Mutex<Vec<(i64, i64)>>,
}

impl Listener for Heard {
    fn busy(&self, waiting: bool) {
        self.busy.lock().unwrap().push(waiting);
    }
    fn progress(&self, done: i64, total: i64) {
        self.progress.lock().unwrap().push((done, total));
    }
}

fn call(s: &Session, json: &str) -> krisledning::Result<serde_json::Value> {
    s.call_json(json, &Silent)
}

fn status(s: &Session) -> serde_json::Value {
    call(s, r#"{"command":"status"}"#).unwrap()
}

fn open_event_json(title: &str) -> String {
    serde_json::json!({"command": "open_event", "args": {
        "actor": {"name": "Anna Lindqvist", "role": "TiB"},
        "input": {"title": title}
    }})
    .to_string()
}

#[test]
fn first_start_makes_an_empty_record_and_the_demo_is_a_separate_exercise_file() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("data").join("krisledning.db");
    let s = Session::start(real.clone(), false);
    let st = status(&s);
    assert_eq!(st["entries"], 0, "the real record starts empty");
    assert_eq!(st["workspace"], "real");
    assert!(!demo_path(&real).exists(), "no demo until asked for");

    let info = call(&s, r#"{"command":"open_workspace","args":{"kind":"demo"}}"#).unwrap();
    assert_eq!(info["current"], "demo");
    let demo = status(&s);
    assert_eq!(demo["workspace"], "exercise");
    assert!(
        demo["entries"].as_i64().unwrap() > 0,
        "the demo has its event"
    );
    assert_ne!(demo["path"], st["path"]);

    call(&s, r#"{"command":"open_workspace","args":{"kind":"real"}}"#).unwrap();
    assert_eq!(
        status(&s)["entries"],
        0,
        "nothing of the demo reached the record"
    );
    // A second visit opens the same demo, not a new one.
    call(&s, r#"{"command":"open_workspace","args":{"kind":"demo"}}"#).unwrap();
    assert_eq!(status(&s)["entries"], demo["entries"]);
}

#[test]
fn a_path_the_user_named_is_never_created() {
    let dir = tempfile::tempdir().unwrap();
    let usb = dir.path().join("usb").join("stab.db");
    let s = Session::start(usb.clone(), true);
    let e = call(&s, r#"{"command":"status"}"#).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotInitialised);
    assert!(e.message.contains("USB"), "{}", e.message);
    assert!(!usb.exists() && !usb.parent().unwrap().exists());
}

#[test]
fn a_demo_path_holding_a_real_store_is_not_used_as_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("krisledning.db");
    krisledning::Store::init(&demo_path(&real), "R", krisledning::Workspace::Real).unwrap();
    let s = Session::start(real, false);
    let e = call(&s, r#"{"command":"open_workspace","args":{"kind":"demo"}}"#).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
}

#[test]
fn closing_the_session_leaves_one_file_holding_every_entry() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("k.db");
    let s = Session::start(real.clone(), false);
    for i in 0..20 {
        call(&s, &open_event_json(&format!("Händelse {i}"))).unwrap();
    }
    let head = status(&s)["head_hash"].clone();
    s.close();
    let wal = real.with_file_name("k.db-wal");
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "the WAL was folded into the file"
    );
    // A copy of the .db alone, as someone would carry it away on a stick.
    let copy = dir.path().join("kopia.db");
    std::fs::copy(&real, &copy).unwrap();
    let st = krisledning::Store::open_read_only(&copy)
        .unwrap()
        .status()
        .unwrap();
    assert_eq!((st.entries, serde_json::json!(st.head_hash)), (20, head));
    assert_eq!(
        call(&s, r#"{"command":"status"}"#).unwrap_err().code,
        ErrorCode::Storage,
        "a closed session takes no more calls"
    );
}

/// Holds the write lock of a store for `HOLD`, as `kris replay` of a large record does.
#[test]
fn child_holds_the_write_lock() {
    let (Ok(db), Ok(ready)) = (std::env::var(CHILD_DB), std::env::var(CHILD_READY)) else {
        return;
    };
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch("BEGIN IMMEDIATE").unwrap();
    std::fs::write(ready, "1").unwrap();
    std::thread::sleep(HOLD);
    c.execute_batch("ROLLBACK").unwrap();
}

fn hold_lock(db: &Path, ready: &Path) -> std::process::Child {
    let child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_holds_the_write_lock", "--test-threads=1"])
        .env(CHILD_DB, db)
        .env(CHILD_READY, ready)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(30);
    while !ready.exists() {
        assert!(Instant::now() < until, "the child never took the lock");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

#[test]
fn a_write_waits_out_a_lock_held_by_another_process_and_is_saved_once() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("k.db");
    let s = Session::start(real.clone(), false);
    let mut child = hold_lock(&real, &dir.path().join("ready"));
    let heard = Heard::default();
    let started = Instant::now();
    let ev = s.call_json(&open_event_json("Elavbrott"), &heard).unwrap();
    assert!(started.elapsed() >= Duration::from_secs(5), "it did wait");
    assert!(child.wait().unwrap().success());
    assert_eq!(*heard.busy.lock().unwrap(), vec![true, false]);
    assert_eq!(ev["title"], "Elavbrott");
    assert_eq!(status(&s)["entries"], 1, "saved exactly once");
}

#[test]
fn the_ipc_path_refuses_ten_megabytes_and_keeps_what_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::start(dir.path().join("k.db"), false);
    call(&s, &open_event_json("Elavbrott")).unwrap();
    let big = open_event_json(&"x".repeat(10 << 20));
    let e = call(&s, &big).unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    assert!(e.message.contains("för stor"), "{}", e.message);
    assert_eq!(status(&s)["entries"], 1);
}

#[test]
fn full_verify_checks_chain_anchor_and_every_projection_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("k.db");
    let s = Session::start(real.clone(), false);
    call(&s, &open_event_json("Elavbrott")).unwrap();
    let heard = Heard::default();
    let ok = s.call_json(r#"{"command":"full_verify"}"#, &heard).unwrap();
    assert!(ok["chain"]["failure"].is_null());
    assert!(ok["anchor_warning"].is_null());
    assert_eq!(ok["deep"]["differences"], serde_json::json!([]));
    assert_eq!(heard.progress.lock().unwrap().last(), Some(&(1, 1)));

    let raw = rusqlite::Connection::open(&real).unwrap();
    raw.execute("UPDATE events SET title = 'Övning'", [])
        .unwrap();
    let bad = call(&s, r#"{"command":"full_verify"}"#).unwrap();
    assert!(bad["chain"]["failure"].is_null(), "the chain itself holds");
    assert_eq!(bad["deep"]["differences"][0]["table"], "events");
}
