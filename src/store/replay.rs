//! Rebuilding the projections from the journal. The tables to rebuild are read from the file's
//! own schema (everything but the store's tables), so a new slice needs no entry here.

use rusqlite::{Connection, TransactionBehavior};

use super::{registry, Store, STORE_TABLES};
use crate::error::Result;
use crate::journal::for_each_verified;

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
    /// Drops every projection and rebuilds it from the journal, in one transaction. Each row is
    /// checked as it is read (number, link, hash) and every slice's guard runs again, so a
    /// forged row or an entry after an event's closing stops the rebuild and changes nothing.
    pub fn replay(&mut self) -> Result<i64> {
        self.with_bulk_cache(Store::replay_all)
    }

    fn replay_all(&mut self) -> Result<i64> {
        let slices = self.slices();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Foreign keys are checked at commit, so tables can be cleared in any order.
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        for t in projection_tables(&tx, "main")? {
            match &t.create_sql {
                // FTS5 deletes row by row, re-tokenising each: dropping and recreating the table
                // from its own stored definition is orders of magnitude faster.
                Some(sql) => tx.execute_batch(&format!("DROP TABLE \"{}\"; {sql};", t.name))?,
                None => {
                    tx.execute(&format!("DELETE FROM \"{}\"", t.name), [])?;
                }
            }
        }
        let n = for_each_verified(&tx, "journal", |env| registry::apply(slices, &tx, env))?;
        tx.commit()?;
        Ok(n)
    }
}
