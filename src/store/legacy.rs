//! Files from the first releases kept one numbered migration list (user_version 1–7, one row per
//! version in `schema_migrations`). Their final schema is exactly the first step of each of the
//! domains below, so such a file is adopted in place: the old list is checked against the
//! checksums those releases wrote, kept as `schema_migrations_v1`, and the baseline steps are
//! recorded as applied. Nothing in the journal or the projections is touched.

use rusqlite::Connection;

use crate::error::{Error, ErrorCode, Result};

/// SHA-256 of migrations 1–7 as the first releases shipped them.
const V1_CHECKSUMS: [&str; 7] = [
    "fd5c50ff286bd3b903bf15a887cb6b7d55bb096644630950f7ed1cea5dab0b9f",
    "0d46b0316b0dd7ddbb7e5c8a088ee0cfd25492713464228a8138603d91087091",
    "2cd8a2203fa40e011ecfde849d9d0a68b2b63354bd7a44ce6e0cb0c0cefa252d",
    "260c3aa2dc4e7d34402ddd6fa37f7d4cf2917838c11a7946482cd83fb04bd264",
    "095adfe62a56d07c60d84db2bddbd5504cee8fc6cb2a59d82257ff09dbf4fa9a",
    "6c0af684073ee033332713e6bb8d28e58610c82f72b3a83d831adf127d34c508",
    "b90ecb08bcca15db9cd53a92c0b5ded5e4c7a64ca8ccc8e8aedaee29b0e26573",
];

/// The domains whose first step together make up the schema of version 7.
pub(super) const V1_DOMAINS: [&str; 6] =
    ["journal", "log", "plans", "readiness", "staff", "logistics"];

/// Checks the old list and sets it aside; the caller records the baseline steps in the new one.
pub(super) fn adopt(tx: &Connection, version: i64) -> Result<()> {
    if version != V1_CHECKSUMS.len() as i64 {
        return Err(Error::new(
            ErrorCode::SchemaTampered,
            format!(
                "Databasen har den gamla schemaversionen {version}, som den här versionen inte kan \
                 uppgradera. Öppna den först med Krisledning 0.1 (version 7) och försök igen."
            ),
        ));
    }
    for (i, sum) in V1_CHECKSUMS.iter().enumerate() {
        let stored: Option<String> = tx
            .query_row(
                "SELECT sha256 FROM schema_migrations WHERE version = ?1",
                [i as i64 + 1],
                |r| r.get(0),
            )
            .ok();
        if stored.as_deref() != Some(*sum) {
            return Err(Error::new(
                ErrorCode::SchemaTampered,
                format!(
                    "Migration {} i databasen stämmer inte med någon utgiven version. Filen har \
                     ändrats; öppna den inte för skrivning.",
                    i + 1
                ),
            ));
        }
    }
    tx.execute_batch("ALTER TABLE schema_migrations RENAME TO schema_migrations_v1")?;
    Ok(())
}
