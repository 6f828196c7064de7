//! Avvikelser, lessons and revision proposals from their entries: live, in replay and in deep
//! verify alike.

use rusqlite::{params, Connection};

use super::deviation::DeviationBody;
use super::lesson::{LessonBody, LessonClosedBody};
use super::revision::RevisionBody;
use super::*;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, event_of, exec, lookup};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_DEVIATION => {
            let b: DeviationBody = body(e)?;
            exec(
                conn,
                "INSERT INTO deviations (id, seq, event_id, title, text, category, consequence, action,
                    occurred_at, reported_at, reported_by, reported_role)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    b.deviation_id,
                    e.seq,
                    event_of(e)?,
                    b.title,
                    b.text,
                    b.category.as_str(),
                    b.consequence,
                    b.action,
                    e.occurred_at,
                    e.recorded_at,
                    e.author,
                    e.role
                ],
            )
        }
        KIND_LESSON => {
            let b: LessonBody = body(e)?;
            exec(
                conn,
                "INSERT INTO lessons (id, seq, event_id, deviation_id, text, kind, owner, due,
                    recorded_at, recorded_by, recorded_role)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    b.lesson_id,
                    e.seq,
                    event_of(e)?,
                    b.deviation_id,
                    b.text,
                    b.kind.as_str(),
                    b.owner,
                    b.due,
                    e.recorded_at,
                    e.author,
                    e.role
                ],
            )
        }
        KIND_LESSON_CLOSED => {
            let b: LessonClosedBody = body(e)?;
            exec(
                conn,
                "UPDATE lessons SET closed_seq = ?2, closed_at = ?3, closed_by = ?4, closed_role = ?5,
                    closed_note = ?6 WHERE id = ?1",
                params![
                    b.lesson_id,
                    e.seq,
                    e.occurred_at,
                    e.author,
                    e.role,
                    b.note
                ],
            )
        }
        KIND_REVISION => {
            let b: RevisionBody = body(e)?;
            exec(
                conn,
                "INSERT INTO revision_proposals (id, seq, event_id, lesson_id, plan_id, plan_version,
                    text, proposed_at, proposed_by, proposed_role)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    b.proposal_id,
                    e.seq,
                    event_of(e)?,
                    b.lesson_id,
                    b.plan_id,
                    b.plan_version,
                    b.text,
                    e.occurred_at,
                    e.author,
                    e.role
                ],
            )
        }
        _ => Ok(()),
    }
}

/// Timeline lines: an avvikelse's title, category and what happened; a lesson with its owner and
/// due date; a closing with the lesson it closes; a proposal with the plan and version it revises.
pub fn describe(conn: &Connection, e: &Envelope<'_>) -> Result<String> {
    Ok(match e.kind {
        KIND_DEVIATION => {
            let b: DeviationBody = body(e)?;
            format!("{} ({}) – {}", b.title, b.category.label(), b.text)
        }
        KIND_LESSON => {
            let b: LessonBody = body(e)?;
            format!(
                "{}: {} – ansvarig {}, klart senast {}",
                b.kind.label(),
                b.text,
                b.owner,
                crate::time::local_minute(&b.due)
            )
        }
        KIND_LESSON_CLOSED => {
            let b: LessonClosedBody = body(e)?;
            let lesson = lookup(
                conn,
                "SELECT text FROM lessons WHERE id = ?1",
                e,
                "lesson_id",
            )?;
            format!("Avslutad: {lesson} – {}", b.note)
        }
        KIND_REVISION => {
            let b: RevisionBody = body(e)?;
            let title = crate::plans::library::library_plan(conn, &b.plan_id)
                .map_or_else(|_| b.plan_id.clone(), |l| l.plan.title.sv);
            format!("{title} (v{}): {}", b.plan_version, b.text)
        }
        _ => String::new(),
    })
}
