//! Avvikelser: what departed from routine, plan or expectation during an event, with its
//! consequence and what was done about it at once. Usually written after the event has closed.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{DeviationCategory, KIND_DEVIATION};
use crate::domain::validate::{self, NAME_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewDeviation {
    pub event_id: String,
    pub title: String,
    /// What happened.
    pub text: String,
    /// `annat` when not given.
    #[ts(optional)]
    pub category: Option<DeviationCategory>,
    #[ts(optional)]
    pub consequence: Option<String>,
    /// What was done about it at once.
    #[ts(optional)]
    pub action: Option<String>,
    /// When it happened; now when not given. No reason for a late entry is asked: an avvikelse
    /// is written down afterwards by its nature.
    #[ts(optional)]
    pub occurred_at: Option<String>,
}

/// Journal body of `deviation.reported`; the reporter is the entry's author.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviationBody {
    pub deviation_id: String,
    pub title: String,
    pub text: String,
    pub category: DeviationCategory,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Deviation {
    pub id: String,
    pub event_id: String,
    pub title: String,
    pub text: String,
    pub category: DeviationCategory,
    pub consequence: Option<String>,
    pub action: Option<String>,
    pub occurred_at: String,
    pub reported_at: String,
    pub reported_by: String,
    pub reported_role: String,
    /// Erfarenheter drawn from this avvikelse.
    pub lessons: u32,
}

const COLS: &str = "d.id, d.event_id, d.title, d.text, d.category, d.consequence, d.action,
    d.occurred_at, d.reported_at, d.reported_by, d.reported_role,
    (SELECT count(*) FROM lessons l WHERE l.deviation_id = d.id)";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Deviation> {
    let category: String = r.get(4)?;
    Ok(Deviation {
        id: r.get(0)?,
        event_id: r.get(1)?,
        title: r.get(2)?,
        text: r.get(3)?,
        category: DeviationCategory::parse(&category).unwrap_or_default(),
        consequence: r.get(5)?,
        action: r.get(6)?,
        occurred_at: r.get(7)?,
        reported_at: r.get(8)?,
        reported_by: r.get(9)?,
        reported_role: r.get(10)?,
        lessons: r.get(11)?,
    })
}

pub fn report_deviation(tx: &mut Tx<'_>, actor: &Actor, input: &NewDeviation) -> Result<Deviation> {
    let actor = actor.validate()?;
    let event_id = validate::required("Händelse", &input.event_id, NAME_MAX)?;
    let now = tx.now();
    let at = validate::optional_time("Tidpunkt", &input.occurred_at)?.unwrap_or(now);
    let at = validate::happened(at, now)?;
    let body = DeviationBody {
        deviation_id: uuid::Uuid::now_v7().to_string(),
        title: validate::required("Rubrik", &input.title, TITLE_MAX)?,
        text: validate::required("Vad hände", &input.text, TEXT_MAX)?,
        category: input.category.unwrap_or_default(),
        consequence: validate::optional("Konsekvens", &input.consequence, TEXT_MAX)?,
        action: validate::optional("Omedelbar åtgärd", &input.action, TEXT_MAX)?,
    };
    // The event rule (log) refuses an unknown event and a time before the event opened.
    tx.append(&actor, Some(&event_id), KIND_DEVIATION, &body, at)?;
    deviation(tx, &body.deviation_id)
}

pub fn deviation(conn: &Connection, id: &str) -> Result<Deviation> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM deviations d WHERE d.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| {
            let id = crate::text::preview(id);
            Error::not_found(format!(
                "Det finns ingen avvikelse med id {id}. Se `kris deviation list --event …`."
            ))
            .with("deviation_id", id)
        })
}

/// Every avvikelse of an event, in the order they happened.
pub fn deviations(conn: &Connection, event_id: &str) -> Result<Vec<Deviation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM deviations d WHERE d.event_id = ?1 ORDER BY d.occurred_at, d.seq"
    ))?;
    let rows = stmt.query_map([event_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    pub fn report_deviation(&mut self, actor: &Actor, input: &NewDeviation) -> Result<Deviation> {
        self.write(|tx| report_deviation(tx, actor, input))
    }

    /// A mistyped event id is an error, not an empty list that looks like nothing went wrong.
    pub fn deviations(&self, event_id: &str) -> Result<Vec<Deviation>> {
        self.get_event(event_id)?;
        deviations(self.connection(), event_id)
    }
}
