//! Backups: SQLite's online backup of the open store into a folder (a USB stick), each one checked
//! before it gets its name — it opens, `integrity_check` says ok, its chain verifies — and signed
//! with a checkpoint beside it. Listed with time, size and head; the oldest beyond a number are
//! removed. A restore takes only a backup that checks out, and never replaces the live store
//! without first making a checked backup of it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::crypt::{keyfile, KeyFile};
use crate::device::Device;
use crate::error::{Error, ErrorCode, Result};
use crate::store::Store;

/// Backups kept by rotation: two days of hourly ones.
pub const KEEP: usize = 48;
const EXT: &str = "db";
const SEAL_EXT: &str = "kontrollpunkt";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub path: String,
    pub made_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub entries: i64,
    pub head_hash: String,
    /// Why the backup cannot be trusted, if it cannot (no checkpoint beside it, unreadable).
    pub problem: Option<String>,
}

/// Where backups go unless a folder is named: beside the store.
pub fn default_dir(store: &Path) -> PathBuf {
    store.with_file_name("sakerhetskopior")
}

fn stem(store: &Path) -> String {
    store.file_stem().map_or_else(
        || "krisledning".into(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Checks a database file as a backup: it opens read-only, `integrity_check` says ok and its
/// chain verifies. Returns its entry count and head.
pub fn check(path: &Path) -> Result<(i64, String)> {
    let problems = crate::store::deep::integrity_problems(path)?;
    if !problems.is_empty() {
        return Err(Error::new(
            ErrorCode::ChainBroken,
            format!(
                "{} är skadad ({}). Använd en annan säkerhetskopia.",
                path.display(),
                problems.join("; ")
            ),
        )
        .with("path", path.display()));
    }
    let store = Store::open_read_only(path)?;
    let report = store.verify()?;
    if let Some(f) = report.failure {
        return Err(Error::new(
            ErrorCode::ChainBroken,
            format!(
                "{}: kedjan bryts vid post {}: {}. Använd en annan säkerhetskopia.",
                path.display(),
                f.seq,
                f.reason
            ),
        )
        .with("path", path.display())
        .with("seq", f.seq));
    }
    Ok((report.entries, report.head_hash))
}

/// Backs the store up into `dir`, checks the copy, signs it, then gives it its name; keeps the
/// newest [`KEEP`].
pub fn backup(store: &Store, dir: &Path, device: &Device) -> Result<BackupInfo> {
    backup_keeping(store, dir, device, KEEP)
}

/// As [`backup`], keeping the newest `keep` backups of this store in `dir`.
pub fn backup_keeping(
    store: &Store,
    dir: &Path,
    device: &Device,
    keep: usize,
) -> Result<BackupInfo> {
    std::fs::create_dir_all(dir)?;
    let now = store.now();
    let stamp = now.with_timezone(&chrono::Local).format("%Y%m%d-%H%M%S");
    let mut name = format!("{}-{stamp}.{EXT}", stem(store.path()));
    let mut n = 2;
    while dir.join(&name).exists() {
        name = format!("{}-{stamp}-{n}.{EXT}", stem(store.path()));
        n += 1;
    }
    let target = dir.join(&name);
    let tmp = dir.join(format!(".{name}.skrivs"));
    // An encrypted store is backed up encrypted, under the same key, with its key file beside:
    // the backup opens with the passphrase it was made under.
    let key = crate::crypt::key_for(store.path())?;
    let made = (|| {
        if key.is_some() {
            KeyFile::read_beside(store.path())?.write_beside(&tmp)?;
        }
        {
            let mut dst = rusqlite::Connection::open(&tmp)?;
            if let Some(k) = &key {
                dst.pragma_update(None, "key", &*k.sql_value())?;
            }
            let backup = rusqlite::backup::Backup::new(store.connection(), &mut dst)?;
            backup.run_to_completion(4096, std::time::Duration::ZERO, None)?;
            drop(backup);
            // One self-contained file, not WAL as the store is: reading it to check and seal it,
            // or later from a stick, leaves no -wal and -shm beside it.
            let mode: String =
                dst.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("delete") {
                return Err(Error::storage(format!(
                    "Säkerhetskopian kunde inte göras till en enda fil (journalläge {mode})."
                )));
            }
        }
        std::fs::File::open(&tmp)?.sync_all()?;
        check(&tmp)?;
        let seal = crate::seal::make(&Store::open_read_only(&tmp)?, device)?;
        let seal_file = seal_of(&target);
        let seal_name = seal_file.file_name().unwrap_or_default().to_string_lossy();
        crate::reports::files::put_named(dir, &seal_name, seal.as_bytes())?;
        if key.is_some() {
            std::fs::rename(keyfile::beside(&tmp), keyfile::beside(&target))?;
        }
        std::fs::rename(&tmp, &target)?;
        std::fs::File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if let Err(e) = made {
        for f in [
            tmp.clone(),
            keyfile::beside(&tmp),
            seal_of(&target),
            keyfile::beside(&target),
        ] {
            let _ = std::fs::remove_file(f);
        }
        return Err(e);
    }
    rotate(store.path(), dir, keep.max(1))?;
    Ok(describe(&target))
}

/// One backup as listed: from its checkpoint beside it (checking it whole is `check`).
pub fn describe(path: &Path) -> BackupInfo {
    let mut info = BackupInfo {
        path: path.display().to_string(),
        made_at: String::new(),
        bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
        entries: 0,
        head_hash: String::new(),
        problem: None,
    };
    match std::fs::read_to_string(seal_of(path))
        .ok()
        .and_then(|t| crate::seal::parse(&t).ok())
    {
        Some((c, _, _)) => {
            info.made_at = c.time;
            info.entries = c.entries;
            info.head_hash = c.head_hash;
        }
        None => {
            info.problem = Some("kontrollpunkten bredvid saknas eller går inte att läsa".into())
        }
    }
    info
}

/// The backups of this store in `dir`, newest first.
pub fn list(store: &Path, dir: &Path) -> Vec<BackupInfo> {
    let prefix = format!("{}-", stem(store));
    let paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|e| e == EXT)
                        && p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut list: Vec<BackupInfo> = paths.iter().map(|p| describe(p)).collect();
    // Newest first by the time each was made (two in one second differ only by a suffix).
    list.sort_by(|a, b| (&b.made_at, &b.path).cmp(&(&a.made_at, &a.path)));
    list
}

/// The signed checkpoint kept beside a backup: `<backup file>.kontrollpunkt`.
fn seal_of(backup: &Path) -> PathBuf {
    let name = backup.file_name().unwrap_or_default().to_string_lossy();
    backup.with_file_name(format!("{name}.{SEAL_EXT}"))
}

fn rotate(store: &Path, dir: &Path, keep: usize) -> Result<()> {
    let list = list(store, dir);
    for old in list.iter().skip(keep).map(|b| PathBuf::from(&b.path)) {
        std::fs::remove_file(&old)?;
        let _ = std::fs::remove_file(seal_of(&old));
        let _ = std::fs::remove_file(keyfile::beside(&old));
    }
    Ok(())
}

/// Replaces the store at `live` with `backup`, after checking the backup and making a checked
/// backup of the live store (if there is one) in `dir`. The store must not be open anywhere.
pub fn restore(live: &Path, backup_file: &Path, dir: &Path, device: &Device) -> Result<BackupInfo> {
    let (entries, head) = check(backup_file)?;
    let saved = if live.exists() {
        let current = Store::open_read_only(live)?;
        let copy = backup(&current, dir, device)?;
        drop(current);
        Some(copy)
    } else {
        None
    };
    for side in ["-wal", "-journal"] {
        let mut p = live.as_os_str().to_owned();
        p.push(side);
        let p = PathBuf::from(p);
        if std::fs::metadata(&p).is_ok_and(|m| m.len() > 0) {
            return Err(Error::conflict(format!(
                "{} är öppen i ett annat program (eller stängdes inte rent). Stäng Krisledning och försök igen; inget ändrades.",
                live.display()
            ))
            .with("path", live.display()));
        }
    }
    let tmp = live.with_file_name(format!(
        ".{}.aterstalls",
        live.file_name().unwrap_or_default().to_string_lossy()
    ));
    let encrypted = crate::crypt::is_encrypted(backup_file)?;
    if encrypted {
        KeyFile::read_beside(backup_file)?.write_beside(&tmp)?;
    }
    std::fs::copy(backup_file, &tmp)?;
    std::fs::File::open(&tmp)?.sync_all()?;
    let copied = check(&tmp);
    if let Err(e) = copied.and_then(|(n, h)| {
        if (n, h.as_str()) == (entries, head.as_str()) {
            Ok(())
        } else {
            Err(Error::storage(
                "Kopian blev inte densamma som säkerhetskopian.",
            ))
        }
    }) {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(keyfile::beside(&tmp));
        return Err(e);
    }
    let shm = {
        let mut p = live.as_os_str().to_owned();
        p.push("-shm");
        PathBuf::from(p)
    };
    let _ = std::fs::remove_file(shm);
    let live_dir = live
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The key file goes first: a crash between the two renames leaves the old store whole with
    // a key file it ignores (a plain file is never read with a key), never a store without one.
    if encrypted {
        std::fs::rename(keyfile::beside(&tmp), keyfile::beside(live))?;
        std::fs::File::open(live_dir)?.sync_all()?;
    }
    std::fs::rename(&tmp, live)?;
    std::fs::File::open(live_dir)?.sync_all()?;
    if !encrypted {
        let _ = std::fs::remove_file(keyfile::beside(live));
    }
    crate::store::anchor::accept_restored(&Store::open_read_only(live)?)?;
    Ok(saved.unwrap_or_else(|| describe(backup_file)))
}
