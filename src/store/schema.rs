//! Each slice owns its schema as numbered steps of its own domain (as Zed's sqlez does): the store
//! applies what is missing in registry order and records the SHA-256 of every applied step, so a
//! build whose text differs from what shaped the file refuses to open it instead of running on a
//! schema it does not understand. The whole check-and-apply runs under one write lock, so two
//! processes opening a new file at once cannot both migrate it.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};

use super::legacy;
use super::registry::{Migration, Slice};
use crate::error::{Error, ErrorCode, Result};

/// The store's own domain: the journal and the file's identity.
pub const JOURNAL_DOMAIN: &str = "journal";

pub const JOURNAL_MIGRATIONS: &[Migration] = &[
    Migration {
        name: "journal",
        sql: include_str!("schema/0001_journal.sql"),
    },
    Migration {
        name: "extend_head",
        sql: include_str!("schema/0002_extend_head.sql"),
    },
    Migration {
        name: "journal_kind",
        sql: include_str!("schema/0003_journal_kind.sql"),
    },
    Migration {
        name: "device_chains",
        sql: include_str!("schema/0004_device_chains.sql"),
    },
];

/// `PRAGMA user_version` of a file in this format. Versions 1–7 were the single numbered list of
/// the first releases; a program that knows only those refuses this file as newer.
pub const FORMAT_VERSION: i64 = 100;

pub fn checksum(sql: &str) -> String {
    hex::encode(Sha256::digest(sql.as_bytes()))
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Every domain in order: the journal first, then the slices as registered.
pub fn domains(slices: &[Slice]) -> Vec<(&'static str, &'static [Migration])> {
    std::iter::once((JOURNAL_DOMAIN, JOURNAL_MIGRATIONS))
        .chain(slices.iter().map(|s| (s.name, s.migrations)))
        .collect()
}

fn too_new(detail: String) -> Error {
    Error::new(
        ErrorCode::SchemaTooNew,
        format!(
            "Databasen har skapats av en nyare Krisledning ({detail}). Uppdatera Krisledning \
             innan du öppnar filen."
        ),
    )
    .with("detail", detail)
}

/// Refuses newer or altered schemas, then applies what is missing, all in one transaction.
pub fn migrate(conn: &mut Connection, slices: &[Slice]) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = user_version(&tx)?;
    if version > FORMAT_VERSION {
        return Err(too_new(format!("schemaversion {version}")));
    }
    let legacy = (1..FORMAT_VERSION).contains(&version);
    if legacy {
        legacy::adopt(&tx, version)?;
    }
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            domain TEXT NOT NULL, step INTEGER NOT NULL, name TEXT NOT NULL, sha256 TEXT NOT NULL,
            applied_at TEXT NOT NULL, PRIMARY KEY (domain, step))",
    )?;
    let known = domains(slices);
    if legacy {
        // The old schema is exactly the first step of these domains: recorded, not run.
        for (domain, steps) in &known {
            if legacy::V1_DOMAINS.contains(domain) {
                record(&tx, domain, 1, &steps[0])?;
            }
        }
    }
    let mut stmt = tx.prepare("SELECT DISTINCT domain FROM schema_migrations")?;
    let stored: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    if let Some(unknown) = stored.iter().find(|d| !known.iter().any(|(k, _)| k == d)) {
        return Err(too_new(format!("okänd del \"{unknown}\"")));
    }
    for (domain, steps) in &known {
        apply_domain(&tx, domain, steps)?;
    }
    // Written only when it changes: opening a store must leave its file as it was (an exercise
    // run beside the record, a copy checked by hash).
    if version != FORMAT_VERSION {
        tx.pragma_update(None, "user_version", FORMAT_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

fn apply_domain(tx: &Connection, domain: &str, steps: &[Migration]) -> Result<()> {
    let applied: i64 = tx.query_row(
        "SELECT coalesce(max(step), 0) FROM schema_migrations WHERE domain = ?1",
        [domain],
        |r| r.get(0),
    )?;
    if applied > steps.len() as i64 {
        return Err(too_new(format!("{domain} steg {applied}")));
    }
    for (i, m) in steps.iter().enumerate() {
        let step = i as i64 + 1;
        if step <= applied {
            let stored: Option<String> = tx
                .query_row(
                    "SELECT sha256 FROM schema_migrations WHERE domain = ?1 AND step = ?2",
                    params![domain, step],
                    |r| r.get(0),
                )
                .optional()?;
            if stored.as_deref() != Some(checksum(m.sql).as_str()) {
                return Err(Error::new(
                    ErrorCode::SchemaTampered,
                    format!(
                        "Schemasteg {domain} {step} ({}) i databasen stämmer inte med programmets \
                         version. Filen har skapats av en annan version eller ändrats; öppna den \
                         inte för skrivning.",
                        m.name
                    ),
                )
                .with("domain", domain)
                .with("step", step));
            }
            continue;
        }
        tx.execute_batch(m.sql)?;
        record(tx, domain, step, m)?;
    }
    Ok(())
}

fn record(tx: &Connection, domain: &str, step: i64, m: &Migration) -> Result<()> {
    tx.execute(
        "INSERT INTO schema_migrations (domain, step, name, sha256, applied_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            domain,
            step,
            m.name,
            checksum(m.sql),
            crate::time::now_string()
        ],
    )?;
    Ok(())
}
