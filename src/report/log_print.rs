//! The beslutslogg and the stabsdagbok for a period, on paper (after ICS 214, the activity log:
//! who kept it, for which period, every entry, signature lines) and as CSV for Excel.

use super::copies::{self, CopyOrder};
use super::{word, Letterhead};
use crate::domain::Actor;
use crate::error::Result;
use crate::log::{Record, RecordFilter, RecordType};
use crate::pdf::{Block, Doc};
use crate::store::Store;
use crate::time::{self, local_minute, Ts};

/// Which log and which period; times as people type them (`2026-11-24 14:05`) or RFC 3339.
#[derive(Debug, Clone)]
pub struct LogSelection {
    pub event_id: String,
    pub record_type: RecordType,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The selection's ends, read once. Swapped ends are refused: they would print an empty log that
/// looks like a quiet period.
fn period(sel: &LogSelection) -> Result<(Option<Ts>, Option<Ts>)> {
    let from = sel
        .from
        .as_deref()
        .map(|f| time::parse("Från", f))
        .transpose()?;
    let to = sel
        .to
        .as_deref()
        .map(|t| time::parse("Till", t))
        .transpose()?;
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            let (from, to) = (shown(&from), shown(&to));
            return Err(crate::error::Error::invalid(format!(
                "Perioden slutar ({to}) före den börjar ({from}). Byt plats på Från och Till."
            ))
            .with("field", "Till")
            // Without the times this would read, in the window's English, as a blank field.
            .with("from", from)
            .with("to", to));
        }
    }
    Ok((from, to))
}

fn shown(t: &Ts) -> String {
    local_minute(&time::format(t))
}

fn records(store: &Store, sel: &LogSelection) -> Result<Vec<Record>> {
    let (from, to) = period(sel)?;
    let mut records = store.list_records(&RecordFilter {
        event_id: Some(sel.event_id.clone()),
        kind: Some(sel.record_type.as_str().to_string()),
        from: from.map(|t| time::format(&t)),
        to: to.map(|t| time::format(&t)),
    })?;
    crate::readiness::commands::stamp_modes(store.connection(), &mut records)?;
    Ok(records)
}

fn name(t: RecordType) -> &'static str {
    match t {
        RecordType::Decision => "Beslutslogg",
        RecordType::Diary => "Stabsdagbok",
    }
}

pub fn csv(store: &Store, sel: &LogSelection) -> Result<Vec<u8>> {
    store.snapshot(|s| csv_with(s, sel, &Letterhead::read(s, &sel.event_id)?))
}

/// The log as CSV; above ej klassificerad the first row is the marking (and copy number), as a
/// page would carry it.
fn csv_with(store: &Store, sel: &LogSelection, head: &Letterhead) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    if head.level > crate::marking::Marking::Intern {
        out.extend_from_slice(format!("\"{}\"\r\n", head.marking()).as_bytes());
    }
    crate::export::write_csv(&records(store, sel)?, &mut out)?;
    Ok(out)
}

/// The text of a record as printed: what it says now, with every correction and why, so the
/// paper shows the same history the record keeps.
fn with_corrections(r: &Record) -> String {
    let mut text = r.text.trim().to_string();
    for c in &r.corrections {
        text.push_str(&format!(
            "\n[Rättad {} av {}: \"{}\" – {}]",
            local_minute(&c.recorded_at),
            c.author,
            c.text.trim(),
            c.reason.trim()
        ));
    }
    text
}

fn decision_row(r: &Record) -> Vec<String> {
    let mut what = format!(
        "{}\n{}",
        r.title.clone().unwrap_or_default(),
        with_corrections(r)
    );
    if let Some(b) = r.basis.as_deref().filter(|b| !b.trim().is_empty()) {
        what.push_str(&format!("\nUnderlag: {}", b.trim()));
    }
    if let Some(m) = r.mandate.as_deref().filter(|m| !m.trim().is_empty()) {
        what.push_str(&format!("\nMandat: {}", m.trim()));
    }
    if let Some(f) = &r.follow_up_at {
        what.push_str(&format!("\nUppföljning: {}", local_minute(f)));
    }
    if let Some(def) = r
        .mode
        .and_then(|m| crate::readiness::modes::definition(m).ok())
    {
        what.push_str(&format!(
            "\nLedande organ: {} ({})",
            def.leading_body.sv, def.name.sv
        ));
    }
    let mut status = word(r.status.as_str());
    if let Some(s) = &r.superseded_by {
        status.push_str(&format!(" av {}", &s[..s.len().min(8)]));
    }
    vec![
        local_minute(&r.occurred_at),
        what,
        r.decided_by.clone().unwrap_or_else(|| r.author.clone()),
        status,
    ]
}

fn diary_row(r: &Record) -> Vec<String> {
    let parties = match (&r.from_party, &r.to_party) {
        (Some(f), Some(t)) => format!("{f} → {t}"),
        (Some(f), None) => format!("Från {f}"),
        (None, Some(t)) => format!("Till {t}"),
        (None, None) => String::new(),
    };
    vec![
        local_minute(&r.occurred_at),
        r.channel.map(|c| word(c.as_str())).unwrap_or_default(),
        parties,
        with_corrections(r),
        format!("{} ({})", r.author, r.role),
    ]
}

pub fn pdf(store: &Store, actor: &Actor, sel: &LogSelection) -> Result<Vec<u8>> {
    store.snapshot(|s| pdf_with(s, actor, sel, &Letterhead::read(s, &sel.event_id)?))
}

/// The log as PDF under the letterhead given (a numbered copy's), read from `store` as it is.
fn pdf_with(
    store: &Store,
    actor: &Actor,
    sel: &LogSelection,
    head: &Letterhead,
) -> Result<Vec<u8>> {
    let actor = actor.validate()?;
    let (event, rows) = (store.get_event(&sel.event_id)?, records(store, sel)?);
    let now = time::format(&store.now());
    let title = format!("{} – {}", name(sel.record_type), event.title);
    let (from, to) = period(sel)?;
    let period = format!(
        "{} – {}",
        from.as_ref()
            .map_or_else(|| local_minute(&event.opened_at), shown),
        to.as_ref().map_or_else(|| local_minute(&now), shown),
    );
    let mut doc = Doc::new();
    doc.push(Block::Title(title.clone()))
        .push(Block::Fields(vec![
            ("Organisation".into(), head.organisation.clone()),
            (
                "Händelse".into(),
                format!(
                    "{} (öppnad {})",
                    event.title,
                    local_minute(&event.opened_at)
                ),
            ),
            ("Period".into(), period),
            ("Antal poster".into(), rows.len().to_string()),
            (
                "Utskriven".into(),
                format!("{} av {} ({})", local_minute(&now), actor.name, actor.role),
            ),
        ]));
    const DECISIONS: &[(&str, f32)] = &[
        ("Tid", 1.9),
        ("Beslut", 5.2),
        ("Beslutsfattare", 1.8),
        ("Status", 1.2),
    ];
    const DIARY: &[(&str, f32)] = &[
        ("Tid", 1.9),
        ("Kanal", 1.1),
        ("Från / till", 1.8),
        ("Anteckning", 4.5),
        ("Skrivet av", 1.7),
    ];
    let (columns, body): (_, Vec<Vec<String>>) = match sel.record_type {
        RecordType::Decision => (DECISIONS, rows.iter().map(decision_row).collect()),
        RecordType::Diary => (DIARY, rows.iter().map(diary_row).collect()),
    };
    if body.is_empty() {
        doc.push(Block::Note("Inga poster under perioden.".into()));
    } else {
        doc.push(Block::table(columns, body));
    }
    doc.push(Block::Note(head.anchor_note("Utskriften")))
        .push(Block::Signatures(vec![
            "Förd av (namn, funktion)".into(),
            "Underskrift och datum".into(),
            "Granskad av (namn, funktion)".into(),
            "Underskrift och datum".into(),
        ]));
    let right = format!("{} · {}", name(sel.record_type), local_minute(&now));
    doc.render(&head.frame(&title, &right, &actor.name, &now))
}

crate::str_enum!(
    /// Paper or spreadsheet.
    LogFormat, "Okänt format för utskrift", { Pdf = "pdf", Csv = "csv" }
);

/// A file made for printing or Excel, not an issued report.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct PrintedFile {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Under copy control: each numbered copy's file, copy 1 first (`path` is copy 1).
    #[serde(default)]
    pub copies: Vec<String>,
    /// The copy register's number for them.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub register: Option<i64>,
}

fn file_name(store: &Store, sel: &LogSelection, format: LogFormat, copy: Option<u32>) -> String {
    let stamp = store
        .now()
        .with_timezone(&chrono::Local)
        .format("%Y%m%d-%H%M%S");
    let short: String = sel
        .event_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(8)
        .collect();
    let ex = copy.map(|n| format!("-ex{n}")).unwrap_or_default();
    format!(
        "{}-{short}-{stamp}{ex}.{}",
        name(sel.record_type).to_lowercase(),
        format.as_str()
    )
}

/// Writes the log for the window's print button beside the store's issued reports
/// (`<store>.rapporter/utskrifter/`; for an encrypted store, the view folder), named for what it
/// holds and when it was made; see [`print_numbered`].
pub fn print_to_folder(
    store: &mut Store,
    actor: &Actor,
    sel: &LogSelection,
    format: LogFormat,
    order: Option<&CopyOrder>,
) -> Result<PrintedFile> {
    print_numbered(
        store,
        actor,
        &Printing {
            event_id: Some(&sel.event_id),
            document: format!("{} ({})", name(sel.record_type), format.as_str()),
            head: &|s| Letterhead::read(s, &sel.event_id),
            render: &|s, head| match format {
                LogFormat::Pdf => pdf_with(s, actor, sel, head),
                LogFormat::Csv => csv_with(s, sel, head),
            },
            file_name: &|s, copy| file_name(s, sel, format, copy),
        },
        order,
    )
}

/// What a printout is: its letterhead, its bytes under a letterhead, and its file name (per
/// numbered copy).
pub struct Printing<'a> {
    pub event_id: Option<&'a str>,
    /// As the copy register names it.
    pub document: String,
    pub head: &'a dyn Fn(&Store) -> Result<Letterhead>,
    pub render: &'a dyn Fn(&Store, &Letterhead) -> Result<Vec<u8>>,
    pub file_name: &'a dyn Fn(&Store, Option<u32>) -> String,
}

/// Writes a printout into the print folder. At konfidentiell and above only as the numbered
/// copies `order` asks for, recorded in the copy register under the write lock, so the register
/// number printed is the one recorded.
pub fn print_numbered(
    store: &mut Store,
    actor: &Actor,
    p: &Printing<'_>,
    order: Option<&CopyOrder>,
) -> Result<PrintedFile> {
    let dir = crate::reports::files::print_dir(store.path())?;
    let head = store.snapshot(|s| (p.head)(s))?;
    let Some(order) = copies::order_for(&head, order)? else {
        let bytes = store.snapshot(|s| (p.render)(s, &(p.head)(s)?))?;
        let path = crate::reports::files::put_new(&dir, &(p.file_name)(store, None), &bytes)?;
        return Ok(PrintedFile {
            path: path.display().to_string(),
            bytes: bytes.len() as u64,
            copies: Vec::new(),
            register: None,
        });
    };
    let actor_checked = actor.validate()?;
    // Numbered copies written before the register entry commits: removed again if it does not,
    // so no marked copy lies on disk outside the register.
    let written = std::cell::RefCell::new(Vec::new());
    let issued = store.write_after(
        |s| {
            let head = (p.head)(s)?;
            let register = crate::marking::queries::next_register_number(s.connection())?;
            let made = copies::numbered(&head, register, order, |h| (p.render)(s, h))?;
            let mut files = Vec::new();
            for (i, bytes) in made.iter().enumerate() {
                let name = (p.file_name)(s, Some(i as u32 + 1));
                let path = crate::reports::files::put_new(&dir, &name, bytes)?;
                written.borrow_mut().push(path.clone());
                files.push((
                    path.display().to_string(),
                    crate::reports::files::sha256_hex(bytes),
                    bytes.len() as u64,
                ));
            }
            Ok((head.level, register, files))
        },
        |tx, (level, register, files)| {
            crate::marking::commands::issue_numbered(
                tx,
                &actor_checked,
                &crate::marking::IssueCopies {
                    event_id: p.event_id.map(str::to_string),
                    document: p.document.clone(),
                    marking: level,
                    copies: order.copies,
                    recipients: order.recipients.clone(),
                    copy_sha256: files.iter().map(|f| f.1.clone()).collect(),
                },
                Some(register),
            )?;
            Ok(PrintedFile {
                path: files[0].0.clone(),
                bytes: files[0].2,
                copies: files.iter().map(|f| f.0.clone()).collect(),
                register: Some(register),
            })
        },
    );
    if issued.is_err() {
        for path in written.into_inner() {
            let _ = std::fs::remove_file(path);
        }
    }
    issued
}
