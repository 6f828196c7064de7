//! Issuing a numbered report: read one snapshot, typeset outside the write lock, keep the files,
//! then append `report.issued` only if the journal has not moved since the snapshot — otherwise
//! the report would not be the record it claims to be, so it is made again, the last time under
//! the write lock from reading to appending.

use std::path::{Path, PathBuf};

use super::copies::{self, CopyOrder};
use super::situation::{self, SituationReport};
use super::Letterhead;
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::reports::{files, queries, IssuedBody, IssuedReport, ReportKind};
use crate::store::Store;

/// Tries without holding the write lock before taking it.
const OPTIMISTIC: usize = 2;

crate::str_enum!(
    /// The files of an issued report.
    ReportFormat, "Okänt filformat", { Pdf = "pdf", Markdown = "md" | "markdown", Json = "json" }
);

/// The lägesrapport that would be issued now, without issuing it.
pub fn preview_situation(store: &Store, actor: &Actor, event_id: &str) -> Result<SituationReport> {
    store.snapshot(|s| {
        situation::build(
            s,
            event_id,
            &actor.validate()?,
            &Letterhead::read(s, event_id)?,
        )
    })
}

/// A report made from one snapshot, ready to be kept and recorded.
struct Made {
    kind: ReportKind,
    number: u32,
    title: String,
    at: String,
    pdf: (Vec<u8>, u32),
    markdown: Option<String>,
    json: Option<Vec<u8>>,
    head: Letterhead,
    /// Numbered copies under copy control: the register number printed on them, and each copy.
    copies: Option<Numbered>,
}

/// A register number and each copy's PDF with its page count.
type Numbered = (i64, Vec<(Vec<u8>, u32)>);

/// The numbered copies of a report at konfidentiell or above (none below), under the next
/// register number.
fn copies_of(
    s: &Store,
    head: &Letterhead,
    order: Option<&CopyOrder>,
    render: impl FnMut(&Letterhead) -> Result<(Vec<u8>, u32)>,
) -> Result<Option<Numbered>> {
    let Some(order) = copies::order_for(head, order)? else {
        return Ok(None);
    };
    let register = crate::marking::queries::next_register_number(s.connection())?;
    Ok(Some((
        register,
        copies::numbered(head, register, order, render)?,
    )))
}

/// What goes into the journal for one report: the report, and its numbered copies if any.
struct Kept {
    body: IssuedBody,
    at: crate::time::Ts,
    copies: Option<(i64, Vec<String>)>,
    level: crate::marking::Marking,
}

/// Keeps the files (before any entry names them) and says what the entries will hold.
fn keep(store: &Path, made: &Made) -> Result<Kept> {
    let (pdf, pages) = &made.pdf;
    let body = IssuedBody {
        kind: made.kind,
        number: made.number,
        title: made.title.clone(),
        pdf_sha256: files::put(store, pdf, "pdf")?,
        md_sha256: match &made.markdown {
            Some(md) => Some(files::put(store, md.as_bytes(), "md")?),
            None => None,
        },
        json_sha256: match &made.json {
            Some(j) => Some(files::put(store, j, "json")?),
            None => None,
        },
        pages: *pages,
        bytes: pdf.len() as u64,
        head_seq: made.head.head_seq,
        head_hash: made.head.head_hash.clone(),
    };
    let copies = match &made.copies {
        Some((register, pdfs)) => Some((
            *register,
            pdfs.iter()
                .map(|(pdf, _)| files::put(store, pdf, "pdf"))
                .collect::<Result<Vec<_>>>()?,
        )),
        None => None,
    };
    Ok(Kept {
        body,
        at: crate::time::parse("issued_at", &made.at)?,
        copies,
        level: made.head.level,
    })
}

/// Appends `report.issued` and, for numbered copies, their line in the copy register.
fn record(
    tx: &mut crate::store::Tx<'_>,
    actor: &Actor,
    event_id: &str,
    kept: &Kept,
    order: Option<&CopyOrder>,
) -> Result<IssuedReport> {
    let issued = crate::reports::commands::record_issued(tx, actor, event_id, &kept.body, kept.at)?;
    if let (Some((register, shas)), Some(order)) = (&kept.copies, order) {
        crate::marking::commands::issue_numbered(
            tx,
            actor,
            &crate::marking::IssueCopies {
                event_id: Some(event_id.to_string()),
                document: kept.body.title.clone(),
                marking: kept.level,
                copies: order.copies,
                recipients: order.recipients.clone(),
                copy_sha256: shas.clone(),
            },
            Some(*register),
        )?;
    }
    Ok(issued)
}

fn issue(
    store: &mut Store,
    actor: &Actor,
    event_id: &str,
    order: Option<&CopyOrder>,
    make: impl Fn(&Store, &Actor) -> Result<Made>,
) -> Result<IssuedReport> {
    let actor = actor.validate()?;
    // Typeset outside the write lock, so the staff keeps writing meanwhile; the entry goes in
    // only if nobody wrote since the snapshot (so the register number printed is still free).
    for _ in 0..OPTIMISTIC {
        // The rows of every chain too: another laptop's entries arriving meanwhile (a sync)
        // move no head of this laptop's, yet the report would not show them.
        let (made, rows) = store.snapshot(|s| Ok((make(s, &actor)?, s.head_seq()?)))?;
        let kept = keep(store.path(), &made)?;
        let issued = store.write(|tx| {
            if tx.head() != (kept.body.head_seq, kept.body.head_hash.as_str()) || tx.rows() != rows
            {
                return Ok(None);
            }
            record(tx, &actor, event_id, &kept, order).map(Some)
        })?;
        if let Some(issued) = issued {
            return Ok(issued);
        }
    }
    // Someone writes faster than a report is typeset: hold the lock from reading to appending,
    // so the report is made even in a busy staff room (others wait that long).
    let path = store.path().to_path_buf();
    store.write_after(
        |s| keep(&path, &make(s, &actor)?),
        |tx, kept| record(tx, &actor, event_id, &kept, order),
    )
}

/// What names an issued report.
struct Named {
    kind: ReportKind,
    number: u32,
    title: String,
    at: String,
}

/// A report typeset once for the record and once per numbered copy.
fn made(
    s: &Store,
    named: Named,
    head: Letterhead,
    order: Option<&CopyOrder>,
    mut pdf: impl FnMut(&Letterhead) -> Result<(Vec<u8>, u32)>,
    text: Option<(String, Vec<u8>)>,
) -> Result<Made> {
    let (markdown, json) = text.map_or((None, None), |(m, j)| (Some(m), Some(j)));
    Ok(Made {
        kind: named.kind,
        number: named.number,
        title: named.title,
        at: named.at,
        pdf: pdf(&head)?,
        markdown,
        json,
        copies: copies_of(s, &head, order, &mut pdf)?,
        head,
    })
}

/// Issues the next lägesrapport; at konfidentiell and above only in the numbered copies `order`
/// asks for.
pub fn issue_situation(
    store: &mut Store,
    actor: &Actor,
    event_id: &str,
    order: Option<&CopyOrder>,
) -> Result<IssuedReport> {
    issue(store, actor, event_id, order, |s, actor| {
        let event = s.get_event(event_id)?;
        if event.status.as_str() != "open" {
            return Err(Error::conflict(format!(
                "Händelsen \"{}\" är avslutad; en lägesrapport lämnas bara under händelsen. \
                 Ta fram efterrapporten i stället.",
                event.title
            ))
            .with("event_id", event_id)
            // Tells this apart from an entry refused by a closed event, in the window's English.
            .with("title", &event.title));
        }
        let head = Letterhead::read(s, event_id)?;
        let report = situation::build(s, event_id, actor, &head)?;
        let named = Named {
            kind: ReportKind::Lagesrapport,
            number: report.number,
            title: report.title(),
            at: report.issued_at.clone(),
        };
        let text = Some((report.markdown(), report.json()));
        made(s, named, head, order, |h| report.pdf(h), text)
    })
}

/// Issues the event's efterrapport (numbered too: a second one after more lessons is nr 2).
pub fn issue_after_action(
    store: &mut Store,
    actor: &Actor,
    event_id: &str,
    order: Option<&CopyOrder>,
) -> Result<IssuedReport> {
    issue(store, actor, event_id, order, |s, actor| {
        let report = super::after_action::build(s, event_id, actor)?;
        let head = Letterhead::read(s, event_id)?;
        let named = Named {
            kind: ReportKind::Efterrapport,
            number: report.number,
            title: report.title(),
            at: report.at.clone(),
        };
        made(s, named, head, order, |h| report.pdf(h), None)
    })
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
