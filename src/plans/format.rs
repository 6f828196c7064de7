//! The plan file format (TOML, see docs/plan-format.md): parsing and validation with errors that
//! name file, line and field, so whoever wrote the plan can fix it without guessing.

use std::collections::HashSet;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;
use ts_rs::TS;

use crate::domain::mode::ModeId;
use crate::error::{Error, Result};

/// Largest plan file accepted: plans are text a person wrote, not data dumps.
pub const MAX_PLAN_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub sv: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Plan {
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub purpose: String,
    /// The purpose in English, when the plan file gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub purpose_en: Option<String>,
    pub triggers: Vec<String>,
    /// Event types (as typed when an event is opened) this plan is proposed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub event_types: Option<Vec<String>>,
    pub modes: Vec<ModeId>,
    pub roles: Vec<String>,
    pub cards: Vec<Card>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Card {
    pub role: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title_en: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Item {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub text_en: Option<String>,
    /// Minutes after activation by which the item should be done; past it the item is overdue.
    pub due_minutes: Option<u32>,
    /// Doing this item means someone must take (and log) a decision.
    pub requires_decision: bool,
}

impl Plan {
    pub fn items(&self) -> impl Iterator<Item = (&Card, &Item)> {
        self.cards
            .iter()
            .flat_map(|c| c.items.iter().map(move |i| (c, i)))
    }
}

// The file as written, with source positions kept for the checks serde cannot express.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    id: Spanned<String>,
    version: Spanned<u32>,
    title: Text,
    purpose: Spanned<String>,
    purpose_en: Option<String>,
    #[serde(default)]
    triggers: Vec<String>,
    #[serde(default)]
    event_types: Vec<String>,
    modes: Spanned<Vec<ModeId>>,
    roles: Spanned<Vec<String>>,
    cards: Spanned<Vec<RawCard>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCard {
    role: Spanned<String>,
    title: Spanned<String>,
    title_en: Option<String>,
    items: Spanned<Vec<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    text: Spanned<String>,
    text_en: Option<String>,
    due_minutes: Option<Spanned<u32>>,
    #[serde(default)]
    requires_decision: bool,
}

/// An English text the plan file may give beside the Swedish: blank is the same as absent.
fn english(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Line (1-based) of a byte offset.
pub fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

/// An error located in a source file: `file:line: field: message`.
pub fn located(
    file: &str,
    source: &str,
    span: Option<Range<usize>>,
    field: &str,
    message: &str,
) -> Error {
    let line = span.map_or(1, |s| line_of(source, s.start));
    Error::invalid(format!("{file}:{line}: {field}: {message}"))
}

/// Parses a TOML document into `T`, turning TOML and serde errors into `file:line: message`.
pub fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, source: &str) -> Result<T> {
    toml::from_str(source).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(source, s.start));
        Error::invalid(format!("{file}:{line}: {}", e.message().trim()))
    })
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub fn parse_plan(file: &str, source: &str) -> Result<Plan> {
    // Notepad and Excel start UTF-8 files with a byte order mark; it is not part of the text.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.len() > MAX_PLAN_BYTES {
        return Err(Error::invalid(format!(
            "{file}: filen är för stor ({} kB, högst {} kB).",
            source.len() / 1024,
            MAX_PLAN_BYTES / 1024
        )));
    }
    // A plan's text is shown and printed as it is: a NUL, a terminal escape or a bidi override
    // anywhere in the file is refused before parsing, with its line.
    if let Some((at, c)) = source.char_indices().find(|&(_, c)| {
        (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            || crate::domain::validate::is_invisible(c)
    }) {
        return Err(Error::invalid(format!(
            "{file}:{}: otillåtet osynligt tecken eller styrtecken (U+{:04X}). Ta bort det och importera igen.",
            line_of(source, at),
            c as u32
        ))
        .with("file", file)
        .with("line", line_of(source, at))
        .with("char", format!("U+{:04X}", c as u32)));
    }
    let raw: RawPlan = parse_toml(file, source)?;
    let err =
        |span: Range<usize>, field: &str, msg: &str| located(file, source, Some(span), field, msg);
    if !is_slug(raw.id.get_ref()) {
        return Err(err(
            raw.id.span(),
            "id",
            "använd bara a–z, 0–9 och bindestreck (högst 64 tecken)",
        ));
    }
    if *raw.version.get_ref() == 0 {
        return Err(err(
            raw.version.span(),
            "version",
            "måste vara 1 eller högre",
        ));
    }
    if raw.title.sv.trim().is_empty() || raw.title.en.trim().is_empty() {
        return Err(located(
            file,
            source,
            None,
            "title",
            "både sv och en måste fyllas i",
        ));
    }
    if raw.purpose.get_ref().trim().is_empty() {
        return Err(err(raw.purpose.span(), "purpose", "syftet måste fyllas i"));
    }
    if raw.modes.get_ref().is_empty() {
        return Err(err(
            raw.modes.span(),
            "modes",
            "ange minst ett beredskapsläge (fred, skarpt, hogsta, krig)",
        ));
    }
    let roles: HashSet<&str> = raw.roles.get_ref().iter().map(String::as_str).collect();
    if roles.is_empty() || roles.iter().any(|r| r.trim().is_empty()) {
        return Err(err(
            raw.roles.span(),
            "roles",
            "ange minst en roll, ingen tom",
        ));
    }
    if raw.cards.get_ref().is_empty() {
        return Err(err(
            raw.cards.span(),
            "cards",
            "planen behöver minst ett åtgärdskort",
        ));
    }
    let mut seen = HashSet::new();
    let mut cards = Vec::new();
    for card in raw.cards.get_ref() {
        if !roles.contains(card.role.get_ref().as_str()) {
            return Err(err(
                card.role.span(),
                "cards.role",
                &format!("rollen \"{}\" finns inte i roles", card.role.get_ref()),
            ));
        }
        if card.title.get_ref().trim().is_empty() {
            return Err(err(
                card.title.span(),
                "cards.title",
                "kortet behöver en rubrik",
            ));
        }
        if card.items.get_ref().is_empty() {
            return Err(err(
                card.items.span(),
                "cards.items",
                "kortet behöver minst en punkt",
            ));
        }
        let mut items = Vec::new();
        for item in card.items.get_ref() {
            if !is_slug(item.id.get_ref()) {
                return Err(err(
                    item.id.span(),
                    "items.id",
                    "använd bara a–z, 0–9 och bindestreck",
                ));
            }
            if !seen.insert(item.id.get_ref().clone()) {
                return Err(err(
                    item.id.span(),
                    "items.id",
                    &format!("\"{}\" används redan i planen", item.id.get_ref()),
                ));
            }
            if item.text.get_ref().trim().is_empty() {
                return Err(err(
                    item.text.span(),
                    "items.text",
                    "punkten behöver en text",
                ));
            }
            if let Some(due) = &item.due_minutes {
                if !(1..=10_080).contains(due.get_ref()) {
                    return Err(err(
                        due.span(),
                        "items.due_minutes",
                        "ange 1–10080 minuter (högst en vecka)",
                    ));
                }
            }
            items.push(Item {
                id: item.id.get_ref().clone(),
                text: item.text.get_ref().trim().to_string(),
                text_en: english(&item.text_en),
                due_minutes: item.due_minutes.as_ref().map(|d| *d.get_ref()),
                requires_decision: item.requires_decision,
            });
        }
        cards.push(Card {
            role: card.role.get_ref().clone(),
            title: card.title.get_ref().trim().to_string(),
            title_en: english(&card.title_en),
            items,
        });
    }
    Ok(Plan {
        id: raw.id.into_inner(),
        version: raw.version.into_inner(),
        title: raw.title,
        purpose: raw.purpose.into_inner().trim().to_string(),
        purpose_en: english(&raw.purpose_en),
        triggers: raw.triggers,
        event_types: Some(raw.event_types)
            .map(|t| {
                t.iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|t| !t.is_empty()),
        modes: raw.modes.into_inner(),
        roles: raw.roles.into_inner(),
        cards,
    })
}
