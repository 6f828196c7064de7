//! Backups on real files: made, checked and signed; listed; rotated; restored only from a backup
//! that checks out, and never without a checked copy of the store it replaces. Tampered,
//! truncated and foreign backups are refused with the live store unchanged.

mod common;

use std::path::Path;

use krisledning::backup;
use krisledning::device::Device;
use krisledning::{Store, Workspace};

/// One key and one anchor folder for the whole test process, set before any test reads them:
/// tests run in parallel threads, and the environment is the process's.
fn device(_: &Path) -> Device {
    static SET: std::sync::Once = std::sync::Once::new();
    SET.call_once(|| {
        let dir = std::env::temp_dir().join(format!("kris-backup-test-{}", std::process::id()));
        std::env::set_var("KRIS_DEVICE_DIR", dir.join("enhet"));
        std::env::set_var("KRIS_ANCHOR_DIR", dir.join("ankare"));
    });
    Device::load_or_create().unwrap()
}

fn sha(p: &Path) -> String {
    krisledning::reports::files::sha256_hex(&std::fs::read(p).unwrap())
}

#[test]
fn backup_list_rotate_and_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let dev = device(dir.path());
    let live = dir.path().join("krisledning.db");
    let bk = dir.path().join("usb");
    let mut store = Store::init(&live, "Region Blekinge", Workspace::Real).unwrap();
    common::open_event(&mut store, "Ett");
    let first = backup::backup_keeping(&store, &bk, &dev, 3).unwrap();
    assert_eq!(first.entries, 1);
    // The copy is checked and sealed before its rename: SQLite's -wal and -shm of that check
    // must not stay behind under the temporary name, on a stick, every time.
    let name = Path::new(&first.path)
        .file_name()
        .unwrap()
        .to_string_lossy();
    let mut names: Vec<String> = std::fs::read_dir(&bk)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [name.to_string(), format!("{name}.kontrollpunkt")]);
    assert!(first.problem.is_none());
    assert_eq!(backup::check(Path::new(&first.path)).unwrap().0, 1);
    // The checkpoint beside it verifies against the backup with this device's key.
    let note = std::fs::read_to_string(format!("{}.kontrollpunkt", first.path)).unwrap();
    let opened = Store::open_read_only(Path::new(&first.path)).unwrap();
    let r = krisledning::seal::verify(&opened, &note, &dev, &[]).unwrap();
    assert!(r.own_device);
    drop(opened);

    for title in ["Två", "Tre", "Fyra"] {
        common::open_event(&mut store, title);
        backup::backup_keeping(&store, &bk, &dev, 3).unwrap();
    }
    let list = backup::list(&live, &bk);
    let counts: Vec<i64> = list.iter().map(|b| b.entries).collect();
    assert_eq!(counts, [4, 3, 2], "newest first, the oldest rotated away");
    assert!(!Path::new(&first.path).exists());
    assert!(!Path::new(&format!("{}.kontrollpunkt", first.path)).exists());

    // Restore the one with two entries: the live store (four) is kept, checked, first.
    drop(store);
    let two = list.iter().find(|b| b.entries == 2).unwrap().path.clone();
    let saved = backup::restore(&live, Path::new(&two), &bk, &dev).unwrap();
    assert_eq!(saved.entries, 4, "the replaced store is in a backup");
    let store = Store::open(&live).unwrap();
    assert_eq!(store.status().unwrap().entries, 2);
    assert!(
        store.anchor_warning().is_none(),
        "a deliberate restore is not 'cut short'"
    );
    assert!(store.verify().unwrap().failure.is_none());
}

#[test]
fn a_tampered_truncated_or_foreign_backup_is_refused_and_the_store_kept() {
    let dir = tempfile::tempdir().unwrap();
    let dev = device(dir.path());
    let live = dir.path().join("krisledning.db");
    let bk = dir.path().join("usb");
    let mut store = Store::init(&live, "R", Workspace::Real).unwrap();
    common::open_event(&mut store, "Strömavbrott i Karlshamn");
    let b = backup::backup(&store, &bk, &dev).unwrap();
    drop(store);
    let before = sha(&live);
    let bytes = std::fs::read(&b.path).unwrap();
    let at = bytes
        .windows("Karlshamn".len())
        .position(|w| w == b"Karlshamn")
        .expect("the title is in the file");
    let mut tampered = bytes.clone();
    tampered[at] = b'k';
    for (name, data) in [
        ("andrad.db", tampered),
        ("avkortad.db", bytes[..bytes.len() / 3].to_vec()),
        ("främmande.db", b"inte en databas".to_vec()),
        ("tom.db", Vec::new()),
    ] {
        let p = bk.join(name);
        std::fs::write(&p, data).unwrap();
        let Err(e) = backup::restore(&live, &p, &bk, &dev) else {
            panic!("{name} was restored");
        };
        assert!(!e.message.is_empty(), "{name}");
        assert_eq!(sha(&live), before, "{name}: the live store is unchanged");
    }
}

#[test]
fn a_store_open_in_another_program_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let dev = device(dir.path());
    let live = dir.path().join("krisledning.db");
    let bk = dir.path().join("usb");
    let mut store = Store::init(&live, "R", Workspace::Real).unwrap();
    common::open_event(&mut store, "Ett");
    let b = backup::backup(&store, &bk, &dev).unwrap();
    common::open_event(&mut store, "Två");
    // `store` is still open, with its WAL holding the last commit.
    let e = backup::restore(&live, Path::new(&b.path), &bk, &dev)
        .err()
        .unwrap();
    assert!(
        e.message.contains("öppen i ett annat program"),
        "{}",
        e.message
    );
    assert_eq!(store.status().unwrap().entries, 2);
}
