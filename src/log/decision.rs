use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::validate::{self, Occurrence, NAME_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::Actor;
use crate::error::Result;
use crate::time::{self, Ts};

crate::str_enum!(
    /// MSB's decision categories.
    #[derive(Default)]
    DecisionKind, "Okänd beslutstyp", {
        /// Inriktningsbeslut: sets direction and priorities.
        Inriktning = "inriktning" | "inriktningsbeslut",
        /// Samordningsbeslut: coordinates actors.
        Samordning = "samordning" | "samordningsbeslut",
        /// Verkställighetsbeslut: executes within given direction.
        Verkstallighet = "verkstallighet" | "verkstallighetsbeslut",
        #[default]
        Ovrigt = "ovrigt",
    }
);

crate::str_enum!(
    DecisionStatus, "Okänd beslutsstatus", { Gallande = "gallande", Upphavt = "upphavt", Ersatt = "ersatt" }
);

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
