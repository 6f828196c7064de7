//! Readiness modes (beredskapslägen): fred → höjd beredskap (skärpt, högsta) → krig. The mode
//! files in `assets/modes/` say what each mode proposes; the same screens serve every mode
//! (likhetsprincipen), only proposals, cadence and markings change.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::plans::format::{located, parse_toml, Text};

pub use crate::domain::mode::ModeId;

/// One mode as its file declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ModeDef {
    pub id: ModeId,
    pub level: u8,
    pub name: Text,
    pub description: Text,
    pub colour: String,
    pub text_colour: String,
    /// Situation reports are due this often while the mode applies.
    pub report_every_hours: u32,
    /// Default classification marking shown on screens and reports.
    pub classification: String,
    /// Plans the staff should activate when this mode applies.
    pub propose_plans: Vec<String>,
    /// Roles the roster should fill in this mode: the functions the war organisation staffs.
    pub roster: Vec<String>,
    /// Who leads the region in this mode: the krisledningsnämnd in fred, the regionstyrelse at
    /// höjd beredskap (lag 2006:544). Named on decisions and reports.
    pub leading_body: Text,
    /// Whether the war organisation is in force: krigsplacerad staff report to their places of
    /// duty, and a beredskapslarm may put the region in this mode at once.
    pub war_organisation: bool,
    /// What must be in place in this mode, checked off by the staff.
    pub checklist: Vec<ChecklistItem>,
}

/// One line of a mode's readiness checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: String,
    pub text: Text,
}

const MODE_FILES: [(&str, &str); 4] = [
    (
        "assets/modes/fred.toml",
        include_str!("../../assets/modes/fred.toml"),
    ),
    (
        "assets/modes/skarpt.toml",
        include_str!("../../assets/modes/skarpt.toml"),
    ),
    (
        "assets/modes/hogsta.toml",
        include_str!("../../assets/modes/hogsta.toml"),
    ),
    (
        "assets/modes/krig.toml",
        include_str!("../../assets/modes/krig.toml"),
    ),
];

fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

fn field_line(source: &str, field: &str) -> Option<std::ops::Range<usize>> {
    source.find(&format!("\n{field} ")).map(|i| i + 1..i + 1)
}

/// Parses and checks one mode file; `known_plans` are the plan ids it may propose.
pub fn parse_mode(file: &str, source: &str, known_plans: &[&str]) -> Result<ModeDef> {
    let def: ModeDef = parse_toml(file, source)?;
    let err = |field: &str, msg: &str| located(file, source, field_line(source, field), field, msg);
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".toml");
    if def.id.as_str() != stem {
        return Err(err(
            "id",
            &format!(
                "\"{}\" stämmer inte med filnamnet {stem}.toml",
                def.id.as_str()
            ),
        ));
    }
    for (field, value) in [("colour", &def.colour), ("text_colour", &def.text_colour)] {
        if !is_colour(value) {
            return Err(err(field, "ange färgen som #rrggbb"));
        }
    }
    if !(1..=168).contains(&def.report_every_hours) {
        return Err(err("report_every_hours", "ange 1–168 timmar"));
    }
    if crate::domain::marking::Marking::parse(&def.classification).is_err() {
        return Err(err(
            "classification",
            "ange en klassning: Intern, Begränsat hemlig, Konfidentiell, Hemlig eller \
             Kvalificerat hemlig",
        ));
    }
    if def.roster.is_empty() {
        return Err(err("roster", "ange minst en roll"));
    }
    if def.checklist.is_empty() {
        return Err(err(
            "checklist",
            "ange minst en punkt i beredskapschecklistan",
        ));
    }
    for (i, item) in def.checklist.iter().enumerate() {
        let ok = !item.id.is_empty()
            && item
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok || def.checklist[..i].iter().any(|o| o.id == item.id) {
            return Err(err(
                "checklist",
                &format!(
                    "punkten \"{}\" behöver ett eget id av små bokstäver, siffror och bindestreck",
                    item.id
                ),
            ));
        }
    }
    if let Some(p) = def
        .propose_plans
        .iter()
        .find(|p| !known_plans.contains(&p.as_str()))
    {
        return Err(err(
            "propose_plans",
            &format!("planen \"{p}\" finns inte bland de levererade planerna"),
        ));
    }
    Ok(def)
}

/// The shipped mode definitions, checked once. A broken file is a build defect; the error names it.
pub fn definitions() -> Result<&'static [ModeDef]> {
    static DEFS: OnceLock<std::result::Result<Vec<ModeDef>, Error>> = OnceLock::new();
    DEFS.get_or_init(|| {
        let plans = crate::plans::library::shipped()?;
        let ids: Vec<&str> = plans.iter().map(|p| p.id.as_str()).collect();
        let mut defs = MODE_FILES
            .iter()
            .map(|(file, src)| parse_mode(file, src, &ids))
            .collect::<Result<Vec<_>>>()?;
        defs.sort_by_key(|d| d.level);
        Ok(defs)
    })
    .as_ref()
    .map(Vec::as_slice)
    .map_err(Clone::clone)
}

pub fn definition(id: ModeId) -> Result<&'static ModeDef> {
    definitions()?
        .iter()
        .find(|d| d.id == id)
        .ok_or_else(|| Error::storage(format!("Lägesfilen för {} saknas.", id.as_str())))
}
