use rusqlite::TransactionBehavior;

use super::{project, Store};
use crate::error::Result;
use crate::journal::Envelope;

/// The projection tables, children first so foreign keys hold while clearing.
pub const PROJECTION_TABLES: &[&str] = &[
    "operator_log",
    "roster",
    "staff",
    "resource_history",
    "resources",
    "requests",
    "tasks",
    "activation_items",
    "activations",
    "imported_plans",
    "mode_history",
    "records_fts",
    "corrections",
    "records",
    "events",
];

impl Store {
    /// Drops every projection and rebuilds it from the journal, in one transaction.
    pub fn replay(&mut self) -> Result<i64> {
        self.with_bulk_cache(Store::replay_all)
    }

    fn replay_all(&mut self) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for t in PROJECTION_TABLES {
            if *t == "records_fts" {
                // FTS5 deletes row by row, re-tokenising each: dropping and recreating the table
                // from its own stored definition is orders of magnitude faster.
                let sql: String = tx.query_row(
                    "SELECT sql FROM sqlite_schema WHERE name = 'records_fts'",
                    [],
                    |r| r.get(0),
                )?;
                tx.execute_batch(&format!("DROP TABLE records_fts; {sql};"))?;
            } else {
                tx.execute(&format!("DELETE FROM {t}"), [])?;
            }
        }
        let mut n = 0;
        {
            let mut stmt = tx.prepare(
                "SELECT seq, id, device_id, workspace, recorded_at, occurred_at, author, role,
                        event_id, kind, body, prev_hash FROM journal ORDER BY seq",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let cols: Vec<String> = (1..12)
                    .filter(|i| *i != 8)
                    .map(|i| r.get::<_, String>(i))
                    .collect::<rusqlite::Result<_>>()?;
                let event_id: Option<String> = r.get(8)?;
                let env = Envelope {
                    seq: r.get(0)?,
                    id: &cols[0],
                    device_id: &cols[1],
                    workspace: &cols[2],
                    recorded_at: &cols[3],
                    occurred_at: &cols[4],
                    author: &cols[5],
                    role: &cols[6],
                    event_id: event_id.as_deref(),
                    kind: &cols[7],
                    body: &cols[8],
                    prev_hash: &cols[9],
                };
                project::apply(&tx, &env)?;
                n += 1;
            }
        }
        tx.commit()?;
        Ok(n)
    }
}
