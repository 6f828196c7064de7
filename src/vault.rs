//! The passphrase's life: encrypting a plain store in place, changing the passphrase (the key
//! file is rewritten, the data is not), and what the window shows of it.
//!
//! Encrypting copies the store with `sqlcipher_export` into a new file beside it, checks the copy
//! (integrity, the same chain and head), then puts the key file and the copy in place with two
//! renames. A crash at any point leaves either the plain store as it was or the encrypted one
//! whole: the plain file is never changed, and a file is only ever taken for encrypted by its
//! first bytes.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::crypt::{self, keyfile, DbKey, KeyFile};
use crate::error::{Error, ErrorCode, Result};
use crate::store::Store;

/// What encrypting did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Encrypted {
    #[ts(type = "number")]
    pub entries: i64,
    pub head_hash: String,
    pub key_file: String,
    #[ts(type = "number")]
    pub millis: u64,
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    path.with_file_name(format!(
        ".{}.{suffix}",
        path.file_name().unwrap_or_default().to_string_lossy()
    ))
}

fn in_use(path: &Path) -> Error {
    Error::new(
        ErrorCode::Busy,
        format!(
            "{} är öppen i ett annat program (fönstret eller ett kris-kommando). Stäng det och \
             försök igen; inget ändrades.",
            path.display()
        ),
    )
    .with("path", path.display())
}

/// Encrypts the plain store at `path` in place under a new random key wrapped by `passphrase`,
/// and leaves the key unlocked in this process. The store must not be open elsewhere.
pub fn encrypt(path: &Path, passphrase: &str) -> Result<Encrypted> {
    let started = Instant::now();
    crypt::check_passphrase(passphrase)?;
    if crypt::is_encrypted(path)? {
        // What an interrupted run left plain is sealed now, if the key is at hand.
        if crypt::is_open(path) {
            crate::reports::files::seal_existing(path)?;
        }
        return Err(Error::conflict(format!(
            "{} är redan krypterad. Byt lösenfras med `kris passphrase change`.",
            path.display()
        ))
        .with("path", path.display()));
    }
    // Ours, upgraded, and a chain that verifies: a broken record is not copied silently.
    let (entries, head) = {
        let store = Store::open(path)?;
        if store.workspace() != crate::store::Workspace::Real.as_str() {
            return Err(Error::conflict(
                "Övningsdatabaser krypteras inte: de innehåller inga skarpa uppgifter.",
            ));
        }
        let report = store.verify()?;
        if let Some(f) = report.failure {
            return Err(Error::new(
                ErrorCode::ChainBroken,
                format!(
                    "Kedjan bryts vid post {} ({}); databasen krypteras inte förrän det är utrett. \
                     Kör `kris verify`.",
                    f.seq, f.reason
                ),
            ));
        }
        (report.entries, report.head_hash)
    };
    // CREATE: an attached file is opened with the main connection's flags.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )?;
    // Leaving WAL needs every other connection closed, so this is also the check that nobody
    // else has the store open; from here on, the read transaction below keeps writers out.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(|_| in_use(path))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(in_use(path));
    }
    // Held from this first read until the connection closes, after the swap: no other process
    // commits to the plain file while it is copied, checked and replaced.
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
    let tmp = sibling(path, "krypteras");
    for f in [tmp.clone(), keyfile::beside(&tmp)] {
        let _ = std::fs::remove_file(f);
    }
    let copied = (|| -> Result<()> {
        export(&conn, &tmp, passphrase)?;
        let problems = crate::store::deep::integrity_problems(&tmp)?;
        let copy = Store::open_read_only(&tmp)?;
        let report = copy.verify()?;
        if !problems.is_empty() || (report.entries, report.head_hash.as_str()) != (entries, &head) {
            return Err(Error::storage(format!(
                "Den krypterade kopian blev inte densamma som databasen ({}); inget ändrades.",
                problems.join("; ")
            )));
        }
        Ok(())
    })();
    if let Err(e) = copied {
        let _ = conn.execute_batch("ROLLBACK");
        for f in [tmp.clone(), keyfile::beside(&tmp)] {
            let _ = std::fs::remove_file(f);
        }
        return Err(e);
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Key file first: until the second rename the plain store is what opens, and a plain file
    // is never read with a key.
    std::fs::rename(keyfile::beside(&tmp), keyfile::beside(path))?;
    std::fs::File::open(dir)?.sync_all()?;
    std::fs::rename(&tmp, path)?;
    std::fs::File::open(dir)?.sync_all()?;
    // The plain file left WAL above, so it has no side files; the new file's may already be
    // another process's, and are left alone.
    drop(conn);
    // Reports issued before are sealed too: a lost laptop gives away no report.
    crate::reports::files::seal_existing(path).map_err(|e| {
        Error::storage(format!(
            "Databasen är krypterad, men tidigare rapportfiler kunde inte förseglas ({}). Kör \
             `kris encrypt` igen när det är ordnat: det förseglar resten.",
            e.message
        ))
    })?;
    Ok(Encrypted {
        entries,
        head_hash: head,
        key_file: keyfile::beside(path).display().to_string(),
        millis: started.elapsed().as_millis() as u64,
    })
}

/// Copies the store `conn` has open as `main` into a new encrypted file `dst` under a new key
/// wrapped by `passphrase` (key file beside `dst`), inside one read transaction, and keeps the key
/// unlocked.
fn export(conn: &Connection, dst: &Path, passphrase: &str) -> Result<()> {
    let key = DbKey::random()?;
    let key_id = uuid::Uuid::now_v7().to_string();
    KeyFile::wrap(&key_id, &key, passphrase)?.write_beside(dst)?;
    conn.execute(
        "ATTACH DATABASE ?1 AS enc KEY ?2",
        [dst.to_string_lossy().as_ref(), key.sql_value().as_str()],
    )?;
    conn.execute_batch("BEGIN")?;
    let (version, app): (i64, i64) = conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version), \
                (SELECT application_id FROM pragma_application_id)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    conn.query_row("SELECT sqlcipher_export('enc')", [], |_| Ok(()))?;
    // sqlcipher_export copies tables and indexes, not the header fields we check on open.
    conn.execute_batch(&format!(
        "PRAGMA enc.user_version = {version}; PRAGMA enc.application_id = {app};"
    ))?;
    conn.execute_batch("COMMIT; DETACH DATABASE enc")?;
    std::fs::File::open(dst)?.sync_all()?;
    crypt::remember(&key_id, key);
    Ok(())
}

/// An encrypted copy of the store at `src` (any workspace) in `dst`, its key unlocked: what
/// `make bench` measures encrypted stores with. The store itself is left as it is.
pub fn encrypted_copy(src: &Path, dst: &Path, passphrase: &str) -> Result<()> {
    crypt::check_passphrase(passphrase)?;
    let conn = Connection::open_with_flags(
        src,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )?;
    export(&conn, dst, passphrase).inspect_err(|_| {
        let _ = conn.execute_batch("ROLLBACK");
    })
}

/// Rewraps the store's key under `new`; the database itself is not touched. Whoever has the old
/// passphrase and an old key file (a backup's) still opens the data: after a passphrase is known
/// to be lost, encrypt a fresh copy instead (see the README).
pub fn change_passphrase(path: &Path, old: &str, new: &str) -> Result<()> {
    crypt::check_passphrase(new)?;
    if !crypt::is_encrypted(path)? {
        return Err(Error::conflict(format!(
            "{} är inte krypterad. Sätt en lösenfras med `kris passphrase set`.",
            path.display()
        ))
        .with("path", path.display()));
    }
    let file = KeyFile::read_beside(path)?;
    let key = file.unwrap_key(old)?;
    KeyFile::wrap(&file.key_id, &key, new)?.write_beside(path)?;
    Ok(())
}

/// Minutes without a key press or click before the window locks, unless set otherwise.
pub const DEFAULT_IDLE_MINUTES: u32 = 15;
const IDLE_RANGE: std::ops::RangeInclusive<u32> = 1..=240;
const SETTINGS_FILE: &str = "lasning.json";

#[derive(serde::Serialize, serde::Deserialize)]
struct LockSettings {
    idle_minutes: u32,
}

/// The idle time before the window locks: a setting of this computer, like its screen lock,
/// kept beside its device key.
pub fn idle_minutes() -> u32 {
    crate::device::dir()
        .ok()
        .and_then(|d| crate::import::read_bounded(&d.join(SETTINGS_FILE), 4096).ok())
        .and_then(|b| serde_json::from_slice::<LockSettings>(&b).ok())
        .map(|s| s.idle_minutes)
        .filter(|m| IDLE_RANGE.contains(m))
        .unwrap_or(DEFAULT_IDLE_MINUTES)
}

pub fn set_idle_minutes(minutes: u32) -> Result<()> {
    if !IDLE_RANGE.contains(&minutes) {
        return Err(Error::invalid(format!(
            "Tiden till automatiskt lås måste vara {}–{} minuter.",
            IDLE_RANGE.start(),
            IDLE_RANGE.end()
        ))
        .with("field", "minutes")
        .with("min", IDLE_RANGE.start())
        .with("max", IDLE_RANGE.end()));
    }
    let text = serde_json::to_vec(&LockSettings {
        idle_minutes: minutes,
    })?;
    crate::reports::files::put_named(&crate::device::dir()?, SETTINGS_FILE, &text)?;
    Ok(())
}
