//! Walks the stored rows in fold order and hands each on only after checking it: its place in its
//! device's chain (number and link) and its hash. Replay and deep verify read the journal through
//! this, so nothing reaches a projection that verify would not have accepted.
//!
//! Fold order is the same on every laptop that holds the same entries, whatever order they
//! arrived in: by `ord_at` — the running maximum of `recorded_at` along the entry's own chain, so
//! a chain is never folded out of its own order even when its clock stepped back — then device,
//! then seq.

use chrono::DateTime;
use rusqlite::Connection;

use super::entry::{Envelope, GENESIS_HASH};
use crate::error::{Error, ErrorCode, Result};

fn broken(device: &str, seq: i64, reason: &str) -> Error {
    Error::new(
        ErrorCode::ChainBroken,
        format!(
            "Journalen bryts vid post {seq} från enhet {}: {reason}. Inget byggdes om; kör `kris \
             verify` och återställ från säkerhetskopia.",
            crate::text::preview(device)
        ),
    )
    .with("seq", seq)
    .with("device_id", device)
}

/// Microseconds since the epoch of a stored time, for ordering.
pub fn micros(s: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.timestamp_micros())
}

/// The place of an entry in fold order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FoldKey {
    pub ord_at: i64,
    /// Index of the device id in sorted order, so ties break by device id.
    pub device: u32,
    pub seq: i64,
    /// The row (`journal.n`); not part of the order, which is total without it.
    pub n: i64,
}

/// One entry on its way into the projections.
pub struct Folded<'a> {
    /// Its number in fold order, from 1.
    pub pos: i64,
    pub n: i64,
    /// `ord_at` in the store's time form.
    pub ord_at: String,
    pub env: &'a Envelope<'a>,
}

/// Every row's fold key, after checking each chain's numbers and links: one pass over the
/// (device, seq) index.
pub fn fold_keys(conn: &Connection, schema: &str) -> Result<Vec<FoldKey>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT n, device_id, seq, recorded_at, prev_hash, hash FROM {schema}.journal
         ORDER BY device_id, seq"
    ))?;
    let mut rows = stmt.query([])?;
    let mut keys = Vec::new();
    let mut device = String::new();
    let mut index: u32 = 0;
    let mut prev = String::new();
    let mut expected = 1;
    let mut ord_at = i64::MIN;
    while let Some(r) = rows.next()? {
        let text = |i: usize| -> Result<&str> {
            r.get_ref(i)?
                .as_str()
                .map_err(|_| Error::storage("En journalrad har en kolumn som inte är text."))
        };
        let this = text(1)?;
        if this != device {
            if !keys.is_empty() {
                index += 1;
            }
            device = this.to_string();
            prev = GENESIS_HASH.to_string();
            expected = 1;
            ord_at = i64::MIN;
        }
        let seq: i64 = r.get(2)?;
        if seq != expected {
            return Err(broken(
                &device,
                seq,
                &format!("väntade löpnummer {expected}"),
            ));
        }
        if text(4)? != prev {
            return Err(broken(
                &device,
                seq,
                "prev_hash pekar inte på föregående post",
            ));
        }
        let at = micros(text(3)?)
            .ok_or_else(|| broken(&device, seq, "recorded_at är ingen tidpunkt"))?;
        ord_at = ord_at.max(at);
        keys.push(FoldKey {
            ord_at,
            device: index,
            seq,
            n: r.get(0)?,
        });
        prev.clear();
        prev.push_str(text(5)?);
        expected += 1;
    }
    keys.sort_unstable();
    Ok(keys)
}

/// Calls `f` for every row of `{schema}.journal` (`main` or an attached `live`) in fold order,
/// after checking it extends its chain and matches its hash. Returns the number of entries.
pub fn for_each_folded(
    conn: &Connection,
    schema: &str,
    mut f: impl FnMut(&Folded<'_>) -> Result<()>,
) -> Result<i64> {
    let keys = fold_keys(conn, schema)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT seq, id, device_id, workspace, recorded_at, occurred_at, author, role, event_id,
                kind, body, prev_hash, hash FROM {schema}.journal WHERE n = ?1"
    ))?;
    for (i, key) in keys.iter().enumerate() {
        let mut rows = stmt.query([key.n])?;
        let r = rows
            .next()?
            .ok_or_else(|| Error::storage("En journalrad försvann under genomgången."))?;
        let seq: i64 = r.get(0)?;
        let text = |i: usize| -> Result<&str> {
            r.get_ref(i)?
                .as_str()
                .map_err(|_| broken("?", seq, "en kolumn är inte text"))
        };
        let env = Envelope {
            seq,
            id: text(1)?,
            device_id: text(2)?,
            workspace: text(3)?,
            recorded_at: text(4)?,
            occurred_at: text(5)?,
            author: text(6)?,
            role: text(7)?,
            event_id: r
                .get_ref(8)?
                .as_str_or_null()
                .map_err(|_| broken("?", seq, "event_id"))?,
            kind: text(9)?,
            body: text(10)?,
            prev_hash: text(11)?,
        };
        if env.hash_hex().as_slice() != text(12)?.as_bytes() {
            return Err(broken(
                env.device_id,
                seq,
                "innehållet stämmer inte med postens hash",
            ));
        }
        f(&Folded {
            pos: i as i64 + 1,
            n: key.n,
            ord_at: micros_to_text(key.ord_at),
            env: &env,
        })?;
    }
    Ok(keys.len() as i64)
}

/// A time in microseconds in the store's one text form.
pub fn micros_to_text(us: i64) -> String {
    DateTime::from_timestamp_micros(us)
        .map(|t| crate::time::format(&t))
        .unwrap_or_default()
}

/// The columns an entry is read with, in the order [`entry_from_row`] and [`OwnedRow::read`]
/// take them.
pub const ENTRY_COLUMNS: &str = "seq, id, device_id, workspace, recorded_at, occurred_at, author, \
                                 role, event_id, kind, body, prev_hash, hash";

/// An entry from a row of [`ENTRY_COLUMNS`].
pub fn entry_from_row(r: &rusqlite::Row<'_>) -> Result<super::Entry> {
    let body: String = r.get(10)?;
    let seq: i64 = r.get(0)?;
    Ok(super::Entry {
        seq,
        id: r.get(1)?,
        device_id: r.get(2)?,
        workspace: r.get(3)?,
        recorded_at: r.get(4)?,
        occurred_at: r.get(5)?,
        author: r.get(6)?,
        role: r.get(7)?,
        event_id: r.get(8)?,
        kind: r.get(9)?,
        body: serde_json::from_str(&body).map_err(|e| {
            Error::storage(format!(
                "Post {seq} har en oläsbar kropp ({e}). Kör `kris verify`."
            ))
        })?,
        prev_hash: r.get(11)?,
        hash: r.get(12)?,
    })
}

/// A row of [`ENTRY_COLUMNS`] (the hash not needed), owned, so it can lend itself as an envelope
/// with the body exactly as stored.
pub struct OwnedRow {
    seq: i64,
    text: [String; 10],
    event_id: Option<String>,
}

impl OwnedRow {
    pub fn read(r: &rusqlite::Row<'_>) -> Result<OwnedRow> {
        let t = |i: usize| -> Result<String> { Ok(r.get::<_, String>(i)?) };
        Ok(OwnedRow {
            seq: r.get(0)?,
            text: [
                t(1)?,
                t(2)?,
                t(3)?,
                t(4)?,
                t(5)?,
                t(6)?,
                t(7)?,
                t(9)?,
                t(10)?,
                t(11)?,
            ],
            event_id: r.get(8)?,
        })
    }

    pub fn envelope(&self) -> Envelope<'_> {
        let t = &self.text;
        Envelope {
            seq: self.seq,
            id: &t[0],
            device_id: &t[1],
            workspace: &t[2],
            recorded_at: &t[3],
            occurred_at: &t[4],
            author: &t[5],
            role: &t[6],
            event_id: self.event_id.as_deref(),
            kind: &t[7],
            body: &t[8],
            prev_hash: &t[9],
        }
    }
}
