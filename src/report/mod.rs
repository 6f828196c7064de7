//! Paper and files for the staff: the numbered lägesrapport, the decision log and the diary for a
//! period, and the after-action report. Each is first a plain value read from one snapshot of the
//! store, then rendered: the same record gives the same value and so the same bytes.

pub mod after_action;
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
}

impl Letterhead {
    /// The letterhead of a report on `event_id`: marked at the highest marking among the event's
    /// entries, never lower than any of them.
    pub fn read(store: &Store, event_id: &str) -> Result<Letterhead> {
        let marking =
            crate::marking::queries::highest(store.connection(), Some(event_id), None, None)?;
        let (head_seq, head_hash) = store.head()?;
        Ok(Letterhead {
            organisation: store.meta("organisation")?.unwrap_or_default(),
            exercise: store.workspace() == crate::store::Workspace::Exercise.as_str(),
            classification: marking.label().to_string(),
            level: marking,
            copy: None,
            head_seq,
            head_hash,
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
