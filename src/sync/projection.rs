//! Peers and resolved conflicts from their entries.

use rusqlite::{params, Connection};

use super::commands::{PairedBody, ResolvedBody, UnpairedBody};
use super::{KIND_CONFLICT_RESOLVED, KIND_PAIRED, KIND_UNPAIRED};
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, exec};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_PAIRED => {
            let b: PairedBody = body(e)?;
            exec(
                conn,
                "INSERT INTO peers (device_id, name, vkey, paired_at, paired_by, paired_role,
                    paired_on, seq, active, ended_reason, syncthing_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, NULL, ?9)
                 ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, vkey = excluded.vkey,
                    paired_at = excluded.paired_at, paired_by = excluded.paired_by,
                    paired_role = excluded.paired_role, paired_on = excluded.paired_on,
                    seq = excluded.seq, active = 1, ended_reason = NULL,
                    syncthing_id = excluded.syncthing_id",
                params![
                    b.device_id,
                    b.name,
                    b.vkey,
                    e.occurred_at,
                    e.author,
                    e.role,
                    e.device_id,
                    e.seq,
                    b.syncthing_id
                ],
            )
        }
        KIND_UNPAIRED => {
            let b: UnpairedBody = body(e)?;
            exec(
                conn,
                "UPDATE peers SET active = 0, ended_reason = ?2, seq = ?3 WHERE device_id = ?1",
                params![b.device_id, b.reason, e.seq],
            )
        }
        KIND_CONFLICT_RESOLVED => {
            let b: ResolvedBody = body(e)?;
            exec(
                conn,
                "INSERT OR REPLACE INTO resolved_conflicts (entry_id, note, resolved_by,
                    resolved_role, resolved_at, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![b.entry_id, b.note, e.author, e.role, e.occurred_at, e.seq],
            )
        }
        _ => Ok(()),
    }
}

/// Timeline line: which laptop was paired or unpaired, what was decided on a conflict.
pub fn describe(conn: &Connection, e: &Envelope<'_>) -> Result<String> {
    Ok(match e.kind {
        KIND_PAIRED => {
            let b: PairedBody = body(e)?;
            format!("{} (kod {})", b.name, b.code)
        }
        KIND_UNPAIRED => {
            let b: UnpairedBody = body(e)?;
            let name = super::queries::peer(conn, &b.device_id)?.map_or(b.device_id, |p| p.name);
            format!("{name} – {}", b.reason)
        }
        _ => {
            let b: ResolvedBody = body(e)?;
            b.note
        }
    })
}
