//! An entry's marking, the highest marking in what a report or export contains, and the copy
//! register.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Marking;
use crate::error::{Error, Result};

/// The marking the readiness mode gave entries written while it applied.
fn mode_default(mode: &str) -> Result<Marking> {
    let def = crate::readiness::modes::definition(crate::readiness::ModeId::parse(mode)?)?;
    Marking::parse(&def.classification)
}

/// The mode in effect at entry `seq` (the mode change itself counts as the new mode).
fn mode_at(conn: &Connection, seq: i64) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT mode FROM mode_history WHERE seq <= ?1 ORDER BY seq DESC LIMIT 1")?
        .query_row([seq], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| "fred".to_string()))
}

pub fn seq_of(conn: &Connection, entry_id: &str) -> Result<i64> {
    conn.prepare_cached("SELECT pos FROM entries WHERE id = ?1")?
        .query_row([entry_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            Error::not_found(format!("Det finns ingen post med id {entry_id}."))
                .with("id", entry_id)
        })
}

pub fn event_of(conn: &Connection, seq: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT event_id FROM entries WHERE pos = ?1")?
        .query_row([seq], |r| r.get(0))?)
}

/// The marking of entry `seq`: its mode's default, or what it was raised to.
pub fn marking_of(conn: &Connection, seq: i64) -> Result<Marking> {
    let raised: Option<i64> = conn
        .prepare_cached("SELECT level FROM entry_marking WHERE target_seq = ?1")?
        .query_row([seq], |r| r.get(0))
        .optional()?;
    let default = mode_default(&mode_at(conn, seq)?)?;
    Ok(raised.map_or(default, |l| default.max(Marking::from_level(l))))
}

/// The marking new entries get now.
pub fn current_default(conn: &Connection) -> Result<Marking> {
    mode_default(&mode_at(conn, i64::MAX)?)
}

/// The highest marking among an event's entries (every entry when `event_id` is `None`),
/// optionally only those recorded in `[from, to]`: what a report or export of them is marked.
/// With no entries, the current mode's default.
pub fn highest(
    conn: &Connection,
    event_id: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Marking> {
    let (first, last, raised): (Option<i64>, Option<i64>, Option<i64>) = conn
        .prepare_cached(
            "SELECT min(j.pos), max(j.pos), max(m.level) FROM entries j
             LEFT JOIN entry_marking m ON m.target_seq = j.pos
             WHERE (?1 IS NULL OR j.event_id = ?1)
               AND (?2 IS NULL OR j.recorded_at >= ?2) AND (?3 IS NULL OR j.recorded_at <= ?3)",
        )?
        .query_row(params![event_id, from, to], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    let (Some(first), Some(last)) = (first, last) else {
        return current_default(conn);
    };
    // Every mode in effect from the first entry to the last: a report never reads lower than
    // any entry in it, at the cost of reading higher when a mode came and went between two.
    let mut modes = vec![mode_at(conn, first)?];
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT mode FROM mode_history WHERE seq BETWEEN ?1 AND ?2")?;
    for m in stmt.query_map([first, last], |r| r.get::<_, String>(0))? {
        modes.push(m?);
    }
    let mut top = raised.map_or(Marking::Intern, Marking::from_level);
    for m in modes {
        top = top.max(mode_default(&m)?);
    }
    Ok(top)
}

/// An entry's marking as the window shows it beside the entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntryMarking {
    #[ts(type = "number")]
    pub seq: i64,
    pub entry_id: String,
    pub marking: Marking,
    /// Raised above the mode's default, and why.
    pub reason: Option<String>,
}

/// Every entry of an event with its marking, in order.
pub fn for_event(conn: &Connection, event_id: &str) -> Result<Vec<EntryMarking>> {
    let mut changes: Vec<(i64, Marking)> = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT seq, mode FROM mode_history ORDER BY seq")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (seq, mode) = row?;
        changes.push((seq, mode_default(&mode)?));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT j.pos, j.id, m.level, m.reason FROM entries j
         LEFT JOIN entry_marking m ON m.target_seq = j.pos
         WHERE j.event_id = ?1 ORDER BY j.pos",
    )?;
    let rows = stmt.query_map([event_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, entry_id, raised, reason) = row?;
        let default = changes
            .iter()
            .rev()
            .find(|(s, _)| *s <= seq)
            .map_or(Marking::Intern, |(_, m)| *m);
        let marking = raised.map_or(default, |l| default.max(Marking::from_level(l)));
        out.push(EntryMarking {
            seq,
            entry_id,
            marking,
            reason: reason.filter(|_| marking > default),
        });
    }
    Ok(out)
}

/// One line of the copy register, with what is still out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CopyIssue {
    pub id: String,
    #[ts(type = "number")]
    pub number: i64,
    pub event_id: Option<String>,
    pub document: String,
    pub marking: Marking,
    pub copies: u32,
    pub recipients: String,
    /// The SHA-256 of each numbered copy's file (copy 1 first), when Krisledning made them.
    pub copy_sha256: Vec<String>,
    pub issued_by: String,
    pub issued_role: String,
    pub issued_at: String,
    /// Copy numbers neither destroyed nor returned.
    pub outstanding: Vec<u32>,
    pub settled: Vec<CopySettled>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CopySettled {
    pub copy: u32,
    pub outcome: super::CopyOutcome,
    pub note: String,
    pub settled_by: String,
    pub settled_role: String,
    pub settled_at: String,
}

pub fn next_register_number(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(number), 0) + 1 FROM copy_issues")?
        .query_row([], |r| r.get(0))?)
}

fn settled(conn: &Connection, issue_id: &str) -> Result<Vec<CopySettled>> {
    let mut stmt = conn.prepare_cached(
        "SELECT copy, outcome, note, settled_by, settled_role, settled_at FROM copy_settlements
         WHERE issue_id = ?1 ORDER BY copy",
    )?;
    let rows = stmt.query_map([issue_id], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (copy, outcome, note, settled_by, settled_role, settled_at) = row?;
        out.push(CopySettled {
            copy,
            outcome: super::CopyOutcome::parse(&outcome)?,
            note,
            settled_by,
            settled_role,
            settled_at,
        });
    }
    Ok(out)
}

const ISSUE_COLUMNS: &str = "id, number, event_id, document, marking, copies, recipients, \
                             copy_sha256, issued_by, issued_role, issued_at";

fn read_issue(conn: &Connection, r: &rusqlite::Row<'_>) -> Result<CopyIssue> {
    let id: String = r.get(0)?;
    let copies: u32 = r.get(5)?;
    let settled = settled(conn, &id)?;
    let outstanding = (1..=copies)
        .filter(|c| !settled.iter().any(|s| s.copy == *c))
        .collect();
    Ok(CopyIssue {
        number: r.get(1)?,
        event_id: r.get(2)?,
        document: r.get(3)?,
        marking: Marking::parse(&r.get::<_, String>(4)?)?,
        copies,
        recipients: r.get(6)?,
        copy_sha256: serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default(),
        issued_by: r.get(8)?,
        issued_role: r.get(9)?,
        issued_at: r.get(10)?,
        outstanding,
        settled,
        id,
    })
}

pub fn issue(conn: &Connection, id: &str) -> Result<CopyIssue> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ISSUE_COLUMNS} FROM copy_issues WHERE id = ?1"
    ))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => read_issue(conn, r),
        None => Err(Error::not_found(format!(
            "Det finns ingen utlämning med id {id} i exemplarförteckningen."
        ))
        .with("id", id)),
    }
}

/// The whole register, by register number.
pub fn register(conn: &Connection) -> Result<Vec<CopyIssue>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ISSUE_COLUMNS} FROM copy_issues ORDER BY number"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(read_issue(conn, r)?);
    }
    Ok(out)
}
