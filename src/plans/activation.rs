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
    /// The decision that did an item marked "Kräver beslut".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_id: Option<String>,
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
    pub text_en: Option<String>,
    pub requires_decision: bool,
    pub state: ItemState,
    pub reason: Option<String>,
    pub by: Option<String>,
    pub at: Option<String>,
    pub due_at: Option<String>,
    pub overdue: bool,
    /// The decision that did the item, for one marked "Kräver beslut".
    pub decision_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CardView {
    pub role: String,
    pub title: String,
    pub title_en: Option<String>,
    pub items: Vec<ItemView>,
    /// Items done; skipped ones are counted apart, never as done.
    pub done: u32,
    pub skipped: u32,
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
    /// Items done. Skipped items (with a reason) are counted apart: a plan whose items were
    /// skipped has not been carried out.
    pub done: u32,
    pub skipped: u32,
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
            "Det finns ingen aktiverad plan med id {}.",
            crate::text::preview(activation_id)
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

/// Marks an item done, open again, or skipped (a reason is required to skip). An item marked
/// "Kräver beslut" is done only by a decision of the same event: `decision_id` links it.
pub fn check_item(
    tx: &mut Tx<'_>,
    actor: &Actor,
    activation_id: &str,
    item_id: &str,
    state: ItemState,
    reason: Option<String>,
    decision_id: Option<String>,
) -> Result<ActivationView> {
    let actor = actor.validate()?;
    let reason = validate::optional("Skäl", &reason, TEXT_MAX)?;
    if state == ItemState::Skipped && reason.is_none() {
        return Err(Error::invalid("Ange skäl när en punkt hoppas över."));
    }
    let (event_id, plan) = require_active(tx, activation_id)?;
    let Some((_, item)) = plan.items().find(|(_, i)| i.id == item_id) else {
        return Err(Error::not_found(format!(
            "Planen har ingen punkt med id \"{}\".",
            crate::text::preview(item_id)
        )));
    };
    let decision_id = decision_id
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty());
    if state == ItemState::Done && item.requires_decision && decision_id.is_none() {
        return Err(Error::invalid(format!(
            "Punkten \"{}\" kräver beslut. Fatta beslutet från punkten, eller koppla ett beslut som redan är fattat i händelsen.",
            item.text
        ))
        .with("item_id", item_id));
    }
    if let Some(d) = &decision_id {
        if state != ItemState::Done {
            return Err(Error::invalid(
                "Ett beslut kan bara kopplas när punkten markeras som klar.",
            ));
        }
        let found: Option<(String, String, String)> = tx
            .query_row(
                "SELECT event_id, record_type, status FROM records WHERE id = ?1",
                [d],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match found {
            Some((ev, ty, status))
                if ev == event_id && ty == "decision" && status != "gallande" =>
            {
                return Err(Error::conflict(
                    "Beslutet är ersatt av ett nyare. Koppla det gällande beslutet.",
                )
                .with("decision_id", d.as_str()))
            }
            Some((ev, ty, _)) if ev == event_id && ty == "decision" => {}
            _ => {
                let d = crate::text::preview(d);
                return Err(Error::not_found(format!(
                    "Det finns inget beslut med id {d} i händelsen. Välj ett beslut ur händelsens logg."
                ))
                .with("decision_id", d));
            }
        }
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
        decision_id,
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
                "Det finns ingen aktiverad plan med id {}.",
                crate::text::preview(activation_id)
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
        "SELECT item_id, state, reason, by_name, at, decision_id FROM activation_items WHERE activation_id = ?1",
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
        type ItemRow = (String, Option<String>, String, String, Option<String>);
        let states: std::collections::HashMap<String, ItemRow> = item_stmt
            .query_map([&id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
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
                    let (state, reason, by, at, decision_id) = match states.get(&i.id) {
                        Some((s, reason, by, at, decision)) => {
                            let state = match s.as_str() {
                                "done" => ItemState::Done,
                                "skipped" => ItemState::Skipped,
                                _ => ItemState::Open,
                            };
                            let by = Some(by.clone());
                            (
                                state,
                                reason.clone(),
                                by,
                                Some(at.clone()),
                                decision.clone(),
                            )
                        }
                        None => (ItemState::Open, None, None, None, None),
                    };
                    let due = i
                        .due_minutes
                        .map(|m| start + Duration::minutes(i64::from(m)));
                    ItemView {
                        id: i.id.clone(),
                        text: i.text.clone(),
                        text_en: i.text_en.clone(),
                        decision_id,
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
            let count = |s: ItemState| items.iter().filter(|i| i.state == s).count() as u32;
            let (done, skipped) = (count(ItemState::Done), count(ItemState::Skipped));
            cards.push(CardView {
                role: card.role.clone(),
                title: card.title.clone(),
                title_en: card.title_en.clone(),
                skipped,
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
            skipped: cards.iter().map(|c| c.skipped).sum(),
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
        decision_id: Option<String>,
    ) -> Result<ActivationView> {
        self.write(|tx| {
            check_item(
                tx,
                actor,
                activation_id,
                item_id,
                state,
                reason,
                decision_id,
            )
        })
    }

    /// Records a decision and marks the item that required it done, in one transaction: either
    /// both are in the record or neither is.
    pub fn decide_item(
        &mut self,
        actor: &Actor,
        activation_id: &str,
        item_id: &str,
        decision: &crate::log::NewDecision,
    ) -> Result<ActivationView> {
        self.write(|tx| {
            let (event_id, _) = require_active(tx, activation_id)?;
            if decision.event_id != event_id {
                return Err(Error::invalid(
                    "Beslutet måste höra till samma händelse som planen.",
                ));
            }
            let record = crate::log::commands::decide(tx, actor, decision)?;
            check_item(
                tx,
                actor,
                activation_id,
                item_id,
                ItemState::Done,
                None,
                Some(record.id),
            )
        })
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
