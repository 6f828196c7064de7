//! The head (seq, hash) this computer last saw of each store, kept outside the database file. A
//! chain that lost its end (rows deleted, a `-wal` lost after a crash) or was rewritten and
//! rehashed verifies on its own; compared with a head seen earlier it does not.

use std::path::PathBuf;

use rusqlite::OptionalExtension;

use super::Store;
use crate::error::{Error, ErrorCode, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub seq: i64,
    pub hash: String,
}

impl Anchor {
    /// `SEQ:HASH`, as printed by `kris status` and taken by `kris verify --expect`.
    pub fn parse(s: &str) -> Result<Anchor> {
        let bad = || {
            Error::invalid(format!(
                "\"{}\" är ingen förankring. Skriv den som SEQ:HASH, t.ex. 42:9f86d0…, så som \
                 `kris status` visar den.",
                crate::domain::validate::preview(s)
            ))
        };
        let (seq, hash) = s.trim().split_once(':').ok_or_else(bad)?;
        let seq: i64 = seq.parse().map_err(|_| bad())?;
        let hash = hash.to_ascii_lowercase();
        if seq < 0 || hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(Anchor { seq, hash })
    }
}

/// `KRIS_ANCHOR_DIR`, else the user's state directory: never beside the database, whose loss or
/// edit it must survive.
fn dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("KRIS_ANCHOR_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    let dirs = directories::ProjectDirs::from("se", "Krisledning", "krisledning")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .join("anchors"),
    )
}

/// The device that wrote the first entry this file received, if there is one.
pub(super) fn first_device(store: &Store) -> Result<Option<String>> {
    Ok(store
        .connection()
        .query_row("SELECT device_id FROM journal WHERE n = 1", [], |r| {
            r.get(0)
        })
        .optional()?)
}

fn file(store: &Store) -> Option<PathBuf> {
    // The store's identity: a copy of the file shares it, and an older copy should be noticed as
    // one. Taken from the chain's first entry, which its hash protects, so an edit of `meta`
    // cannot move the store away from the head remembered for it; `meta` only names a store
    // that has no entry yet. Either way a UUID, never a path.
    // A store whose first entry came from another laptop (a bundle, a package) is its own store,
    // not that laptop's: it is remembered under its own id.
    let first = first_device(store).ok().flatten();
    let arrived = store.meta("first_arrival").ok().flatten();
    let id = match first {
        Some(f) if arrived.as_deref() != Some(f.as_str()) => f,
        _ => store.device_id().to_string(),
    };
    let id = uuid::Uuid::parse_str(&id).ok()?;
    // An exercise copied from a package on this computer shares its original's first entry; it
    // is remembered under the head it was copied at, so neither looks cut short or rewritten by
    // the other. Only exercise stores: a real record cannot escape its remembered head through
    // `meta` (its entries all say "real", which verify holds it to).
    let copy = (store.workspace() == "exercise")
        .then(|| store.meta("copy_of").ok().flatten())
        .flatten()
        .filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    let name = match copy {
        Some(head) => format!("{id}-kopia-{}.head", &head[..16]),
        None => format!("{id}.head"),
    };
    Some(dir()?.join(name))
}

fn load(store: &Store) -> Option<Anchor> {
    let text = std::fs::read_to_string(file(store)?).ok()?;
    Anchor::parse(text.lines().next()?).ok()
}

fn head(store: &Store) -> Result<Anchor> {
    let s = store.status()?;
    Ok(Anchor {
        seq: s.entries,
        hash: s.head_hash,
    })
}

/// Compares the chain with `expected`: `None` when the chain still holds that entry unchanged.
pub fn compare(store: &Store, expected: &Anchor) -> Result<Option<Error>> {
    if expected.seq == 0 {
        // Before the first entry there is only the genesis value; anything else is a typo.
        if expected.hash == crate::journal::GENESIS_HASH {
            return Ok(None);
        }
        return Err(Error::invalid(
            "Förankringen 0 kan bara ha 64 nollor som hash (före första posten). Kontrollera \
             utskriften.",
        ));
    }
    let at: Option<String> = store
        .connection()
        .query_row(
            "SELECT hash FROM journal WHERE device_id = ?1 AND seq = ?2",
            rusqlite::params![store.device_id(), expected.seq],
            |r| r.get(0),
        )
        .optional()?;
    let head = head(store)?;
    let problem = match at {
        None => format!(
            "KEDJAN ÄR KORTARE än förut: {} poster, men post {} med hash {} har setts tidigare. \
             Poster kan ha tagits bort eller gått förlorade. Använd inte filen som underlag; \
             jämför med säkerhetskopian.",
            head.seq, expected.seq, expected.hash
        ),
        Some(h) if h != expected.hash => format!(
            "KEDJAN SKILJER SIG från den som setts tidigare: post {} har hash {h}, väntade {}. \
             Journalen har skrivits om. Använd inte filen som underlag; jämför med säkerhetskopian.",
            expected.seq, expected.hash
        ),
        Some(_) => return Ok(None),
    };
    Ok(Some(
        Error::new(ErrorCode::AnchorMismatch, problem)
            .with("expected_seq", expected.seq)
            .with("expected_hash", &expected.hash)
            .with("entries", head.seq)
            .with("head_hash", head.hash),
    ))
}

/// Checks the store against the head remembered for it and, when it still extends that head,
/// remembers the current one.
pub(super) fn check_and_remember(store: &Store) -> Result<Option<Error>> {
    if let Some(seen) = load(store) {
        if let Some(warning) = compare(store, &seen)? {
            return Ok(Some(warning));
        }
    }
    let _ = remember(store);
    Ok(None)
}

/// Best effort: a read-only home directory must not stop anyone from working.
pub(super) fn remember(store: &Store) -> Result<()> {
    let Some(path) = file(store) else {
        return Ok(());
    };
    let head = head(store)?;
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, format!("{}:{}\n", head.seq, head.hash))?;
    std::fs::rename(&tmp, &path)?;
    Ok(())
}

/// After a deliberate restore the store is the one a person chose: its head becomes the head
/// remembered for it, so it is not reported as cut short ever after. What came after it is in the
/// backup the restore made first.
pub fn accept_restored(store: &Store) -> Result<()> {
    remember(store)
}
