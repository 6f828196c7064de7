//! Reading a store on write-protected media (a locked USB stick, a burnt disc, an archive mounted
//! read-only). SQLite reads a WAL file through its `-shm` beside it and must create that file,
//! which it cannot there: the store would not open even to be read.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file at `path` as an SQLite URI with the `query` parameters: every byte but an unreserved
/// ASCII one and `/` is percent-encoded, so å, ä, ö, `#`, `?` and `%` in a folder's name reach the
/// file unchanged.
pub(crate) fn sqlite_uri(path: &Path, query: &str) -> Result<String> {
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

/// The URI to read the store at `path` with when its folder cannot be written: `immutable=1`, so
/// SQLite neither locks nor creates anything. That is right only when nobody has the file open (no
/// `-shm` beside it) and the file alone holds every commit (no `-wal` with content). `None` where
/// the folder is writable or the store is open elsewhere (the usual way works).
pub(crate) fn read_only_uri(path: &Path) -> Result<Option<String>> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if writable(&folder) {
        return Ok(None);
    }
    if sidecar(path, "-shm").exists() {
        // Another user's program may have the store open and be writing it (a WAL connection
        // always has its `-shm`): read the usual way, which SQLite does through an existing
        // `-shm` even where it cannot write (since 3.22). Immutable would read torn pages.
        return Ok(None);
    }
    let wal = sidecar(path, "-wal");
    if !std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return sqlite_uri(path, "immutable=1").map(Some);
    }
    Err(Error::storage(format!(
        "{} ligger på ett skrivskyddat medium, och de senaste ändringarna finns bara i {}. \
         Kopiera båda filerna till en skrivbar katalog och öppna kopian; originalet lämnas orört.",
        path.display(),
        wal.display()
    ))
    .with("path", path.display()))
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
