//! The beslutslogg and the stabsdagbok for a period, on paper (after ICS 214, the activity log:
//! who kept it, for which period, every entry, signature lines) and as CSV for Excel.

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
    store.list_records(&RecordFilter {
        event_id: Some(sel.event_id.clone()),
        kind: Some(sel.record_type.as_str().to_string()),
        from: from.map(|t| time::format(&t)),
        to: to.map(|t| time::format(&t)),
    })
}

fn name(t: RecordType) -> &'static str {
    match t {
        RecordType::Decision => "Beslutslogg",
        RecordType::Diary => "Stabsdagbok",
    }
}

pub fn csv(store: &Store, sel: &LogSelection) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    store.snapshot(|s| crate::export::write_csv(&records(s, sel)?, &mut out))?;
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
    let actor = actor.validate()?;
    let (event, rows, head) = store.snapshot(|s| {
        Ok((
            s.get_event(&sel.event_id)?,
            records(s, sel)?,
            Letterhead::read(s, &sel.event_id)?,
        ))
    })?;
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
    doc.push(Block::Note(format!(
        "Utskriften bygger på journalen med {} poster och huvudet\n{}\n(kris verify visar samma värden för samma journal).",
        head.head_seq, head.head_hash
    )))
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
}

/// Writes the log for the window's print button beside the store's issued reports
/// (`<store>.rapporter/utskrifter/`), named for what it holds and when it was made.
pub fn print_to_folder(
    store: &Store,
    actor: &Actor,
    sel: &LogSelection,
    format: LogFormat,
) -> Result<PrintedFile> {
    let bytes = match format {
        LogFormat::Pdf => pdf(store, actor, sel)?,
        LogFormat::Csv => csv(store, sel)?,
    };
    let dir = crate::reports::files::folder(store.path()).join("utskrifter");
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
    let file = format!(
        "{}-{short}-{stamp}.{}",
        name(sel.record_type).to_lowercase(),
        format.as_str()
    );
    let path = crate::reports::files::put_named(&dir, &file, &bytes)?;
    Ok(PrintedFile {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
    })
}
