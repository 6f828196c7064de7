//! Walks the stored rows in chain order and hands each on only after checking it: number, link
//! and hash. Replay and deep verify read the journal through this, so nothing reaches a projection
//! that verify would not have accepted.

use rusqlite::Connection;

use super::entry::{Envelope, GENESIS_HASH};
use crate::error::{Error, ErrorCode, Result};

fn broken(seq: i64, reason: &str) -> Error {
    Error::new(
        ErrorCode::ChainBroken,
        format!(
            "Journalen bryts vid post {seq}: {reason}. Inget byggdes om; kör `kris verify` och \
             återställ från säkerhetskopia."
        ),
    )
    .with("seq", seq)
}

/// Calls `f` for every row of `table` (e.g. `journal` or `live.journal`) in seq order, after
/// checking it extends the chain. Returns the number of entries.
pub fn for_each_verified(
    conn: &Connection,
    table: &str,
    mut f: impl FnMut(&Envelope<'_>) -> Result<()>,
) -> Result<i64> {
    let mut stmt = conn.prepare(&format!(
        "SELECT seq, id, device_id, workspace, recorded_at, occurred_at, author, role, event_id,
                kind, body, prev_hash, hash FROM {table} ORDER BY seq"
    ))?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS_HASH.to_string();
    let mut expected = 1;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        if seq != expected {
            return Err(broken(seq, &format!("väntade löpnummer {expected}")));
        }
        let text = |i: usize| -> Result<&str> {
            r.get_ref(i)?
                .as_str()
                .map_err(|_| broken(seq, "en kolumn är inte text"))
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
                .map_err(|_| broken(seq, "event_id"))?,
            kind: text(9)?,
            body: text(10)?,
            prev_hash: text(11)?,
        };
        if env.prev_hash != prev {
            return Err(broken(seq, "prev_hash pekar inte på föregående post"));
        }
        let hash = text(12)?;
        if env.hash_hex().as_slice() != hash.as_bytes() {
            return Err(broken(seq, "innehållet stämmer inte med postens hash"));
        }
        f(&env)?;
        prev.clear();
        prev.push_str(hash);
        expected += 1;
    }
    Ok(expected - 1)
}
