//! Numbered migrations guarded by `PRAGMA user_version`. The SHA-256 of each applied migration's text
//! is kept in `schema_migrations`, so a build whose migration text differs from what shaped the file
//! refuses to open it instead of silently running on a schema it does not understand.

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorCode, Result};

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "journal",
        sql: include_str!("migrations/0001_journal.sql"),
    },
    Migration {
        version: 2,
        name: "modes_plans",
        sql: include_str!("migrations/0002_modes_plans.sql"),
    },
    Migration {
        version: 3,
        name: "logistics",
        sql: include_str!("migrations/0003_logistics.sql"),
    },
    Migration {
        version: 4,
        name: "fts_prefix",
        sql: include_str!("migrations/0004_fts_prefix.sql"),
    },
    Migration {
        version: 5,
        name: "fk_indexes",
        sql: include_str!("migrations/0005_fk_indexes.sql"),
    },
    Migration {
        version: 6,
        name: "partial_supersede_indexes",
        sql: include_str!("migrations/0006_partial_supersede_indexes.sql"),
    },
    Migration {
        version: 7,
        name: "covering_counts_follow_up",
        sql: include_str!("migrations/0007_covering_counts_follow_up.sql"),
    },
];

pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

pub fn checksum(sql: &str) -> String {
    hex::encode(Sha256::digest(sql.as_bytes()))
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuses newer or altered schemas, then applies what is missing, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let current = user_version(conn)?;
    if current > latest_version() {
        return Err(Error::new(
            ErrorCode::SchemaTooNew,
            format!(
                "Databasen har schemaversion {current}, men det här programmet känner bara till \
                 version {}. Uppdatera Krisledning innan du öppnar filen.",
                latest_version()
            ),
        ));
    }
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )?;
    for m in MIGRATIONS.iter().filter(|m| m.version <= current) {
        let stored: Option<String> = conn
            .query_row(
                "SELECT sha256 FROM schema_migrations WHERE version = ?1",
                [m.version],
                |r| r.get(0),
            )
            .optional()?;
        if stored.as_deref() != Some(checksum(m.sql).as_str()) {
            return Err(Error::new(
                ErrorCode::SchemaTampered,
                format!(
                    "Migration {} ({}) i databasen stämmer inte med programmets version. Filen har \
                     skapats av en annan version eller ändrats; öppna den inte för skrivning.",
                    m.version, m.name
                ),
            ));
        }
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > current) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(m.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?1, ?2, ?3, ?4)",
            params![m.version, m.name, checksum(m.sql), crate::time::now_string()],
        )?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(())
}
