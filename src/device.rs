//! This installation's signing key (Ed25519): made once, kept in a file only its user can read,
//! and named so a person can tell devices apart on paper. It signs checkpoints (`seal`); the
//! public half is handed out as a verifier key in the C2SP `vkey` form
//! (`name+keyhash+base64(0x01 ‖ public key)`), which anyone can check a checkpoint with.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};

const HEADER: &str = "krisledning-enhetsnyckel-1";
/// The C2SP signed-note algorithm byte for Ed25519.
const ED25519: u8 = 0x01;
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

pub struct Device {
    pub name: String,
    key: SigningKey,
}

/// What `kris device show` prints and a verifier needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeviceInfo {
    pub name: String,
    /// The verifier key: give it to whoever checks this device's checkpoints.
    pub vkey: String,
    /// The key hash in hex (4 bytes), printed beside signatures.
    pub key_id: String,
    pub path: String,
}

/// `KRIS_DEVICE_DIR`, else the user's data directory.
pub fn dir() -> Result<PathBuf> {
    if let Some(d) = std::env::var_os("KRIS_DEVICE_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d));
    }
    directories::ProjectDirs::from("se", "Krisledning", "krisledning")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::storage("Hittar ingen hemkatalog för enhetsnyckeln. Ange KRIS_DEVICE_DIR.")
        })
}

/// A name a signature line can carry: no spaces, no `+` (C2SP key names).
fn key_name(host: &str) -> String {
    let clean: String = host
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .take(48)
        .collect();
    let clean = clean.trim_matches('-');
    format!(
        "krisledning-{}",
        if clean.is_empty() { "dator" } else { clean }
    )
}

fn host_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_default()
}

/// The key hash of a verifier key: the first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ key).
pub fn key_hash(name: &str, public: &VerifyingKey) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([ED25519]);
    h.update(public.as_bytes());
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

impl Device {
    /// This installation's key, made the first time (in `dir`).
    pub fn load_or_create() -> Result<Device> {
        let path = dir()?.join("enhet.nyckel");
        if path.exists() {
            return Self::load(&path);
        }
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| Error::storage(format!("Ingen slumpkälla för enhetsnyckeln: {e}")))?;
        let device = Device {
            name: key_name(&host_name()),
            key: SigningKey::from_bytes(&seed),
        };
        device.save(&path)?;
        // Two processes starting at once both make a key; the first one linked in is the key.
        Self::load(&path)
    }

    fn load(path: &Path) -> Result<Device> {
        let bad = || {
            Error::storage(format!(
                "Enhetsnyckeln {} går inte att läsa. Flytta filen åt sidan så görs en ny (gamla \
                 kontrollpunkter går då bara att pröva med den gamla nyckelns verifieringsnyckel).",
                path.display()
            ))
            .with("path", path.display())
        };
        let text = std::fs::read_to_string(path).map_err(|_| bad())?;
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Err(bad());
        }
        let name = lines
            .next()
            .filter(|n| !n.is_empty() && !n.contains([' ', '+']))
            .ok_or_else(bad)?;
        let seed: [u8; 32] = lines
            .next()
            .and_then(|s| B64.decode(s).ok())
            .and_then(|b| b.try_into().ok())
            .ok_or_else(bad)?;
        Ok(Device {
            name: name.to_string(),
            key: SigningKey::from_bytes(&seed),
        })
    }

    fn save(&self, path: &Path) -> Result<()> {
        use std::os::unix::fs::OpenOptionsExt;
        if let Some(d) = path.parent() {
            std::fs::create_dir_all(d)?;
        }
        let tmp = path.with_extension(format!("ny-{}", uuid::Uuid::now_v7()));
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        writeln!(
            f,
            "{HEADER}\n{}\n{}",
            self.name,
            B64.encode(self.key.to_bytes())
        )?;
        f.sync_all()?;
        // Never over a key another process made meanwhile: the first one stays.
        std::fs::hard_link(&tmp, path).or_else(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Ok(()),
            _ => Err(e),
        })?;
        std::fs::remove_file(&tmp)?;
        Ok(())
    }

    pub fn public(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    pub fn vkey(&self) -> String {
        let mut bytes = vec![ED25519];
        bytes.extend_from_slice(self.public().as_bytes());
        format!(
            "{}+{}+{}",
            self.name,
            hex::encode(key_hash(&self.name, &self.public())),
            B64.encode(bytes)
        )
    }

    pub fn info(&self) -> Result<DeviceInfo> {
        Ok(DeviceInfo {
            name: self.name.clone(),
            vkey: self.vkey(),
            key_id: hex::encode(key_hash(&self.name, &self.public())),
            path: dir()?.join("enhet.nyckel").display().to_string(),
        })
    }

    /// The signature line of a signed note over `text`: `— name base64(keyhash ‖ signature)`.
    pub fn sign_line(&self, text: &str) -> String {
        let sig = self.key.sign(text.as_bytes());
        let mut bytes = key_hash(&self.name, &self.public()).to_vec();
        bytes.extend_from_slice(&sig.to_bytes());
        format!("— {} {}", self.name, B64.encode(bytes))
    }
}

/// A verifier key read from its `vkey` text.
#[derive(Debug, Clone)]
pub struct Verifier {
    pub name: String,
    pub hash: [u8; 4],
    pub key: VerifyingKey,
}

impl Verifier {
    pub fn parse(vkey: &str) -> Result<Verifier> {
        let bad = || {
            Error::invalid(format!(
                "\"{}\" är ingen verifieringsnyckel. Den ser ut som namn+8 hexsiffror+base64, så som `kris device show` skriver den.",
                crate::text::preview(vkey)
            ))
        };
        let mut parts = vkey.trim().splitn(3, '+');
        let (name, hash, key) = (
            parts.next().ok_or_else(bad)?,
            parts.next().ok_or_else(bad)?,
            parts.next().ok_or_else(bad)?,
        );
        let bytes = B64.decode(key).map_err(|_| bad())?;
        if bytes.len() != 33 || bytes[0] != ED25519 {
            return Err(bad());
        }
        let key_bytes: [u8; 32] = bytes[1..].try_into().map_err(|_| bad())?;
        let key = VerifyingKey::from_bytes(&key_bytes).map_err(|_| bad())?;
        let hash: [u8; 4] = hex::decode(hash)
            .ok()
            .and_then(|h| h.try_into().ok())
            .ok_or_else(bad)?;
        if key_hash(name, &key) != hash {
            return Err(bad());
        }
        Ok(Verifier {
            name: name.to_string(),
            hash,
            key,
        })
    }

    /// Whether `line` is this key's valid signature over `text`.
    pub fn verifies(&self, text: &str, line: &str) -> bool {
        let Some((name, sig)) = line.strip_prefix("— ").and_then(|l| l.split_once(' ')) else {
            return false;
        };
        let Ok(bytes) = B64.decode(sig.trim()) else {
            return false;
        };
        if name != self.name || bytes.len() != 68 || bytes[..4] != self.hash {
            return false;
        }
        let Ok(sig) = ed25519_dalek::Signature::from_slice(&bytes[4..]) else {
            return false;
        };
        self.key.verify_strict(text.as_bytes(), &sig).is_ok()
    }
}

impl Device {
    pub fn verifier(&self) -> Verifier {
        Verifier {
            name: self.name.clone(),
            hash: key_hash(&self.name, &self.public()),
            key: self.public(),
        }
    }
}
