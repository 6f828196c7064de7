use chrono::Duration;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::format::Plan;
use super::library::PlanSource;
use super::{KIND_PLAN_ACTIVATED, KIND_PLAN_DEACTIVATED, KIND_PLAN_ITEM};
use crate::domain::validate::{self, TEXT_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};
use crate::time::{self, Ts};

crate::str_enum!(
    ItemState, "Okänt punktläge", { Open = "open" | "oppen", Done = "done" | "klar", Skipped = "skipped" | "overhoppad" }
);

crate::str_enum!(
    ActivationStatus, "Okänd aktiveringsstatus", { Active = "active", Deactivated = "deactivated" }
);

/// Journal body of `plan.activated`: the plan version is copied in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanActivatedBody {
    pub activation_id: String,
    pub source: PlanSource,
    pub plan: Plan,
}

/// Journal body of `plan.item`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanItemBody {
    pub activation_id: String,
    pub item_id: String,
    pub state: ItemState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Journal body of `plan.deactivated`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDeactivatedBody {
    pub activation_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ItemView {
    pub id: String,
    pub text: String,
    pub requires_decision: bool,
    pub state: ItemState,
    pub reason: Option<String>,
    pub by: Option<String>,
    pub at: Option<String>,
    pub due_at: Option<String>,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CardView {
    pub role: String,
    pub title: String,
    pub items: Vec<ItemView>,
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActivationView {
    pub id: String,
    pub event_id: String,
    pub plan_id: String,
    pub plan_version: u32,
    pub title: super::format::Text,
    pub status: ActivationStatus,
    pub activated_at: String,
    pub activated_by: String,
    pub deactivated_at: Option<String>,
    pub deactivate_reason: Option<String>,
    pub cards: Vec<CardView>,
    /// Done or skipped with a reason: the item needs no more attention.
    pub done: u32,
    pub total: u32,
    pub overdue: u32,
}

struct ActivationRow {
    id: String,
    event_id: String,
    plan: String,
    status: String,
    activated_at: String,
    activated_by: String,
    deactivated_at: Option<String>,
    deactivate_reason: Option<String>,
}

/// The activation's event and its copy of the plan, if it is still active.
fn require_active(conn: &Connection, activation_id: &str) -> Result<(String, Plan)> {
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT status, plan, event_id FROM activations WHERE id = ?1",
            [activation_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match row {
        None => Err(Error::not_found(format!(
            "Det finns ingen aktiverad plan med id {activation_id}."
        ))),
        Some((status, _, _)) if status != "active" => Err(Error::conflict(
            "Planen är avaktiverad; aktivera den på nytt för att fortsätta.",
        )),
        Some((_, plan, event_id)) => Ok((event_id, serde_json::from_str(&plan)?)),
    }
}

pub fn activate_plan(
    tx: &mut Tx<'_>,
    actor: &Actor,
    plan_id: &str,
    event_id: &str,
) -> Result<ActivationView> {
    let actor = actor.validate()?;
    let lib = super::library::library_plan(tx, plan_id)?;
    let running: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM activations WHERE event_id = ?1 AND plan_id = ?2 AND status = 'active')",
        [event_id, plan_id],
        |r| r.get(0),
    )?;
    if running {
        return Err(Error::conflict("Planen är redan aktiverad i händelsen."));
    }
    let activation_id = uuid::Uuid::now_v7().to_string();
    let body = PlanActivatedBody {
        activation_id: activation_id.clone(),
        source: lib.source,
        plan: lib.plan,
    };
    tx.append_now(&actor, Some(event_id), KIND_PLAN_ACTIVATED, &body)?;
    activation(tx, tx.now(), &activation_id)
}

/// Marks an item done, open again, or skipped (a reason is required to skip).
pub fn check_item(
    tx: &mut Tx<'_>,
    actor: &Actor,
    activation_id: &str,
    item_id: &str,
    state: ItemState,
    reason: Option<String>,
) -> Result<ActivationView> {
    let actor = actor.validate()?;
    let reason = validate::optional("Skäl", &reason, TEXT_MAX)?;
    if state == ItemState::Skipped && reason.is_none() {
        return Err(Error::invalid("Ange skäl när en punkt hoppas över."));
    }
    let (event_id, plan) = require_active(tx, activation_id)?;
    if !plan.items().any(|(_, i)| i.id == item_id) {
        return Err(Error::not_found(format!(
            "Planen har ingen punkt med id \"{item_id}\"."
        )));
    }
    let current: Option<String> = tx
        .query_row(
            "SELECT state FROM activation_items WHERE activation_id = ?1 AND item_id = ?2",
            [activation_id, item_id],
            |r| r.get(0),
        )
        .optional()?;
    if current.as_deref().unwrap_or("open") == state.as_str() {
        return Err(Error::conflict(
            "Punkten har redan det läget; inget ändrades.",
        ));
    }
    let body = PlanItemBody {
        activation_id: activation_id.into(),
        item_id: item_id.into(),
        state,
        reason,
    };
    tx.append_now(&actor, Some(&event_id), KIND_PLAN_ITEM, &body)?;
    activation(tx, tx.now(), activation_id)
}

pub fn deactivate_plan(
    tx: &mut Tx<'_>,
    actor: &Actor,
    activation_id: &str,
    reason: &str,
) -> Result<ActivationView> {
    let actor = actor.validate()?;
    let reason = validate::required("Skäl", reason, TEXT_MAX)?;
    let (event_id, _) = require_active(tx, activation_id)?;
    let body = PlanDeactivatedBody {
        activation_id: activation_id.into(),
        reason,
    };
    tx.append_now(&actor, Some(&event_id), KIND_PLAN_DEACTIVATED, &body)?;
    activation(tx, tx.now(), activation_id)
}

pub fn activation(conn: &Connection, now: Ts, activation_id: &str) -> Result<ActivationView> {
    activations_where(conn, now, "a.id = ?1", activation_id)?
        .pop()
        .ok_or_else(|| {
            Error::not_found(format!(
                "Det finns ingen aktiverad plan med id {activation_id}."
            ))
        })
}

pub fn event_activations(
    conn: &Connection,
    now: Ts,
    event_id: &str,
) -> Result<Vec<ActivationView>> {
    activations_where(conn, now, "a.event_id = ?1", event_id)
}

/// Every plan running in an open event: the organisation's lägesbild and the reminders.
pub fn open_activations(conn: &Connection, now: Ts) -> Result<Vec<ActivationView>> {
    activations_where(
        conn,
        now,
        "a.status = ?1 AND a.event_id IN (SELECT id FROM events WHERE status = 'open')",
        "active",
    )
}

fn activations_where(
    conn: &Connection,
    now: Ts,
    condition: &str,
    arg: &str,
) -> Result<Vec<ActivationView>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT a.id, a.event_id, a.plan, a.status, a.activated_at, a.activated_by, a.deactivated_at,
                a.deactivate_reason FROM activations a WHERE {condition} ORDER BY a.seq"
    ))?;
    let rows: Vec<ActivationRow> = stmt
        .query_map([arg], |r| {
            Ok(ActivationRow {
                id: r.get(0)?,
                event_id: r.get(1)?,
                plan: r.get(2)?,
                status: r.get(3)?,
                activated_at: r.get(4)?,
                activated_by: r.get(5)?,
                deactivated_at: r.get(6)?,
                deactivate_reason: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut item_stmt = conn.prepare(
        "SELECT item_id, state, reason, by_name, at FROM activation_items WHERE activation_id = ?1",
    )?;
    let mut views = Vec::new();
    for ActivationRow {
        id,
        event_id,
        plan,
        status,
        activated_at,
        activated_by,
        deactivated_at,
        deactivate_reason,
    } in rows
    {
        let plan: Plan = serde_json::from_str(&plan)?;
        let states: std::collections::HashMap<String, (String, Option<String>, String, String)> =
            item_stmt
                .query_map([&id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
        let start = time::parse("activated_at", &activated_at)?;
        let active = status == "active";
        let mut cards = Vec::new();
        for card in &plan.cards {
            let items: Vec<ItemView> = card
                .items
                .iter()
                .map(|i| {
                    let (state, reason, by, at) = match states.get(&i.id) {
                        Some((s, reason, by, at)) => {
                            let state = match s.as_str() {
                                "done" => ItemState::Done,
                                "skipped" => ItemState::Skipped,
                                _ => ItemState::Open,
                            };
                            (state, reason.clone(), Some(by.clone()), Some(at.clone()))
                        }
                        None => (ItemState::Open, None, None, None),
                    };
                    let due = i
                        .due_minutes
                        .map(|m| start + Duration::minutes(i64::from(m)));
                    ItemView {
                        id: i.id.clone(),
                        text: i.text.clone(),
                        requires_decision: i.requires_decision,
                        state,
                        reason,
                        by,
                        at,
                        due_at: due.map(|d| time::format(&d)),
                        overdue: active && state == ItemState::Open && due.is_some_and(|d| now > d),
                    }
                })
                .collect();
            let done = items.iter().filter(|i| i.state != ItemState::Open).count() as u32;
            cards.push(CardView {
                role: card.role.clone(),
                title: card.title.clone(),
                total: items.len() as u32,
                done,
                items,
            });
        }
        let overdue = cards
            .iter()
            .flat_map(|c| &c.items)
            .filter(|i| i.overdue)
            .count() as u32;
        views.push(ActivationView {
            id,
            event_id,
            plan_id: plan.id.clone(),
            plan_version: plan.version,
            title: plan.title.clone(),
            status: if active {
                ActivationStatus::Active
            } else {
                ActivationStatus::Deactivated
            },
            activated_at,
            activated_by,
            deactivated_at,
            deactivate_reason,
            done: cards.iter().map(|c| c.done).sum(),
            total: cards.iter().map(|c| c.total).sum(),
            overdue,
            cards,
        });
    }
    Ok(views)
}

impl Store {
    pub fn activate_plan(
        &mut self,
        actor: &Actor,
        plan_id: &str,
        event_id: &str,
    ) -> Result<ActivationView> {
        self.write(|tx| activate_plan(tx, actor, plan_id, event_id))
    }

    pub fn check_item(
        &mut self,
        actor: &Actor,
        activation_id: &str,
        item_id: &str,
        state: ItemState,
        reason: Option<String>,
    ) -> Result<ActivationView> {
        self.write(|tx| check_item(tx, actor, activation_id, item_id, state, reason))
    }

    pub fn deactivate_plan(
        &mut self,
        actor: &Actor,
        activation_id: &str,
        reason: &str,
    ) -> Result<ActivationView> {
        self.write(|tx| deactivate_plan(tx, actor, activation_id, reason))
    }

    pub fn activation(&self, activation_id: &str) -> Result<ActivationView> {
        activation(self.connection(), self.now(), activation_id)
    }

    pub fn event_activations(&self, event_id: &str) -> Result<Vec<ActivationView>> {
        event_activations(self.connection(), self.now(), event_id)
    }
}
