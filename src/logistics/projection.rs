//! Resources, their history, requests and tasks from their entries.

use rusqlite::{params, Connection};

use super::request::{RequestAssignedBody, RequestDecidedBody, RequestMadeBody};
use super::resource::{ResourceAddedBody, ResourceChangedBody};
use super::task::{TaskCreatedBody, TaskStatusBody};
use super::*;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, body_fields, event_of, exec, lookup};

#[allow(clippy::too_many_arguments)]
fn resource_point(
    conn: &Connection,
    e: &Envelope<'_>,
    resource_id: &str,
    status: &str,
    quantity: f64,
    location: &str,
    event_id: Option<&str>,
    task_id: Option<&str>,
    note: Option<&str>,
) -> Result<()> {
    exec(conn,
        "INSERT INTO resource_history (seq, resource_id, status, quantity, location, event_id, task_id, note, at, author, role)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![e.seq, resource_id, status, quantity, location, event_id, task_id, note, e.occurred_at, e.author, e.role],
    )?;
    Ok(())
}

/// An assignment made on one laptop while another laptop had already put the resource on another
/// task: the second is not applied, and the staff sees the conflict (one generator, two tasks).
fn assigned_as_seen(
    conn: &Connection,
    resource_id: &str,
    seen: Option<&str>,
    to: Option<&str>,
) -> Result<()> {
    let (now, name): (Option<String>, String) = conn
        .prepare_cached("SELECT task_id, name FROM resources WHERE id = ?1")?
        .query_row([resource_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if now.as_deref() != seen && now.as_deref() != to {
        let title = |id: Option<&str>| -> Result<String> {
            Ok(match id {
                Some(id) => conn
                    .prepare_cached(TASK_TITLE)?
                    .query_row([id], |r| r.get(0))
                    .unwrap_or_else(|_| id.to_string()),
                None => "inget uppdrag".to_string(),
            })
        };
        return Err(crate::error::Error::conflict(format!(
            "{name} tilldelades uppdraget \"{}\" på en annan dator medan den här tilldelade den \
             \"{}\". Bestäm vilket uppdrag resursen ska ha och tilldela den på nytt.",
            title(now.as_deref())?,
            title(to)?
        ))
        .with("resource", name));
    }
    Ok(())
}

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_RESOURCE_ADDED => {
            let b: ResourceAddedBody = body(e)?;
            exec(conn,
                "INSERT INTO resources (id, seq, kind, name, quantity, unit, location, owner, status, notes, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![b.resource_id, e.seq, b.kind, b.name, b.quantity, b.unit, b.location, b.owner, b.status.as_str(), b.notes, e.occurred_at],
            )?;
            resource_point(
                conn,
                e,
                &b.resource_id,
                b.status.as_str(),
                b.quantity,
                &b.location,
                None,
                None,
                Some("Registrerad"),
            )?;
        }
        KIND_RESOURCE_CHANGED => {
            let b: ResourceChangedBody = body(e)?;
            if let Some(seen) = &b.seen {
                assigned_as_seen(
                    conn,
                    &b.resource_id,
                    seen.task_id.as_deref(),
                    b.task_id.as_deref(),
                )?;
            }
            exec(conn,
                "UPDATE resources SET status = ?2, quantity = ?3, location = ?4, event_id = ?5, task_id = ?6, updated_at = ?7
                 WHERE id = ?1",
                params![b.resource_id, b.status.as_str(), b.quantity, b.location, b.event_id, b.task_id, e.occurred_at],
            )?;
            resource_point(
                conn,
                e,
                &b.resource_id,
                b.status.as_str(),
                b.quantity,
                &b.location,
                b.event_id.as_deref(),
                b.task_id.as_deref(),
                b.note.as_deref(),
            )?;
        }
        KIND_REQUEST_MADE => {
            let b: RequestMadeBody = body(e)?;
            exec(conn,
                "INSERT INTO requests (id, seq, event_id, what, kind, quantity, unit, needed_by, priority, justification,
                    requester, requester_role, status, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'ny', ?13)",
                params![
                    b.request_id, e.seq, event_of(e)?, b.what, b.kind, b.quantity, b.unit, b.needed_by, b.priority.as_str(),
                    b.justification, b.requester.name, b.requester.role, e.occurred_at
                ],
            )?;
        }
        KIND_REQUEST_DECIDED => {
            let b: RequestDecidedBody = body(e)?;
            exec(conn,
                "UPDATE requests SET status = ?2, approved_quantity = ?3, decision_reason = ?4, decided_by = ?5, decided_at = ?6
                 WHERE id = ?1",
                params![b.request_id, b.outcome.as_str(), b.approved_quantity, b.reason, e.author, e.occurred_at],
            )?;
        }
        KIND_REQUEST_ASSIGNED => {
            let b: RequestAssignedBody = body(e)?;
            exec(
                conn,
                "UPDATE requests SET task_id = ?2 WHERE id = ?1",
                params![b.request_id, b.task_id],
            )?;
        }
        KIND_TASK_CREATED => {
            let b: TaskCreatedBody = body(e)?;
            exec(conn,
                "INSERT INTO tasks (id, seq, event_id, title, description, owner, due, status, decision_id, created_at,
                    created_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'ny', ?8, ?9, ?10, ?9)",
                params![b.task_id, e.seq, event_of(e)?, b.title, b.description, b.owner, b.due, b.decision_id, e.occurred_at, e.author],
            )?;
        }
        KIND_TASK_STATUS => {
            let b: TaskStatusBody = body(e)?;
            exec(conn,
                "UPDATE tasks SET status = ?2, note = coalesce(?3, note), updated_at = ?4 WHERE id = ?1",
                params![b.task_id, b.status.as_str(), b.note, e.occurred_at],
            )?;
        }
        _ => {}
    }
    Ok(())
}

const RESOURCE_NAME: &str = "SELECT name FROM resources WHERE id = ?1";
const REQUEST_WHAT: &str = "SELECT what FROM requests WHERE id = ?1";
const TASK_TITLE: &str = "SELECT title FROM tasks WHERE id = ?1";

/// Timeline lines: the resource, request or task by name, and what changed.
pub fn describe(conn: &Connection, e: &Envelope<'_>) -> Result<String> {
    let joined = |parts: [String; 2]| {
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" – ")
    };
    Ok(match e.kind {
        KIND_RESOURCE_ADDED => body_fields(e, &["name", "status", "location"]),
        KIND_RESOURCE_CHANGED => joined([
            lookup(conn, RESOURCE_NAME, e, "resource_id")?,
            body_fields(e, &["status", "location"]),
        ]),
        KIND_REQUEST_MADE => body_fields(e, &["what", "quantity", "unit"]),
        KIND_REQUEST_DECIDED => joined([
            lookup(conn, REQUEST_WHAT, e, "request_id")?,
            body_fields(e, &["outcome", "reason"]),
        ]),
        KIND_REQUEST_ASSIGNED => joined([
            lookup(conn, REQUEST_WHAT, e, "request_id")?,
            lookup(conn, TASK_TITLE, e, "task_id")?,
        ]),
        KIND_TASK_CREATED => body_fields(e, &["title", "owner"]),
        KIND_TASK_STATUS => joined([
            lookup(conn, TASK_TITLE, e, "task_id")?,
            body_fields(e, &["status", "note"]),
        ]),
        _ => String::new(),
    })
}
