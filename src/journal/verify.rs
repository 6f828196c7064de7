use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::entry::{Envelope, GENESIS_HASH};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct VerifyFailure {
    pub seq: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct VerifyReport {
    pub entries: i64,
    pub head_hash: String,
    /// The first entry that does not verify; `None` means the whole chain is intact.
    pub failure: Option<VerifyFailure>,
}

/// Walks the chain from the first entry, recomputing each hash and checking each link.
/// Stops at the first break: everything after it can no longer be trusted either.
pub fn verify(conn: &Connection) -> Result<VerifyReport> {
    let mut stmt = conn.prepare(
        "SELECT seq, id, device_id, workspace, recorded_at, occurred_at, author, role, event_id,
                kind, body, prev_hash, hash FROM journal ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS_HASH.to_string();
    let mut expected_seq = 1i64;
    let mut entries = 0i64;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        // Borrowed, not copied: verify reads every byte of the file. A column overwritten with a
        // blob or NULL by a hostile edit reads as empty and fails its hash.
        let text = |i: usize| {
            r.get_ref(i)
                .ok()
                .and_then(|v| v.as_str().ok())
                .unwrap_or("")
        };
        let fail = |reason: &str, entries: i64, head: &str| {
            Ok(VerifyReport {
                entries,
                head_hash: head.to_string(),
                failure: Some(VerifyFailure {
                    seq,
                    reason: reason.into(),
                }),
            })
        };
        if seq != expected_seq {
            return fail(
                &format!("lucka i kedjan: väntade seq {expected_seq}, hittade {seq}"),
                entries,
                &expected_prev,
            );
        }
        let prev_hash = text(11);
        if prev_hash != expected_prev {
            return fail(
                "prev_hash pekar inte på föregående post (kedjan bruten)",
                entries,
                &expected_prev,
            );
        }
        let event_id = r.get_ref(8).ok().and_then(|v| v.as_str().ok());
        let env = Envelope {
            seq,
            id: text(1),
            device_id: text(2),
            workspace: text(3),
            recorded_at: text(4),
            occurred_at: text(5),
            author: text(6),
            role: text(7),
            event_id,
            kind: text(9),
            body: text(10),
            prev_hash,
        };
        let stored = text(12);
        if env.hash_hex().as_slice() != stored.as_bytes() {
            return fail(
                "innehållet stämmer inte med postens hash (posten har ändrats)",
                entries,
                &expected_prev,
            );
        }
        entries += 1;
        expected_seq += 1;
        expected_prev.clear();
        expected_prev.push_str(stored);
    }
    Ok(VerifyReport {
        entries,
        head_hash: expected_prev,
        failure: None,
    })
}
