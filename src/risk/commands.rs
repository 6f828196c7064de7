//! Registering, assessing and closing risks. Every assessment is a new entry: the register's
//! history is the journal's, and a reassessment must say why it moved.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::queries::{self, RiskDetail, RiskRegister};
use super::{RiskArea, KIND_ASSESSED, KIND_CLOSED, KIND_REGISTERED};
use crate::domain::validate::{self, NAME_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewRisk {
    pub title: String,
    pub area: Option<RiskArea>,
    pub description: String,
    /// Who in the line organisation owns the risk (ansvarsprincipen): a function, not the
    /// säkerhetschef by default.
    pub owner: String,
    pub likelihood: u8,
    pub consequence: u8,
    /// What already reduces the risk.
    pub controls: String,
    /// When it is to be assessed again (ÅÅÅÅ-MM-DD).
    pub review_due: String,
    /// Plans that treat the risk.
    #[serde(default)]
    pub plans: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewAssessment {
    pub risk_id: String,
    pub likelihood: u8,
    pub consequence: u8,
    pub controls: String,
    pub review_due: String,
    /// Why the assessment is what it is now: the event, exercise or change that moved it.
    pub note: String,
    /// A new owner, when the risk moves in the line organisation.
    #[ts(optional)]
    pub owner: Option<String>,
    /// The plans that treat it, when they change.
    #[ts(optional)]
    pub plans: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CloseRisk {
    pub risk_id: String,
    pub reason: String,
}

/// One assessment on the matrix, as every risk entry carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub likelihood: u8,
    pub consequence: u8,
    pub controls: String,
    pub review_due: String,
}

/// Journal body of `risk.registered`: the risk and its first assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisteredBody {
    pub risk_id: String,
    pub title: String,
    pub area: RiskArea,
    pub description: String,
    pub owner: String,
    pub plans: Vec<String>,
    #[serde(flatten)]
    pub scored: Scored,
}

/// Journal body of `risk.assessed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessedBody {
    pub risk_id: String,
    #[serde(flatten)]
    pub scored: Scored,
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plans: Option<Vec<String>>,
}

/// Journal body of `risk.closed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosedBody {
    pub risk_id: String,
    pub reason: String,
}

fn grade(field: &str, value: u8) -> Result<u8> {
    if (1..=5).contains(&value) {
        return Ok(value);
    }
    Err(
        Error::invalid(format!("{field} anges på skalan 1–5 (fick {value})."))
            .with("field", field)
            .with("value", value),
    )
}

fn scored(likelihood: u8, consequence: u8, controls: &str, review_due: &str) -> Result<Scored> {
    Ok(Scored {
        likelihood: grade("Sannolikhet", likelihood)?,
        consequence: grade("Konsekvens", consequence)?,
        controls: validate::required("Befintliga åtgärder", controls, TEXT_MAX)?,
        review_due: crate::time::parse_date("Omprövas senast", review_due)?.to_string(),
    })
}

pub fn register(tx: &mut Tx<'_>, actor: &Actor, input: &NewRisk) -> Result<RiskDetail> {
    let actor = actor.validate()?;
    let body = RegisteredBody {
        risk_id: uuid::Uuid::now_v7().to_string(),
        title: validate::required("Risk", &input.title, TITLE_MAX)?,
        area: input.area.ok_or_else(|| {
            Error::invalid("Välj säkerhetsområde för risken.").with("field", "Område")
        })?,
        description: validate::required("Beskrivning", &input.description, TEXT_MAX)?,
        owner: validate::required("Riskägare", &input.owner, NAME_MAX)?,
        plans: crate::plans::library::known_plans(tx, &input.plans)?,
        scored: scored(
            input.likelihood,
            input.consequence,
            &input.controls,
            &input.review_due,
        )?,
    };
    tx.append_now(&actor, None, KIND_REGISTERED, &body)?;
    queries::risk(tx, &body.risk_id, tx.now())
}

pub fn assess(tx: &mut Tx<'_>, actor: &Actor, input: &NewAssessment) -> Result<RiskDetail> {
    let actor = actor.validate()?;
    let current = open_risk(tx, &input.risk_id)?;
    let body = AssessedBody {
        risk_id: current.id,
        scored: scored(
            input.likelihood,
            input.consequence,
            &input.controls,
            &input.review_due,
        )?,
        note: validate::required("Motivering", &input.note, TEXT_MAX)?,
        owner: validate::optional("Riskägare", &input.owner, NAME_MAX)?,
        plans: input
            .plans
            .as_ref()
            .map(|p| crate::plans::library::known_plans(tx, p))
            .transpose()?,
    };
    tx.append_now(&actor, None, KIND_ASSESSED, &body)?;
    queries::risk(tx, &body.risk_id, tx.now())
}

/// A risk that no longer applies leaves the register's matrix but keeps its history.
pub fn close(tx: &mut Tx<'_>, actor: &Actor, input: &CloseRisk) -> Result<RiskDetail> {
    let actor = actor.validate()?;
    let current = open_risk(tx, &input.risk_id)?;
    let body = ClosedBody {
        risk_id: current.id,
        reason: validate::required("Skäl", &input.reason, TEXT_MAX)?,
    };
    tx.append_now(&actor, None, KIND_CLOSED, &body)?;
    queries::risk(tx, &body.risk_id, tx.now())
}

fn open_risk(tx: &Tx<'_>, id: &str) -> Result<queries::Risk> {
    let id = validate::required("Risk", id, NAME_MAX)?;
    let risk = queries::risk(tx, &id, tx.now())?.risk;
    if let Some(c) = &risk.closed {
        return Err(Error::conflict(format!(
            "Risken \"{}\" avslutades {} av {}. Registrera en ny risk om den har blivit aktuell igen.",
            risk.title,
            crate::time::local_minute(&c.at),
            c.by
        ))
        .with("risk_id", &risk.id)
        .with("closed_at", &c.at));
    }
    Ok(risk)
}

impl Store {
    pub fn register_risk(&mut self, actor: &Actor, input: &NewRisk) -> Result<RiskDetail> {
        self.write(|tx| register(tx, actor, input))
    }

    pub fn assess_risk(&mut self, actor: &Actor, input: &NewAssessment) -> Result<RiskDetail> {
        self.write(|tx| assess(tx, actor, input))
    }

    pub fn close_risk(&mut self, actor: &Actor, input: &CloseRisk) -> Result<RiskDetail> {
        self.write(|tx| close(tx, actor, input))
    }

    pub fn risk(&self, id: &str) -> Result<RiskDetail> {
        queries::risk(self.connection(), id, self.now())
    }

    pub fn risk_register(&self, filter: &queries::RiskFilter) -> Result<RiskRegister> {
        queries::register(self.connection(), filter, self.now())
    }
}
