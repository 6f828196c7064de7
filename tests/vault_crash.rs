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
        let store = Store::open_read_only(&live).unwrap();
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
