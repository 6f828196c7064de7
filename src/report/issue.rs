//! Issuing a numbered report: read one snapshot, typeset outside the write lock, keep the files,
//! then append `report.issued` only if the journal has not moved since the snapshot — otherwise
//! the report would not be the record it claims to be, so it is made again.

use std::path::PathBuf;

use super::situation::{self, SituationReport};
use super::Letterhead;
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::reports::{files, queries, IssuedBody, IssuedReport, ReportKind};
use crate::store::Store;

/// Others writing faster than a report can be typeset, this many times in a row, is a staff room
/// in full flow: say so rather than loop.
const ATTEMPTS: usize = 5;

crate::str_enum!(
    /// The files of an issued report.
    ReportFormat, "Okänt filformat", { Pdf = "pdf", Markdown = "md" | "markdown", Json = "json" }
);

/// The lägesrapport that would be issued now, without issuing it.
pub fn preview_situation(store: &Store, actor: &Actor, event_id: &str) -> Result<SituationReport> {
    store.snapshot(|s| situation::build(s, event_id, &actor.validate()?))
}

pub fn issue_situation(store: &mut Store, actor: &Actor, event_id: &str) -> Result<IssuedReport> {
    let actor = actor.validate()?;
    for _ in 0..ATTEMPTS {
        let (report, head) = store.snapshot(|s| {
            let event = s.get_event(event_id)?;
            if event.status.as_str() != "open" {
                return Err(Error::conflict(format!(
                    "Händelsen \"{}\" är avslutad; en lägesrapport lämnas bara under händelsen. \
                     Ta fram efterrapporten i stället.",
                    event.title
                ))
                .with("event_id", event_id));
            }
            Ok((situation::build(s, event_id, &actor)?, Letterhead::read(s)?))
        })?;
        let (pdf, pages) = report.pdf(&head)?;
        let at = crate::time::parse("issued_at", &report.issued_at)?;
        let body = IssuedBody {
            kind: ReportKind::Lagesrapport,
            number: report.number,
            title: report.title(),
            pdf_sha256: files::put(store.path(), &pdf, "pdf")?,
            md_sha256: Some(files::put(
                store.path(),
                report.markdown().as_bytes(),
                "md",
            )?),
            json_sha256: Some(files::put(store.path(), &report.json(), "json")?),
            pages,
            bytes: pdf.len() as u64,
            head_seq: head.head_seq,
            head_hash: head.head_hash.clone(),
        };
        let issued = store.write(|tx| {
            if tx.head() != (head.head_seq, head.head_hash.as_str()) {
                return Ok(None);
            }
            crate::reports::commands::record_issued(tx, &actor, event_id, &body, at).map(Some)
        })?;
        if let Some(issued) = issued {
            return Ok(issued);
        }
    }
    Err(Error::new(
        crate::error::ErrorCode::Busy,
        "Journalen ändrades medan rapporten skapades, flera gånger i rad. Försök igen om en stund.",
    ))
}

/// The reports issued for an event, newest first.
pub fn history(store: &Store, event_id: &str) -> Result<Vec<IssuedReport>> {
    store.get_event(event_id)?;
    queries::list(store.connection(), event_id)
}

/// The path of an issued report's file, after checking it is byte for byte what was issued.
pub fn file(store: &Store, report_id: &str, format: ReportFormat) -> Result<PathBuf> {
    let r = queries::by_id(store.connection(), report_id)?;
    let (sha, ext) = match format {
        ReportFormat::Pdf => (Some(r.pdf_sha256.clone()), "pdf"),
        ReportFormat::Markdown => (r.md_sha256.clone(), "md"),
        ReportFormat::Json => (r.json_sha256.clone(), "json"),
    };
    let sha = sha.ok_or_else(|| {
        Error::not_found(format!("{} utfärdades utan {ext}-fil.", r.title)).with("format", ext)
    })?;
    files::checked(store.path(), &sha, ext, &r.title)
}
