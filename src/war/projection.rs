//! Krigsplaceringar and inställelser from their entries.

use rusqlite::{params, Connection};

use super::commands::{PlacedBody, ReportedBody, UnplacedBody};
use super::*;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, exec};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_PLACED => {
            let b: PlacedBody = body(e)?;
            exec(
                conn,
                "INSERT INTO war_placements (staff_id, seq, function, place, shift, replacement_id,
                    elsewhere, placed_at, placed_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (staff_id) DO UPDATE SET seq = excluded.seq,
                    function = excluded.function, place = excluded.place, shift = excluded.shift,
                    replacement_id = excluded.replacement_id, elsewhere = excluded.elsewhere,
                    placed_at = excluded.placed_at, placed_by = excluded.placed_by",
                params![
                    b.staff_id,
                    e.seq,
                    b.function,
                    b.place,
                    b.shift,
                    b.replacement_id,
                    b.elsewhere,
                    e.occurred_at,
                    e.author
                ],
            )
        }
        KIND_UNPLACED => {
            let b: UnplacedBody = body(e)?;
            exec(
                conn,
                "DELETE FROM war_placements WHERE staff_id = ?1",
                [&b.staff_id],
            )
        }
        KIND_REPORTED => {
            let b: ReportedBody = body(e)?;
            exec(
                conn,
                "INSERT INTO war_reports (seq, staff_id, note, reported_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![e.seq, b.staff_id, b.note, e.occurred_at, e.author],
            )
        }
        _ => Ok(()),
    }
}

fn name(conn: &Connection, staff_id: &str) -> Result<String> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT name FROM staff WHERE id = ?1")?
        .query_row([staff_id], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| staff_id.to_string()))
}

/// Timeline lines: who is placed where, released, or reported for duty.
pub fn describe(conn: &Connection, e: &Envelope<'_>) -> Result<String> {
    Ok(match e.kind {
        KIND_PLACED => {
            let b: PlacedBody = body(e)?;
            let who = name(conn, &b.staff_id)?;
            match (&b.function, &b.elsewhere) {
                (_, Some(org)) => format!("{who} krigsplacerad hos {org}"),
                (Some(f), None) => {
                    let mut line = format!(
                        "{who} krigsplacerad som {f}, {}",
                        b.place.clone().unwrap_or_default()
                    );
                    if let Some(s) = &b.shift {
                        line.push_str(&format!(", skift {s}"));
                    }
                    if let Some(r) = &b.replacement_id {
                        line.push_str(&format!(", ersättare {}", name(conn, r)?));
                    }
                    line
                }
                (None, None) => format!("{who} krigsplacerad"),
            }
        }
        KIND_UNPLACED => {
            let b: UnplacedBody = body(e)?;
            format!(
                "Krigsplacering upphävd: {} – {}",
                name(conn, &b.staff_id)?,
                b.reason
            )
        }
        KIND_REPORTED => {
            let b: ReportedBody = body(e)?;
            let note = b.note.map(|n| format!(" – {n}")).unwrap_or_default();
            format!("Inställd: {}{note}", name(conn, &b.staff_id)?)
        }
        _ => String::new(),
    })
}
