//! The timeline: pages of journal entries, newest first, read straight from the journal through
//! its indexes, so an event with 100 000 entries opens as fast as one with ten.

use rusqlite::{params_from_iter, types::Value, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::validate::{LATE_AFTER_MINUTES, NAME_MAX};
use crate::error::{Error, Result};
use crate::journal::Envelope;
use crate::store::{registry, Slice, Store};
use crate::time;

/// A page when none is asked for, and the most a page may hold.
pub const PAGE_DEFAULT: u32 = 100;
pub const PAGE_MAX: u32 = 500;

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TimelineFilter {
    /// One event; none for every entry of the organisation.
    #[ts(optional)]
    pub event_id: Option<String>,
    /// Kinds (`decision.made`) or groups of kinds (`plan`, `resource`); none for all.
    #[ts(optional)]
    pub kinds: Option<Vec<String>>,
    #[ts(optional)]
    pub role: Option<String>,
    /// Who wrote the entry.
    #[ts(optional)]
    pub author: Option<String>,
    /// Only entries flagged betydande.
    #[ts(optional)]
    pub flagged_only: Option<bool>,
    /// Oldest first instead of newest first.
    #[ts(optional)]
    pub oldest_first: Option<bool>,
    /// Continue after this sequence number (the previous page's `next_after`).
    #[ts(optional)]
    pub after: Option<i64>,
    #[ts(optional)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimelineItem {
    pub seq: i64,
    pub id: String,
    pub kind: String,
    pub event_id: Option<String>,
    pub event_title: Option<String>,
    pub occurred_at: String,
    pub recorded_at: String,
    /// Recorded more than the late limit after it happened.
    pub late: bool,
    pub author: String,
    pub role: String,
    pub summary: String,
    pub flagged: bool,
    pub flag_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimelinePage {
    pub items: Vec<TimelineItem>,
    /// Pass as `after` for the next page; none when this was the last.
    pub next_after: Option<i64>,
}

const COLS: &str = "j.seq, j.id, j.device_id, j.workspace, j.recorded_at, j.occurred_at, j.author,
    j.role, j.event_id, j.kind, j.body, j.prev_hash, ev.title, f.note, f.entry_id IS NOT NULL";
const FROM: &str = "FROM journal j LEFT JOIN events ev ON ev.id = j.event_id
    LEFT JOIN flags f ON f.entry_id = j.id";

fn item(conn: &Connection, slices: &[Slice], r: &Row<'_>) -> Result<TimelineItem> {
    let text = |i| r.get::<_, String>(i);
    let (seq, id, device, ws, recorded, occurred) =
        (r.get(0)?, text(1)?, text(2)?, text(3)?, text(4)?, text(5)?);
    let (author, role, event_id, kind, body, prev) = (
        text(6)?,
        text(7)?,
        r.get::<_, Option<String>>(8)?,
        text(9)?,
        text(10)?,
        text(11)?,
    );
    let env = Envelope {
        seq,
        id: &id,
        device_id: &device,
        workspace: &ws,
        recorded_at: &recorded,
        occurred_at: &occurred,
        author: &author,
        role: &role,
        event_id: event_id.as_deref(),
        kind: &kind,
        body: &body,
        prev_hash: &prev,
    };
    let summary = registry::describe(slices, conn, &env);
    let late = match (
        time::parse("occurred_at", &occurred),
        time::parse("recorded_at", &recorded),
    ) {
        (Ok(o), Ok(rec)) => rec - o > chrono::Duration::minutes(LATE_AFTER_MINUTES),
        _ => false,
    };
    Ok(TimelineItem {
        seq,
        id,
        kind,
        event_id,
        event_title: r.get(12)?,
        occurred_at: occurred,
        recorded_at: recorded,
        late,
        author,
        role,
        summary,
        flag_note: r.get(13)?,
        flagged: r.get(14)?,
    })
}

/// One entry as the timeline shows it.
pub fn item_at(conn: &Connection, slices: &[Slice], seq: i64) -> Result<TimelineItem> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} {FROM} WHERE j.seq = ?1"))?;
    let mut rows = stmt.query([seq])?;
    match rows.next()? {
        Some(r) => item(conn, slices, r),
        None => Err(Error::not_found(format!(
            "Det finns ingen post nummer {seq}."
        ))),
    }
}

/// A kind filter is letters and dots only: it becomes part of a LIKE pattern.
fn kind_pattern(k: &str) -> Result<String> {
    let k = k.trim();
    if k.is_empty()
        || k.len() > 64
        || !k
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
    {
        return Err(Error::invalid(format!(
            "Okänd posttyp \"{k}\". Ange t.ex. decision, diary, plan, mode, task, resource, request eller staff."
        ))
        .with("kind", k));
    }
    Ok(if k.contains('.') {
        k.to_string()
    } else {
        format!("{k}.%")
    })
}

pub fn timeline(conn: &Connection, slices: &[Slice], f: &TimelineFilter) -> Result<TimelinePage> {
    let mut sql = format!("SELECT {COLS} {FROM} WHERE 1=1");
    let mut args: Vec<Value> = Vec::new();
    if let Some(ev) = f
        .event_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        // A mistyped id is an error, not an empty timeline that looks like nothing happened.
        let known: Option<i64> = conn
            .query_row("SELECT 1 FROM events WHERE id = ?1", [ev], |r| r.get(0))
            .optional()?;
        if known.is_none() {
            return Err(
                Error::not_found(format!("Det finns ingen händelse med id {ev}."))
                    .with("event_id", ev),
            );
        }
        sql.push_str(" AND j.event_id = ?");
        args.push(Value::Text(ev.into()));
    }
    let kinds = f.kinds.as_deref().unwrap_or_default();
    if !kinds.is_empty() {
        let mut ors = Vec::new();
        for k in kinds {
            ors.push("j.kind LIKE ?");
            args.push(Value::Text(kind_pattern(k)?));
        }
        sql.push_str(&format!(" AND ({})", ors.join(" OR ")));
    }
    for (col, field, value) in [
        ("j.role", "Roll", &f.role),
        ("j.author", "Person", &f.author),
    ] {
        if let Some(v) = crate::domain::validate::optional(field, value, NAME_MAX)? {
            sql.push_str(&format!(" AND {col} = ? COLLATE NOCASE"));
            args.push(Value::Text(v));
        }
    }
    if f.flagged_only == Some(true) {
        // Driven from the few flags, not a scan of the whole journal for them.
        sql.push_str(" AND j.seq IN (SELECT entry_seq FROM flags)");
    }
    let (cmp, order) = if f.oldest_first == Some(true) {
        (">", "ASC")
    } else {
        ("<", "DESC")
    };
    if let Some(after) = f.after {
        sql.push_str(&format!(" AND j.seq {cmp} ?"));
        args.push(Value::Integer(after));
    }
    let limit = f.limit.unwrap_or(PAGE_DEFAULT).clamp(1, PAGE_MAX);
    // One more than the page: whether there is a next page, without counting them all.
    sql.push_str(&format!(" ORDER BY j.seq {order} LIMIT {}", limit + 1));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut items = Vec::new();
    while let Some(r) = rows.next()? {
        items.push(item(conn, slices, r)?);
    }
    let more = items.len() > limit as usize;
    items.truncate(limit as usize);
    Ok(TimelinePage {
        next_after: if more {
            items.last().map(|i| i.seq)
        } else {
            None
        },
        items,
    })
}

/// The entries flagged betydande, newest first: what the lägesbild lists.
pub fn flagged(
    conn: &Connection,
    slices: &[Slice],
    event_id: Option<&str>,
    limit: u32,
) -> Result<Vec<TimelineItem>> {
    Ok(timeline(
        conn,
        slices,
        &TimelineFilter {
            event_id: event_id.map(str::to_string),
            flagged_only: Some(true),
            limit: Some(limit),
            ..Default::default()
        },
    )?
    .items)
}

impl Store {
    pub fn timeline(&self, filter: &TimelineFilter) -> Result<TimelinePage> {
        timeline(self.connection(), self.slices(), filter)
    }
}
