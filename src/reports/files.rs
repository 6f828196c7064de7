//! The issued files, kept beside the store under their SHA-256 (`<store>.rapporter/<sha>.pdf`):
//! the entry names the hash, the name is the hash, so a file that was changed or swapped is found
//! out when it is opened, and two issues of identical bytes share one file.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::crypt::FileCipher;
use crate::error::{io_reason, Error, Result};

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The folder of a store's issued reports.
pub fn folder(store: &Path) -> PathBuf {
    store.with_extension("rapporter")
}

fn path_of(store: &Path, sha: &str, ext: &str) -> PathBuf {
    folder(store).join(format!("{sha}.{ext}"))
}

fn storage(what: &Path, e: &std::io::Error) -> Error {
    Error::storage(format!(
        "Rapportfilen {} kunde inte sparas: {}. Inget har förts in i journalen; försök igen när det är ordnat.",
        what.display(),
        io_reason(e)
    ))
    .with("path", what.display())
    // The window's English says the reason as the system does (the message has it in Swedish).
    .with("io_error", e.kind())
}

/// Where the files of an encrypted store are put in plain for the desktop viewer and the
/// printer: the user's runtime folder (in memory, gone at logout), emptied when the window locks.
pub fn view_dir() -> PathBuf {
    std::env::var_os("XDG_RUNTIME_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(std::env::temp_dir, PathBuf::from)
        .join(format!("krisledning-visning-{}", std::process::id()))
}

fn ensure_view_dir() -> Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let dir = view_dir();
    std::fs::create_dir_all(&dir).map_err(|e| storage(&dir, &e))?;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| storage(&dir, &e))?;
    Ok(dir)
}

/// Removes every plain copy shown or printed from an encrypted store (on lock and on close).
pub fn forget_views() {
    let _ = std::fs::remove_dir_all(view_dir());
}

/// Where a printout of the store goes: beside its reports, or for an encrypted store only in
/// the view folder, never in plain on the disk.
pub fn print_dir(store: &Path) -> Result<PathBuf> {
    if crate::crypt::is_encrypted(store)? {
        Ok(ensure_view_dir()?.join("utskrifter"))
    } else {
        Ok(folder(store).join("utskrifter"))
    }
}

/// The plain bytes of a kept file: as they are, or opened with the store's file key.
fn plain(cipher: Option<&FileCipher>, name: &str, bytes: Vec<u8>) -> Option<Vec<u8>> {
    if crate::crypt::is_sealed(&bytes) {
        cipher?.open(name, &bytes)
    } else {
        Some(bytes)
    }
}

/// Writes `bytes` durably before any entry names them, so a crash never leaves an entry pointing
/// at half a file; sealed with the store's file key if the store is encrypted. Returns the
/// SHA-256 of the plain bytes.
pub fn put(store: &Path, bytes: &[u8], ext: &str) -> Result<String> {
    let sha = sha256_hex(bytes);
    let name = format!("{sha}.{ext}");
    let cipher = FileCipher::of(store)?;
    let kept = std::fs::read(path_of(store, &sha, ext))
        .ok()
        .and_then(|old| plain(cipher.as_ref(), &name, old))
        .is_some_and(|old| sha256_hex(&old) == sha);
    if !kept {
        match &cipher {
            Some(c) => put_named(&folder(store), &name, &c.seal(&name, bytes)?)?,
            None => put_named(&folder(store), &name, bytes)?,
        };
    }
    Ok(sha)
}

/// Seals the store's kept files that are still plain (issued before it was encrypted), each
/// replaced whole; a crash halfway leaves some sealed and some plain, and both open.
pub fn seal_existing(store: &Path) -> Result<usize> {
    let Some(cipher) = FileCipher::of(store)? else {
        return Ok(0);
    };
    let dir = folder(store);
    let mut sealed = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !path.is_file() || name.starts_with('.') {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| storage(&path, &e))?;
        if !crate::crypt::is_sealed(&bytes) {
            put_named(&dir, &name, &cipher.seal(&name, &bytes)?)?;
            sealed += 1;
        }
    }
    // Printouts were made to be printed; an encrypted store keeps none on the disk.
    let _ = std::fs::remove_dir_all(dir.join("utskrifter"));
    Ok(sealed)
}

/// Writes `dir/name` whole or not at all: a temporary file, fsync, rename, fsync of the folder.
pub fn put_named(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    write_whole(dir, name, bytes, |tmp, target| {
        std::fs::rename(tmp, target).map(|()| true)
    })
}

/// As `put_named`, but never over a file already there: a printout made in the same second as
/// another (a numbered copy is in the register) gets `-2`, `-3` … before its extension.
pub fn put_new(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    write_whole(dir, name, bytes, place_new)
}

/// Writes `bytes` to a temporary file in `dir`, synced, then hands it to `place` under `name`
/// (or, when `place` declines a name, the next numbered one), and syncs the directory.
fn write_whole(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    place: fn(&Path, &Path) -> std::io::Result<bool>,
) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| storage(dir, &e))?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<PathBuf> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        for n in 1..=999 {
            let candidate = match n {
                1 => dir.join(name),
                n if ext.is_empty() => dir.join(format!("{stem}-{n}")),
                n => dir.join(format!("{stem}-{n}.{ext}")),
            };
            if place(&tmp, &candidate)? {
                std::fs::File::open(dir)?.sync_all()?;
                return Ok(candidate);
            }
        }
        Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "för många filer med samma namn",
        ))
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        storage(&dir.join(name), &e)
    })
}

/// Moves `tmp` to `target` unless `target` exists. A hard link refuses an existing name
/// atomically; a file system without links (FAT on a USB stick) falls back to a check first.
fn place_new(tmp: &Path, target: &Path) -> std::io::Result<bool> {
    match std::fs::hard_link(tmp, target) {
        Ok(()) => std::fs::remove_file(tmp).map(|()| true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(_) if target.exists() => Ok(false),
        Err(_) => std::fs::rename(tmp, target).map(|()| true),
    }
}

/// The path of an issued file after checking it still hashes to what the entry says. A sealed
/// file (an encrypted store's) is opened into the view folder and that plain copy's path given.
pub fn checked(store: &Path, sha: &str, ext: &str, title: &str) -> Result<PathBuf> {
    let path = path_of(store, sha, ext);
    let name = format!("{sha}.{ext}");
    let raw = std::fs::read(&path).map_err(|e| {
        Error::not_found(format!(
            "Filen till {title} finns inte längre ({}: {}). Journalen har kvar dess SHA-256 {sha}; \
             en kopia med samma summa är samma rapport.",
            path.display(),
            io_reason(&e)
        ))
        .with("path", path.display())
        .with("sha256", sha)
        .with("title", title)
    })?;
    let sealed = crate::crypt::is_sealed(&raw);
    let cipher = if sealed { FileCipher::of(store)? } else { None };
    let bytes = plain(cipher.as_ref(), &name, raw).unwrap_or_default();
    let found = sha256_hex(&bytes);
    if found != sha {
        return Err(Error::new(
            crate::error::ErrorCode::ChainBroken,
            format!(
                "Filen till {title} har ändrats sedan den utfärdades: SHA-256 är {found}, journalen \
                 säger {sha}. Använd inte filen; ta fram en kopia som stämmer."
            ),
        )
        .with("path", path.display())
        .with("sha256", sha)
        .with("found", found));
    }
    if sealed {
        return put_named(&ensure_view_dir()?, &name, &bytes);
    }
    Ok(path)
}

/// `candidate` if it is a file inside the store's report folder: the window may ask the desktop to
/// open what the store made, and nothing else on the disk.
pub fn inside(store: &Path, candidate: &Path) -> Result<PathBuf> {
    let refuse = || {
        Error::invalid(format!(
            "{} är ingen rapport från den här databasen och öppnas inte.",
            candidate.display()
        ))
        .with("path", candidate.display())
    };
    let file = candidate.canonicalize().map_err(|_| refuse())?;
    let within = |dir: PathBuf| dir.canonicalize().is_ok_and(|d| file.starts_with(d));
    if (within(folder(store)) || within(view_dir())) && file.is_file() {
        Ok(file)
    } else {
        Err(refuse())
    }
}
