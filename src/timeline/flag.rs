//! Flagging an entry betydande, or taking the flag away: an entry of its own, in the flagged
//! entry's event, so a closed event's record stays as it was closed.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{KIND_FLAGGED, KIND_UNFLAGGED};
use crate::domain::validate::{self, TEXT_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FlagChange {
    /// The journal id of any entry.
    pub entry_id: String,
    /// True to flag, false to take the flag away.
    pub flagged: bool,
    /// Why it matters, shown on the lägesbild.
    #[ts(optional)]
    pub note: Option<String>,
}

/// Journal body of `entry.flagged` and `entry.unflagged`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlagBody {
    pub entry_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

pub fn set_flag(tx: &mut Tx<'_>, actor: &Actor, input: &FlagChange) -> Result<super::TimelineItem> {
    let actor = actor.validate()?;
    let note = validate::optional("Kommentar", &input.note, TEXT_MAX)?;
    let entry_id = input.entry_id.trim();
    let target: Option<(i64, Option<String>, String)> = tx
        .query_row(
            "SELECT pos, event_id, kind FROM entries WHERE id = ?1",
            [entry_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((seq, event_id, kind)) = target else {
        let entry_id = crate::text::preview(entry_id);
        return Err(
            Error::not_found(format!("Det finns ingen post med id {entry_id}."))
                .with("entry_id", entry_id),
        );
    };
    if kind == KIND_FLAGGED || kind == KIND_UNFLAGGED {
        return Err(Error::invalid(
            "En markering kan inte själv markeras. Markera posten den gäller.",
        ));
    }
    let current: Option<Option<String>> = tx
        .query_row(
            "SELECT note FROM flags WHERE entry_id = ?1",
            [entry_id],
            |r| r.get(0),
        )
        .optional()?;
    let flagged = current.is_some();
    // Flagging again with another note changes the note; the same flag twice changes nothing.
    let new_note = input.flagged && current.as_ref().is_some_and(|n| *n != note);
    if flagged == input.flagged && !new_note {
        return Err(Error::conflict(if flagged {
            "Posten är redan markerad som betydande; inget ändrades."
        } else {
            "Posten är inte markerad som betydande; inget ändrades."
        })
        .with("entry_id", entry_id)
        .with("flagged", flagged));
    }
    let kind = if input.flagged {
        KIND_FLAGGED
    } else {
        KIND_UNFLAGGED
    };
    let body = FlagBody {
        entry_id: entry_id.to_string(),
        note,
    };
    tx.append_now(&actor, event_id.as_deref(), kind, &body)?;
    super::queries::item_at(tx, tx.slices(), seq)
}

impl Store {
    pub fn set_flag(&mut self, actor: &Actor, input: &FlagChange) -> Result<super::TimelineItem> {
        self.write(|tx| set_flag(tx, actor, input))
    }
}
