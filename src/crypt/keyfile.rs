//! The key file beside an encrypted store (`<file>.nyckel`): the store's random database key,
//! wrapped (XChaCha20-Poly1305) under a key derived from the passphrase. Changing the passphrase
//! rewrites this small file and leaves the database as it is. The format, the key id, the KDF and
//! its parameters are bound to the wrapped key as associated data: a file whose parameters were
//! lowered, or whose id was swapped, does not open.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::kdf::{self, Params};
use super::DbKey;
use crate::error::{io_reason, Error, ErrorCode, Result};

const FORMAT: &str = "krisledning/nyckelfil/1";
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;
/// A key file is a few hundred bytes; anything much larger is not one.
const MAX_BYTES: u64 = 16 * 1024;
pub const EXT: &str = "nyckel";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    pub format: String,
    /// Names the database key (not the passphrase): the same in every backup of the store.
    pub key_id: String,
    pub kdf: String,
    pub params: Params,
    pub salt: String,
    pub aead: String,
    pub nonce: String,
    pub wrapped: String,
}

/// `<database file>.nyckel`.
pub fn beside(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(EXT);
    db.with_file_name(name)
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b)
        .map_err(|e| Error::storage(format!("Slumpkällan gick inte att läsa: {e}")))?;
    Ok(b)
}

fn damaged(what: &str) -> Error {
    Error::invalid(format!(
        "Nyckelfilen är skadad ({what}). Använd nyckelfilen från en säkerhetskopia."
    ))
}

impl KeyFile {
    fn aad(&self) -> String {
        let p = self.params;
        format!(
            "{}\n{}\n{} v19 m={} t={} p={}\n{}\n{}",
            self.format, self.key_id, self.kdf, p.m_kib, p.t, p.p, self.salt, self.aead
        )
    }

    /// Wraps `key` under `passphrase` with a fresh salt and nonce.
    pub fn wrap(key_id: &str, key: &DbKey, passphrase: &str) -> Result<KeyFile> {
        super::check_passphrase(passphrase)?;
        let salt: [u8; 16] = random()?;
        let nonce: [u8; 24] = random()?;
        let mut file = KeyFile {
            format: FORMAT.into(),
            key_id: key_id.into(),
            kdf: "argon2id".into(),
            params: kdf::RFC9106_SECOND,
            salt: B64.encode(salt),
            aead: "xchacha20poly1305".into(),
            nonce: B64.encode(nonce),
            wrapped: String::new(),
        };
        let kek = kdf::derive(passphrase, &salt, file.params)?;
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let aad = file.aad();
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: key.bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| Error::storage("Nyckeln gick inte att kryptera."))?;
        file.wrapped = B64.encode(sealed);
        Ok(file)
    }

    /// The database key, if `passphrase` is the one it was wrapped under.
    pub fn unwrap_key(&self, passphrase: &str) -> Result<DbKey> {
        if self.format != FORMAT || self.kdf != "argon2id" || self.aead != "xchacha20poly1305" {
            return Err(damaged("okänt format"));
        }
        let salt = B64.decode(&self.salt).map_err(|_| damaged("salt"))?;
        let nonce = B64.decode(&self.nonce).map_err(|_| damaged("nonce"))?;
        let sealed = B64.decode(&self.wrapped).map_err(|_| damaged("nyckel"))?;
        if salt.len() < 16 || nonce.len() != 24 || sealed.len() != 32 + 16 {
            return Err(damaged("längd"));
        }
        let kek = kdf::derive(passphrase, &salt, self.params)?;
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let aad = self.aad();
        let plain = Zeroizing::new(
            cipher
                .decrypt(
                    XNonce::from_slice(&nonce),
                    Payload {
                        msg: &sealed,
                        aad: aad.as_bytes(),
                    },
                )
                .map_err(|_| {
                    Error::new(
                        ErrorCode::WrongPassphrase,
                        "Fel lösenfras. Försök igen; skiftläge och å, ä, ö räknas.",
                    )
                })?,
        );
        DbKey::from_slice(&plain)
    }

    /// Reads the key file beside `db`.
    pub fn read_beside(db: &Path) -> Result<KeyFile> {
        let path = beside(db);
        let text = (|| -> std::io::Result<String> {
            let f = std::fs::File::open(&path)?;
            let mut text = String::new();
            f.take(MAX_BYTES + 1).read_to_string(&mut text)?;
            Ok(text)
        })()
        .map_err(|e| {
            let why = if e.kind() == std::io::ErrorKind::NotFound {
                "saknas".to_string()
            } else {
                format!("går inte att läsa: {}", io_reason(&e))
            };
            Error::new(
                ErrorCode::Locked,
                format!(
                    "{} ser ut som en krypterad databas men nyckelfilen {} {why}. Lägg \
                     nyckelfilen bredvid databasen (den finns med varje säkerhetskopia) och \
                     försök igen. Är filen inte en Krisledning-databas, välj rätt fil.",
                    db.display(),
                    path.display()
                ),
            )
            .with("path", path.display())
        })?;
        if text.len() as u64 > MAX_BYTES {
            return Err(damaged("för stor"));
        }
        let file: KeyFile = serde_json::from_str(&text).map_err(|_| damaged("inte JSON"))?;
        file.params.check()?;
        Ok(file)
    }

    /// Writes this key file beside `db`, whole or not at all, readable by its owner only.
    pub fn write_beside(&self, db: &Path) -> Result<PathBuf> {
        use std::os::unix::fs::OpenOptionsExt;
        let target = beside(db);
        let dir = target
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let tmp = dir.join(format!(
            ".{}.{}.tmp",
            target.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id()
        ));
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::storage(format!("Nyckelfilen gick inte att skriva: {e}")))?;
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .open(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            std::fs::rename(&tmp, &target)?;
            std::fs::File::open(&dir)?.sync_all()
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::storage(format!(
                "Nyckelfilen {} gick inte att skriva: {}. Inget ändrades.",
                target.display(),
                io_reason(&e)
            ))
        })?;
        Ok(target)
    }
}
