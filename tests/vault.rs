//! Encryption at rest on real files: a plain store encrypted in place is unreadable as plain
//! SQLite, opens only after unlocking, refuses a wrong passphrase, survives a passphrase change
//! without its data being rewritten, and backs up and restores encrypted.

mod common;

use std::path::Path;

use krisledning::crypt;
use krisledning::{backup, vault, ErrorCode, Store, Workspace};

const PASS: &str = "korrekt häst batteri häftstift";

fn env() -> krisledning::device::Device {
    static SET: std::sync::Once = std::sync::Once::new();
    SET.call_once(|| {
        let dir = std::env::temp_dir().join(format!("kris-vault-test-{}", std::process::id()));
        std::env::set_var("KRIS_DEVICE_DIR", dir.join("enhet"));
        std::env::set_var("KRIS_ANCHOR_DIR", dir.join("ankare"));
    });
    krisledning::device::Device::load_or_create().unwrap()
}

fn sha(p: &Path) -> String {
    krisledning::reports::files::sha256_hex(&std::fs::read(p).unwrap())
}

fn encrypted_store(dir: &Path) -> std::path::PathBuf {
    let live = dir.join("krisledning.db");
    let mut store = Store::init(&live, "Region Blekinge", Workspace::Real).unwrap();
    common::open_event(&mut store, "Strömavbrott i Karlshamn");
    common::open_event(&mut store, "Vattenläcka i Ronneby");
    drop(store);
    let done = vault::encrypt(&live, PASS).unwrap();
    assert_eq!(done.entries, 2);
    live
}

#[test]
fn encrypted_store_is_unreadable_without_the_passphrase() {
    env();
    let dir = tempfile::tempdir().unwrap();
    let live = encrypted_store(dir.path());
    let bytes = std::fs::read(&live).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    for needle in ["Karlshamn", "Ronneby", "decision", "journal"] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle} readable in the encrypted file"
        );
    }
    // Plain SQLite does not read it.
    let plain = rusqlite::Connection::open(&live).unwrap();
    assert!(plain
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r
            .get::<_, i64>(0))
        .is_err());
    drop(plain);

    // Still unlocked in this process (it was encrypted here): it opens and takes entries.
    let mut store = Store::open(&live).unwrap();
    common::open_event(&mut store, "Efter krypteringen");
    drop(store);

    assert!(crypt::lock(&live).unwrap());
    let e = Store::open(&live).err().expect("locked");
    assert_eq!(e.code, ErrorCode::Locked, "{}", e.message);
    let e = crypt::unlock(&live, "fel lösenfras helt och hållet").unwrap_err();
    assert_eq!(e.code, ErrorCode::WrongPassphrase);
    assert!(!e.message.contains(PASS));
    let unlocked = crypt::unlock(&live, PASS).unwrap();
    assert!(unlocked.millis < 10_000);
    let store = Store::open(&live).unwrap();
    assert_eq!(store.status().unwrap().entries, 3);
    assert!(store.verify().unwrap().failure.is_none());
    drop(store);

    // A missing key file is named, with where to find one.
    let kf = crypt::keyfile::beside(&live);
    let saved = std::fs::read(&kf).unwrap();
    std::fs::remove_file(&kf).unwrap();
    let e = Store::open(&live).err().expect("no key file");
    assert_eq!(e.code, ErrorCode::Locked);
    assert!(e.message.contains("nyckelfilen"), "{}", e.message);
    std::fs::write(&kf, saved).unwrap();
    crypt::lock(&live).unwrap();
}

#[test]
fn passphrase_change_rewrites_only_the_key_file() {
    env();
    let dir = tempfile::tempdir().unwrap();
    let live = encrypted_store(dir.path());
    let before = sha(&live);
    let new = "en helt annan lösenfras 2026";
    let e = vault::change_passphrase(&live, "inte den rätta alls", new).unwrap_err();
    assert_eq!(e.code, ErrorCode::WrongPassphrase);
    let e = vault::change_passphrase(&live, PASS, "kort").unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    vault::change_passphrase(&live, PASS, new).unwrap();
    assert_eq!(sha(&live), before, "the data is not re-encrypted");
    crypt::lock(&live).unwrap();
    assert_eq!(
        crypt::unlock(&live, PASS).unwrap_err().code,
        ErrorCode::WrongPassphrase
    );
    crypt::unlock(&live, new).unwrap();
    assert_eq!(Store::open(&live).unwrap().status().unwrap().entries, 2);
    crypt::lock(&live).unwrap();
}

#[test]
fn a_second_encrypt_and_an_exercise_store_are_refused() {
    env();
    let dir = tempfile::tempdir().unwrap();
    let live = encrypted_store(dir.path());
    assert_eq!(
        vault::encrypt(&live, PASS).unwrap_err().code,
        ErrorCode::Conflict
    );
    let ex = dir.path().join("ovning.db");
    drop(Store::init(&ex, "R", Workspace::Exercise).unwrap());
    let before = sha(&ex);
    assert_eq!(
        vault::encrypt(&ex, PASS).unwrap_err().code,
        ErrorCode::Conflict
    );
    assert_eq!(sha(&ex), before);
    // A store open elsewhere is not converted under it.
    let plain = dir.path().join("oppen.db");
    let held = Store::init(&plain, "R", Workspace::Real).unwrap();
    let e = vault::encrypt(&plain, PASS).unwrap_err();
    assert_eq!(e.code, ErrorCode::Busy, "{}", e.message);
    drop(held);
    assert!(!crypt::is_encrypted(&plain).unwrap());
    crypt::lock(&live).unwrap();
}

#[test]
fn encrypted_backup_and_restore_round_trip() {
    let dev = env();
    let dir = tempfile::tempdir().unwrap();
    let live = encrypted_store(dir.path());
    let bk = dir.path().join("usb");
    let mut store = Store::open(&live).unwrap();
    let b = backup::backup(&store, &bk, &dev).unwrap();
    assert_eq!(b.entries, 2);
    let copy = Path::new(&b.path);
    assert!(
        crypt::is_encrypted(copy).unwrap(),
        "the backup is encrypted too"
    );
    assert!(
        crypt::keyfile::beside(copy).exists(),
        "with its key file beside it"
    );
    common::open_event(&mut store, "Efter säkerhetskopian");
    drop(store);

    backup::restore(&live, copy, &bk, &dev).unwrap();
    assert_eq!(Store::open(&live).unwrap().status().unwrap().entries, 2);
    // A locked process opens the backup only with the passphrase.
    crypt::lock(&live).unwrap();
    assert_eq!(backup::check(copy).unwrap_err().code, ErrorCode::Locked);
    crypt::unlock(copy, PASS).unwrap();
    assert_eq!(backup::check(copy).unwrap().0, 2);
    crypt::lock(&live).unwrap();
}

#[test]
fn reports_of_an_encrypted_store_are_sealed_on_disk_and_opened_in_the_view_folder() {
    use krisledning::report::issue::{self, ReportFormat};
    env();
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("krisledning.db");
    let mut store = Store::init(&live, "Region Blekinge", Workspace::Real).unwrap();
    let ev = common::open_event(&mut store, "Strömavbrott i Karlshamn");
    let actor = krisledning::domain::Actor::new("Örjan Åkesson", "Stabschef");
    let before = issue::issue_situation(&mut store, &actor, &ev, None).unwrap();
    drop(store);
    vault::encrypt(&live, PASS).unwrap();

    let folder = krisledning::reports::files::folder(&live);
    let on_disk: Vec<Vec<u8>> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    assert!(!on_disk.is_empty());
    for bytes in &on_disk {
        assert!(crypt::is_sealed(bytes), "a report file left plain");
        assert!(!bytes.windows(9).any(|w| w == b"Karlshamn"));
    }

    let mut store = Store::open(&live).unwrap();
    let after = issue::issue_situation(&mut store, &actor, &ev, None).unwrap();
    for r in [&before, &after] {
        let shown = issue::file(&store, &r.id, ReportFormat::Pdf).unwrap();
        assert!(shown.starts_with(krisledning::reports::files::view_dir()));
        let bytes = std::fs::read(&shown).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        assert_eq!(
            krisledning::reports::files::sha256_hex(&bytes),
            r.pdf_sha256
        );
    }
    // A printout goes only to the view folder.
    let printed = krisledning::report::log_print::print_to_folder(
        &mut store,
        &actor,
        &krisledning::report::log_print::LogSelection {
            event_id: ev.clone(),
            record_type: krisledning::log::RecordType::Decision,
            from: None,
            to: None,
        },
        krisledning::report::log_print::LogFormat::Pdf,
        None,
    )
    .unwrap();
    assert!(
        std::path::Path::new(&printed.path).starts_with(krisledning::reports::files::view_dir())
    );
    drop(store);
    krisledning::reports::files::forget_views();
    assert!(!krisledning::reports::files::view_dir().exists());
    crypt::lock(&live).unwrap();
}
