//! Reads over the projections. Nothing here writes.

use std::collections::HashMap;

use rusqlite::{params_from_iter, types::Value, Connection, OptionalExtension, Row};

use super::record::KindFilter;
use super::{
    Channel, CorrectionView, DecisionKind, DecisionStatus, Event, EventStatus, Record,
    RecordFilter, RecordType,
};
use crate::error::{Error, Result};
use crate::time;

fn parse_enum<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    s.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok())
}

const EVENT_COLS: &str =
    "e.id, e.title, e.event_type, e.status, e.opened_at, e.opened_by, e.opened_role,
    e.closed_at, e.closed_by, e.closing_text, e.decisions, e.diary_entries";

fn event_from_row(r: &Row<'_>) -> rusqlite::Result<Event> {
    let status: String = r.get(3)?;
    Ok(Event {
        id: r.get(0)?,
        title: r.get(1)?,
        event_type: r.get(2)?,
        status: if status == "closed" {
            EventStatus::Closed
        } else {
            EventStatus::Open
        },
        opened_at: r.get(4)?,
        opened_by: r.get(5)?,
        opened_role: r.get(6)?,
        closed_at: r.get(7)?,
        closed_by: r.get(8)?,
        closing_text: r.get(9)?,
        decisions: r.get(10)?,
        diary_entries: r.get(11)?,
    })
}

const RECORD_COLS: &str = "id, seq, event_id, record_type, decision_kind, title, text, basis, alternatives,
    decided_by, decided_role, mandate, takes_effect, follow_up_at, distribution, channel, from_party,
    to_party, occurred_at, recorded_at, author, role, late_reason, status, supersedes, superseded_by";

fn record_from_row(r: &Row<'_>) -> rusqlite::Result<Record> {
    let record_type: String = r.get(3)?;
    Ok(Record {
        id: r.get(0)?,
        seq: r.get(1)?,
        event_id: r.get(2)?,
        record_type: if record_type == "decision" {
            RecordType::Decision
        } else {
            RecordType::Diary
        },
        decision_kind: parse_enum::<DecisionKind>(r.get(4)?),
        title: r.get(5)?,
        text: r.get(6)?,
        basis: r.get(7)?,
        alternatives: r.get(8)?,
        decided_by: r.get(9)?,
        decided_role: r.get(10)?,
        mandate: r.get(11)?,
        takes_effect: r.get(12)?,
        follow_up_at: r.get(13)?,
        distribution: r.get(14)?,
        channel: parse_enum::<Channel>(r.get(15)?),
        from_party: r.get(16)?,
        to_party: r.get(17)?,
        occurred_at: r.get(18)?,
        recorded_at: r.get(19)?,
        author: r.get(20)?,
        role: r.get(21)?,
        late_reason: r.get(22)?,
        status: parse_enum::<DecisionStatus>(r.get(23)?).unwrap_or(DecisionStatus::Gallande),
        supersedes: r.get(24)?,
        superseded_by: r.get(25)?,
        corrections: Vec::new(),
        mode: None,
    })
}

/// Most hits a search returns, newest first; a staff member refines the query rather than reads more.
pub const SEARCH_LIMIT: usize = 200;

/// Turns what a person types into a safe FTS5 query: every word quoted (so `-`, `:` or `"` are
/// text, not syntax) and required. With `prefix`, the last word — the one still being typed —
/// matches as a prefix; the others always match exact tokens, which FTS5 streams newest first.
pub fn fts_query(input: &str, prefix: bool) -> Option<String> {
    let words: Vec<&str> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let last = words.len().checked_sub(1)?;
    let terms: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if prefix && i == last {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect();
    Some(terms.join(" AND "))
}

pub fn list_events(conn: &Connection) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {EVENT_COLS} FROM events e ORDER BY e.status = 'closed', e.opened_at DESC"
    ))?;
    let rows = stmt.query_map([], event_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_event(conn: &Connection, id: &str) -> Result<Event> {
    conn.query_row(
        &format!("SELECT {EVENT_COLS} FROM events e WHERE e.id = ?1"),
        [id],
        event_from_row,
    )
    .optional()?
    .ok_or_else(|| {
        let id = crate::text::preview(id);
        Error::not_found(format!("Det finns ingen händelse med id {id}.")).with("event_id", id)
    })
}

pub fn get_record(conn: &Connection, id: &str) -> Result<Record> {
    // Cached: every decision and diary line is read back this way inside its own append.
    let mut rec = conn
        .prepare_cached(&format!("SELECT {RECORD_COLS} FROM records WHERE id = ?1"))?
        .query_row([id], record_from_row)
        .optional()?
        .ok_or_else(|| {
            Error::not_found(format!(
                "Det finns inget beslut eller dagboksinlägg med id {id}."
            ))
        })?;
    attach_corrections(conn, std::slice::from_mut(&mut rec))?;
    Ok(rec)
}

/// The log in time order (when it happened, then when it was recorded).
pub fn list_records(conn: &Connection, filter: &RecordFilter) -> Result<Vec<Record>> {
    let mut sql = format!("SELECT {RECORD_COLS} FROM records WHERE 1=1");
    let mut args: Vec<Value> = Vec::new();
    if let Some(ev) = filter.event_id.as_deref().filter(|s| !s.is_empty()) {
        // A mistyped id is an error, not an empty log that looks like nothing happened.
        get_event(conn, ev)?;
        sql.push_str(" AND event_id = ?");
        args.push(Value::Text(ev.to_string()));
    }
    match filter
        .kind
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(KindFilter::parse)
        .transpose()?
    {
        Some(KindFilter::Type(t)) => {
            sql.push_str(" AND record_type = ?");
            args.push(Value::Text(t.as_str().into()));
        }
        Some(KindFilter::Decision(k)) => {
            sql.push_str(" AND decision_kind = ?");
            args.push(Value::Text(k.as_str().into()));
        }
        None => {}
    }
    for (field, op, bound) in [("Från", ">=", &filter.from), ("Till", "<=", &filter.to)] {
        if let Some(t) = crate::domain::validate::optional_time(field, bound)? {
            sql.push_str(&format!(" AND occurred_at {op} ?"));
            args.push(Value::Text(time::format(&t)));
        }
    }
    sql.push_str(" ORDER BY occurred_at, seq");
    let mut stmt = conn.prepare(&sql)?;
    let mut records: Vec<Record> = stmt
        .query_map(params_from_iter(args), record_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    attach_corrections(conn, &mut records)?;
    Ok(records)
}

/// Full-text search over decisions, diary lines and their corrections, newest first.
/// Exact words first: for a common word that fills the page at once from the streamed index.
/// Only when it does not is the last word widened to a prefix, whose matches FTS5 must merge
/// before it can return any — cheap exactly when they are few.
/// The longest query a search takes, in characters: a few lines of words. The full-text index
/// joins every word with AND and takes time that grows with the square of their number, so a
/// pasted page would hold the store, and the window with it, for minutes.
pub const QUERY_MAX: usize = 500;

/// Refuses a query longer than `QUERY_MAX` before any word of it is looked up.
pub fn check_query(query: &str) -> Result<()> {
    let n = query.chars().count();
    if n > QUERY_MAX {
        return Err(Error::invalid(format!(
            "Sökning är för lång: {n} tecken, högst {QUERY_MAX} tillåts. Sök på några av orden."
        ))
        .with("field", "Sökning")
        .with("length", n)
        .with("max", QUERY_MAX));
    }
    Ok(())
}

pub fn search(conn: &Connection, query: &str, event_id: Option<&str>) -> Result<Vec<Record>> {
    check_query(query)?;
    let Some(exact) = fts_query(query, false) else {
        return Err(Error::invalid("Skriv minst ett ord att söka efter."));
    };
    let mut records = search_fts(conn, &exact, event_id)?;
    if records.len() < SEARCH_LIMIT {
        records = search_fts(conn, &fts_query(query, true).unwrap_or(exact), event_id)?;
    }
    attach_corrections(conn, &mut records)?;
    Ok(records)
}

fn search_fts(conn: &Connection, fts: &str, event_id: Option<&str>) -> Result<Vec<Record>> {
    // FTS5 walks its rowids (insertion order, so newest first) and stops at the limit, instead
    // of collecting and sorting every match.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RECORD_COLS} FROM records WHERE id IN (
            SELECT record_id FROM records_fts WHERE records_fts MATCH ?1
              AND (?2 IS NULL OR record_id IN (SELECT id FROM records WHERE event_id = ?2))
            ORDER BY rowid DESC LIMIT {SEARCH_LIMIT})
         ORDER BY seq DESC"
    ))?;
    let records = stmt
        .query_map(rusqlite::params![fts, event_id], record_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(records)
}

/// SQLite allows 32 766 bound values per statement; the log can hold far more records.
const IDS_PER_QUERY: usize = 1000;

fn attach_corrections(conn: &Connection, records: &mut [Record]) -> Result<()> {
    for chunk in records.chunks_mut(IDS_PER_QUERY) {
        attach_chunk(conn, chunk)?;
    }
    Ok(())
}

fn attach_chunk(conn: &Connection, records: &mut [Record]) -> Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    let mut by_target: HashMap<String, Vec<CorrectionView>> = HashMap::new();
    let placeholders = vec!["?"; records.len()].join(",");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT target_id, id, text, reason, author, role, recorded_at FROM corrections
         WHERE target_id IN ({placeholders}) ORDER BY seq"
    ))?;
    let ids = records.iter().map(|r| r.id.as_str());
    let mut rows = stmt.query(params_from_iter(ids))?;
    while let Some(r) = rows.next()? {
        by_target
            .entry(r.get(0)?)
            .or_default()
            .push(CorrectionView {
                id: r.get(1)?,
                text: r.get(2)?,
                reason: r.get(3)?,
                author: r.get(4)?,
                role: r.get(5)?,
                recorded_at: r.get(6)?,
            });
    }
    for rec in records.iter_mut() {
        rec.corrections = by_target.remove(&rec.id).unwrap_or_default();
    }
    Ok(())
}

impl crate::store::Store {
    pub fn list_events(&self) -> Result<Vec<Event>> {
        list_events(self.connection())
    }

    pub fn get_event(&self, id: &str) -> Result<Event> {
        get_event(self.connection(), id)
    }

    pub fn get_record(&self, id: &str) -> Result<Record> {
        get_record(self.connection(), id)
    }

    pub fn list_records(&self, filter: &RecordFilter) -> Result<Vec<Record>> {
        list_records(self.connection(), filter)
    }

    pub fn search(&self, query: &str, event_id: Option<&str>) -> Result<Vec<Record>> {
        search(self.connection(), query, event_id)
    }
}
