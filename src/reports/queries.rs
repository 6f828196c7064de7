//! The report history.

use rusqlite::{Connection, OptionalExtension, Row};

use super::{IssuedReport, ReportKind};
use crate::error::{Error, Result};

const COLUMNS: &str = "id, event_id, kind, number, title, issued_at, author, role, pdf_sha256,
    md_sha256, json_sha256, pages, bytes, head_seq, head_hash";

fn row(r: &Row<'_>) -> rusqlite::Result<(IssuedReport, String)> {
    let kind: String = r.get(2)?;
    Ok((
        IssuedReport {
            id: r.get(0)?,
            event_id: r.get(1)?,
            kind: ReportKind::Lagesrapport,
            number: r.get(3)?,
            title: r.get(4)?,
            issued_at: r.get(5)?,
            author: r.get(6)?,
            role: r.get(7)?,
            pdf_sha256: r.get(8)?,
            md_sha256: r.get(9)?,
            json_sha256: r.get(10)?,
            pages: r.get(11)?,
            bytes: r.get::<_, i64>(12)? as u64,
            head_seq: r.get(13)?,
            head_hash: r.get(14)?,
        },
        kind,
    ))
}

fn finish((mut report, kind): (IssuedReport, String)) -> Result<IssuedReport> {
    report.kind = ReportKind::parse(&kind)?;
    Ok(report)
}

/// Every report issued for an event, newest first.
pub fn list(conn: &Connection, event_id: &str) -> Result<Vec<IssuedReport>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM reports WHERE event_id = ?1 ORDER BY seq DESC"
    ))?;
    let rows = stmt.query_map([event_id], row)?;
    rows.map(|r| finish(r?)).collect()
}

pub fn by_id(conn: &Connection, id: &str) -> Result<IssuedReport> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM reports WHERE id = ?1"))?
        .query_row([id], row)
        .optional()?
        .map(finish)
        .transpose()?
        .ok_or_else(|| {
            Error::not_found(format!("Det finns ingen utfärdad rapport med id {id}."))
                .with("report_id", id)
        })
}

/// The newest report of a kind for an event, if any.
pub fn last(conn: &Connection, event_id: &str, kind: ReportKind) -> Result<Option<IssuedReport>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM reports WHERE event_id = ?1 AND kind = ?2 ORDER BY number DESC LIMIT 1"
    ))?
    .query_row(rusqlite::params![event_id, kind.as_str()], row)
    .optional()?
    .map(finish)
    .transpose()
}

pub fn next_number(conn: &Connection, event_id: &str, kind: ReportKind) -> Result<u32> {
    Ok(last(conn, event_id, kind)?.map_or(1, |r| r.number + 1))
}

/// When each event's next lägesrapport is due: one cadence after the last one issued, or after
/// the event opened. A time that passes stays passed until a report is issued, so a missed report
/// shows as late instead of sliding to the next period. One walk of the reports for all events
/// (the organisation's lägesbild asks for a thousand at once).
pub struct ReportDue(std::collections::HashMap<String, String>);

impl ReportDue {
    pub fn read(conn: &Connection) -> Result<ReportDue> {
        let mut stmt = conn.prepare_cached(
            "SELECT event_id, max(issued_at) FROM reports WHERE kind = ?1 GROUP BY event_id",
        )?;
        let rows = stmt.query_map([ReportKind::Lagesrapport.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(ReportDue(rows.collect::<rusqlite::Result<_>>()?))
    }

    pub fn of(
        &self,
        event_id: &str,
        opened: crate::time::Ts,
        cadence: chrono::Duration,
    ) -> Result<crate::time::Ts> {
        let from = match self.0.get(event_id) {
            Some(at) => crate::time::parse("issued_at", at)?,
            None => opened,
        };
        Ok(from + cadence)
    }
}
