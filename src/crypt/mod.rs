//! Encryption at rest. An encrypted store is a SQLCipher file (AES-256 pages, HMAC per page)
//! keyed with a random 256-bit database key; that key is kept only wrapped, in the key file beside
//! the store, under a key derived from the passphrase (`keyfile`, `kdf`). Unlocking puts the
//! database key in this process's key ring, and every connection to the file takes it from there;
//! locking forgets it. Exercise stores stay plain.
//!
//! Whether a file is encrypted is read from its first bytes, never from the key file: a plain
//! SQLite file starts with its magic string, a SQLCipher file with random salt.

pub mod kdf;
pub mod keyfile;
mod keyring;

use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use rusqlite::Connection;
use zeroize::Zeroizing;

pub use keyfile::KeyFile;

use crate::error::{Error, ErrorCode, Result};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// Shortest passphrase taken: long enough that Argon2id makes guessing slow work.
pub const MIN_PASSPHRASE: usize = 10;
const MAX_PASSPHRASE: usize = 1024;

/// A database key. Zeroed when dropped.
pub struct DbKey(Zeroizing<[u8; 32]>);

impl DbKey {
    pub fn random() -> Result<DbKey> {
        let mut k = Zeroizing::new([0u8; 32]);
        getrandom::fill(k.as_mut())
            .map_err(|e| Error::storage(format!("Slumpkällan gick inte att läsa: {e}")))?;
        Ok(DbKey(k))
    }

    fn from_slice(b: &[u8]) -> Result<DbKey> {
        let mut k = Zeroizing::new([0u8; 32]);
        if b.len() != 32 {
            return Err(Error::invalid("Nyckelfilen är skadad (nyckelns längd)."));
        }
        k.copy_from_slice(b);
        Ok(DbKey(k))
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_ref()
    }

    /// SQLCipher's raw-key form, `x'…'`: used as the key as it is, with no KDF of its own.
    pub fn sql_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.bytes())))
    }
}

/// A passphrase Krisledning takes: long enough, not absurdly long, and no control characters
/// (which a keyboard at the lock screen could not type again).
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    let n = passphrase.chars().count();
    if n < MIN_PASSPHRASE {
        return Err(Error::new(
            ErrorCode::Invalid,
            format!(
                "Lösenfrasen är för kort ({n} tecken). Välj minst {MIN_PASSPHRASE} tecken, gärna \
                 några ord."
            ),
        )
        .with("min", MIN_PASSPHRASE)
        .with("length", n));
    }
    if passphrase.len() > MAX_PASSPHRASE {
        return Err(Error::invalid(format!(
            "Lösenfrasen är för lång (högst {MAX_PASSPHRASE} byte)."
        )));
    }
    if passphrase.chars().any(char::is_control) {
        return Err(Error::invalid(
            "Lösenfrasen innehåller ett styrtecken (t.ex. radbrytning eller tabb). Välj en \
             som går att skriva på tangentbordet.",
        ));
    }
    Ok(())
}

/// `true` when the file is whole SQLCipher pages (4 KiB each) and does not start as plain
/// SQLite does. A text file or a short foreign file is not taken for encrypted: it is refused as
/// not ours when opened.
pub fn is_encrypted(path: &Path) -> Result<bool> {
    let mut head = [0u8; 16];
    let (read, len) = match std::fs::File::open(path) {
        Ok(f) => {
            let len = f.metadata()?.len();
            (f.take(16).read(&mut head)?, len)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(_) if path.is_dir() => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    Ok(read == 16 && len >= PAGE && len % PAGE == 0 && &head != SQLITE_MAGIC)
}

/// SQLCipher 4's page size: an encrypted file is always a whole number of them.
const PAGE: u64 = 4096;

/// The unlocked key of an encrypted file, or `Locked` with what to do. `None` for a plain file.
pub fn key_for(path: &Path) -> Result<Option<Arc<DbKey>>> {
    if !is_encrypted(path)? {
        return Ok(None);
    }
    let file = KeyFile::read_beside(path)?;
    keyring::get(&file.key_id)
        .map(Some)
        .ok_or_else(|| locked(path))
}

fn locked(path: &Path) -> Error {
    Error::new(
        ErrorCode::Locked,
        format!(
            "{} är krypterad och låst. Lås upp med lösenfrasen (`kris unlock` eller i fönstret).",
            path.display()
        ),
    )
    .with("path", path.display())
}

/// Keys a new connection to `path` before anything reads it.
pub fn apply(conn: &Connection, path: &Path) -> Result<()> {
    if let Some(key) = key_for(path)? {
        conn.pragma_update(None, "key", &*key.sql_value())?;
    }
    Ok(())
}

/// What unlocking took: the time is mostly Argon2id and is what `make bench` reports.
#[derive(Debug, Clone, Copy)]
pub struct Unlocked {
    pub millis: u128,
}

/// Unlocks the encrypted file at `path` with `passphrase`: unwraps its key, checks that the key
/// opens the file, and keeps it in the key ring. A plain file needs no unlocking.
pub fn unlock(path: &Path, passphrase: &str) -> Result<Unlocked> {
    let started = Instant::now();
    if !is_encrypted(path)? {
        return Ok(Unlocked { millis: 0 });
    }
    let file = KeyFile::read_beside(path)?;
    let key = file.unwrap_key(passphrase)?;
    // Through `media`, so a store on write-protected media can be unlocked to be read.
    let conn = crate::media::open_read_only(path)?;
    conn.pragma_update(None, "key", &*key.sql_value())?;
    let opens = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    });
    // A wrong key makes the pages unreadable ("not a database"); any other failure is its own.
    if let Err(e) = opens {
        if e.sqlite_error_code() != Some(rusqlite::ErrorCode::NotADatabase) {
            return Err(e.into());
        }
        return Err(Error::new(
            ErrorCode::NotOurDatabase,
            format!(
                "Nyckelfilen bredvid {} hör inte till den databasen (lösenfrasen var rätt för \
                 nyckelfilen). Lägg rätt nyckelfil bredvid, t.ex. den från samma säkerhetskopia.",
                path.display()
            ),
        )
        .with("path", path.display()));
    }
    keyring::insert(&file.key_id, key);
    Ok(Unlocked {
        millis: started.elapsed().as_millis(),
    })
}

/// Keeps `key` unlocked under `id` (a store just encrypted).
pub fn remember(id: &str, key: DbKey) {
    keyring::insert(id, key);
}

/// Forgets the key of the file at `path`; `true` if it was unlocked.
pub fn lock(path: &Path) -> Result<bool> {
    if !is_encrypted(path)? {
        return Ok(false);
    }
    Ok(keyring::remove(&KeyFile::read_beside(path)?.key_id))
}

/// Forgets every key this process holds.
pub fn lock_all() {
    keyring::clear();
}

/// `true` for a plain file, or an encrypted one whose key is unlocked.
pub fn is_open(path: &Path) -> bool {
    key_for(path).is_ok()
}

/// A passphrase as a request carries it: never printed (`Debug` shows stars) and zeroed when
/// dropped.
#[derive(Clone, serde::Deserialize)]
#[serde(transparent)]
pub struct Passphrase(String);

impl Passphrase {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Passphrase {
    fn from(s: &str) -> Self {
        Passphrase(s.to_string())
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

impl Drop for Passphrase {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// Files that belong to an encrypted store (issued reports, printouts) are sealed with a key of
/// their own, derived from the database key (HKDF-SHA256): a lost laptop gives away no report.
pub struct FileCipher(Zeroizing<[u8; 32]>);

const FILE_MAGIC: &[u8; 8] = b"KRISENC1";
const FILE_INFO: &[u8] = b"krisledning/filer/1";

impl FileCipher {
    /// The cipher of the store at `path`: `None` for a plain store, `Locked` if not unlocked.
    pub fn of(path: &Path) -> Result<Option<FileCipher>> {
        let Some(key) = key_for(path)? else {
            return Ok(None);
        };
        let mut k = Zeroizing::new([0u8; 32]);
        hkdf::Hkdf::<sha2::Sha256>::new(None, key.bytes())
            .expand(FILE_INFO, k.as_mut())
            .map_err(|_| Error::storage("Filnyckeln gick inte att härleda."))?;
        Ok(Some(FileCipher(k)))
    }

    /// `KRISENC1 ‖ nonce ‖ XChaCha20-Poly1305(bytes)`, bound to `name` (a file cannot be
    /// passed off as another).
    pub fn seal(&self, name: &str, bytes: &[u8]) -> Result<Vec<u8>> {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce)
            .map_err(|e| Error::storage(format!("Slumpkällan gick inte att läsa: {e}")))?;
        let cipher = chacha20poly1305::XChaCha20Poly1305::new(self.0.as_ref().into());
        let sealed = cipher
            .encrypt(
                chacha20poly1305::XNonce::from_slice(&nonce),
                Payload {
                    msg: bytes,
                    aad: name.as_bytes(),
                },
            )
            .map_err(|_| Error::storage("Filen gick inte att kryptera."))?;
        let mut out = Vec::with_capacity(8 + 24 + sealed.len());
        out.extend_from_slice(FILE_MAGIC);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// The plain bytes of a sealed file, or `None` if it does not open (changed, or another
    /// store's).
    pub fn open(&self, name: &str, sealed: &[u8]) -> Option<Vec<u8>> {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        if !is_sealed(sealed) || sealed.len() < 8 + 24 + 16 {
            return None;
        }
        let cipher = chacha20poly1305::XChaCha20Poly1305::new(self.0.as_ref().into());
        cipher
            .decrypt(
                chacha20poly1305::XNonce::from_slice(&sealed[8..32]),
                Payload {
                    msg: &sealed[32..],
                    aad: name.as_bytes(),
                },
            )
            .ok()
    }
}

/// `true` for a file written by [`FileCipher::seal`].
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(FILE_MAGIC)
}
