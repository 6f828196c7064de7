//! The event log: events, decisions, diary lines and corrections.

use rusqlite::{OptionalExtension, Transaction};

use crate::domain::{
    Actor, CloseEvent, Event, NewCorrection, NewDecision, NewDiaryEntry, OpenEvent, Record,
};
use crate::error::{Error, Result};
use crate::journal::canonical_body;
use crate::store::append::Draft;
use crate::store::project::*;
use crate::store::Store;

pub fn require_open_event(tx: &Transaction, event_id: &str) -> Result<()> {
    let status: Option<String> = tx
        .query_row("SELECT status FROM events WHERE id = ?1", [event_id], |r| {
            r.get(0)
        })
        .optional()?;
    match status.as_deref() {
        None => Err(Error::not_found(format!(
            "Det finns ingen händelse med id {event_id}."
        ))),
        Some("closed") => Err(Error::conflict(
            "Händelsen är avslutad. Öppna en ny händelse för nya beslut och anteckningar.",
        )),
        Some(_) => Ok(()),
    }
}

impl Store {
    pub fn open_event(&mut self, actor: &Actor, cmd: &OpenEvent) -> Result<Event> {
        let actor = actor.validate()?;
        let now = self.clock.now();
        let (body, occ) = cmd.validate(now)?;
        let event_id = uuid::Uuid::now_v7().to_string();
        self.append_at(
            &actor,
            Some(&event_id),
            KIND_EVENT_OPENED,
            &body,
            occ.occurred_at,
            |_| Ok(()),
        )?;
        self.get_event(&event_id)
    }

    pub fn close_event(&mut self, actor: &Actor, cmd: &CloseEvent) -> Result<Event> {
        let actor = actor.validate()?;
        let now = self.clock.now();
        let (body, occ) = cmd.validate(now)?;
        self.append_at(
            &actor,
            Some(&cmd.event_id),
            KIND_EVENT_CLOSED,
            &body,
            occ.occurred_at,
            |tx| require_open_event(tx, &cmd.event_id),
        )?;
        self.get_event(&cmd.event_id)
    }

    pub fn decide(&mut self, actor: &Actor, cmd: &NewDecision) -> Result<Record> {
        let actor = actor.validate()?;
        let now = self.clock.now();
        let (body, occ) = cmd.validate(now)?;
        let supersedes = body.supersedes.clone();
        let entry = self.append_at(
            &actor,
            Some(&cmd.event_id),
            KIND_DECISION,
            &body,
            occ.occurred_at,
            |tx| {
                require_open_event(tx, &cmd.event_id)?;
                match supersedes {
                    Some(old) => require_current_decision(tx, &old, &cmd.event_id),
                    None => Ok(()),
                }
            },
        )?;
        self.get_record(&entry.id)
    }

    pub fn log_diary(&mut self, actor: &Actor, cmd: &NewDiaryEntry) -> Result<Record> {
        let actor = actor.validate()?;
        let now = self.clock.now();
        let (body, occ) = cmd.validate(now)?;
        let entry = self.append_at(
            &actor,
            Some(&cmd.event_id),
            KIND_DIARY,
            &body,
            occ.occurred_at,
            |tx| require_open_event(tx, &cmd.event_id),
        )?;
        self.get_record(&entry.id)
    }

    /// A correction is a new entry pointing at the original; the original is never touched.
    pub fn correct(&mut self, actor: &Actor, cmd: &NewCorrection) -> Result<Record> {
        let actor = actor.validate()?;
        let now = self.clock.now();
        let body = cmd.validate()?;
        let event_id: Option<String> = self
            .conn
            .query_row(
                "SELECT event_id FROM records WHERE id = ?1",
                [&body.target_id],
                |r| r.get(0),
            )
            .optional()?;
        let event_id = event_id.ok_or_else(|| {
            Error::not_found(format!(
                "Det finns inget beslut eller dagboksinlägg med id {}. Kontrollera id med `kris list`.",
                body.target_id
            ))
        })?;
        let draft = Draft {
            recorded_at: now,
            occurred_at: now,
            actor: &actor,
            event_id: Some(&event_id),
            kind: KIND_CORRECTION,
            body: canonical_body(&body)?,
        };
        self.append(draft, |_| Ok(()))?;
        self.get_record(&body.target_id)
    }
}

fn require_current_decision(tx: &Transaction, id: &str, event_id: &str) -> Result<()> {
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
