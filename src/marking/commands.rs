//! Raising a marking, issuing numbered copies and settling them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::queries::{self, CopyIssue};
use super::{Marking, KIND_COPIES_ISSUED, KIND_COPIES_SETTLED, KIND_RAISED};
use crate::domain::validate::{optional, required};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::Tx;

/// Most copies of one document in one printing.
pub const MAX_COPIES: u32 = 100;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RaiseMarking {
    /// The entry (decision, diary note, situation section …) to mark higher.
    pub entry_id: String,
    pub marking: Marking,
    pub reason: String,
}

/// Journal body of `marking.raised`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RaisedBody {
    pub target_id: String,
    /// The target's number in the fold on the laptop that raised it (when written); the
    /// projection finds the target by id.
    pub target_seq: i64,
    pub marking: Marking,
    pub reason: String,
}

pub fn raise(tx: &mut Tx<'_>, actor: &Actor, cmd: &RaiseMarking) -> Result<EntryMarkingOut> {
    let actor = actor.validate()?;
    let reason = required("Skäl", &cmd.reason, 500)?;
    let target_seq = queries::seq_of(tx, &cmd.entry_id)?;
    let current = queries::marking_of(tx, target_seq)?;
    if cmd.marking <= current {
        return Err(Error::conflict(format!(
            "Posten är redan {}. En klassning kan bara höjas, aldrig sänkas.",
            current.label()
        ))
        .with("current", current.as_str())
        .with("asked", cmd.marking.as_str()));
    }
    let event = queries::event_of(tx, target_seq)?;
    let body = RaisedBody {
        target_id: cmd.entry_id.clone(),
        target_seq,
        marking: cmd.marking,
        reason,
    };
    tx.append_now(&actor, event.as_deref(), KIND_RAISED, &body)?;
    Ok(EntryMarkingOut {
        seq: target_seq,
        marking: cmd.marking,
    })
}

/// What a raise leaves: the entry and its marking now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntryMarkingOut {
    #[ts(type = "number")]
    pub seq: i64,
    pub marking: Marking,
}

/// Marks an entry just written at `marking`, if that is above its default (a decision registered
/// as hemlig): in the same transaction as the entry, so it is never stored lower even for a
/// moment.
pub fn mark_new(tx: &mut Tx<'_>, actor: &Actor, entry_id: &str, marking: Marking) -> Result<()> {
    let seq = queries::seq_of(tx, entry_id)?;
    if marking > queries::marking_of(tx, seq)? {
        raise(
            tx,
            actor,
            &RaiseMarking {
                entry_id: entry_id.to_string(),
                marking,
                reason: "Klassad vid registreringen".into(),
            },
        )?;
    }
    Ok(())
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct IssueCopies {
    #[serde(default)]
    #[ts(optional)]
    pub event_id: Option<String>,
    /// What is printed or exported, e.g. "Lägesrapport nr 3".
    pub document: String,
    pub marking: Marking,
    pub copies: u32,
    /// Who receives the copies.
    pub recipients: String,
    /// The SHA-256 of each numbered copy's file, when Krisledning typeset them (a report).
    #[serde(default)]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub copy_sha256: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedBody {
    pub number: i64,
    pub document: String,
    pub marking: Marking,
    pub copies: u32,
    pub recipients: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copy_sha256: Vec<String>,
}

/// Records an issue of copies; `expect` is the register number already printed on them, if they
/// were typeset first.
pub fn issue(tx: &mut Tx<'_>, actor: &Actor, cmd: &IssueCopies) -> Result<CopyIssue> {
    issue_numbered(tx, actor, cmd, None)
}

pub fn issue_numbered(
    tx: &mut Tx<'_>,
    actor: &Actor,
    cmd: &IssueCopies,
    expect: Option<i64>,
) -> Result<CopyIssue> {
    let actor = actor.validate()?;
    let number = queries::next_register_number(tx)?;
    if expect.is_some_and(|n| n != number) {
        return Err(Error::conflict(format!(
            "Registernummer {} hann tas av någon annan; skriv ut igen.",
            expect.unwrap_or_default()
        )));
    }
    if !cmd.copy_sha256.is_empty() && cmd.copy_sha256.len() != cmd.copies as usize {
        return Err(Error::invalid("Ett filavtryck per exemplar, eller inget."));
    }
    if !cmd.marking.needs_copy_control() {
        return Err(Error::invalid(format!(
            "{} står inte under exemplarkontroll; det gäller Konfidentiell och högre.",
            cmd.marking.label()
        ))
        .with("field", "marking"));
    }
    if !(1..=MAX_COPIES).contains(&cmd.copies) {
        return Err(Error::invalid(format!(
            "Ange 1–{MAX_COPIES} exemplar (angivet: {}).",
            cmd.copies
        ))
        .with("field", "copies")
        .with("max", MAX_COPIES));
    }
    let body = IssuedBody {
        number,
        document: required("Handling", &cmd.document, 300)?,
        marking: cmd.marking,
        copies: cmd.copies,
        recipients: required("Mottagare", &cmd.recipients, 1000)?,
        copy_sha256: cmd.copy_sha256.clone(),
    };
    let entry = tx.append_now(&actor, cmd.event_id.as_deref(), KIND_COPIES_ISSUED, &body)?;
    queries::issue(tx, &entry.id)
}

crate::str_enum!(
    /// What became of a copy.
    CopyOutcome, "Okänt utfall för exemplar", {
        Forstord = "forstord" | "destroyed",
        Aterlamnad = "aterlamnad" | "returned",
    }
);

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SettleCopies {
    pub issue_id: String,
    /// Copy numbers, 1 … copies.
    pub copies: Vec<u32>,
    pub outcome: CopyOutcome,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SettledBody {
    pub issue_id: String,
    pub copies: Vec<u32>,
    pub outcome: CopyOutcome,
    pub note: String,
}

pub fn settle(tx: &mut Tx<'_>, actor: &Actor, cmd: &SettleCopies) -> Result<CopyIssue> {
    let actor = actor.validate()?;
    let issued = queries::issue(tx, &cmd.issue_id)?;
    let mut copies = cmd.copies.clone();
    copies.sort_unstable();
    copies.dedup();
    if copies.is_empty() {
        return Err(Error::invalid("Ange vilka exemplar (nummer).").with("field", "copies"));
    }
    for c in &copies {
        if !(1..=issued.copies).contains(c) {
            return Err(Error::invalid(format!(
                "Exemplar {c} finns inte; registernummer {} har exemplar 1–{}.",
                issued.number, issued.copies
            ))
            .with("field", "copies"));
        }
        if !issued.outstanding.contains(c) {
            return Err(Error::conflict(format!(
                "Exemplar {c} av registernummer {} är redan redovisat.",
                issued.number
            ))
            .with("copy", c));
        }
    }
    let body = SettledBody {
        issue_id: cmd.issue_id.clone(),
        copies,
        outcome: cmd.outcome,
        note: optional("Anteckning", &Some(cmd.note.clone()), 1000)?.unwrap_or_default(),
    };
    tx.append_now(
        &actor,
        issued.event_id.as_deref(),
        KIND_COPIES_SETTLED,
        &body,
    )?;
    queries::issue(tx, &cmd.issue_id)
}
