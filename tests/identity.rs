//! The store's identity (`meta`: device id and workspace) sits outside the hash chain. An audit
//! found three ways to use that: relabel a real record ÖVNING (or the reverse) and mix the two,
//! give the store a new device id so the head remembered for it is never found (its lost end
//! went unnoticed), and a device id shaped like a path, which wrote the remembered head anywhere.
//! Each is run through the real binary with its own anchor folder.

use std::path::Path;
use std::process::{Command, Output};

use rusqlite::Connection;

const BY: [&str; 4] = ["--by", "Anna Lindqvist", "--role", "TiB"];

fn kris(db: &Path, anchors: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kris"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("KRIS_ANCHOR_DIR", anchors)
        .output()
        .unwrap()
}

fn store_with_entries(dir: &Path, name: &str, exercise: bool) -> std::path::PathBuf {
    let db = dir.join(name);
    let anchors = dir.join("anchors");
    let init: &[&str] = if exercise {
        &["init", "--exercise"]
    } else {
        &["init"]
    };
    assert!(kris(&db, &anchors, init).status.success());
    let ev = kris(
        &db,
        &anchors,
        &[&["event", "open", "--title", "Elavbrott"][..], &BY].concat(),
    );
    let ev = String::from_utf8(ev.stdout).unwrap().trim().to_string();
    for i in 0..3 {
        let text = format!("Rad {i}");
        let out = kris(
            &db,
            &anchors,
            &[&["log", "--event", &ev, "--text", &text][..], &BY].concat(),
        );
        assert!(out.status.success());
    }
    db
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_relabelled_workspace_fails_verify() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_entries(dir.path(), "ovning.db", true);
    Connection::open(&db)
        .unwrap()
        .execute("UPDATE meta SET value = 'real' WHERE key = 'workspace'", [])
        .unwrap();
    let out = kris(&db, &dir.path().join("anchors"), &["verify"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("arbetsytan"), "{}", stderr(&out));
}

#[test]
fn a_new_device_id_neither_hides_a_lost_end_nor_passes_verify() {
    let dir = tempfile::tempdir().unwrap();
    let anchors = dir.path().join("anchors");
    let db = store_with_entries(dir.path(), "k.db", false);
    let c = Connection::open(&db).unwrap();
    c.execute_batch(
        "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = 4;
         UPDATE meta SET value = '01a23388-0000-7000-8000-000000000000' WHERE key = 'device_id';",
    )
    .unwrap();
    drop(c);
    kris(&db, &anchors, &["replay"]);
    let out = kris(&db, &anchors, &["verify"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("KORTARE") || err.contains("identitet"),
        "{err}"
    );
    // And with the identity put back, the lost end is still seen against the head from before.
    Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE meta SET value = (SELECT device_id FROM journal WHERE seq = 1) WHERE key = 'device_id'",
            [],
        )
        .unwrap();
    let out = kris(&db, &anchors, &["verify"]);
    assert!(stderr(&out).contains("KORTARE"), "{}", stderr(&out));
}

#[test]
fn a_device_id_shaped_like_a_path_is_refused_and_writes_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    let anchors = dir.path().join("anchors");
    let db = dir.path().join("k.db");
    assert!(kris(&db, &anchors, &["init"]).status.success());
    let escaped = dir.path().join("utanför");
    Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE meta SET value = ?1 WHERE key = 'device_id'",
            [format!("../{}", escaped.display())],
        )
        .unwrap();
    let out = kris(&db, &anchors, &["status"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("identitet"), "{}", stderr(&out));
    assert!(!escaped.with_extension("head").exists());
}
