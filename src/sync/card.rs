//! A laptop's pairing card: who it is (the store's device id, the name and verifier key of the
//! computer's signing key) and what it belongs to (organisation, workspace, exercise). The card
//! travels as a file (in the sync folder, on a stick, inside every bundle); a person confirms it
//! by typing the six-digit code the other laptop shows on its screen. The code is a digest of the
//! card, so a card swapped on the way shows a different code.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::device::{Device, Verifier};
use crate::error::{Error, Result};
use crate::store::Store;

pub const FORMAT: &str = "krisledning-parningskort-1";
/// A card is a few hundred bytes; anything much larger is not one.
pub const MAX_CARD_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PairingCard {
    pub format: String,
    /// The chain this laptop writes (the store's device id).
    pub device_id: String,
    /// The computer's key name, e.g. `krisledning-stab-3`.
    pub name: String,
    /// The verifier key its chains and bundles are signed with.
    pub vkey: String,
    pub organisation: String,
    pub workspace: String,
    /// For an exercise store: the exercise (the id of its `exercise.created` entry).
    pub exercise: Option<String>,
    /// The laptop's Syncthing device id, when it runs live sync.
    #[serde(default)]
    pub syncthing_id: Option<String>,
}

/// The exercise a store belongs to: the entry that created it (`exercise.created`, named here by
/// its text: the exercise slice lies above this one), which every laptop that copied the
/// exercise's package shares. `None` for the real record, and for an exercise store that has not
/// received its exercise yet.
pub fn exercise_of(store: &Store) -> Result<Option<String>> {
    if store.workspace() != crate::store::Workspace::Exercise.as_str() {
        return Ok(None);
    }
    use rusqlite::OptionalExtension;
    Ok(store
        .connection()
        .query_row(
            "SELECT id FROM entries WHERE kind = 'exercise.created' ORDER BY pos LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

impl PairingCard {
    /// This laptop's card for `store`.
    pub fn own(store: &Store, device: &Device) -> Result<PairingCard> {
        Ok(PairingCard {
            format: FORMAT.into(),
            device_id: store.device_id().to_string(),
            name: device.info()?.name,
            vkey: device.vkey(),
            organisation: store.meta("organisation")?.unwrap_or_default(),
            workspace: store.workspace().to_string(),
            exercise: exercise_of(store)?,
            syncthing_id: store.sync_settings()?.syncthing_id,
        })
    }

    /// The six digits a person compares, as `123 456`: a digest of everything that identifies
    /// the laptop and what it belongs to.
    pub fn code(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            FORMAT,
            &self.device_id,
            &self.vkey,
            &self.organisation,
            &self.workspace,
            self.exercise.as_deref().unwrap_or(""),
        ] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
        let d = h.finalize();
        let n = u32::from_be_bytes([d[0], d[1], d[2], d[3]]) % 1_000_000;
        format!("{:03} {:03}", n / 1000, n % 1000)
    }

    /// Reads a card from its JSON text and checks its parts.
    pub fn parse(text: &[u8]) -> Result<PairingCard> {
        let bad = |why: &str| {
            Error::invalid(format!(
                "Filen är inget giltigt parningskort: {why}. Ta fram kortet på nytt på den andra \
                 datorn (Synkronisering → Mitt parningskort)."
            ))
            .with("reason", why)
        };
        if text.len() > MAX_CARD_BYTES {
            return Err(bad("den är för stor"));
        }
        let card: PairingCard = serde_json::from_slice(text).map_err(|e| bad(&format!("{e}")))?;
        card.check().map_err(|e| bad(&e.message))?;
        Ok(card)
    }

    /// The card's parts are what they claim to be: a device id, a verifier key of the name given.
    pub fn check(&self) -> Result<()> {
        if self.format != FORMAT {
            return Err(Error::invalid(format!("okänt format {}", self.format)));
        }
        uuid::Uuid::parse_str(&self.device_id)
            .map_err(|_| Error::invalid("enhetens id är inget UUID"))?;
        let v = self.verifier()?;
        if v.name != self.name {
            return Err(Error::invalid("namnet stämmer inte med nyckeln"));
        }
        if !matches!(self.workspace.as_str(), "real" | "exercise") {
            return Err(Error::invalid("okänd arbetsyta"));
        }
        Ok(())
    }

    pub fn verifier(&self) -> Result<Verifier> {
        Verifier::parse(&self.vkey)
    }

    /// Refuses a card of another organisation, workspace or exercise than `own`: those laptops
    /// never exchange entries.
    pub fn same_record_as(&self, own: &PairingCard) -> Result<()> {
        let foreign = |what: &str, theirs: &str, ours: &str| {
            Err(Error::conflict(format!(
                "{} hör till {what} \"{}\", den här datorn till \"{}\". Bara datorer i samma \
                 organisation och arbetsyta (och samma övning) utbyter poster.",
                self.name,
                crate::text::preview(theirs),
                crate::text::preview(ours)
            ))
            .with("what", what)
            .with("theirs", crate::text::preview(theirs))
            .with("ours", crate::text::preview(ours)))
        };
        if self.organisation != own.organisation {
            return foreign("organisationen", &self.organisation, &own.organisation);
        }
        if self.workspace != own.workspace {
            let name = |w: &str| {
                if w == "exercise" {
                    "ÖVNING"
                } else {
                    "skarpt läge"
                }
            };
            return foreign("arbetsytan", name(&self.workspace), name(&own.workspace));
        }
        // An exercise store with no entry yet joins the exercise it first receives, as a copy of
        // its package would.
        if self.exercise != own.exercise && own.exercise.is_some() {
            return foreign(
                "övningen",
                self.exercise.as_deref().unwrap_or("-"),
                own.exercise.as_deref().unwrap_or("-"),
            );
        }
        Ok(())
    }
}
