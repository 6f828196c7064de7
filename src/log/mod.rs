//! The event log: events, decisions, diary lines and corrections — the record a TiB keeps and an
//! auditor reads afterwards. Every other slice that writes about an event builds on this one.

pub mod commands;
pub mod decision;
pub mod diary;
pub mod event;
pub mod projection;
pub mod queries;
pub mod record;

pub use decision::{DecisionKind, DecisionStatus, NewDecision};
pub use diary::{Channel, NewDiaryEntry};
pub use event::{CloseEvent, Event, EventStatus, OpenEvent};
pub use record::{CorrectionView, NewCorrection, Record, RecordFilter, RecordType};

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::journal::Envelope;
use crate::store::{Migration, Slice};

pub const KIND_EVENT_OPENED: &str = "event.opened";
pub const KIND_EVENT_CLOSED: &str = "event.closed";
pub const KIND_DECISION: &str = "decision.made";
pub const KIND_DIARY: &str = "diary.logged";
pub const KIND_CORRECTION: &str = "entry.corrected";

pub const SLICE: Slice = Slice {
    name: "log",
    migrations: &[
        Migration {
            name: "log",
            sql: include_str!("schema/0001_log.sql"),
        },
        Migration {
            name: "event_counts",
            sql: include_str!("schema/0002_event_counts.sql"),
        },
    ],
    kinds: &[
        KIND_EVENT_OPENED,
        KIND_EVENT_CLOSED,
        KIND_DECISION,
        KIND_DIARY,
        KIND_CORRECTION,
    ],
    project: projection::apply,
    guard: Some(event_guard),
    describe: projection::describe,
};

/// Every entry that belongs to an event, of any slice: the event exists, is not closed, and the
/// entry did not happen before it opened. Asked of the journal itself (entries before this one),
/// not of the `events` projection, so an edited projection cannot reopen a closed event, and
/// replay enforces the same rule on every entry it rebuilds.
fn event_guard(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    event_rule(conn, e, false)
}

/// The event rule, with `after_close` for an entry of the event's after phase (an avvikelse, a
/// lärdom), which is written once the event is closed and so is let in then; it still needs the
/// event and may not precede its opening. Which kinds those are is not this slice's to know: the
/// slices that own them lie above it, so the composition root (`slices.rs`), which knows both,
/// wraps this rule as the store's guard.
pub fn event_rule(conn: &Connection, e: &Envelope<'_>, after_close: bool) -> Result<()> {
    let Some(event_id) = e.event_id else {
        return Ok(());
    };
    if e.kind == KIND_EVENT_OPENED {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT kind, occurred_at FROM entries
         WHERE event_id = ?1 AND kind IN ('event.opened', 'event.closed') AND pos < ?2",
    )?;
    let mut opened: Option<String> = None;
    let mut closed = false;
    let mut rows = stmt.query(rusqlite::params![event_id, e.seq])?;
    while let Some(r) = rows.next()? {
        match r.get_ref(0)?.as_str().unwrap_or_default() {
            KIND_EVENT_OPENED => opened = Some(r.get(1)?),
            _ => closed = true,
        }
    }
    let Some(opened) = opened else {
        return Err(
            Error::not_found(format!("Det finns ingen händelse med id {event_id}."))
                .with("event_id", event_id),
        );
    };
    if closed && !after_close {
        return Err(Error::conflict(
            "Händelsen är avslutad och tar inte emot fler poster. Öppna en ny händelse.",
        )
        .with("event_id", event_id));
    }
    if e.occurred_at < opened.as_str() {
        return Err(Error::invalid(format!(
            "Tidpunkten {} ligger före händelsens start ({opened}). Ange en tid under händelsen, eller öppna händelsen med en tidigare starttid.",
            e.occurred_at
        ))
        .with("occurred_at", e.occurred_at)
        .with("opened_at", opened));
    }
    Ok(())
}

/// The event a decision or diary line belongs to, read through the caller's connection.
pub fn record_event(conn: &Connection, record_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT event_id FROM records WHERE id = ?1",
            [record_id],
            |r| r.get(0),
        )
        .optional()?)
}
