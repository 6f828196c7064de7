//! Writing a section of the lägesbild, and reading its versions. A writer says which version they
//! began from: two staff members editing one section cannot silently overwrite each other.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Section, KIND_SECTION};
use crate::domain::validate::{self, NAME_MAX, TEXT_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};
use crate::time;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SectionUpdate {
    /// The event; none for the organisation's own lägesbild.
    #[ts(optional)]
    pub event_id: Option<String>,
    pub section: Section,
    pub text: String,
    /// When the staff will bring this section up to date again.
    #[ts(optional)]
    pub next_update_at: Option<String>,
    /// The version the writer saw (0 for a section never written). When another has saved since,
    /// the save is refused and shows their text instead of replacing it.
    #[ts(optional)]
    pub based_on: Option<u32>,
}

/// Journal body of `situation.updated`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionBody {
    pub section: Section,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_update_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SectionView {
    pub section: Section,
    /// 0 while nobody has written the section.
    pub version: u32,
    pub text: String,
    pub author: Option<String>,
    pub role: Option<String>,
    pub updated_at: Option<String>,
    pub next_update_at: Option<String>,
    /// The promised update time has passed.
    pub update_overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SectionVersion {
    pub version: u32,
    pub entry_id: String,
    pub text: String,
    pub author: String,
    pub role: String,
    pub updated_at: String,
    pub next_update_at: Option<String>,
}

fn scope(event_id: Option<&str>) -> &str {
    event_id.unwrap_or("")
}

pub fn set_section(tx: &mut Tx<'_>, actor: &Actor, input: &SectionUpdate) -> Result<SectionView> {
    let actor = actor.validate()?;
    let text = validate::required(section_name(input.section), &input.text, TEXT_MAX)?;
    let next = validate::optional_time("Nästa uppdatering", &input.next_update_at)?;
    if let Some(at) = next {
        if at < tx.now() {
            return Err(Error::invalid(
                "Nästa uppdatering ligger i det förflutna. Ange en kommande tid, eller lämna fältet tomt.",
            )
            .with("next_update_at", time::format(&at)));
        }
    }
    // No event is the organisation's lägesbild; a blank one (`--event "$EV"` with EV unset) is a
    // mistake, not a wish to write on the organisation's wall.
    let event_id = input
        .event_id
        .as_deref()
        .map(|id| validate::required("Händelse", id, NAME_MAX))
        .transpose()?;
    let event_id = event_id.as_deref();
    let current = view(tx, event_id, input.section, tx.now())?;
    if let Some(seen) = input.based_on {
        if seen != current.version {
            return Err(Error::conflict(format!(
                "Någon annan har ändrat avsnittet sedan du började (version {} av {}, {}). Läs deras text och skriv in din ändring i den.",
                current.version,
                current.author.clone().unwrap_or_default(),
                current.updated_at.clone().unwrap_or_default(),
            ))
            .with("reason", "stale")
            .with("version", current.version.to_string())
            .with("author", current.author.unwrap_or_default())
            .with("text", current.text));
        }
    }
    if current.version > 0
        && current.text == text
        && current.next_update_at == next.map(|t| time::format(&t))
    {
        return Err(
            Error::conflict("Avsnittet har redan den texten; inget ändrades.")
                .with("reason", "unchanged"),
        );
    }
    let body = SectionBody {
        section: input.section,
        text,
        next_update_at: next.map(|t| time::format(&t)),
    };
    tx.append_now(&actor, event_id, KIND_SECTION, &body)?;
    view(tx, event_id, input.section, tx.now())
}

/// The section's name as a person reads it, for messages.
pub fn section_name(s: Section) -> &'static str {
    match s {
        Section::Handelse => "Händelse",
        Section::Konsekvenser => "Konsekvenser",
        Section::Atgarder => "Vidtagna och planerade åtgärder",
        Section::Resurser => "Resurser och behov",
        Section::Aktorer => "Aktörer och samverkan",
        Section::Bedomning => "Bedömning och prognos",
    }
}

pub fn view(
    conn: &Connection,
    event_id: Option<&str>,
    section: Section,
    now: time::Ts,
) -> Result<SectionView> {
    let row: Option<(u32, String, String, String, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT version, text, author, role, updated_at, next_update_at
             FROM situation_sections WHERE scope = ?1 AND section = ?2",
        )?
        .query_row([scope(event_id), section.as_str()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()?;
    Ok(match row {
        None => SectionView {
            section,
            version: 0,
            text: String::new(),
            author: None,
            role: None,
            updated_at: None,
            next_update_at: None,
            update_overdue: false,
        },
        Some((version, text, author, role, updated_at, next)) => SectionView {
            section,
            version,
            text,
            author: Some(author),
            role: Some(role),
            updated_at: Some(updated_at),
            update_overdue: next
                .as_deref()
                .and_then(|n| time::parse("next_update_at", n).ok())
                .is_some_and(|n| n < now),
            next_update_at: next,
        },
    })
}

/// Every section, in reading order, written or not.
pub fn sections(
    conn: &Connection,
    event_id: Option<&str>,
    now: time::Ts,
) -> Result<Vec<SectionView>> {
    Section::ALL
        .iter()
        .map(|s| view(conn, event_id, *s, now))
        .collect()
}

/// Every version of one section, newest first, from the journal itself.
pub fn history(
    conn: &Connection,
    event_id: Option<&str>,
    section: Section,
) -> Result<Vec<SectionVersion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, body, author, role, occurred_at FROM entries
         WHERE kind = ?1 AND event_id IS ?2 ORDER BY pos",
    )?;
    let mut out = Vec::new();
    let mut rows = stmt.query(rusqlite::params![KIND_SECTION, event_id])?;
    while let Some(r) = rows.next()? {
        let b: SectionBody = serde_json::from_str(r.get_ref(1)?.as_str().unwrap_or_default())?;
        if b.section != section {
            continue;
        }
        out.push(SectionVersion {
            version: out.len() as u32 + 1,
            entry_id: r.get(0)?,
            text: b.text,
            author: r.get(2)?,
            role: r.get(3)?,
            updated_at: r.get(4)?,
            next_update_at: b.next_update_at,
        });
    }
    out.reverse();
    Ok(out)
}

impl Store {
    pub fn set_section(&mut self, actor: &Actor, input: &SectionUpdate) -> Result<SectionView> {
        self.write(|tx| set_section(tx, actor, input))
    }

    pub fn situation_sections(&self, event_id: Option<&str>) -> Result<Vec<SectionView>> {
        sections(self.connection(), event_id, self.now())
    }

    /// A mistyped event id is an error, not an empty history that looks like nothing was written.
    pub fn section_history(
        &self,
        event_id: Option<&str>,
        section: Section,
    ) -> Result<Vec<SectionVersion>> {
        if let Some(id) = event_id {
            self.get_event(id)?;
        }
        history(self.connection(), event_id, section)
    }
}
