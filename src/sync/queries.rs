//! Who is paired, which chains this store holds, and the conflicts a merge left open.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::card::PairingCard;
use crate::device::Verifier;
use crate::error::Result;
use crate::journal::{OwnedRow, ENTRY_COLUMNS};
use crate::store::{registry, Slice};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Peer {
    pub device_id: String,
    pub name: String,
    pub vkey: String,
    pub paired_at: String,
    pub paired_by: String,
    pub paired_role: String,
    /// The laptop whose entry paired it (this one, or a paired laptop that vouched for it).
    pub paired_on: String,
    pub active: bool,
    pub ended_reason: Option<String>,
    pub syncthing_id: Option<String>,
}

/// An entry that could not be applied once every laptop's entries were folded together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Conflict {
    pub entry_id: String,
    pub kind: String,
    pub device_id: String,
    /// The laptop's name where it is paired, else its id.
    pub device_name: String,
    pub author: String,
    pub role: String,
    pub occurred_at: String,
    pub event_id: Option<String>,
    /// What refused it (`conflict`, `invalid`, `not_found`) and why, in Swedish.
    pub code: String,
    pub message: String,
    /// What the entry says, as the timeline shows it.
    pub summary: String,
}

/// One laptop's chain as held here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChainState {
    pub device_id: String,
    pub name: String,
    #[ts(type = "number")]
    pub entries: i64,
    pub head_hash: String,
    /// Newest `recorded_at` of the chain: when that laptop last wrote, as far as this one knows.
    pub last_recorded_at: String,
    pub own: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncStatus {
    pub card: PairingCard,
    /// This laptop's code, to read out to the person pairing on another laptop.
    pub code: String,
    pub peers: Vec<Peer>,
    pub chains: Vec<ChainState>,
    pub conflicts: Vec<Conflict>,
}

const PEER_COLS: &str =
    "device_id, name, vkey, paired_at, paired_by, paired_role, paired_on, active,
    ended_reason, syncthing_id";

fn peer_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Peer> {
    Ok(Peer {
        device_id: r.get(0)?,
        name: r.get(1)?,
        vkey: r.get(2)?,
        paired_at: r.get(3)?,
        paired_by: r.get(4)?,
        paired_role: r.get(5)?,
        paired_on: r.get(6)?,
        active: r.get(7)?,
        ended_reason: r.get(8)?,
        syncthing_id: r.get(9)?,
    })
}

pub fn peer(conn: &Connection, device_id: &str) -> Result<Option<Peer>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {PEER_COLS} FROM peers WHERE device_id = ?1"
        ))?
        .query_row([device_id], peer_row)
        .optional()?)
}

pub fn peers(conn: &Connection) -> Result<Vec<Peer>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PEER_COLS} FROM peers ORDER BY active DESC, name"
    ))?;
    let rows = stmt.query_map([], peer_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The key each paired laptop's chain must be signed with.
pub fn trusted(conn: &Connection) -> Result<Vec<(String, Verifier)>> {
    let mut out = Vec::new();
    for p in peers(conn)?.into_iter().filter(|p| p.active) {
        // A key that no longer parses trusts nothing; the pairing entry stays in the record.
        if let Ok(v) = Verifier::parse(&p.vkey) {
            out.push((p.device_id, v));
        }
    }
    Ok(out)
}

/// Conflicts not yet resolved, oldest first.
pub fn conflicts(conn: &Connection) -> Result<Vec<Conflict>> {
    conflicts_with(conn, None)
}

/// As [`conflicts`], with each entry described as the timeline would (`slices` known).
pub fn conflicts_with(conn: &Connection, slices: Option<&[Slice]>) -> Result<Vec<Conflict>> {
    let cols = ENTRY_COLUMNS
        .split(", ")
        .map(|c| format!("j.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {cols}, coalesce(p.name, j.device_id), c.code, c.message
         FROM journal_conflicts c JOIN journal j ON j.n = c.n
         LEFT JOIN peers p ON p.device_id = j.device_id
         WHERE j.id NOT IN (SELECT entry_id FROM resolved_conflicts)
         ORDER BY c.n"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let row = OwnedRow::read(r)?;
        let e = row.envelope();
        out.push(Conflict {
            entry_id: e.id.to_string(),
            kind: e.kind.to_string(),
            device_id: e.device_id.to_string(),
            device_name: r.get(13)?,
            author: e.author.to_string(),
            role: e.role.to_string(),
            occurred_at: e.occurred_at.to_string(),
            event_id: e.event_id.map(str::to_string),
            code: r.get(14)?,
            message: r.get(15)?,
            summary: slices.map_or_else(String::new, |s| registry::describe(s, conn, &e)),
        });
    }
    Ok(out)
}

/// Every chain held here with its head, own first.
pub fn chains(conn: &Connection, own: &str) -> Result<Vec<ChainState>> {
    let mut out = Vec::new();
    for device in crate::journal::verify::devices(conn)? {
        let (entries, head_hash, last): (i64, String, String) = conn
            .prepare_cached(
                "SELECT seq, hash, recorded_at FROM journal WHERE device_id = ?1
                 ORDER BY seq DESC LIMIT 1",
            )?
            .query_row([&device], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let name = peer(conn, &device)?.map_or_else(
            || {
                if device == own {
                    "den här datorn".to_string()
                } else {
                    device.clone()
                }
            },
            |p| p.name,
        );
        out.push(ChainState {
            own: device == own,
            device_id: device,
            name,
            entries,
            head_hash,
            last_recorded_at: last,
        });
    }
    out.sort_by_key(|c| !c.own);
    Ok(out)
}
