//! `kris backup` killed with SIGKILL at many moments: the live store is never touched, and every
//! backup listed afterwards is whole and checks out (a half-written copy has no name yet).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use krisledning::{backup, Store, Workspace};

#[test]
fn kill_9_during_backup_loses_nothing_and_leaves_no_false_backup() {
    let dir = tempfile::tempdir().unwrap();
    // The only test in this process: its remembered heads and key in folders of its own.
    std::env::set_var("KRIS_ANCHOR_DIR", dir.path().join("ankare"));
    std::env::set_var("KRIS_DEVICE_DIR", dir.path().join("enhet"));
    let live = dir.path().join("krisledning.db");
    let mut store = Store::init(&live, "R", Workspace::Real).unwrap();
    common::bulk(&mut store, 5000);
    let head = common::head(&store);
    drop(store);
    let live_sha = krisledning::reports::files::sha256_hex(&std::fs::read(&live).unwrap());
    let usb = dir.path().join("usb");

    for delay_ms in [0u64, 10, 30, 60, 100, 150, 250, 400] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kris"))
            .arg("--db")
            .arg(&live)
            .args(["backup", "--to"])
            .arg(&usb)
            .env_remove("KRIS_DB")
            .env("KRIS_DEVICE_DIR", dir.path().join("enhet"))
            .env("KRIS_ANCHOR_DIR", dir.path().join("ankare"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();

        let store = Store::open_read_only(&live).unwrap();
        assert_eq!(common::head(&store), head, "after a kill at {delay_ms} ms");
        assert!(store.verify().unwrap().failure.is_none());
        drop(store);
        for b in backup::list(&live, &usb) {
            assert!(b.problem.is_none(), "{b:?}");
            assert_eq!(
                backup::check(Path::new(&b.path)).unwrap(),
                (head.0, head.1.clone()),
                "a listed backup is whole"
            );
        }
    }
    assert_eq!(
        krisledning::reports::files::sha256_hex(&std::fs::read(&live).unwrap()),
        live_sha,
        "the live store's bytes are as they were"
    );
    // And the next backup is made as usual.
    let store = Store::open_read_only(&live).unwrap();
    let device = krisledning::device::Device::load_or_create().unwrap();
    let b = backup::backup(&store, &usb, &device).unwrap();
    assert_eq!((b.entries, b.head_hash), head);
}
