//! `kris encrypt` killed with SIGKILL at many moments: afterwards the store is either the plain
//! one, whole, or the encrypted one, whole and opening with the passphrase — never a mix, never
//! an entry lost.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use krisledning::{crypt, Store, Workspace};

const PASS: &str = "strömavbrott i hela länet";

#[test]
fn kill_9_during_encryption_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // The only test in this process: the heads it sees are remembered in its own folder.
    std::env::set_var("KRIS_ANCHOR_DIR", dir.path().join("ankare"));
    let seed = dir.path().join("seed.db");
    let mut store = Store::init(&seed, "R", Workspace::Real).unwrap();
    common::bulk(&mut store, 3000);
    let (entries, head) = common::head(&store);
    drop(store);

    let mut outcomes = (0, 0);
    for (i, delay_ms) in [0u64, 5, 20, 60, 120, 200, 300, 450, 700, 1000]
        .into_iter()
        .enumerate()
    {
        let live = dir.path().join(format!("k{i}.db"));
        std::fs::copy(&seed, &live).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_kris"))
            .arg("--db")
            .arg(&live)
            .arg("encrypt")
            .env_remove("KRIS_DB")
            .env("KRIS_NEW_PASSPHRASE", PASS)
            .env("KRIS_DEVICE_DIR", dir.path().join("enhet"))
            .env("KRIS_ANCHOR_DIR", dir.path().join("ankare"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();

        if crypt::is_encrypted(&live).unwrap() {
            outcomes.1 += 1;
            crypt::unlock(&live, PASS).unwrap();
        } else {
            outcomes.0 += 1;
        }
        // Opened as the app opens it, for writing: a kill while the plain file left WAL can
        // leave a hot rollback journal, which only a writer rolls back.
        let store = Store::open(&live).unwrap();
        assert_eq!(
            common::head(&store),
            (entries, head.clone()),
            "after a kill at {delay_ms} ms"
        );
        assert!(store.verify().unwrap().failure.is_none());
        drop(store);
        if !crypt::is_encrypted(&live).unwrap() {
            // An interrupted conversion is simply run again.
            krisledning::vault::encrypt(&live, PASS).unwrap();
            assert_eq!(
                common::head(&Store::open_read_only(&live).unwrap()),
                (entries, head.clone())
            );
        }
        crypt::lock(&live).unwrap();
    }
    eprintln!(
        "plain after kill: {}, encrypted: {}",
        outcomes.0, outcomes.1
    );
}

/// `kris log` in a loop while `kris encrypt` runs: every write that said it was saved is in the
/// encrypted store afterwards (the plain file is held locked from the copy to the swap, so no
/// write lands in the file being replaced).
#[test]
fn writes_during_encryption_are_never_lost() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("k.db");
    let envs = [("KRIS_PASSPHRASE", PASS), ("KRIS_NEW_PASSPHRASE", PASS)];
    let root = dir.path().to_path_buf();
    let kris = {
        let live = live.clone();
        move |args: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_kris"))
                .arg("--db")
                .arg(&live)
                .args(args)
                .env_remove("KRIS_DB")
                .envs(envs)
                .env("KRIS_DEVICE_DIR", root.join("enhet"))
                .env("KRIS_ANCHOR_DIR", root.join("ankare"))
                .output()
                .unwrap()
        }
    };
    assert!(kris(&["init"]).status.success());
    let by = ["--by", "Anna Lindqvist", "--role", "TiB"];
    let ev =
        String::from_utf8(kris(&[&["event", "open", "--title", "Storm"][..], &by].concat()).stdout)
            .unwrap()
            .trim()
            .to_string();
    let writer = {
        let ev = ev.clone();
        let kris = kris.clone();
        std::thread::spawn(move || {
            let mut saved = 0;
            for i in 0..60 {
                let text = format!("Lägesuppdatering {i}");
                let out = kris(
                    &[
                        &["log", "--event", &ev, "--text", &text][..],
                        &["--by", "Anna Lindqvist", "--role", "TiB"],
                    ]
                    .concat(),
                );
                if out.status.success() {
                    saved += 1;
                }
            }
            saved
        })
    };
    std::thread::sleep(Duration::from_millis(150));
    let mut converted = false;
    for attempt in 0..100 {
        let out = kris(&["encrypt"]);
        if out.status.success() {
            converted = true;
            eprintln!("encrypted at attempt {attempt}");
            break;
        }
        // Busy while a `kris log` holds the store: try again, as a person would.
        std::thread::sleep(Duration::from_millis(20));
    }
    let saved = writer.join().unwrap();
    eprintln!("{saved} of 60 notes saved");
    assert!(converted, "encrypt never found the store free");
    assert!(crypt::is_encrypted(&live).unwrap());
    let status: serde_json::Value =
        serde_json::from_slice(&kris(&["status", "--json"]).stdout).unwrap();
    // The event, and every note that was reported saved.
    assert_eq!(status["entries"], 1 + saved, "saved {saved}");
    assert!(kris(&["verify"]).status.success());
}
