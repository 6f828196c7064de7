//! Risks and their assessments from their entries.

use rusqlite::{params, Connection};

use super::commands::{AssessedBody, ClosedBody, RegisteredBody, Scored};
use super::*;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, exec, lookup};

fn insert_assessment(
    conn: &Connection,
    e: &Envelope<'_>,
    id: &str,
    s: &Scored,
    note: &str,
) -> Result<()> {
    exec(
        conn,
        "INSERT INTO risk_assessments (seq, risk_id, likelihood, consequence, controls, review_due,
            note, assessed_at, assessed_by, assessed_role)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            e.seq,
            id,
            s.likelihood,
            s.consequence,
            s.controls,
            s.review_due,
            note,
            e.occurred_at,
            e.author,
            e.role
        ],
    )
}

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_REGISTERED => {
            let b: RegisteredBody = body(e)?;
            exec(
                conn,
                "INSERT INTO risks (id, seq, title, area, description, owner, plans, registered_at,
                    registered_by, registered_role)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    b.risk_id,
                    e.seq,
                    b.title,
                    b.area.as_str(),
                    b.description,
                    b.owner,
                    serde_json::to_string(&b.plans)?,
                    e.occurred_at,
                    e.author,
                    e.role
                ],
            )?;
            insert_assessment(conn, e, &b.risk_id, &b.scored, "Registrerad")
        }
        KIND_ASSESSED => {
            let b: AssessedBody = body(e)?;
            insert_assessment(conn, e, &b.risk_id, &b.scored, &b.note)?;
            if let Some(owner) = &b.owner {
                exec(
                    conn,
                    "UPDATE risks SET owner = ?2 WHERE id = ?1",
                    params![b.risk_id, owner],
                )?;
            }
            if let Some(plans) = &b.plans {
                exec(
                    conn,
                    "UPDATE risks SET plans = ?2 WHERE id = ?1",
                    params![b.risk_id, serde_json::to_string(plans)?],
                )?;
            }
            Ok(())
        }
        KIND_CLOSED => {
            let b: ClosedBody = body(e)?;
            exec(
                conn,
                "UPDATE risks SET closed_seq = ?2, closed_at = ?3, closed_by = ?4, closed_reason = ?5
                 WHERE id = ?1 AND closed_at IS NULL",
                params![b.risk_id, e.seq, e.occurred_at, e.author, b.reason],
            )
        }
        _ => Ok(()),
    }
}

/// Timeline lines: the risk, its area and where it stands on the matrix.
pub fn describe(conn: &Connection, e: &Envelope<'_>) -> Result<String> {
    let at = |s: &Scored| {
        format!(
            "S{} × K{} = {} ({})",
            s.likelihood,
            s.consequence,
            u16::from(s.likelihood) * u16::from(s.consequence),
            RiskLevel::of(s.likelihood, s.consequence).label()
        )
    };
    Ok(match e.kind {
        KIND_REGISTERED => {
            let b: RegisteredBody = body(e)?;
            format!(
                "{} ({}) – {}, ägare {}",
                b.title,
                b.area.label(),
                at(&b.scored),
                b.owner
            )
        }
        KIND_ASSESSED => {
            let b: AssessedBody = body(e)?;
            let title = lookup(conn, "SELECT title FROM risks WHERE id = ?1", e, "risk_id")?;
            format!("{title}: {} – {}", at(&b.scored), b.note)
        }
        KIND_CLOSED => {
            let b: ClosedBody = body(e)?;
            let title = lookup(conn, "SELECT title FROM risks WHERE id = ?1", e, "risk_id")?;
            format!("Avslutad: {title} – {}", b.reason)
        }
        _ => String::new(),
    })
}
