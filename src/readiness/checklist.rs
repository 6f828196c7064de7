//! The readiness checklist of each mode: what must be in place (from the mode file) and whether
//! it is, as last checked, by whom and when.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::modes::{self, ModeId};
use super::KIND_CHECKED;
use crate::domain::validate::{self, NAME_MAX, TEXT_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::plans::format::Text;
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CheckReadiness {
    pub mode: ModeId,
    pub item_id: String,
    pub done: bool,
    #[ts(optional)]
    pub note: Option<String>,
}

/// Journal body of `readiness.checked`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckedBody {
    pub mode: ModeId,
    pub item_id: String,
    pub done: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChecklistLine {
    pub id: String,
    pub text: Text,
    pub done: bool,
    pub note: Option<String>,
    /// None while never checked.
    pub checked_at: Option<String>,
    pub checked_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Checklist {
    pub mode: ModeId,
    pub mode_name: Text,
    pub lines: Vec<ChecklistLine>,
    pub done: u32,
    pub total: u32,
}

pub fn checklist(conn: &Connection, mode: ModeId) -> Result<Checklist> {
    let def = modes::definition(mode)?;
    let mut stmt = conn.prepare_cached(
        "SELECT done, note, checked_at, checked_by FROM readiness_checks
         WHERE mode = ?1 AND item_id = ?2",
    )?;
    let mut lines = Vec::new();
    for item in &def.checklist {
        let row = stmt
            .query_row([mode.as_str(), item.id.as_str()], |r| {
                Ok((
                    r.get::<_, bool>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .optional()?;
        lines.push(ChecklistLine {
            id: item.id.clone(),
            text: item.text.clone(),
            done: row.as_ref().is_some_and(|r| r.0),
            note: row.as_ref().and_then(|r| r.1.clone()),
            checked_at: row.as_ref().map(|r| r.2.clone()),
            checked_by: row.map(|r| r.3),
        });
    }
    Ok(Checklist {
        mode,
        mode_name: def.name.clone(),
        done: lines.iter().filter(|l| l.done).count() as u32,
        total: lines.len() as u32,
        lines,
    })
}

/// Every mode's checklist, lowest level first.
pub fn checklists(conn: &Connection) -> Result<Vec<Checklist>> {
    modes::definitions()?
        .iter()
        .map(|d| checklist(conn, d.id))
        .collect()
}

pub fn check(tx: &mut Tx<'_>, actor: &Actor, input: &CheckReadiness) -> Result<Checklist> {
    let actor = actor.validate()?;
    let def = modes::definition(input.mode)?;
    let item_id = validate::required("Punkt", &input.item_id, NAME_MAX)?;
    if !def.checklist.iter().any(|i| i.id == item_id) {
        let ids: Vec<&str> = def.checklist.iter().map(|i| i.id.as_str()).collect();
        return Err(Error::not_found(format!(
            "Checklistan för {} har ingen punkt \"{}\". Punkterna är: {}.",
            def.name.sv,
            crate::text::preview(&item_id),
            ids.join(", ")
        ))
        .with("item_id", crate::text::preview(&item_id))
        .with("mode", input.mode.as_str()));
    }
    let note = validate::optional("Anteckning", &input.note, TEXT_MAX)?;
    if !input.done && note.is_none() {
        return Err(Error::invalid(
            "Skriv varför punkten inte längre är uppfylld: det är det nästa pass behöver veta.",
        )
        .with("field", "Anteckning"));
    }
    let body = CheckedBody {
        mode: input.mode,
        item_id,
        done: input.done,
        note,
    };
    tx.append_now(&actor, None, KIND_CHECKED, &body)?;
    checklist(tx, input.mode)
}

impl Store {
    pub fn readiness_checklists(&self) -> Result<Vec<Checklist>> {
        checklists(self.connection())
    }

    pub fn check_readiness(&mut self, actor: &Actor, input: &CheckReadiness) -> Result<Checklist> {
        self.write(|tx| check(tx, actor, input))
    }
}
