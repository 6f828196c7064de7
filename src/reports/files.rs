//! The issued files, kept beside the store under their SHA-256 (`<store>.rapporter/<sha>.pdf`):
//! the entry names the hash, the name is the hash, so a file that was changed or swapped is found
//! out when it is opened, and two issues of identical bytes share one file.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

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

/// Writes `bytes` durably before any entry names them, so a crash never leaves an entry pointing
/// at half a file. Returns the SHA-256.
pub fn put(store: &Path, bytes: &[u8], ext: &str) -> Result<String> {
    let sha = sha256_hex(bytes);
    let target = path_of(store, &sha, ext);
    if !std::fs::read(&target).is_ok_and(|old| sha256_hex(&old) == sha) {
        put_named(&folder(store), &format!("{sha}.{ext}"), bytes)?;
    }
    Ok(sha)
}

/// Writes `dir/name` whole or not at all: a temporary file, fsync, rename, fsync of the folder.
pub fn put_named(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let target = dir.join(name);
    std::fs::create_dir_all(dir).map_err(|e| storage(dir, &e))?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)?;
        std::fs::File::open(dir)?.sync_all()
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        storage(&target, &e)
    })?;
    Ok(target)
}

/// The path of an issued file after checking it still hashes to what the entry says.
pub fn checked(store: &Path, sha: &str, ext: &str, title: &str) -> Result<PathBuf> {
    let path = path_of(store, sha, ext);
    let bytes = std::fs::read(&path).map_err(|e| {
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
    let dir = folder(store).canonicalize().map_err(|_| refuse())?;
    let file = candidate.canonicalize().map_err(|_| refuse())?;
    if file.starts_with(&dir) && file.is_file() {
        Ok(file)
    } else {
        Err(refuse())
    }
}
