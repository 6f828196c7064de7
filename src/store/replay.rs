//! Rebuilding the projections from the journal. The tables to rebuild are read from the file's
//! own schema (everything but the store's tables), so a new slice needs no entry here.

use rusqlite::{Connection, TransactionBehavior};

use super::{Store, STORE_TABLES};
use crate::error::Result;

/// A projection table as the file defines it.
pub struct Table {
    pub name: String,
    /// FTS5 and other virtual tables: cleared by drop and re-create, not row by row.
    pub create_sql: Option<String>,
}

/// Every projection table in schema `db` (`main`, or an attached one).
pub fn projection_tables(conn: &Connection, db: &str) -> Result<Vec<Table>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT t.name, t.type, s.sql FROM pragma_table_list AS t
         JOIN {db}.sqlite_schema AS s ON s.name = t.name
         WHERE t.schema = ?1 AND t.type IN ('table', 'virtual') AND t.name NOT LIKE 'sqlite_%'
         ORDER BY s.rowid"
    ))?;
    let rows = stmt.query_map([db], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut tables = Vec::new();
    for row in rows {
        let (name, kind, sql) = row?;
        if STORE_TABLES.contains(&name.as_str()) {
            continue;
        }
        tables.push(Table {
            create_sql: (kind == "virtual").then_some(sql),
            name,
        });
    }
    Ok(tables)
}

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
