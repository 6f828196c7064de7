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
        let fail = |reason: String| {
            Ok(VerifyReport {
                entries,
                head_hash: expected_prev.clone(),
                failure: Some(VerifyFailure { seq, reason }),
            })
        };
        // Text columns may have been overwritten with blobs or NULLs by a hostile edit.
        let text = |i: usize| -> String { r.get::<_, String>(i).unwrap_or_default() };
        let (prev_hash, hash) = (text(11), text(12));
        if seq != expected_seq {
            return fail(format!(
                "lucka i kedjan: väntade seq {expected_seq}, hittade {seq}"
            ));
        }
        if prev_hash != expected_prev {
            return fail("prev_hash pekar inte på föregående post (kedjan bruten)".into());
        }
        let event_id: Option<String> = r.get(8).ok().flatten();
        let (id, device, ws, rec, occ, author, role, kind, body) = (
            text(1),
            text(2),
            text(3),
            text(4),
            text(5),
            text(6),
            text(7),
            text(9),
            text(10),
        );
        let env = Envelope {
            seq,
            id: &id,
            device_id: &device,
            workspace: &ws,
            recorded_at: &rec,
            occurred_at: &occ,
            author: &author,
            role: &role,
            event_id: event_id.as_deref(),
            kind: &kind,
            body: &body,
            prev_hash: &prev_hash,
        };
        if env.hash() != hash {
            return fail("innehållet stämmer inte med postens hash (posten har ändrats)".into());
        }
        entries += 1;
        expected_seq += 1;
        expected_prev = hash;
    }
    Ok(VerifyReport {
        entries,
        head_hash: expected_prev,
        failure: None,
    })
}
