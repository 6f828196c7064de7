//! Rebuilding the projections from the journal. The tables to rebuild are read from the file's
//! own schema (everything but the store's tables), so a new slice needs no entry here.

use rusqlite::TransactionBehavior;

use super::Store;
use crate::error::Result;

pub use super::fold::{projection_tables, Table};

impl Store {
    /// Drops every projection and rebuilds it from the journal in fold order, in one transaction.
    /// Each row is checked as it is read (number, link, hash) and every slice's guard runs again,
    /// so in a store of one chain a forged row or an entry after an event's closing stops the
    /// rebuild and changes nothing; with several chains such an entry is listed as a conflict.
    pub fn replay(&mut self) -> Result<i64> {
        self.with_bulk_cache(Store::replay_all)
    }

    fn replay_all(&mut self) -> Result<i64> {
        let slices = self.slices();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n = super::fold::refold(&tx, slices, None)?;
        tx.commit()?;
        Ok(n)
    }
}
