//! Paper and files for the staff: the numbered lägesrapport, the decision log and the diary for a
//! period, and the after-action report. Each is first a plain value read from one snapshot of the
//! store, then rendered: the same record gives the same value and so the same bytes.

pub mod after_action;
pub mod bokslut;
pub mod copies;
pub mod issue;
pub mod log_print;
pub mod situation;

use crate::error::Result;
use crate::pdf::Frame;
use crate::store::Store;

/// Who and what every page names: organisation, marking (the highest among the entries reported,
/// ÖVNING in an exercise store) and the journal head the content was read at.
#[derive(Debug, Clone)]
pub struct Letterhead {
    pub organisation: String,
    pub exercise: bool,
    pub classification: String,
    pub level: crate::marking::Marking,
    /// This copy's register number and copy number, on material under copy control.
    pub copy: Option<copies::CopyMark>,
    pub head_seq: i64,
    pub head_hash: String,
    /// This device's signed checkpoint of the journal the report was read from (C2SP signed
    /// note), or why there is none.
    pub checkpoint: String,
}

impl Letterhead {
    /// The letterhead of a report on `event_id`: marked at the highest marking among the event's
    /// entries, never lower than any of them.
    pub fn read(store: &Store, event_id: &str) -> Result<Letterhead> {
        let marking =
            crate::marking::queries::highest(store.connection(), Some(event_id), None, None)?;
        Letterhead::marked(store, marking)
    }

    /// The letterhead of a report on the organisation rather than one event, at `marking`.
    pub fn marked(store: &Store, marking: crate::marking::Marking) -> Result<Letterhead> {
        let (head_seq, head_hash) = store.head()?;
        Ok(Letterhead {
            organisation: store.meta("organisation")?.unwrap_or_default(),
            exercise: store.workspace() == crate::store::Workspace::Exercise.as_str(),
            classification: marking.label().to_string(),
            level: marking,
            copy: None,
            head_seq,
            head_hash,
            // A report is never refused for want of a signing key: it then says why it has none.
            checkpoint: crate::device::Device::load_or_create()
                .and_then(|d| crate::seal::make_in(store, &d))
                .unwrap_or_else(|e| format!("(ingen signerad kontrollpunkt: {})", e.message)),
        })
    }

    /// `ÖVNING · BEGRÄNSAT HEMLIG`: what is printed top and bottom of every page.
    pub fn marking(&self) -> String {
        let mut class = self.classification.to_uppercase();
        if let Some(c) = &self.copy {
            class = format!(
                "{class} · REG.NR {} · EX {} ({})",
                c.register, c.number, c.of
            );
        }
        if self.exercise {
            format!("ÖVNING · {class} · ÖVNING")
        } else {
            class
        }
    }

    /// The closing note of every report: the journal it was read from, and the signed
    /// checkpoint of it. The signature is split in two lines to fit the page; typed back on one
    /// line after `— name`, the note checks with `kris verify --checkpoint`.
    pub fn anchor_note(&self, what: &str) -> String {
        format!(
            "{what} bygger på journalen med {} poster och huvudet\n{}\n(kris verify visar samma \
             värden för samma journal).\n\nSignerad kontrollpunkt (pröva med kris verify \
             --checkpoint; signaturen skrivs på en rad):\n{}",
            self.head_seq,
            self.head_hash,
            split_signature(&self.checkpoint)
        )
    }

    pub fn anchor(&self) -> String {
        format!(
            "Journalen vid utskrift: {} poster, huvud {}",
            self.head_seq, self.head_hash
        )
    }

    pub fn frame(&self, title: &str, right: &str, author: &str, at: &str) -> Frame {
        Frame {
            title: title.to_string(),
            author: author.to_string(),
            marking: self.marking(),
            header_left: self.organisation.clone(),
            header_right: right.to_string(),
            footer_left: self.anchor(),
            created: crate::time::parse("created", at).unwrap_or_default(),
        }
    }
}

/// The note with its signature line's base64 broken in the middle, so no line is wider than a
/// page and the break is where a reader expects it.
fn split_signature(note: &str) -> String {
    note.trim_end()
        .lines()
        .map(|l| match l.rsplit_once(' ') {
            Some((who, sig)) if l.starts_with('\u{2014}') && sig.len() > 60 => {
                let mid = sig.len() / 2;
                format!("{who}\n{}\n{}", &sig[..mid], &sig[mid..])
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A stored enum word as a reader expects it: the store keeps them without å ä ö
/// (`gallande`), paper shows `Gällande`.
pub(crate) fn word(s: &str) -> String {
    let known = match s {
        "gallande" => "Gällande",
        "upphavt" => "Upphävt",
        "begard" => "Begärd",
        "tillganglig" => "Tillgänglig",
        "mote" => "Möte",
        "epost" => "E-post",
        "ovrigt" => "Övrigt",
        "forbattra" => "Förbättra",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let s = s.replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}
