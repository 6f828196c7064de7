//! What a user writes in the log. Each command runs inside the write transaction (`Tx`) and reads
//! only through it; the event guard (see `log::SLICE`) refuses anything in a closed event.

use super::queries::{get_event, get_record};
use super::*;
use crate::domain::Actor;
use crate::store::{Store, Tx};

pub fn open_event(tx: &mut Tx<'_>, actor: &Actor, cmd: &OpenEvent) -> Result<Event> {
    let actor = actor.validate()?;
    let (body, occ) = cmd.validate(tx.now())?;
    let event_id = uuid::Uuid::now_v7().to_string();
    tx.append(
        &actor,
        Some(&event_id),
        KIND_EVENT_OPENED,
        &body,
        occ.occurred_at,
    )?;
    get_event(tx, &event_id)
}

pub fn close_event(tx: &mut Tx<'_>, actor: &Actor, cmd: &CloseEvent) -> Result<Event> {
    let actor = actor.validate()?;
    let (body, occ) = cmd.validate(tx.now())?;
    tx.append(
        &actor,
        Some(&cmd.event_id),
        KIND_EVENT_CLOSED,
        &body,
        occ.occurred_at,
    )?;
    get_event(tx, &cmd.event_id)
}

pub fn decide(tx: &mut Tx<'_>, actor: &Actor, cmd: &NewDecision) -> Result<Record> {
    let actor = actor.validate()?;
    let (body, occ) = cmd.validate(tx.now())?;
    if let Some(old) = &body.supersedes {
        require_current_decision(tx, old, &cmd.event_id)?;
    }
    let entry = tx.append(
        &actor,
        Some(&cmd.event_id),
        KIND_DECISION,
        &body,
        occ.occurred_at,
    )?;
    get_record(tx, &entry.id)
}

pub fn log_diary(tx: &mut Tx<'_>, actor: &Actor, cmd: &NewDiaryEntry) -> Result<Record> {
    let actor = actor.validate()?;
    let (body, occ) = cmd.validate(tx.now())?;
    let entry = tx.append(
        &actor,
        Some(&cmd.event_id),
        KIND_DIARY,
        &body,
        occ.occurred_at,
    )?;
    get_record(tx, &entry.id)
}

/// A correction is a new entry pointing at the original; the original is never touched. It
/// belongs to the original's event, so a closed event takes no corrections either.
pub fn correct(tx: &mut Tx<'_>, actor: &Actor, cmd: &NewCorrection) -> Result<Record> {
    let actor = actor.validate()?;
    let body = cmd.validate()?;
    let event_id = record_event(tx, &body.target_id)?.ok_or_else(|| {
        Error::not_found(format!(
            "Det finns inget beslut eller dagboksinlägg med id {}. Kontrollera id med `kris list`.",
            body.target_id
        ))
        .with("id", &body.target_id)
    })?;
    tx.append_now(&actor, Some(&event_id), KIND_CORRECTION, &body)?;
    get_record(tx, &body.target_id)
}

fn require_current_decision(tx: &Tx<'_>, id: &str, event_id: &str) -> Result<()> {
    let row: Option<(String, String, String)> = tx
        .query_row(
            "SELECT event_id, record_type, status FROM records WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match row {
        None => Err(Error::not_found(format!(
            "Beslutet som ska ersättas ({id}) finns inte."
        ))),
        Some((ev, _, _)) if ev != event_id => Err(Error::invalid(
            "Ett beslut kan bara ersätta ett beslut i samma händelse.",
        )),
        Some((_, t, _)) if t != "decision" => Err(Error::invalid("Bara beslut kan ersättas.")),
        Some((_, _, s)) if s != "gallande" => Err(Error::conflict(
            "Beslutet är redan ersatt eller upphävt; ersätt det gällande beslutet.",
        )),
        Some(_) => Ok(()),
    }
}

impl Store {
    pub fn open_event(&mut self, actor: &Actor, cmd: &OpenEvent) -> Result<Event> {
        self.write(|tx| open_event(tx, actor, cmd))
    }

    pub fn close_event(&mut self, actor: &Actor, cmd: &CloseEvent) -> Result<Event> {
        self.write(|tx| close_event(tx, actor, cmd))
    }

    pub fn decide(&mut self, actor: &Actor, cmd: &NewDecision) -> Result<Record> {
        self.write(|tx| decide(tx, actor, cmd))
    }

    pub fn log_diary(&mut self, actor: &Actor, cmd: &NewDiaryEntry) -> Result<Record> {
        self.write(|tx| log_diary(tx, actor, cmd))
    }

    pub fn correct(&mut self, actor: &Actor, cmd: &NewCorrection) -> Result<Record> {
        self.write(|tx| correct(tx, actor, cmd))
    }
}
