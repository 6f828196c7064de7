//! The flags table from its entries.

use rusqlite::{params, Connection};

use super::flag::FlagBody;
use super::{KIND_FLAGGED, KIND_UNFLAGGED};
use crate::error::{Error, Result};
use crate::journal::Envelope;
use crate::store::registry::{body, exec};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    let b: FlagBody = body(e)?;
    match e.kind {
        KIND_FLAGGED => {
            let entry_seq: i64 = conn
                .prepare_cached("SELECT pos FROM entries WHERE id = ?1")?
                .query_row([&b.entry_id], |r| r.get(0))
                .map_err(|_| {
                    Error::storage(format!(
                        "Post {} markerar en post som inte finns ({}).",
                        e.seq, b.entry_id
                    ))
                })?;
            exec(conn,
                "INSERT INTO flags (entry_id, entry_seq, event_id, note, flagged_by, flag_role, flagged_at, seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (entry_id) DO UPDATE SET note = excluded.note, flagged_by = excluded.flagged_by,
                    flag_role = excluded.flag_role, flagged_at = excluded.flagged_at, seq = excluded.seq",
                params![b.entry_id, entry_seq, e.event_id, b.note, e.author, e.role, e.occurred_at, e.seq],
            )?;
        }
        KIND_UNFLAGGED => exec(conn, "DELETE FROM flags WHERE entry_id = ?1", [&b.entry_id])?,
        _ => {}
    }
    Ok(())
}

/// Timeline line of a flag: the note, or the flagged entry's own line.
pub fn describe(conn: &Connection, e: &Envelope<'_>) -> Result<String> {
    let b: FlagBody = body(e)?;
    match b.note {
        Some(note) => Ok(note),
        None => Ok(crate::store::registry::lookup(
            conn,
            "SELECT kind FROM journal WHERE id = ?1",
            e,
            "entry_id",
        )?),
    }
}
