//! The timeline: pages of journal entries, newest first, read straight from the journal through
//! its indexes, so an event with 100 000 entries opens as fast as one with ten.

use rusqlite::{params_from_iter, types::Value, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::validate::{LATE_AFTER_MINUTES, NAME_MAX};
use crate::error::{Error, Result};
use crate::journal::OwnedRow;
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
    /// The entry this one is about (a correction's or a flag's target), to jump to.
    pub refers_to: Option<String>,
    pub flagged: bool,
    pub flag_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimelinePage {
    pub items: Vec<TimelineItem>,
    /// Pass as `after` for the next page; none when this was the last.
    pub next_after: Option<i64>,
}

const COLS: &str = "j.pos, j.id, j.device_id, j.workspace, j.recorded_at, j.occurred_at, j.author,
    j.role, j.event_id, j.kind, j.body, j.prev_hash, ev.title, f.note, f.entry_id IS NOT NULL";
const FROM: &str = "FROM entries j LEFT JOIN events ev ON ev.id = j.event_id
    LEFT JOIN flags f ON f.entry_id = j.id";

fn item(conn: &Connection, slices: &[Slice], r: &Row<'_>) -> Result<TimelineItem> {
    // Read in the journal's column order (the fold position in place of seq), owned, so it can
    // lend itself as an envelope to the describers.
    let raw = OwnedRow::read(r)?;
    let env = raw.envelope();
    let refers_to = refers_to(env.body);
    let mut summary = registry::describe(slices, conn, &env);
    // A flag without a note reads as the entry it marks.
    let is_flag = env.kind == super::KIND_FLAGGED || env.kind == super::KIND_UNFLAGGED;
    if is_flag && !env.body.contains("\"note\"") {
        if let Some(target) = refers_to.as_deref() {
            summary = target_summary(conn, slices, target)?.unwrap_or(summary);
        }
    }
    let late = match (
        time::parse("occurred_at", env.occurred_at),
        time::parse("recorded_at", env.recorded_at),
    ) {
        (Ok(o), Ok(rec)) => rec - o > chrono::Duration::minutes(LATE_AFTER_MINUTES),
        _ => false,
    };
    Ok(TimelineItem {
        seq: env.seq,
        id: env.id.to_string(),
        kind: env.kind.to_string(),
        event_id: env.event_id.map(str::to_string),
        event_title: r.get(12)?,
        occurred_at: env.occurred_at.to_string(),
        recorded_at: env.recorded_at.to_string(),
        late,
        author: env.author.to_string(),
        role: env.role.to_string(),
        summary,
        refers_to,
        flag_note: r.get(13)?,
        flagged: r.get(14)?,
    })
}

/// The id an entry's body names as its target, whatever its kind: corrections say `target_id`,
/// flags `entry_id`.
fn refers_to(body: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    ["target_id", "entry_id"]
        .iter()
        .find_map(|k| v.get(*k)?.as_str().map(str::to_string))
}

fn target_summary(conn: &Connection, slices: &[Slice], id: &str) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} {FROM} WHERE j.id = ?1"))?;
    let mut rows = stmt.query([id])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    let raw = OwnedRow::read(r)?;
    Ok(Some(registry::describe(slices, conn, &raw.envelope())))
}

/// One entry as the timeline shows it.
pub fn item_at(conn: &Connection, slices: &[Slice], seq: i64) -> Result<TimelineItem> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} {FROM} WHERE j.pos = ?1"))?;
    let mut rows = stmt.query([seq])?;
    match rows.next()? {
        Some(r) => item(conn, slices, r),
        None => Err(Error::not_found(format!(
            "Det finns ingen post nummer {seq}."
        ))),
    }
}

/// The kinds a filter names: an exact kind (`plan.item`), or a group (`plan`) expanded to every
/// kind of that group the program knows. A word that names none is an error, not an empty page.
fn expand_kinds(slices: &[Slice], filter: &[String]) -> Result<Vec<String>> {
    let mut kinds = Vec::new();
    for k in filter {
        let k = k.trim();
        let known: Vec<&str> = slices
            .iter()
            .flat_map(|s| s.kinds.iter().copied())
            .filter(|kind| {
                *kind == k
                    || kind
                        .strip_prefix(k)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
            .collect();
        if known.is_empty() {
            return Err(Error::invalid(format!(
                "Okänd posttyp \"{}\". Ange t.ex. decision, diary, plan, mode, task, resource, request, staff eller situation.",
                crate::text::preview(k)
            ))
            .with("kind", crate::text::preview(k)));
        }
        kinds.extend(known.into_iter().map(str::to_string));
    }
    kinds.sort();
    kinds.dedup();
    Ok(kinds)
}

pub fn timeline(conn: &Connection, slices: &[Slice], f: &TimelineFilter) -> Result<TimelinePage> {
    let mut sql = String::from("WHERE 1=1");
    let mut args: Vec<Value> = Vec::new();
    // A blank event (`--event "$EV"` with EV unset) is a mistake, not "every event".
    let event = f
        .event_id
        .as_deref()
        .map(|id| crate::domain::validate::required("Händelse", id, NAME_MAX))
        .transpose()?;
    if let Some(ev) = event.as_deref() {
        // A mistyped id is an error, not an empty timeline that looks like nothing happened.
        let known: Option<i64> = conn
            .query_row("SELECT 1 FROM events WHERE id = ?1", [ev], |r| r.get(0))
            .optional()?;
        if known.is_none() {
            let ev = crate::text::preview(ev);
            return Err(
                Error::not_found(format!("Det finns ingen händelse med id {ev}."))
                    .with("event_id", ev),
            );
        }
        sql.push_str(" AND j.event_id = ?");
        args.push(Value::Text(ev.into()));
    }
    for (col, field, value) in [
        ("j.role", "Roll", &f.role),
        ("j.author", "Person", &f.author),
    ] {
        if let Some(v) = crate::domain::validate::optional(field, value, NAME_MAX)? {
            // What is typed is the start of the name ("Ann" finds Anna Lindqvist); `%` and `_`
            // typed are letters, not wildcards.
            let literal = v
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            sql.push_str(&format!(" AND {col} LIKE ? ESCAPE '\\'"));
            args.push(Value::Text(format!("{literal}%")));
        }
    }
    if f.flagged_only == Some(true) {
        // Driven from the few flags, not a scan of the whole journal for them.
        sql.push_str(" AND j.pos IN (SELECT entry_seq FROM flags)");
    }
    let oldest_first = f.oldest_first == Some(true);
    let (cmp, order) = if oldest_first {
        (">", "ASC")
    } else {
        ("<", "DESC")
    };
    if let Some(after) = f.after {
        sql.push_str(&format!(" AND j.pos {cmp} ?"));
        args.push(Value::Integer(after));
    }
    let limit = f.limit.unwrap_or(PAGE_DEFAULT).clamp(1, PAGE_MAX) as usize;
    // One more than the page: whether there is a next page, without counting them all.
    let page = |extra: &str, extra_args: &[Value]| -> Result<Vec<i64>> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT j.pos FROM entries j {sql}{extra} ORDER BY j.pos {order} LIMIT {}",
            limit + 1
        ))?;
        let all = args.iter().chain(extra_args).cloned();
        let seqs = stmt
            .query_map(params_from_iter(all), |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(seqs)
    };
    let kinds = expand_kinds(slices, f.kinds.as_deref().unwrap_or_default())?;
    let mut seqs = if kinds.is_empty() {
        page("", &[])?
    } else {
        // One ordered index walk per kind, merged here: SQLite would otherwise gather every
        // entry of the kinds and sort them, which for the diary is most of the journal.
        let mut all = Vec::new();
        for k in &kinds {
            all.extend(page(" AND j.kind = ?", &[Value::Text(k.clone())])?);
        }
        all
    };
    seqs.sort_unstable();
    if !oldest_first {
        seqs.reverse();
    }
    seqs.dedup();
    let more = seqs.len() > limit;
    seqs.truncate(limit);
    let items = seqs
        .iter()
        .map(|seq| item_at(conn, slices, *seq))
        .collect::<Result<Vec<_>>>()?;
    Ok(TimelinePage {
        next_after: if more { seqs.last().copied() } else { None },
        items,
    })
}

/// The entries flagged betydande, newest first: what the lägesbild lists. The organisation's
/// lägesbild is over its open events: a closed event's flags stay in its own picture and in the
/// timeline, not on the wall (a closed event takes no unflag, so they could never leave it).
pub fn flagged(
    conn: &Connection,
    slices: &[Slice],
    event_id: Option<&str>,
    limit: u32,
) -> Result<Vec<TimelineItem>> {
    let seqs = conn
        .prepare_cached(
            "SELECT f.entry_seq FROM flags f LEFT JOIN events e ON e.id = f.event_id
             WHERE (?1 IS NULL AND (f.event_id IS NULL OR e.status = 'open')) OR f.event_id = ?1
             ORDER BY f.entry_seq DESC LIMIT ?2",
        )?
        .query_map(rusqlite::params![event_id, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    seqs.iter().map(|seq| item_at(conn, slices, *seq)).collect()
}

impl Store {
    pub fn timeline(&self, filter: &TimelineFilter) -> Result<TimelinePage> {
        timeline(self.connection(), self.slices(), filter)
    }
}
