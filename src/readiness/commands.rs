//! Switching the organisation's readiness mode: a logged decision like any other.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::modes::{self, ModeDef, ModeId};
use super::KIND_MODE_CHANGED;
use crate::domain::validate::{self, NAME_MAX, TEXT_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::plans::format::Text;
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ModeChange {
    pub mode: ModeId,
    /// Why: typically the government's or the regional board's decision.
    pub basis: String,
    pub decided_by: Actor,
    /// Reference to the decision document (diarienummer, regeringsbeslut …).
    #[ts(optional)]
    pub decision_ref: Option<String>,
    #[ts(optional)]
    pub occurred_at: Option<String>,
    #[ts(optional)]
    pub late_reason: Option<String>,
}

/// Journal body of `mode.changed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModeChangedBody {
    pub mode: ModeId,
    pub previous: ModeId,
    pub basis: String,
    pub decided_by: Actor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_reason: Option<String>,
    /// A beredskapslarm: the mode's plans were activated in the same transaction.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub alarm: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModeChangeRecord {
    pub id: String,
    pub mode: ModeId,
    pub previous: ModeId,
    pub basis: String,
    pub decided_by: String,
    pub decided_role: String,
    pub decision_ref: Option<String>,
    pub occurred_at: String,
    pub recorded_at: String,
    pub author: String,
    pub role: String,
    pub late_reason: Option<String>,
    pub alarm: bool,
    /// Who led the region from this change on (the mode file's leading body).
    pub leading_body: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Proposal {
    pub plan_id: String,
    pub title: Text,
    /// Open events in which the plan is already running.
    pub active_in: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModeStatus {
    pub current: ModeDef,
    /// The change that brought the current mode; `None` while the store has always been in fred.
    pub last_change: Option<ModeChangeRecord>,
    pub proposals: Vec<Proposal>,
    /// Every mode, lowest level first, for the switch dialog.
    pub modes: Vec<ModeDef>,
}

pub fn current_mode(conn: &Connection) -> Result<ModeId> {
    let m: Option<String> = conn
        .query_row(
            "SELECT mode FROM mode_history ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    m.map_or(Ok(ModeId::Fred), |m| ModeId::parse(&m))
}

pub fn mode_history(conn: &Connection) -> Result<Vec<ModeChangeRecord>> {
    let mut stmt = conn.prepare(
        "SELECT id, mode, previous, basis, decided_by, decided_role, decision_ref, occurred_at,
                recorded_at, author, role, late_reason, alarm FROM mode_history ORDER BY seq DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let mode: String = r.get(1)?;
        let previous: String = r.get(2)?;
        Ok(ModeChangeRecord {
            id: r.get(0)?,
            mode: ModeId::parse(&mode).unwrap_or_default(),
            previous: ModeId::parse(&previous).unwrap_or_default(),
            basis: r.get(3)?,
            decided_by: r.get(4)?,
            decided_role: r.get(5)?,
            decision_ref: r.get(6)?,
            occurred_at: r.get(7)?,
            recorded_at: r.get(8)?,
            author: r.get(9)?,
            role: r.get(10)?,
            late_reason: r.get(11)?,
            alarm: r.get(12)?,
            leading_body: Text::default(),
        })
    })?;
    let mut out: Vec<ModeChangeRecord> = rows.collect::<rusqlite::Result<_>>()?;
    for c in &mut out {
        c.leading_body = modes::definition(c.mode)?.leading_body.clone();
    }
    Ok(out)
}

pub fn mode_status(conn: &Connection) -> Result<ModeStatus> {
    let current = modes::definition(current_mode(conn)?)?.clone();
    let mut proposals = Vec::new();
    for plan_id in &current.propose_plans {
        let plan = crate::plans::library::library_plan(conn, plan_id)?.plan;
        let mut stmt = conn.prepare(
            "SELECT a.event_id FROM activations a JOIN events e ON e.id = a.event_id
             WHERE a.plan_id = ?1 AND a.status = 'active' AND e.status = 'open'",
        )?;
        let active_in = stmt
            .query_map([plan_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        proposals.push(Proposal {
            plan_id: plan.id,
            title: plan.title,
            active_in,
        });
    }
    Ok(ModeStatus {
        current,
        last_change: mode_history(conn)?.into_iter().next(),
        proposals,
        modes: modes::definitions()?.to_vec(),
    })
}

/// A mode switch is a decision: who decided, on what basis, under which reference. The current
/// mode is read under the write lock, so two staff switching at once cannot both succeed.
pub fn set_mode(tx: &mut Tx<'_>, actor: &Actor, cmd: &ModeChange) -> Result<ModeStatus> {
    change(tx, actor, cmd, false)
}

/// `set_mode`, marked as a beredskapslarm when `alarm` (the caller activates the plans).
pub fn change(tx: &mut Tx<'_>, actor: &Actor, cmd: &ModeChange, alarm: bool) -> Result<ModeStatus> {
    let actor = actor.validate()?;
    // The mode files must be sound before anything is written in their name.
    modes::definition(cmd.mode)?;
    let occ = validate::occurrence(&cmd.occurred_at, &cmd.late_reason, tx.now())?;
    let previous = current_mode(tx)?;
    if previous == cmd.mode {
        return Err(Error::conflict(format!(
            "Beredskapsläget är redan {}.",
            modes::definition(cmd.mode)?.name.sv
        )));
    }
    let body = ModeChangedBody {
        mode: cmd.mode,
        previous,
        basis: validate::required("Underlag", &cmd.basis, TEXT_MAX)?,
        decided_by: Actor {
            name: validate::required("Beslutsfattare", &cmd.decided_by.name, NAME_MAX)?,
            role: validate::required("Beslutsfattarens roll", &cmd.decided_by.role, NAME_MAX)?,
        },
        decision_ref: validate::optional("Beslutsreferens", &cmd.decision_ref, NAME_MAX)?,
        late_reason: occ.late_reason,
        alarm,
    };
    tx.append(&actor, None, KIND_MODE_CHANGED, &body, occ.occurred_at)?;
    mode_status(tx)
}

/// Stamps each record with the mode it was recorded under, so a decision names the body that
/// led when it was made (krisledningsnämnden, regionstyrelsen …).
pub fn stamp_modes(conn: &Connection, records: &mut [crate::log::Record]) -> Result<()> {
    for r in records {
        r.mode = Some(mode_before(conn, r.seq)?);
    }
    Ok(())
}

/// The mode in force just before fold place `seq`: what an entry was written under.
pub fn mode_before(conn: &Connection, seq: i64) -> Result<ModeId> {
    let m: Option<String> = conn
        .prepare_cached("SELECT mode FROM mode_history WHERE seq < ?1 ORDER BY seq DESC LIMIT 1")?
        .query_row([seq], |r| r.get(0))
        .optional()?;
    m.map_or(Ok(ModeId::Fred), |m| ModeId::parse(&m))
}

impl Store {
    pub fn current_mode(&self) -> Result<ModeId> {
        current_mode(self.connection())
    }

    pub fn mode_history(&self) -> Result<Vec<ModeChangeRecord>> {
        mode_history(self.connection())
    }

    pub fn mode_status(&self) -> Result<ModeStatus> {
        mode_status(self.connection())
    }

    pub fn set_mode(&mut self, actor: &Actor, cmd: &ModeChange) -> Result<ModeStatus> {
        self.write(|tx| set_mode(tx, actor, cmd))
    }
}
