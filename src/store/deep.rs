//! Deep verify: the projections are what people read, so the chain alone is not enough. Every
//! projection is rebuilt aside — in a scratch file, with the live file attached read-only — and
//! compared table by table with the live tables. The live file is never written.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::fold;
use super::registry::Slice;
use super::replay::projection_tables;
use crate::error::{Error, ErrorCode, Result};
use crate::journal::for_each_folded;

/// Rows of each kind of difference named per table; one is proof enough, a few help to see why.
const SHOWN_PER_TABLE: usize = 3;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Difference {
    pub table: String,
    /// The row's first columns, e.g. `id=0193…, seq=12`.
    pub row: String,
    /// `changed_or_missing`: the rebuild has this row, the file does not (or not so);
    /// `unexpected`: the file has a row the journal does not give; `count`: duplicates.
    pub problem: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeepReport {
    pub entries: i64,
    pub tables: i64,
    pub differences: Vec<Difference>,
}

/// The scratch file and its journal, removed however the check ends.
struct Scratch(std::path::PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

/// The live file read-only, as immutable on write-protected media (see `crate::media`).
fn uri(path: &Path) -> Result<String> {
    match crate::media::read_only_uri(path)? {
        Some(uri) => Ok(uri),
        None => crate::media::sqlite_uri(path, "mode=ro"),
    }
}

pub fn deep_verify(
    path: &Path,
    slices: &'static [Slice],
    progress: &mut dyn FnMut(i64, i64),
) -> Result<DeepReport> {
    if !path.is_file() {
        return Err(Error::new(
            ErrorCode::NotInitialised,
            format!("Det finns ingen databas i {}.", path.display()),
        ));
    }
    // SQLite's own check of the live file, on the second core while the rebuild runs on the
    // first: an index that no longer matches its table (one rebuilt to leave rows out, with the
    // schema text put back) hides rows from every query that uses it, and the tables the rebuild
    // compares can still be whole.
    let live_path = path.to_path_buf();
    let integrity = std::thread::spawn(move || integrity_problems(&live_path));
    let scratch =
        Scratch(std::env::temp_dir().join(format!("kris-deep-verify-{}.db", uuid::Uuid::now_v7())));
    let aside = Connection::open_with_flags(
        &scratch.0,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Scratch data: nothing here needs to survive a crash.
    aside.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;",
    )?;
    // An encrypted live file is attached with its key; '' attaches a plain one as plain (without
    // a KEY clause SQLite would give it the scratch file's).
    let key = crate::crypt::key_for(path)?.map(|k| k.sql_value());
    aside.execute(
        "ATTACH DATABASE ?1 AS live KEY ?2",
        [
            uri(path)?.as_str(),
            key.as_deref().map_or("", |k| k.as_str()),
        ],
    )?;
    aside.busy_timeout(std::time::Duration::from_secs(5))?;
    // One read transaction from the first read of the live file to the last compare: a writer
    // in another process (the app while `kris verify --deep` runs) appends after our snapshot
    // and is neither rebuilt nor compared, instead of showing as a difference.
    aside.execute_batch("BEGIN")?;
    let (total, several): (i64, bool) = aside.query_row(
        "SELECT coalesce(max(n), 0), min(device_id) IS NOT max(device_id) FROM live.journal",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // Only the slices' schemas: `journal` then resolves to the attached live journal, which the
    // guards read.
    for slice in slices {
        for m in slice.migrations {
            aside.execute_batch(m.sql)?;
        }
    }
    unmerged_full_text(&aside)?;
    // Conflicts found by the rebuild land here, beside it; the live file is never written.
    aside.execute_batch(
        "CREATE TABLE journal_conflicts (n INTEGER PRIMARY KEY, code TEXT NOT NULL,
                                         message TEXT NOT NULL)",
    )?;
    let mode = if several {
        fold::Mode::MergeAside
    } else {
        fold::Mode::Strict
    };
    let mut done = 0;
    let entries = for_each_folded(&aside, "live", |f| {
        fold::apply(slices, &aside, f.env, f.pos, f.n, mode)?;
        done += 1;
        if done % 10_000 == 0 {
            progress(done, total);
        }
        Ok(())
    })?;
    progress(entries, total);
    let live: Vec<String> = projection_tables(&aside, "live")?
        .into_iter()
        .map(|t| t.name)
        .collect();
    let rebuilt = projection_tables(&aside, "main")?;
    let mut differences = Vec::new();
    for t in &rebuilt {
        if !live.contains(&t.name) {
            differences.push(Difference {
                table: t.name.clone(),
                row: String::new(),
                problem: "table_missing".into(),
            });
            continue;
        }
        compare(&aside, &t.name, &mut differences)?;
    }
    aside.execute_batch("COMMIT")?;
    let problems = integrity
        .join()
        .map_err(|_| Error::storage("Djupverifieringen avbröts oväntat."))??;
    differences.extend(problems.into_iter().map(|p| Difference {
        table: "sqlite_schema".into(),
        row: crate::domain::validate::preview(&p),
        problem: "integrity".into(),
    }));
    Ok(DeepReport {
        entries,
        tables: rebuilt.len() as i64,
        differences,
    })
}

/// The fast path: both tables read side by side in rowid order. The rebuild inserts rows in
/// journal order, as the live appends did, so equal tables match row for row; any mismatch (or a
/// table without rowids) is left to the exact comparison below, which names the rows. At 1 M
/// entries this reads the records in about a second where the set difference sorts for 13 s.
fn identical(conn: &Connection, table: &str) -> Result<bool> {
    let scan = |schema: &str| format!("SELECT rowid, * FROM {schema}.\"{table}\" ORDER BY rowid");
    let (Ok(mut a), Ok(mut b)) = (conn.prepare(&scan("main")), conn.prepare(&scan("live"))) else {
        return Ok(false);
    };
    let n = a.column_count();
    if n != b.column_count() {
        return Ok(false);
    }
    let (mut ra, mut rb) = (a.query([])?, b.query([])?);
    loop {
        match (ra.next()?, rb.next()?) {
            (None, None) => return Ok(true),
            (Some(x), Some(y)) => {
                for i in 0..n {
                    if x.get_ref(i)? != y.get_ref(i)? {
                        return Ok(false);
                    }
                }
            }
            _ => return Ok(false),
        }
    }
}

/// Full-text indexes in the scratch file are compared by their content, never searched: their
/// segments need not be merged while a million rows go in (merging was a fifth of the rebuild).
fn unmerged_full_text(conn: &Connection) -> Result<()> {
    let fts: Vec<String> = conn
        .prepare(
            "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for t in fts {
        conn.execute_batch(&format!(
            "INSERT INTO main.\"{t}\"(\"{t}\", rank) VALUES ('automerge', 0);
             INSERT INTO main.\"{t}\"(\"{t}\", rank) VALUES ('crisismerge', 1000000);"
        ))?;
    }
    Ok(())
}

/// What `PRAGMA integrity_check` finds wrong in the file, read-only; empty when it says "ok".
pub fn integrity_problems(path: &Path) -> Result<Vec<String>> {
    check_problems(path, "integrity_check")
}

/// As [`integrity_problems`] with `quick_check`: the pages and records, not every index entry,
/// in time linear in the file — for a file from elsewhere before it is opened for use.
pub fn quick_problems(path: &Path) -> Result<Vec<String>> {
    check_problems(path, "quick_check")
}

fn check_problems(path: &Path, pragma: &str) -> Result<Vec<String>> {
    let conn = Connection::open_with_flags(
        uri(path)?,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    crate::crypt::apply(&conn, path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}(20)"))?;
    let found: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(found.into_iter().filter(|l| l != "ok").collect())
}

fn compare(conn: &Connection, table: &str, out: &mut Vec<Difference>) -> Result<()> {
    if identical(conn, table)? {
        return Ok(());
    }
    let before = out.len();
    for (problem, a, b) in [
        ("changed_or_missing", "main", "live"),
        ("unexpected", "live", "main"),
    ] {
        let mut stmt = conn.prepare(&format!(
            "SELECT * FROM {a}.\"{table}\" EXCEPT SELECT * FROM {b}.\"{table}\" LIMIT {SHOWN_PER_TABLE}"
        ))?;
        let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            out.push(Difference {
                table: table.to_string(),
                row: describe(r, &names),
                problem: problem.into(),
            });
        }
    }
    if out.len() == before {
        // EXCEPT compares sets: a duplicated row shows only in the counts.
        let (a, b): (i64, i64) = conn.query_row(
            &format!(
                "SELECT (SELECT count(*) FROM main.\"{table}\"), (SELECT count(*) FROM live.\"{table}\")"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if a != b {
            out.push(Difference {
                table: table.to_string(),
                row: format!("{b} rader, väntade {a}"),
                problem: "count".into(),
            });
        }
    }
    Ok(())
}

fn describe(r: &rusqlite::Row<'_>, names: &[String]) -> String {
    use rusqlite::types::ValueRef;
    names
        .iter()
        .enumerate()
        .take(3)
        .map(|(i, n)| {
            let v = match r.get_ref(i) {
                Ok(ValueRef::Null) => "NULL".to_string(),
                Ok(ValueRef::Integer(x)) => x.to_string(),
                Ok(ValueRef::Real(x)) => x.to_string(),
                Ok(ValueRef::Text(t)) => {
                    crate::domain::validate::preview(&String::from_utf8_lossy(t))
                }
                Ok(ValueRef::Blob(b)) => format!("<{} byte>", b.len()),
                Err(_) => "?".into(),
            };
            format!("{n}={v}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as one error when anything differs, naming the first difference.
pub fn as_error(report: &DeepReport) -> Option<Error> {
    if let Some(p) = report.differences.iter().find(|d| d.problem == "integrity") {
        // Not something a rebuild of the views mends: the file's own structure is wrong.
        return Some(
            Error::new(
                ErrorCode::ProjectionMismatch,
                format!(
                    "Databasfilens index stämmer inte med dess tabeller ({}). Filen är skadad eller \
                     ändrad utanför programmet, och sökningar kan dölja poster. Använd inte filen \
                     som underlag; återställ från säkerhetskopia.",
                    p.row
                ),
            )
            .with("integrity", &p.row),
        );
    }
    let first = report.differences.first()?;
    Some(
        Error::new(
            ErrorCode::ProjectionMismatch,
            format!(
                "Visningen stämmer inte med journalen: tabell {}, rad {} ({} skillnader). Det \
                 som visas har ändrats utanför programmet; kör `kris replay` för att bygga om \
                 visningen från journalen.",
                first.table,
                first.row,
                report.differences.len()
            ),
        )
        .with("table", &first.table)
        .with("row", &first.row)
        .with("count", report.differences.len()),
    )
}
