//! Pairing and unpairing laptops, and resolving a conflict: each an entry, so the record shows
//! who let which laptop in, and who decided what about a conflict.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::card::PairingCard;
use super::{queries, KIND_CONFLICT_RESOLVED, KIND_PAIRED, KIND_UNPAIRED};
use crate::domain::validate::required;
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::journal::Entry;
use crate::store::Tx;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PairDevice {
    /// The other laptop's card (from its sync folder, a bundle, or a file on a stick).
    pub card: PairingCard,
    /// The code the other laptop shows on its screen, typed here: `123 456` or `123456`.
    pub code: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UnpairDevice {
    pub device_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ResolveConflict {
    /// The entry that could not be applied.
    pub entry_id: String,
    /// What the staff decided (and which new entry carries it out, if any).
    pub note: String,
}

/// Journal body of `device.paired`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PairedBody {
    pub device_id: String,
    pub name: String,
    pub vkey: String,
    /// The code the person typed, as shown on the other laptop.
    pub code: String,
    /// Its Syncthing device id, when its card named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub syncthing_id: Option<String>,
}

/// Journal body of `device.unpaired`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnpairedBody {
    pub device_id: String,
    pub reason: String,
}

/// Journal body of `conflict.resolved`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResolvedBody {
    pub entry_id: String,
    pub note: String,
}

fn digits(code: &str) -> String {
    code.chars().filter(char::is_ascii_digit).collect()
}

pub fn pair(tx: &mut Tx<'_>, actor: &Actor, own: &PairingCard, cmd: &PairDevice) -> Result<Entry> {
    let actor = actor.validate()?;
    cmd.card.check()?;
    if cmd.card.device_id == own.device_id {
        return Err(Error::invalid(
            "Det är den här datorns eget parningskort. Läs in kortet från den andra datorn.",
        ));
    }
    cmd.card.same_record_as(own)?;
    let typed = digits(&cmd.code);
    if typed.len() != 6 {
        return Err(Error::invalid(
            "Skriv de sex siffrorna som den andra datorn visar under Synkronisering → Min kod.",
        )
        .with("field", "code"));
    }
    if typed != digits(&cmd.card.code()) {
        return Err(Error::invalid(format!(
            "Koden stämmer inte med kortet från {}. Kontrollera att du läser koden på rätt \
             dator; stämmer den ändå inte har kortet ändrats på vägen: para inte.",
            cmd.card.name
        ))
        .with("field", "code")
        .with("name", &cmd.card.name));
    }
    if let Some(peer) = queries::peer(tx, &cmd.card.device_id)? {
        if peer.active && peer.vkey == cmd.card.vkey {
            return Err(Error::conflict(format!(
                "{} är redan parad med den här databasen.",
                peer.name
            ))
            .with("name", peer.name));
        }
        if peer.active {
            return Err(Error::conflict(format!(
                "{} är parad med en annan nyckel än kortets. Avsluta den parningen först om \
                 datorn verkligen har fått en ny nyckel.",
                peer.name
            ))
            .with("name", peer.name));
        }
    }
    tx.append_now(
        &actor,
        None,
        KIND_PAIRED,
        &PairedBody {
            device_id: cmd.card.device_id.clone(),
            name: cmd.card.name.clone(),
            vkey: cmd.card.vkey.clone(),
            code: cmd.card.code(),
            syncthing_id: cmd.card.syncthing_id.clone(),
        },
    )
}

pub fn unpair(tx: &mut Tx<'_>, actor: &Actor, cmd: &UnpairDevice) -> Result<Entry> {
    let actor = actor.validate()?;
    let reason = required("Skäl", &cmd.reason, 500)?;
    let peer = queries::peer(tx, &cmd.device_id)?
        .filter(|p| p.active)
        .ok_or_else(|| {
            Error::not_found("Ingen parad dator har det id:t.").with("device_id", &cmd.device_id)
        })?;
    tx.append_now(
        &actor,
        None,
        KIND_UNPAIRED,
        &UnpairedBody {
            device_id: peer.device_id,
            reason,
        },
    )
}

pub fn resolve(tx: &mut Tx<'_>, actor: &Actor, cmd: &ResolveConflict) -> Result<Entry> {
    let actor = actor.validate()?;
    let note = required("Beslut", &cmd.note, 2000)?;
    let conflict = queries::conflicts(tx)?
        .into_iter()
        .find(|c| c.entry_id == cmd.entry_id)
        .ok_or_else(|| {
            Error::not_found("Det finns ingen olöst konflikt för den posten.")
                .with("entry_id", &cmd.entry_id)
        })?;
    tx.append_now(
        &actor,
        conflict.event_id.as_deref(),
        KIND_CONFLICT_RESOLVED,
        &ResolvedBody {
            entry_id: conflict.entry_id,
            note,
        },
    )
}
