//! Folding entries into the projections in fold order (see `journal::rows`). An entry that sorts
//! after the last folded one — every local append, and what arrives from a laptop whose clock
//! agrees — is applied at once; one that sorts before it makes every projection be rebuilt in
//! fold order. Either way every laptop holding the same entries shows the same state, whatever
//! order they arrived in.
//!
//! With more than one chain in the store an entry can fail its guard only because of what
//! another laptop wrote meanwhile (one generator assigned twice, two mode changes at once). Such
//! an entry stays in the journal, is not applied, and is listed in `journal_conflicts` for the
//! staff to resolve with a new entry: nothing is resolved silently, and nothing is lost. With one
//! chain a failing guard can only mean an edited file, and stops the fold.

use rusqlite::{params, Connection, OptionalExtension};

use super::registry::{self, Slice};
use super::STORE_TABLES;
use crate::error::{Error, ErrorCode, Result};
use crate::journal::{
    for_each_folded, micros, micros_to_text, Envelope, Folded, OwnedRow, ENTRY_COLUMNS,
};

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

/// Where the last folded entry sorts: (ord_at µs, device id, seq).
pub(crate) type Key = (i64, String, i64);

pub(crate) fn last(conn: &Connection) -> Result<Option<(i64, Key)>> {
    conn.prepare_cached(
        "SELECT f.pos, f.ord_at, j.device_id, j.seq FROM journal_fold f JOIN journal j ON j.n = f.n
         ORDER BY f.pos DESC LIMIT 1",
    )?
    .query_row([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })
    .optional()?
    .map(|(pos, ord_at, device, seq)| {
        let at = micros(&ord_at).ok_or_else(|| damaged("journal_fold.ord_at"))?;
        Ok((pos, (at, device, seq)))
    })
    .transpose()
}

/// `ord_at` of the newest folded entry of `device`'s chain.
pub(crate) fn chain_ord_at(conn: &Connection, device: &str) -> Result<Option<i64>> {
    conn.prepare_cached(
        "SELECT f.ord_at FROM journal j JOIN journal_fold f ON f.n = j.n WHERE j.device_id = ?1
         ORDER BY j.seq DESC LIMIT 1",
    )?
    .query_row([device], |r| r.get::<_, String>(0))
    .optional()?
    .map(|s| micros(&s).ok_or_else(|| damaged("journal_fold.ord_at")))
    .transpose()
}

fn damaged(what: &str) -> Error {
    Error::storage(format!(
        "{what} är skadad. Bygg om visningen från journalen med `kris replay`."
    ))
}

/// More than one device's chain is in the store: min and max of the (device, seq) index.
pub(crate) fn several_chains(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT min(device_id) IS NOT max(device_id) FROM journal")?
        .query_row([], |r| r.get(0))?)
}

/// What a guard or projection refuses on the entry's own terms, as opposed to a storage error.
fn is_domain(e: &Error) -> bool {
    matches!(
        e.code,
        ErrorCode::Invalid | ErrorCode::NotFound | ErrorCode::Conflict
    )
}

/// How one entry goes in.
#[derive(Clone, Copy)]
pub(crate) enum Mode<'a> {
    /// Any refusal stops the fold (one chain; or a command being written now).
    Strict,
    /// A refusal of entry `strict` (the command being written) stops the fold; any other entry
    /// refused is recorded as a conflict.
    Merge { strict: Option<&'a str> },
    /// As `Merge`, without a savepoint per entry: for deep verify's scratch file, where SQLite
    /// refuses savepoints beside the read-only live file. Guards and the projections' own
    /// preconditions refuse before anything is written, and deep verify compares what it built,
    /// so a partial write would show as a difference, never hide one.
    MergeAside,
}

/// Applies one entry: the projections see its place in fold order as its number.
pub(crate) fn apply(
    slices: &[Slice],
    conn: &Connection,
    env: &Envelope<'_>,
    pos: i64,
    n: i64,
    mode: Mode<'_>,
) -> Result<()> {
    let seen = Envelope { seq: pos, ..*env };
    match mode {
        Mode::Merge { strict } if strict != Some(env.id) => {
            let run = |sql: &str| -> Result<()> {
                conn.prepare_cached(sql)?.execute([])?;
                Ok(())
            };
            run("SAVEPOINT fold_entry")?;
            match registry::apply(slices, conn, &seen) {
                Ok(()) => run("RELEASE fold_entry")?,
                Err(e) if is_domain(&e) => {
                    run("ROLLBACK TO fold_entry")?;
                    run("RELEASE fold_entry")?;
                    conn.prepare_cached(
                        "INSERT INTO journal_conflicts (n, code, message) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![n, e.code.as_str(), e.message])?;
                }
                Err(e) => {
                    run("ROLLBACK TO fold_entry")?;
                    run("RELEASE fold_entry")?;
                    return Err(e);
                }
            }
            Ok(())
        }
        Mode::MergeAside => match registry::apply(slices, conn, &seen) {
            Err(e) if is_domain(&e) => {
                conn.prepare_cached(
                    "INSERT INTO journal_conflicts (n, code, message) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![n, e.code.as_str(), e.message])?;
                Ok(())
            }
            other => other,
        },
        _ => registry::apply(slices, conn, &seen),
    }
}

/// Records an entry's place in the fold.
pub(crate) fn insert_place(
    conn: &Connection,
    pos: i64,
    n: i64,
    ord_at: &str,
    env: &Envelope<'_>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO journal_fold (pos, n, ord_at, kind, event_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![pos, n, ord_at, env.kind, env.event_id])?;
    Ok(())
}

/// Records an entry's place and applies it.
pub(crate) fn fold_one(
    slices: &[Slice],
    conn: &Connection,
    f: &Folded<'_>,
    mode: Mode<'_>,
) -> Result<()> {
    insert_place(conn, f.pos, f.n, &f.ord_at, f.env)?;
    apply(slices, conn, f.env, f.pos, f.n, mode)
}

/// Drops every projection and folds the whole journal again, inside the caller's transaction.
/// `strict` names a command's entry that must apply cleanly; with one chain every entry must.
pub(crate) fn refold(conn: &Connection, slices: &[Slice], strict: Option<&str>) -> Result<i64> {
    // Foreign keys are checked at commit, so tables can be cleared in any order.
    conn.pragma_update(None, "defer_foreign_keys", "ON")?;
    for t in projection_tables(conn, "main")? {
        match &t.create_sql {
            // FTS5 deletes row by row, re-tokenising each: dropping and recreating the table
            // from its own stored definition is orders of magnitude faster.
            Some(sql) => conn.execute_batch(&format!("DROP TABLE \"{}\"; {sql};", t.name))?,
            None => {
                conn.execute(&format!("DELETE FROM \"{}\"", t.name), [])?;
            }
        }
    }
    conn.execute_batch("DELETE FROM journal_fold; DELETE FROM journal_conflicts;")?;
    let mode = if several_chains(conn)? {
        Mode::Merge { strict }
    } else {
        Mode::Strict
    };
    for_each_folded(conn, "main", |f| fold_one(slices, conn, f, mode))
}

/// An entry just inserted as row `n`, folded at once when it sorts last, else by a refold.
pub(crate) struct Arrival {
    pub n: i64,
    pub ord_at: i64,
    pub key: Key,
}

/// Folds entries just inserted (in the order given, each chain in its own order): at the end when
/// they all sort after the last folded entry, else by folding everything again.
pub(crate) fn fold_arrivals(
    conn: &Connection,
    slices: &[Slice],
    mut arrivals: Vec<Arrival>,
    strict: Option<&str>,
) -> Result<()> {
    arrivals.sort_by(|a, b| a.key.cmp(&b.key));
    let last = last(conn)?;
    let in_order = match (&last, arrivals.first()) {
        (Some((_, key)), Some(first)) => first.key > *key,
        _ => true,
    };
    if !in_order {
        refold(conn, slices, strict)?;
        return Ok(());
    }
    let mode = if several_chains(conn)? {
        Mode::Merge { strict }
    } else {
        Mode::Strict
    };
    let first = last.map_or(0, |(p, _)| p) + 1;
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM journal WHERE n = ?1"))?;
    for (pos, a) in (first..).zip(arrivals.iter()) {
        let mut rows = stmt.query([a.n])?;
        let r = rows
            .next()?
            .ok_or_else(|| Error::storage("En nyss sparad journalrad saknas."))?;
        let row = OwnedRow::read(r)?;
        let env = row.envelope();
        fold_one(
            slices,
            conn,
            &Folded {
                pos,
                n: a.n,
                ord_at: micros_to_text(a.ord_at),
                env: &env,
            },
            mode,
        )?;
    }
    Ok(())
}
