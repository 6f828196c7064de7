//! Staff, rosters and the operator log from their entries.

use rusqlite::{params, Connection};

use super::{RosterBody, StaffAddedBody, KIND_OPERATOR, KIND_ROSTER, KIND_STAFF_ADDED};
use crate::domain::Actor;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, body_fields, event_of, exec, lookup};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_STAFF_ADDED => {
            let b: StaffAddedBody = body(e)?;
            exec(conn,
                "INSERT INTO staff (id, seq, name, roles, phone, rakel_id, email, organisation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![b.staff_id, e.seq, b.name, serde_json::to_string(&b.roles)?, b.phone, b.rakel_id, b.email, b.organisation],
            )?;
        }
        KIND_ROSTER => {
            let b: RosterBody = body(e)?;
            exec(
                conn,
                "INSERT INTO roster (event_id, staff_id, role, seq) VALUES (?1, ?2, ?3, ?4)",
                params![event_of(e)?, b.staff_id, b.role, e.seq],
            )?;
        }
        KIND_OPERATOR => {
            let b: Actor = body(e)?;
            exec(
                conn,
                "INSERT INTO operator_log (seq, name, role, at) VALUES (?1, ?2, ?3, ?4)",
                params![e.seq, b.name, b.role, e.occurred_at],
            )?;
        }
        _ => {}
    }
    Ok(())
}

/// Timeline lines: who was added, placed in a role, or took the keyboard.
pub fn describe(conn: &Connection, e: &Envelope<'_>) -> Result<String> {
    Ok(match e.kind {
        KIND_STAFF_ADDED => body_fields(e, &["name", "organisation"]),
        KIND_ROSTER => {
            let name = lookup(conn, "SELECT name FROM staff WHERE id = ?1", e, "staff_id")?;
            format!("{name} – {}", body_fields(e, &["role"]))
        }
        KIND_OPERATOR => body_fields(e, &["name", "role"]),
        _ => String::new(),
    })
}
