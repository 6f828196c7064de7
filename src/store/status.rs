//! What the store says of itself: length, head and identity, and the raw entries in chain order.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use crate::error::Result;
use crate::journal::{Entry, GENESIS_HASH};

/// What the footer shows: how long the record is and the hash that anchors it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StoreStatus {
    pub organisation: String,
    pub workspace: String,
    pub device_id: String,
    pub path: String,
    pub entries: i64,
    pub head_hash: String,
    /// Set when the chain is shorter than, or differs from, a head this computer saw before.
    pub anchor_warning: Option<String>,
    /// The file is SQLCipher-encrypted (it opened, so its key is unlocked).
    pub encrypted: bool,
}

impl Store {
    pub fn status(&self) -> Result<StoreStatus> {
        let (entries, head): (i64, Option<String>) = self.conn.query_row(
            "SELECT coalesce(max(seq), 0), (SELECT hash FROM journal ORDER BY seq DESC LIMIT 1)
             FROM journal",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(StoreStatus {
            organisation: self.meta("organisation")?.unwrap_or_default(),
            workspace: self.workspace().to_string(),
            device_id: self.device_id().to_string(),
            path: self.path().display().to_string(),
            entries,
            head_hash: head.unwrap_or_else(|| GENESIS_HASH.to_string()),
            anchor_warning: self.anchor_warning().map(|e| e.message.clone()),
            encrypted: crate::crypt::is_encrypted(self.path())?,
        })
    }

    /// The newest entry's number (0 for an empty journal): what a reader compares to know whether
    /// what it shows is old. One index lookup, unlike the whole `status`.
    pub fn head_seq(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM journal")?
            .query_row([], |r| r.get(0))?)
    }

    /// The newest entry's number and hash (0 and the genesis hash for an empty journal), as
    /// `kris verify` prints them: what a report is anchored to.
    pub fn head(&self) -> Result<(i64, String)> {
        Ok(self
            .conn
            .prepare_cached("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or_else(|| (0, GENESIS_HASH.to_string())))
    }

    /// Raw journal entries in chain order, optionally those of one event.
    pub fn journal_entries(
        &self,
        event_id: Option<&str>,
        mut each: impl FnMut(Entry) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, id, device_id, workspace, recorded_at, occurred_at, author, role, event_id,
                    kind, body, prev_hash, hash FROM journal
             WHERE (?1 IS NULL OR event_id = ?1) ORDER BY seq",
        )?;
        let mut rows = stmt.query([event_id])?;
        while let Some(r) = rows.next()? {
            let body: String = r.get(10)?;
            each(Entry {
                seq: r.get(0)?,
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
                    crate::error::Error::storage(format!(
                        "Post {} har en oläsbar kropp ({e}). Kör `kris verify`.",
                        r.get::<_, i64>(0).unwrap_or_default()
                    ))
                })?,
                prev_hash: r.get(11)?,
                hash: r.get(12)?,
            })?;
        }
        Ok(())
    }
}
