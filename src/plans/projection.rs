//! Imported plans, activations and their items from `plan.*` entries.

use rusqlite::{params, Connection, OptionalExtension};

use super::activation::{PlanActivatedBody, PlanDeactivatedBody, PlanItemBody};
use super::library::PlanImportedBody;
use super::*;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, body_fields, event_of, exec, lookup};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_PLAN_IMPORTED => {
            let b: PlanImportedBody = body(e)?;
            exec(conn,
                "INSERT INTO imported_plans (plan_id, version, seq, plan, file_name, sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![b.plan.id, b.plan.version, e.seq, serde_json::to_string(&b.plan)?, b.file_name, b.sha256],
            )?;
        }
        KIND_PLAN_ACTIVATED => {
            let b: PlanActivatedBody = body(e)?;
            exec(conn,
                "INSERT INTO activations (id, seq, event_id, plan_id, plan_version, plan, status, activated_at,
                    activated_by, activated_role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'active', ?7, ?8, ?9)",
                params![
                    b.activation_id, e.seq, event_of(e)?, b.plan.id, b.plan.version, serde_json::to_string(&b.plan)?,
                    e.occurred_at, e.author, e.role
                ],
            )?;
        }
        KIND_PLAN_ITEM => {
            let b: PlanItemBody = body(e)?;
            exec(conn,
                "INSERT INTO activation_items (activation_id, item_id, seq, state, reason, by_name, by_role, at, decision_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (activation_id, item_id) DO UPDATE SET seq = excluded.seq, state = excluded.state,
                    reason = excluded.reason, by_name = excluded.by_name, by_role = excluded.by_role, at = excluded.at,
                    decision_id = excluded.decision_id",
                params![b.activation_id, b.item_id, e.seq, b.state.as_str(), b.reason, e.author, e.role, e.occurred_at, b.decision_id],
            )?;
        }
        KIND_PLAN_DEACTIVATED => {
            let b: PlanDeactivatedBody = body(e)?;
            exec(conn,
                "UPDATE activations SET status = 'deactivated', deactivated_at = ?2, deactivated_by = ?3,
                    deactivate_reason = ?4 WHERE id = ?1",
                params![b.activation_id, e.occurred_at, e.author, b.reason],
            )?;
        }
        _ => {}
    }
    Ok(())
}

/// Timeline lines: the plan's title, or the item's text and the reason given.
pub fn describe(conn: &Connection, e: &Envelope<'_>) -> Result<String> {
    Ok(match e.kind {
        KIND_PLAN_IMPORTED => {
            let b: PlanImportedBody = body(e)?;
            format!("{} (v{})", b.plan.title.sv, b.plan.version)
        }
        KIND_PLAN_ACTIVATED => body::<PlanActivatedBody>(e)?.plan.title.sv,
        KIND_PLAN_ITEM => {
            let b: PlanItemBody = body(e)?;
            let plan: Option<String> = conn
                .prepare_cached("SELECT plan FROM activations WHERE id = ?1")?
                .query_row([&b.activation_id], |r| r.get(0))
                .optional()?;
            let plan: Option<super::Plan> = plan.and_then(|p| serde_json::from_str(&p).ok());
            let text = plan
                .and_then(|p| {
                    p.items()
                        .find(|(_, i)| i.id == b.item_id)
                        .map(|(_, i)| i.text.clone())
                })
                .unwrap_or(b.item_id);
            [Some(text), b.reason]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" – ")
        }
        KIND_PLAN_DEACTIVATED => {
            lookup(
                conn,
                "SELECT json_extract(plan, '$.title.sv') FROM activations WHERE id = ?1",
                e,
                "activation_id",
            )? + " – "
                + &body_fields(e, &["reason"])
        }
        _ => String::new(),
    })
}
