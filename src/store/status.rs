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
    /// Entries in this device's own chain, and its newest hash: what anchors and checkpoints
    /// name.
    pub entries: i64,
    pub head_hash: String,
    /// Entries of every laptop's chain held here.
    pub all_entries: i64,
    /// Laptops (chains) whose entries are held here, this one included once it has written.
    pub chains: i64,
    /// Set when the chain is shorter than, or differs from, a head this computer saw before.
    pub anchor_warning: Option<String>,
    /// The file is SQLCipher-encrypted (it opened, so its key is unlocked).
    pub encrypted: bool,
}

impl Store {
    pub fn status(&self) -> Result<StoreStatus> {
        let (entries, head_hash) = self.head()?;
        let all_entries = self.head_seq()?;
        let chains = crate::journal::verify::devices(&self.conn)?.len() as i64;
        Ok(StoreStatus {
            organisation: self.meta("organisation")?.unwrap_or_default(),
            workspace: self.workspace().to_string(),
            device_id: self.device_id().to_string(),
            path: self.path().display().to_string(),
            entries,
            head_hash,
            all_entries,
            chains,
            anchor_warning: self.anchor_warning().map(|e| e.message.clone()),
            encrypted: crate::crypt::is_encrypted(self.path())?,
        })
    }

    /// How many entries the file holds, of every chain (0 for an empty journal): what a reader
    /// compares to know whether what it shows is old, since it moves with every write and every
    /// arrival. One index lookup, unlike the whole `status`.
    pub fn head_seq(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(n), 0) FROM journal")?
            .query_row([], |r| r.get(0))?)
    }

    /// This device's newest entry: its number in this device's chain and its hash (0 and the
    /// genesis hash before it has written), as `kris verify` prints them: what a report is
    /// anchored to.
    pub fn head(&self) -> Result<(i64, String)> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT seq, hash FROM journal WHERE device_id = ?1 ORDER BY seq DESC LIMIT 1",
            )?
            .query_row([self.device_id()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or_else(|| (0, GENESIS_HASH.to_string())))
    }

    /// Raw journal entries in fold order (for one chain, its own order), optionally those of one
    /// event.
    pub fn journal_entries(
        &self,
        event_id: Option<&str>,
        mut each: impl FnMut(Entry) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, id, device_id, workspace, recorded_at, occurred_at, author, role, event_id,
                    kind, body, prev_hash, hash FROM entries
             WHERE (?1 IS NULL OR event_id = ?1) ORDER BY pos",
        )?;
        let mut rows = stmt.query([event_id])?;
        while let Some(r) = rows.next()? {
            each(crate::journal::entry_from_row(r)?)?;
        }
        Ok(())
    }
}
