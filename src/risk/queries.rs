//! The register as the säkerhetschef reads it: each risk at its current assessment, the 5×5 heat
//! map of the open ones, and one risk with every assessment it has had.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{RiskArea, RiskLevel};
use crate::error::{Error, Result};
use crate::plans::library::{plan_links, PlanLink};
use crate::time::Ts;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RiskAssessment {
    pub likelihood: u8,
    pub consequence: u8,
    pub score: u8,
    pub level: RiskLevel,
    pub controls: String,
    pub review_due: String,
    /// Why it was assessed so; the first assessment's note is the registration's.
    pub note: String,
    pub assessed_at: String,
    pub assessed_by: String,
    pub assessed_role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RiskClosing {
    pub at: String,
    pub by: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub area: RiskArea,
    pub description: String,
    pub owner: String,
    pub plans: Vec<PlanLink>,
    pub current: RiskAssessment,
    /// Open, and the review date has passed.
    pub review_overdue: bool,
    pub assessments: u32,
    pub registered_at: String,
    pub registered_by: String,
    pub closed: Option<RiskClosing>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RiskDetail {
    pub risk: Risk,
    /// Every assessment, first to latest.
    pub history: Vec<RiskAssessment>,
}

/// One square of the matrix and the open risks in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HeatCell {
    pub likelihood: u8,
    pub consequence: u8,
    pub level: RiskLevel,
    pub risk_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RiskRegister {
    /// Highest score first, then by title.
    pub risks: Vec<Risk>,
    /// All 25 squares, likelihood 5 (top row) down to 1, consequence 1 to 5 in each row.
    pub heat_map: Vec<HeatCell>,
    pub open: u32,
    pub review_overdue: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct RiskFilter {
    #[ts(optional)]
    pub area: Option<RiskArea>,
    /// Closed risks too.
    #[serde(default)]
    #[ts(optional)]
    pub include_closed: Option<bool>,
}

const ASSESSMENT_COLS: &str = "a.likelihood, a.consequence, a.controls, a.review_due, a.note,
    a.assessed_at, a.assessed_by, a.assessed_role";

fn assessment(r: &Row<'_>, at: usize) -> rusqlite::Result<RiskAssessment> {
    let (l, c): (u8, u8) = (r.get(at)?, r.get(at + 1)?);
    Ok(RiskAssessment {
        likelihood: l,
        consequence: c,
        score: l * c,
        level: RiskLevel::of(l, c),
        controls: r.get(at + 2)?,
        review_due: r.get(at + 3)?,
        note: r.get(at + 4)?,
        assessed_at: r.get(at + 5)?,
        assessed_by: r.get(at + 6)?,
        assessed_role: r.get(at + 7)?,
    })
}

fn risk_sql(filter: &str) -> String {
    format!(
        "SELECT r.id, r.title, r.area, r.description, r.owner, r.plans, r.registered_at,
                r.registered_by, r.closed_at, r.closed_by, r.closed_reason,
                (SELECT count(*) FROM risk_assessments x WHERE x.risk_id = r.id),
                {ASSESSMENT_COLS}
         FROM risks r JOIN risk_assessments a ON a.seq =
             (SELECT max(seq) FROM risk_assessments x WHERE x.risk_id = r.id)
         {filter}"
    )
}

type Titles = std::collections::HashMap<String, String>;

fn risk_row(r: &Row<'_>, today: chrono::NaiveDate, titles: &Titles) -> rusqlite::Result<Risk> {
    let area: String = r.get(2)?;
    let plans: String = r.get(5)?;
    let plans: Vec<String> = serde_json::from_str(&plans).unwrap_or_default();
    let closed_at: Option<String> = r.get(8)?;
    let closed = match closed_at {
        None => None,
        Some(at) => Some(RiskClosing {
            at,
            by: r.get(9)?,
            reason: r.get(10)?,
        }),
    };
    let current = assessment(r, 12)?;
    Ok(Risk {
        review_overdue: closed.is_none()
            && chrono::NaiveDate::parse_from_str(&current.review_due, "%Y-%m-%d")
                .is_ok_and(|d| d < today),
        id: r.get(0)?,
        title: r.get(1)?,
        area: RiskArea::parse(&area).unwrap_or(RiskArea::Krisberedskap),
        description: r.get(3)?,
        owner: r.get(4)?,
        plans: plan_links(plans, titles),
        current,
        assessments: r.get(11)?,
        registered_at: r.get(6)?,
        registered_by: r.get(7)?,
        closed,
    })
}

pub fn risk(conn: &Connection, id: &str, now: Ts) -> Result<RiskDetail> {
    let today = crate::time::local_date(&now);
    let titles = crate::plans::library::plan_titles(conn)?;
    let risk = conn
        .prepare_cached(&risk_sql("WHERE r.id = ?1"))?
        .query_row([id], |r| risk_row(r, today, &titles))
        .optional()?
        .ok_or_else(|| {
            let id = crate::text::preview(id);
            Error::not_found(format!(
                "Det finns ingen risk med id {id}. Se `kris risk list`."
            ))
            .with("risk_id", id)
        })?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ASSESSMENT_COLS} FROM risk_assessments a WHERE a.risk_id = ?1 ORDER BY a.seq"
    ))?;
    let history = stmt
        .query_map([id], |r| assessment(r, 0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(RiskDetail { risk, history })
}

pub fn risks(conn: &Connection, filter: &RiskFilter, now: Ts) -> Result<Vec<Risk>> {
    let today = crate::time::local_date(&now);
    let titles = crate::plans::library::plan_titles(conn)?;
    let mut stmt = conn.prepare_cached(&risk_sql(
        "WHERE (?1 IS NULL OR r.area = ?1) AND (?2 OR r.closed_at IS NULL)",
    ))?;
    let mut out = stmt
        .query_map(
            rusqlite::params![
                filter.area.map(RiskArea::as_str),
                filter.include_closed.unwrap_or(false)
            ],
            |r| risk_row(r, today, &titles),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    out.sort_by(|a, b| {
        (a.closed.is_some(), b.current.score, &a.title).cmp(&(
            b.closed.is_some(),
            a.current.score,
            &b.title,
        ))
    });
    Ok(out)
}

/// The 25 squares with the open risks in each, top row (likelihood 5) first.
pub fn heat_map(risks: &[Risk]) -> Vec<HeatCell> {
    let mut cells = Vec::with_capacity(25);
    for likelihood in (1..=5).rev() {
        for consequence in 1..=5 {
            cells.push(HeatCell {
                likelihood,
                consequence,
                level: RiskLevel::of(likelihood, consequence),
                risk_ids: risks
                    .iter()
                    .filter(|r| {
                        r.closed.is_none()
                            && r.current.likelihood == likelihood
                            && r.current.consequence == consequence
                    })
                    .map(|r| r.id.clone())
                    .collect(),
            });
        }
    }
    cells
}

pub fn register(conn: &Connection, filter: &RiskFilter, now: Ts) -> Result<RiskRegister> {
    let risks = risks(conn, filter, now)?;
    Ok(RiskRegister {
        heat_map: heat_map(&risks),
        open: risks.iter().filter(|r| r.closed.is_none()).count() as u32,
        review_overdue: risks.iter().filter(|r| r.review_overdue).count() as u32,
        risks,
    })
}

/// The assessment in force at `at` (the last one recorded by then), for the year's movement.
pub fn assessment_at(conn: &Connection, risk_id: &str, at: &str) -> Result<Option<RiskAssessment>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {ASSESSMENT_COLS} FROM risk_assessments a
             WHERE a.risk_id = ?1 AND a.assessed_at < ?2 ORDER BY a.seq DESC LIMIT 1"
        ))?
        .query_row([risk_id, at], |r| assessment(r, 0))
        .optional()?)
}
