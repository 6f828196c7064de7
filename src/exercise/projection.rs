//! The exercise tables from their entries: live, in replay and in deep verify alike.

use rusqlite::{params, Connection};

use super::commands::{AssessedBody, ControlBody, CreatedBody, HotwashBody, InjectBody};
use super::*;
use crate::error::Result;
use crate::journal::Envelope;
use crate::scenario::t_plus;
use crate::store::registry::{body, exec};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_CREATED => {
            let b: CreatedBody = body(e)?;
            exec(
                conn,
                "INSERT INTO exercise (id, seq, scenario, file, sha256, title, created_at, created_by,
                    state, speed, anchor_wall, anchor_ms)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, 'ready', 1, NULL, 0)",
                params![
                    e.seq,
                    serde_json::to_string(&b.scenario)?,
                    b.file,
                    b.sha256,
                    b.scenario.title,
                    e.recorded_at,
                    e.author
                ],
            )
        }
        KIND_CONTROL => {
            let b: ControlBody = body(e)?;
            let running = b.state == ExerciseState::Running;
            exec(
                conn,
                "INSERT INTO exercise_clock (seq, wall, action, t_ms, speed, running, to_seq, author, role)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    e.seq,
                    e.recorded_at,
                    b.action.as_str(),
                    b.t_ms,
                    b.speed,
                    running,
                    b.to_seq,
                    e.author,
                    e.role
                ],
            )?;
            exec(
                conn,
                "UPDATE exercise SET state = ?1, speed = ?2, anchor_wall = ?3, anchor_ms = ?4,
                    started_at = CASE WHEN ?5 = 'start' THEN ?3 ELSE started_at END,
                    started_seq = CASE WHEN ?5 = 'start' THEN ?6 ELSE started_seq END,
                    ended_at = CASE WHEN ?1 = 'ended' THEN ?3 ELSE ended_at END
                 WHERE id = 1",
                params![
                    b.state.as_str(),
                    b.speed,
                    e.recorded_at,
                    b.t_ms,
                    b.action.as_str(),
                    e.seq
                ],
            )
        }
        KIND_INJECT => {
            let b: InjectBody = body(e)?;
            exec(
                conn,
                "INSERT INTO exercise_injects (seq, key, inject_seq, contingency, at_s, t_ms, wall,
                    channel, from_party, to_role, text, fired_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    e.seq,
                    b.key,
                    b.seq,
                    b.contingency,
                    b.at,
                    b.t_ms,
                    e.recorded_at,
                    b.channel.as_str(),
                    b.from,
                    b.to,
                    b.text,
                    e.author
                ],
            )
        }
        KIND_ASSESSED => {
            let b: AssessedBody = body(e)?;
            exec(
                conn,
                "INSERT INTO exercise_assessments (seq, action, status, note, wall, author, role)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    e.seq,
                    b.action,
                    b.outcome.as_str(),
                    b.note,
                    e.recorded_at,
                    e.author,
                    e.role
                ],
            )
        }
        KIND_HOTWASH => {
            let b: HotwashBody = body(e)?;
            exec(
                conn,
                "INSERT INTO exercise_hotwash (seq, kind, text, wall, t_ms, author, role)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    e.seq,
                    b.kind.as_str(),
                    b.text,
                    e.recorded_at,
                    b.t_ms,
                    e.author,
                    e.role
                ],
            )
        }
        _ => Ok(()),
    }
}

pub fn describe(_: &Connection, e: &Envelope<'_>) -> Result<String> {
    Ok(match e.kind {
        KIND_CREATED => {
            let b: CreatedBody = body(e)?;
            format!("Övning skapad: {}", b.scenario.title)
        }
        KIND_CONTROL => {
            let b: ControlBody = body(e)?;
            let mut s = format!(
                "Övningsledning: {} vid {}",
                b.action.label(),
                t_plus(b.t_ms / 1000)
            );
            if b.action == ControlAction::Speed {
                s.push_str(&format!(" (×{})", b.speed));
            }
            if let Some(seq) = b.to_seq {
                s.push_str(&format!(" till inspel {seq}"));
            }
            s
        }
        KIND_INJECT => {
            let b: InjectBody = body(e)?;
            format!(
                "Inspel {} {} från {} till {}: {}",
                b.key,
                t_plus(i64::from(b.at)),
                b.from,
                b.to,
                crate::text::preview(&b.text)
            )
        }
        KIND_ASSESSED => {
            let b: AssessedBody = body(e)?;
            format!("Bedömning {}: {} – {}", b.action, b.outcome.label(), b.note)
        }
        KIND_HOTWASH => {
            let b: HotwashBody = body(e)?;
            format!("Hot wash ({}): {}", b.kind.label(), b.text)
        }
        _ => String::new(),
    })
}
