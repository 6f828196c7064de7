//! Services and dependency hits from their entries.

use rusqlite::{params, Connection};

use super::commands::{HitBody, RestoredBody, ServiceBody};
use super::*;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, event_of, exec, lookup};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_SERVICE => {
            let b: ServiceBody = body(e)?;
            // A revision replaces the record; the journal keeps every version.
            exec(
                conn,
                "INSERT INTO services (id, seq, name, owner, mto_hours, dependencies, reserve,
                    plans, recorded_at, recorded_by, versions)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)
                 ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, name = excluded.name,
                    owner = excluded.owner, mto_hours = excluded.mto_hours,
                    dependencies = excluded.dependencies, reserve = excluded.reserve,
                    plans = excluded.plans, recorded_at = excluded.recorded_at,
                    recorded_by = excluded.recorded_by, versions = versions + 1",
                params![
                    b.service_id,
                    e.seq,
                    b.name,
                    b.owner,
                    b.mto_hours,
                    serde_json::to_string(&b.dependencies)?,
                    b.reserve,
                    serde_json::to_string(&b.plans)?,
                    e.occurred_at,
                    e.author
                ],
            )
        }
        KIND_HIT => {
            let b: HitBody = body(e)?;
            exec(
                conn,
                "INSERT INTO dependency_hits (id, seq, event_id, dependency, note, since, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    b.hit_id,
                    e.seq,
                    event_of(e)?,
                    b.dependency.as_str(),
                    b.note,
                    e.occurred_at,
                    e.author
                ],
            )
        }
        KIND_RESTORED => {
            let b: RestoredBody = body(e)?;
            exec(
                conn,
                "UPDATE dependency_hits SET restored_seq = ?2, restored_at = ?3, restored_by = ?4,
                    restored_note = ?5 WHERE id = ?1 AND restored_at IS NULL",
                params![b.hit_id, e.seq, e.occurred_at, e.author, b.note],
            )
        }
        _ => Ok(()),
    }
}

/// Timeline lines: a service with its MTO and dependencies; a dependency down or restored.
pub fn describe(conn: &Connection, e: &Envelope<'_>) -> Result<String> {
    Ok(match e.kind {
        KIND_SERVICE => {
            let b: ServiceBody = body(e)?;
            let deps: Vec<&str> = b.dependencies.iter().map(|d| d.label()).collect();
            format!(
                "{} – MTO {} h, beroenden: {}, ansvarig {}",
                b.name,
                b.mto_hours,
                deps.join(", "),
                b.owner
            )
        }
        KIND_HIT => {
            let b: HitBody = body(e)?;
            format!("Utslaget: {} – {}", b.dependency.label(), b.note)
        }
        KIND_RESTORED => {
            let b: RestoredBody = body(e)?;
            let dep = lookup(
                conn,
                "SELECT dependency FROM dependency_hits WHERE id = ?1",
                e,
                "hit_id",
            )?;
            let dep = Dependency::parse(&dep).map_or(dep, |d| d.label().to_string());
            format!("Återställt: {dep} – {}", b.note)
        }
        _ => String::new(),
    })
}
