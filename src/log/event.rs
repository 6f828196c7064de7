use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::validate::{self, Occurrence};
use crate::error::Result;
use crate::time::Ts;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct OpenEvent {
    pub title: String,
    /// Free classification such as "IT-avbrott" or "Elavbrott"; defaults to "Övrigt".
    #[ts(optional)]
    pub event_type: Option<String>,
    #[ts(optional)]
    pub occurred_at: Option<String>,
    #[ts(optional)]
    pub late_reason: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct CloseEvent {
    pub event_id: String,
    /// Closing an event is itself a decision: why the staff returns to normal operations.
    pub decision_text: String,
    #[ts(optional)]
    pub occurred_at: Option<String>,
    #[ts(optional)]
    pub late_reason: Option<String>,
}

/// Journal body of `event.opened`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventOpenedBody {
    pub title: String,
    pub event_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_reason: Option<String>,
}

/// Journal body of `event.closed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventClosedBody {
    pub decision_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_reason: Option<String>,
}

impl OpenEvent {
    pub fn validate(&self, now: Ts) -> Result<(EventOpenedBody, Occurrence)> {
        let occ = validate::occurrence(&self.occurred_at, &self.late_reason, now)?;
        let body = EventOpenedBody {
            title: validate::required("Rubrik", &self.title, validate::TITLE_MAX)?,
            event_type: validate::optional("Händelsetyp", &self.event_type, validate::NAME_MAX)?
                .unwrap_or_else(|| "Övrigt".into()),
            late_reason: occ.late_reason.clone(),
        };
        Ok((body, occ))
    }
}

impl CloseEvent {
    pub fn validate(&self, now: Ts) -> Result<(EventClosedBody, Occurrence)> {
        let occ = validate::occurrence(&self.occurred_at, &self.late_reason, now)?;
        let body = EventClosedBody {
            decision_text: validate::required(
                "Beslut om avslut",
                &self.decision_text,
                validate::TEXT_MAX,
            )?,
            late_reason: occ.late_reason.clone(),
        };
        Ok((body, occ))
    }
}

crate::str_enum!(EventStatus, "Okänd händelsestatus", { Open = "open", Closed = "closed" });

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "KrisEvent")]
pub struct Event {
    pub id: String,
    pub title: String,
    pub event_type: String,
    pub status: EventStatus,
    pub opened_at: String,
    pub opened_by: String,
    pub opened_role: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    pub closing_text: Option<String>,
    pub decisions: u32,
    pub diary_entries: u32,
}
