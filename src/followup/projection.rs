//! Goals, activities and exercises held from their entries.

use rusqlite::{params, Connection};

use super::commands::{ActivityBody, AssessedBody, ExerciseHeldBody, GoalBody, PhaseBody};
use super::*;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, exec, lookup};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_GOAL => {
            let b: GoalBody = body(e)?;
            exec(
                conn,
                "INSERT INTO goals (id, seq, year, title, measure, target, owner, set_at, set_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    b.goal_id,
                    e.seq,
                    b.year,
                    b.title,
                    b.measure,
                    b.target,
                    b.owner,
                    e.occurred_at,
                    e.author
                ],
            )
        }
        KIND_ACTIVITY => {
            let b: ActivityBody = body(e)?;
            exec(
                conn,
                "INSERT INTO goal_activities (id, seq, goal_id, text, owner, due, phase, phase_at, phase_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'planera', ?7, ?8)",
                params![b.activity_id, e.seq, b.goal_id, b.text, b.owner, b.due, e.occurred_at, e.author],
            )
        }
        KIND_PHASE => {
            let b: PhaseBody = body(e)?;
            exec(
                conn,
                "UPDATE goal_activities SET phase = ?2, phase_note = ?3, phase_at = ?4, phase_by = ?5
                 WHERE id = ?1",
                params![b.activity_id, b.phase.as_str(), b.note, e.occurred_at, e.author],
            )
        }
        KIND_ASSESSED => {
            let b: AssessedBody = body(e)?;
            exec(
                conn,
                "UPDATE goals SET outcome = ?2, outcome_note = ?3, assessed_at = ?4, assessed_by = ?5
                 WHERE id = ?1",
                params![b.goal_id, b.outcome.as_str(), b.note, e.occurred_at, e.author],
            )
        }
        KIND_EXERCISE_HELD => {
            let b: ExerciseHeldBody = body(e)?;
            // A second laptop recording the same exercise store is the same exercise held.
            exec(
                conn,
                "INSERT OR IGNORE INTO exercises_held (id, seq, title, held_on, form, participants,
                    summary, source, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    b.held_id,
                    e.seq,
                    b.title,
                    b.held_on,
                    b.form,
                    b.participants,
                    b.summary,
                    b.source,
                    e.occurred_at,
                    e.author
                ],
            )
        }
        _ => Ok(()),
    }
}

/// Timeline lines.
pub fn describe(conn: &Connection, e: &Envelope<'_>) -> Result<String> {
    Ok(match e.kind {
        KIND_GOAL => {
            let b: GoalBody = body(e)?;
            format!(
                "Mål {}: {} – mått: {}, målvärde {}, ansvarig {}",
                b.year, b.title, b.measure, b.target, b.owner
            )
        }
        KIND_ACTIVITY => {
            let b: ActivityBody = body(e)?;
            let goal = lookup(conn, "SELECT title FROM goals WHERE id = ?1", e, "goal_id")?;
            format!(
                "{goal}: {} – ansvarig {}, klart senast {}",
                b.text, b.owner, b.due
            )
        }
        KIND_PHASE => {
            let b: PhaseBody = body(e)?;
            let activity = lookup(
                conn,
                "SELECT text FROM goal_activities WHERE id = ?1",
                e,
                "activity_id",
            )?;
            format!("{activity} → {}: {}", b.phase.label(), b.note)
        }
        KIND_ASSESSED => {
            let b: AssessedBody = body(e)?;
            let goal = lookup(conn, "SELECT title FROM goals WHERE id = ?1", e, "goal_id")?;
            format!("{goal}: {} – {}", b.outcome.label(), b.note)
        }
        KIND_EXERCISE_HELD => {
            let b: ExerciseHeldBody = body(e)?;
            format!(
                "Övning genomförd {}: {} ({}, {} deltagare)",
                b.held_on, b.title, b.form, b.participants
            )
        }
        _ => String::new(),
    })
}
