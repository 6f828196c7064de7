//! The passphrase to key-encryption-key step: Argon2id with the parameters RFC 9106 §4 gives as
//! its second recommended option (64 MiB, three passes, four lanes), which a laptop finishes well
//! inside a second while every guess costs an attacker the same 64 MiB.

use argon2::{Algorithm, Argon2, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Params {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over the memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

/// RFC 9106 §4, second recommended option.
pub const RFC9106_SECOND: Params = Params {
    m_kib: 64 * 1024,
    t: 3,
    p: 4,
};

impl Params {
    /// A key file may only name parameters in this range: below it a stolen file is cheap to
    /// attack, above it one crafted file would take the laptop's memory or minutes to open.
    pub fn check(self) -> Result<Self> {
        let ok = (19 * 1024..=1024 * 1024).contains(&self.m_kib)
            && (1..=10).contains(&self.t)
            && (1..=16).contains(&self.p);
        if ok {
            Ok(self)
        } else {
            Err(Error::invalid(format!(
                "Nyckelfilen anger Argon2id-parametrar utanför det tillåtna (m={} KiB, t={}, p={}). \
                 Filen är skadad eller ändrad: använd nyckelfilen från en säkerhetskopia.",
                self.m_kib, self.t, self.p
            )))
        }
    }
}

/// The 32-byte key-encryption key for `passphrase` and `salt`.
pub fn derive(passphrase: &str, salt: &[u8], params: Params) -> Result<Zeroizing<[u8; 32]>> {
    let params = params.check()?;
    let argon = Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        argon2::Params::new(params.m_kib, params.t, params.p, Some(32)).map_err(|e| {
            Error::invalid(format!("Argon2id-parametrarna går inte att använda: {e}"))
        })?,
    );
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| Error::storage(format!("Nyckelhärledningen misslyckades: {e}")))?;
    Ok(out)
}
