//! The log's tables from its entries: live, in replay and in deep verify alike.

use rusqlite::{params, Connection};

use super::decision::DecisionBody;
use super::diary::DiaryBody;
use super::event::{EventClosedBody, EventOpenedBody};
use super::record::CorrectionBody;
use super::*;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, body_fields, event_of, exec};

fn index_text(conn: &Connection, record_id: &str, parts: &[Option<&str>]) -> Result<()> {
    let content = parts
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    exec(
        conn,
        "INSERT INTO records_fts (record_id, content) VALUES (?1, ?2)",
        params![record_id, content],
    )?;
    Ok(())
}

/// One more decision or diary line in the entry's event.
fn count(conn: &Connection, e: &Envelope<'_>, column: &str) -> Result<()> {
    exec(
        conn,
        &format!("UPDATE events SET {column} = {column} + 1 WHERE id = ?1"),
        [event_of(e)?],
    )
}

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_EVENT_OPENED => {
            let b: EventOpenedBody = body(e)?;
            exec(conn,
                "INSERT INTO events (id, seq, title, event_type, status, opened_at, opened_by, opened_role)
                 VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?7)",
                params![event_of(e)?, e.seq, b.title, b.event_type, e.occurred_at, e.author, e.role],
            )?;
        }
        KIND_EVENT_CLOSED => {
            let b: EventClosedBody = body(e)?;
            exec(conn,
                "UPDATE events SET status = 'closed', closed_at = ?2, closed_by = ?3, closed_role = ?4,
                        closing_text = ?5 WHERE id = ?1",
                params![event_of(e)?, e.occurred_at, e.author, e.role, b.decision_text],
            )?;
        }
        KIND_DECISION => {
            let b: DecisionBody = body(e)?;
            exec(conn,
                "INSERT INTO records (id, seq, event_id, record_type, decision_kind, title, text, basis,
                    alternatives, decided_by, decided_role, mandate, takes_effect, follow_up_at,
                    distribution, occurred_at, recorded_at, author, role, late_reason, status, supersedes)
                 VALUES (?1, ?2, ?3, 'decision', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                         ?16, ?17, ?18, ?19, 'gallande', ?20)",
                params![
                    e.id, e.seq, event_of(e)?, b.kind.as_str(), b.title, b.text, b.basis, b.alternatives,
                    b.decided_by.name, b.decided_by.role, b.mandate, b.takes_effect, b.follow_up_at,
                    b.distribution, e.occurred_at, e.recorded_at, e.author, e.role, b.late_reason,
                    b.supersedes
                ],
            )?;
            count(conn, e, "decisions")?;
            if let Some(old) = &b.supersedes {
                exec(
                    conn,
                    "UPDATE records SET status = 'ersatt', superseded_by = ?2 WHERE id = ?1",
                    params![old, e.id],
                )?;
            }
            index_text(
                conn,
                e.id,
                &[
                    Some(&b.title),
                    Some(&b.text),
                    Some(&b.basis),
                    b.alternatives.as_deref(),
                    Some(&b.decided_by.name),
                    b.mandate.as_deref(),
                    b.distribution.as_deref(),
                ],
            )?;
        }
        KIND_DIARY => {
            let b: DiaryBody = body(e)?;
            exec(conn,
                "INSERT INTO records (id, seq, event_id, record_type, text, channel, from_party, to_party,
                    occurred_at, recorded_at, author, role, late_reason, status)
                 VALUES (?1, ?2, ?3, 'diary', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'gallande')",
                params![
                    e.id, e.seq, event_of(e)?, b.text, b.channel.as_str(), b.from_party, b.to_party,
                    e.occurred_at, e.recorded_at, e.author, e.role, b.late_reason
                ],
            )?;
            count(conn, e, "diary_entries")?;
            index_text(
                conn,
                e.id,
                &[
                    Some(&b.text),
                    b.from_party.as_deref(),
                    b.to_party.as_deref(),
                ],
            )?;
        }
        KIND_CORRECTION => {
            let b: CorrectionBody = body(e)?;
            exec(conn,
                "INSERT INTO corrections (id, seq, target_id, text, reason, author, role, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![e.id, e.seq, b.target_id, b.text, b.reason, e.author, e.role, e.recorded_at],
            )?;
            index_text(conn, &b.target_id, &[Some(&b.text), Some(&b.reason)])?;
        }
        _ => {}
    }
    Ok(())
}

/// Timeline lines: the title of an event or decision, the text of a diary line or correction.
pub fn describe(_: &Connection, e: &Envelope<'_>) -> Result<String> {
    Ok(match e.kind {
        KIND_EVENT_OPENED => body_fields(e, &["title", "event_type"]),
        KIND_EVENT_CLOSED => body_fields(e, &["decision_text"]),
        KIND_DECISION => body_fields(e, &["title", "text"]),
        KIND_DIARY => body_fields(e, &["text"]),
        KIND_CORRECTION => body_fields(e, &["text", "reason"]),
        _ => String::new(),
    })
}
