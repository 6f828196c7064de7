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
/// SQLite neither locks nor creates anything. That is right only when the file alone holds every
/// commit, that is when no `-wal` with content lies beside it; nobody can write there, so nothing
/// changes under the reader. `None` where the folder is writable (the usual way works).
pub(crate) fn read_only_uri(path: &Path) -> Result<Option<String>> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if writable(&folder) {
        return Ok(None);
    }
    let wal = sidecar(path, "-wal");
    let unfolded = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    if !unfolded {
        return sqlite_uri(path, "immutable=1").map(Some);
    }
    if sidecar(path, "-shm").exists() {
        // SQLite reads a WAL whose `-shm` exists even where it cannot write (since 3.22).
        return Ok(None);
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
