//! `kris unlock`, `kris encrypt` and `kris passphrase set|change`, and the unlocking every other
//! command does first when the store is encrypted. A passphrase is read from the terminal without
//! echo; scripts and tests may give it in `KRIS_PASSPHRASE` (and a new one in
//! `KRIS_NEW_PASSPHRASE`), which other programs of the same user can read: never on a shared
//! machine.

use std::path::Path;

use clap::Subcommand;
use krisledning::{crypt, vault, Error, ErrorCode, Result};
use zeroize::Zeroizing;

#[derive(Subcommand)]
pub enum PassphraseCmd {
    /// Sätt en första lösenfras: krypterar databasen (som `kris encrypt`)
    Set,
    /// Byt lösenfras; databasen krypteras inte om, bara nyckelfilen skrivs om
    Change,
}

fn from_env(var: &str) -> Option<Zeroizing<String>> {
    std::env::var(var)
        .ok()
        .filter(|v| !v.is_empty())
        .map(Zeroizing::new)
}

fn prompt(text: &str) -> Result<Zeroizing<String>> {
    rpassword::prompt_password(text)
        .map(Zeroizing::new)
        .map_err(|_| {
            Error::new(
                ErrorCode::Locked,
                "Lösenfrasen behövs men det finns ingen terminal att fråga i. Kör kommandot i en \
             terminal, eller ange den i KRIS_PASSPHRASE.",
            )
        })
}

fn current(what: &Path) -> Result<Zeroizing<String>> {
    match from_env("KRIS_PASSPHRASE") {
        Some(p) => Ok(p),
        None => prompt(&format!("Lösenfras för {}: ", what.display())),
    }
}

fn new_passphrase() -> Result<Zeroizing<String>> {
    if let Some(p) = from_env("KRIS_NEW_PASSPHRASE") {
        return Ok(p);
    }
    let first = prompt(&format!(
        "Ny lösenfras (minst {} tecken): ",
        crypt::MIN_PASSPHRASE
    ))?;
    crypt::check_passphrase(&first)?;
    let again = prompt("Samma lösenfras igen: ")?;
    if *first != *again {
        return Err(Error::invalid(
            "Lösenfraserna var inte lika. Inget ändrades; försök igen.",
        ));
    }
    Ok(first)
}

/// Unlocks `path` if it is encrypted and not yet unlocked in this process.
pub fn ensure_unlocked(path: &Path) -> Result<()> {
    match crypt::key_for(path) {
        Err(e) if e.code == ErrorCode::Locked && crypt::keyfile::beside(path).exists() => {
            crypt::unlock(path, &current(path)?)?;
            Ok(())
        }
        other => other.map(|_| ()),
    }
}

pub fn unlock(db: &Path) -> Result<()> {
    if !crypt::is_encrypted(db)? {
        say!(
            "{} är inte krypterad; inget att låsa upp. Sätt en lösenfras med `kris passphrase set`.",
            db.display()
        );
        return Ok(());
    }
    let done = crypt::unlock(db, &current(db)?)?;
    say!(
        "Lösenfrasen stämmer: {} låstes upp på {} ms. (Varje kris-kommando låser upp på nytt; \
         fönstret håller nyckeln tills det låses.)",
        db.display(),
        done.millis
    );
    Ok(())
}

pub fn encrypt(db: &Path) -> Result<()> {
    let done = vault::encrypt(db, &new_passphrase()?)?;
    say!(
        "Krypterad: {} ({} poster, huvudhash {}) på {} ms.",
        db.display(),
        done.entries,
        done.head_hash,
        done.millis
    );
    say!(
        "Nyckelfilen {} hör till databasen: utan den och lösenfrasen går inget att läsa. \
         Säkerhetskopior får en kopia av den.",
        done.key_file
    );
    Ok(())
}

pub fn passphrase(db: &Path, cmd: PassphraseCmd) -> Result<()> {
    match cmd {
        PassphraseCmd::Set => encrypt(db),
        PassphraseCmd::Change => {
            let old = current(db)?;
            vault::change_passphrase(db, &old, &new_passphrase()?)?;
            say!(
                "Lösenfrasen är bytt. Äldre säkerhetskopior öppnas med den lösenfras de gjordes med."
            );
            Ok(())
        }
    }
}
