//! The window's lock through the session: a first passphrase encrypts the record in place, the
//! lock closes every store and forgets every key, nothing but the lock state and the unlock is
//! answered while locked, a wrong passphrase is refused, and a restart of an encrypted record
//! begins locked.

mod common;

use krisledning::session::{Session, Silent};
use krisledning::{crypt, ErrorCode};

const PASS: &str = "reservkraft på Blekingesjukhuset";

fn call(s: &Session, json: &str) -> krisledning::Result<serde_json::Value> {
    s.call_json(json, &Silent)
}

fn env() {
    static SET: std::sync::Once = std::sync::Once::new();
    SET.call_once(|| {
        let dir = std::env::temp_dir().join(format!("kris-lock-test-{}", std::process::id()));
        std::env::set_var("KRIS_DEVICE_DIR", dir.join("enhet"));
        std::env::set_var("KRIS_ANCHOR_DIR", dir.join("ankare"));
    });
}

#[test]
fn lock_and_unlock_through_the_session() {
    env();
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("krisledning.db");
    let s = Session::start(real.clone(), false);
    let state = call(&s, r#"{"command":"lock_state"}"#).unwrap();
    assert_eq!(state["encrypted"], false);
    assert_eq!(state["mode"], "fred");
    // No passphrase, nothing to unlock with: the lock is refused.
    let e = call(&s, r#"{"command":"lock"}"#).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    let e = call(
        &s,
        r#"{"command":"set_passphrase","args":{"passphrase":"kort"}}"#,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    assert!(!e.message.contains("kort\""), "{}", e.message);

    let set = format!(r#"{{"command":"set_passphrase","args":{{"passphrase":"{PASS}"}}}}"#);
    let state = call(&s, &set).unwrap();
    assert_eq!(state["encrypted"], true);
    assert_eq!(state["locked"], false);
    assert!(crypt::is_encrypted(&real).unwrap());
    // The record is open again after the conversion and takes writes.
    call(&s, r#"{"command":"status"}"#).unwrap();

    let state = call(&s, r#"{"command":"lock"}"#).unwrap();
    assert_eq!(state["locked"], true);
    assert_eq!(state["mode"], "fred", "the lock screen shows the mode");
    for req in [
        r#"{"command":"status"}"#,
        r#"{"command":"list_events"}"#,
        r#"{"command":"workspace"}"#,
        r#"{"command":"open_workspace","args":{"kind":"demo"}}"#,
    ] {
        assert_eq!(call(&s, req).unwrap_err().code, ErrorCode::Locked, "{req}");
    }
    assert!(!crypt::is_open(&real), "the key is forgotten");
    let e = call(
        &s,
        r#"{"command":"unlock","args":{"passphrase":"inte rätt lösenfras"}}"#,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::WrongPassphrase);
    assert!(!e.message.contains("inte rätt"));
    let unlock = format!(r#"{{"command":"unlock","args":{{"passphrase":"{PASS}"}}}}"#);
    assert_eq!(call(&s, &unlock).unwrap()["locked"], false);
    assert_eq!(
        call(&s, r#"{"command":"status"}"#).unwrap()["encrypted"],
        true
    );
    s.close();
    crypt::lock(&real).unwrap();

    // A new start of an encrypted record begins locked.
    let again = Session::start(real.clone(), false);
    let state = call(&again, r#"{"command":"lock_state"}"#).unwrap();
    assert_eq!(state["locked"], true);
    assert!(
        state["mode"].is_null(),
        "no mode known before the first unlock"
    );
    assert_eq!(
        call(&again, r#"{"command":"status"}"#).unwrap_err().code,
        ErrorCode::Locked
    );
    call(&again, &unlock).unwrap();
    call(&again, r#"{"command":"status"}"#).unwrap();
    let change = format!(
        r#"{{"command":"change_passphrase","args":{{"old":"{PASS}","new":"ny lösenfras för natten"}}}}"#
    );
    call(&again, &change).unwrap();
    assert_eq!(
        call(
            &again,
            r#"{"command":"set_idle_lock","args":{"minutes":0}}"#
        )
        .unwrap_err()
        .code,
        ErrorCode::Invalid
    );
    let state = call(
        &again,
        r#"{"command":"set_idle_lock","args":{"minutes":5}}"#,
    )
    .unwrap();
    assert_eq!(state["idle_minutes"], 5);
    again.close();
    crypt::lock(&real).unwrap();
}

#[test]
fn a_damaged_exercise_file_is_checked_and_refused_before_use() {
    env();
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("krisledning.db");
    let s = Session::start(real.clone(), false);
    let created = call(
        &s,
        r#"{"command":"create_exercise","args":{"scenario":"storm-elavbrott"}}"#,
    )
    .unwrap();
    let path = created["current_path"].as_str().unwrap().to_string();
    call(&s, r#"{"command":"open_workspace","args":{"kind":"real"}}"#).unwrap();
    // A page in the middle of the file overwritten, as a bad stick would.
    let mut bytes = std::fs::read(&path).unwrap();
    let pages = bytes.len() / 4096;
    let mid = (pages / 2) * 4096;
    bytes[mid..mid + 4096].fill(0xA5);
    std::fs::write(&path, &bytes).unwrap();
    let open = format!(
        r#"{{"command":"open_workspace","args":{{"kind":"exercise","path":{}}}}}"#,
        serde_json::to_string(&path).unwrap()
    );
    let e = call(&s, &open).unwrap_err();
    assert!(
        matches!(e.code, ErrorCode::NotOurDatabase | ErrorCode::Storage),
        "{e:?}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the file is left as it was"
    );
    s.close();
}
