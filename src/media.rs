//! Where an SQLite file lies: its name as a URI, and reading it on write-protected media (a locked
//! USB stick, a burnt disc, an archive mounted read-only). SQLite reads a WAL file through a
//! `-shm` beside it and must create that file, which it cannot there: without this the store
//! would not open even to be read. It knows nothing of what the file holds.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

/// The file at `path` as an SQLite URI with the `query` parameters: every byte but an unreserved
/// ASCII one and `/` is percent-encoded, so å, ä, ö, `#`, `?` and `%` in a folder's name reach the
/// file unchanged.
pub fn sqlite_uri(path: &Path, query: &str) -> Result<String> {
    let abs = std::path::absolute(path)?;
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(abs.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = abs.to_string_lossy().into_owned().into_bytes();
    Ok(format!(
        "file:{}?{query}",
        crate::text::percent_encoded(&bytes)
    ))
}

/// Opens the file at `path` read-only, as immutable where [`read_only_uri`] says so.
pub fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Ok(match read_only_uri(path)? {
        Some(uri) => Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?,
        None => Connection::open_with_flags(path, flags)?,
    })
}

/// The URI to read the file at `path` with when its folder cannot be written: `immutable=1`, so
/// SQLite neither locks nor creates anything. That is right only when nobody has the file open
/// and the file alone holds every commit:
/// - no `-wal`: a WAL connection keeps its `-wal` while open, so a `-shm` alone is a crash's
///   leftover;
/// - an empty `-wal` and no `-shm`.
///
/// A `-wal` and a `-shm` (another user's program may be writing) are read the usual way, which
/// SQLite does through an existing `-shm` even where it cannot write (since 3.22); immutable
/// would read torn pages. A `-wal` with commits and no `-shm`, or a rollback `-journal` with
/// content, is refused by name: reading past it would show the record as it was before them.
/// `None` where the folder is writable. A symbolic link is followed first, as SQLite does: the
/// sidecars lie beside the real file.
pub fn read_only_uri(path: &Path) -> Result<Option<String>> {
    let Ok(real) = std::fs::canonicalize(path) else {
        return Ok(None);
    };
    let folder = real.parent().unwrap_or(Path::new("/"));
    if writable(folder) {
        return Ok(None);
    }
    let size = |suffix| std::fs::metadata(sidecar(&real, suffix)).map(|m| m.len());
    let journal = sidecar(&real, "-journal");
    if size("-journal").is_ok_and(|n| n > 0) {
        return Err(unread_commits(path, &journal));
    }
    let shm = sidecar(&real, "-shm").exists();
    match size("-wal") {
        Err(_) => sqlite_uri(&real, "immutable=1").map(Some),
        Ok(0) if !shm => sqlite_uri(&real, "immutable=1").map(Some),
        Ok(_) if shm => Ok(None),
        Ok(_) => Err(unread_commits(path, &sidecar(&real, "-wal"))),
    }
}

fn unread_commits(path: &Path, beside: &Path) -> Error {
    Error::storage(format!(
        "{} ligger på ett skrivskyddat medium, och de senaste ändringarna finns bara i {}. \
         Kopiera båda filerna till en skrivbar katalog och öppna kopian; originalet lämnas orört.",
        path.display(),
        beside.display()
    ))
    .with("path", path.display())
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether this user may create a file in `folder`: its permissions and a read-only mount both
/// count.
fn writable(folder: &Path) -> bool {
    #[cfg(unix)]
    {
        rustix::fs::access(folder, rustix::fs::Access::WRITE_OK).is_ok()
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(folder).is_ok_and(|m| !m.permissions().readonly())
    }
}
