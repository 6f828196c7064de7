//! Rows for raised markings and the copy register.

use rusqlite::{params, Connection};

use super::commands::{IssuedBody, RaisedBody, SettledBody};
use super::{queries, KIND_COPIES_ISSUED, KIND_COPIES_SETTLED, KIND_RAISED};
use crate::error::{Error, Result};
use crate::journal::Envelope;
use crate::store::registry::{body, exec};

/// A marking only goes up, whoever wrote the entry and wherever it came from.
pub fn guard(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    if e.kind != KIND_RAISED {
        return Ok(());
    }
    let b: RaisedBody = body(e)?;
    // The target by its id: `target_seq` is its number on the laptop that raised it, and a merge
    // with other laptops' entries renumbers the fold.
    let target = queries::seq_of(conn, &b.target_id)?;
    if b.marking <= queries::marking_of(conn, target)? {
        return Err(Error::conflict(
            "En klassning kan bara höjas, aldrig sänkas.",
        ));
    }
    Ok(())
}

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    match e.kind {
        KIND_RAISED => {
            let b: RaisedBody = body(e)?;
            let target = queries::seq_of(conn, &b.target_id)?;
            exec(
                conn,
                "INSERT INTO entry_marking (target_seq, level, seq, reason, raised_by, raised_role,
                    raised_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (target_seq) DO UPDATE SET level = excluded.level, seq = excluded.seq,
                    reason = excluded.reason, raised_by = excluded.raised_by,
                    raised_role = excluded.raised_role, raised_at = excluded.raised_at",
                params![
                    target,
                    b.marking.level(),
                    e.seq,
                    b.reason,
                    e.author,
                    e.role,
                    e.recorded_at
                ],
            )
        }
        KIND_COPIES_ISSUED => {
            let b: IssuedBody = body(e)?;
            exec(
                conn,
                "INSERT INTO copy_issues (id, seq, number, event_id, document, marking, copies,
                    recipients, copy_sha256, issued_by, issued_role, issued_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    e.id,
                    e.seq,
                    b.number,
                    e.event_id,
                    b.document,
                    b.marking.as_str(),
                    b.copies,
                    b.recipients,
                    serde_json::to_string(&b.copy_sha256)?,
                    e.author,
                    e.role,
                    e.recorded_at
                ],
            )
        }
        KIND_COPIES_SETTLED => {
            let b: SettledBody = body(e)?;
            for c in &b.copies {
                exec(
                    conn,
                    "INSERT INTO copy_settlements (issue_id, copy, outcome, note, seq, settled_by,
                        settled_role, settled_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        b.issue_id,
                        c,
                        b.outcome.as_str(),
                        b.note,
                        e.seq,
                        e.author,
                        e.role,
                        e.recorded_at
                    ],
                )?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

pub fn describe(_: &Connection, e: &Envelope<'_>) -> Result<String> {
    Ok(match e.kind {
        KIND_RAISED => {
            let b: RaisedBody = body(e)?;
            format!(
                "Post {} klassad {}: {}",
                b.target_seq,
                b.marking.label(),
                b.reason
            )
        }
        KIND_COPIES_ISSUED => {
            let b: IssuedBody = body(e)?;
            format!(
                "Registernummer {}: {} i {} exemplar ({}) till {}",
                b.number,
                b.document,
                b.copies,
                b.marking.label(),
                b.recipients
            )
        }
        _ => {
            let b: SettledBody = body(e)?;
            let list: Vec<String> = b.copies.iter().map(u32::to_string).collect();
            format!(
                "Exemplar {} {}",
                list.join(", "),
                match b.outcome {
                    super::CopyOutcome::Forstord => "förstörda",
                    super::CopyOutcome::Aterlamnad => "återlämnade",
                }
            )
        }
    })
}
