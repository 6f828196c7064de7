use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::validate::{self, Occurrence, NAME_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::time::{self, Ts};

/// MSB's decision categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Inriktningsbeslut: sets direction and priorities.
    Inriktning,
    /// Samordningsbeslut: coordinates actors.
    Samordning,
    /// Verkställighetsbeslut: executes within given direction.
    Verkstallighet,
    #[default]
    Ovrigt,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 4] = [
        Self::Inriktning,
        Self::Samordning,
        Self::Verkstallighet,
        Self::Ovrigt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inriktning => "inriktning",
            Self::Samordning => "samordning",
            Self::Verkstallighet => "verkstallighet",
            Self::Ovrigt => "ovrigt",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        let folded = s.trim().to_lowercase().replace('ä', "a").replace('ö', "o");
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == folded || folded == format!("{}sbeslut", k.as_str()))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "Okänd beslutstyp \"{}\". Välj inriktning, samordning, verkstallighet eller ovrigt.",
                    validate::preview(s)
                ))
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    Gallande,
    Upphavt,
    Ersatt,
}

impl DecisionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gallande => "gallande",
            Self::Upphavt => "upphavt",
            Self::Ersatt => "ersatt",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct NewDecision {
    pub event_id: String,
    #[serde(default)]
    pub kind: DecisionKind,
    pub title: String,
    pub text: String,
    pub basis: String,
    #[ts(optional)]
    pub alternatives: Option<String>,
    /// Who took the decision; may differ from who types it in.
    pub decided_by: Actor,
    #[ts(optional)]
    pub mandate: Option<String>,
    #[ts(optional)]
    pub occurred_at: Option<String>,
    #[ts(optional)]
    pub late_reason: Option<String>,
    #[ts(optional)]
    pub takes_effect: Option<String>,
    #[ts(optional)]
    pub follow_up_at: Option<String>,
    #[ts(optional)]
    pub distribution: Option<String>,
    /// A decision this one replaces; the old one is kept and shown as "ersatt".
    #[ts(optional)]
    pub supersedes: Option<String>,
}

/// Journal body of `decision.made`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionBody {
    pub kind: DecisionKind,
    pub title: String,
    pub text: String,
    pub basis: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<String>,
    pub decided_by: Actor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub takes_effect: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_reason: Option<String>,
}

impl NewDecision {
    pub fn validate(&self, now: Ts) -> Result<(DecisionBody, Occurrence)> {
        let occ = validate::occurrence(&self.occurred_at, &self.late_reason, now)?;
        let fmt = |t: Option<Ts>| t.map(|t| time::format(&t));
        let body = DecisionBody {
            kind: self.kind,
            title: validate::required("Rubrik", &self.title, TITLE_MAX)?,
            text: validate::required("Beslut", &self.text, TEXT_MAX)?,
            basis: validate::required("Underlag", &self.basis, TEXT_MAX)?,
            alternatives: validate::optional("Alternativ", &self.alternatives, TEXT_MAX)?,
            decided_by: Actor {
                name: validate::required("Beslutsfattare", &self.decided_by.name, NAME_MAX)?,
                role: validate::required("Beslutsfattarens roll", &self.decided_by.role, NAME_MAX)?,
            },
            mandate: validate::optional("Mandat", &self.mandate, TEXT_MAX)?,
            takes_effect: fmt(validate::optional_time("Gäller från", &self.takes_effect)?),
            follow_up_at: fmt(validate::optional_time("Uppföljning", &self.follow_up_at)?),
            distribution: validate::optional("Sändlista", &self.distribution, TEXT_MAX)?,
            supersedes: validate::optional("Ersätter", &self.supersedes, NAME_MAX)?,
            late_reason: occ.late_reason.clone(),
        };
        Ok((body, occ))
    }
}
