//! What a user reads in the log: decisions and diary lines, with every correction beside the
//! original.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Channel, DecisionKind, DecisionStatus};
use crate::domain::validate::{self, TEXT_MAX};
use crate::error::{Error, Result};

crate::str_enum!(
    RecordType, "Okänd posttyp", { Decision = "decision" | "beslut", Diary = "diary" | "dagbok" | "log" }
);

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct NewCorrection {
    /// Id of the decision or diary entry being corrected.
    pub target_id: String,
    /// The corrected text, replacing the original's text in what is read (the original stays).
    pub text: String,
    pub reason: String,
}

/// Journal body of `entry.corrected`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectionBody {
    pub target_id: String,
    pub text: String,
    pub reason: String,
}

impl NewCorrection {
    pub fn validate(&self) -> Result<CorrectionBody> {
        Ok(CorrectionBody {
            target_id: validate::required("Post som rättas", &self.target_id, validate::NAME_MAX)?,
            text: validate::required("Rättad text", &self.text, TEXT_MAX)?,
            reason: validate::required("Skäl till rättelse", &self.reason, TEXT_MAX)?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CorrectionView {
    pub id: String,
    pub text: String,
    pub reason: String,
    pub author: String,
    pub role: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "LogRecord")]
pub struct Record {
    pub id: String,
    pub seq: i64,
    pub event_id: String,
    pub record_type: RecordType,
    pub decision_kind: Option<DecisionKind>,
    pub title: Option<String>,
    /// The text as first recorded; corrections are listed beside it, never merged into it.
    pub text: String,
    pub basis: Option<String>,
    pub alternatives: Option<String>,
    pub decided_by: Option<String>,
    pub decided_role: Option<String>,
    pub mandate: Option<String>,
    pub takes_effect: Option<String>,
    pub follow_up_at: Option<String>,
    pub distribution: Option<String>,
    pub channel: Option<Channel>,
    pub from_party: Option<String>,
    pub to_party: Option<String>,
    pub occurred_at: String,
    pub recorded_at: String,
    pub author: String,
    pub role: String,
    pub late_reason: Option<String>,
    /// Decisions: gallande / ersatt / upphavt. Diary lines: gallande.
    pub status: DecisionStatus,
    pub supersedes: Option<String>,
    pub superseded_by: Option<String>,
    /// Oldest first; the last one is what the record now says.
    pub corrections: Vec<CorrectionView>,
    /// The readiness mode in force when it was recorded, and so the body that led (the mode
    /// file names it). Filled in above the log, which knows no modes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mode: Option<crate::domain::mode::ModeId>,
}

impl Record {
    /// The text that is in force: the latest correction, else the original.
    pub fn current_text(&self) -> &str {
        self.corrections
            .last()
            .map_or(self.text.as_str(), |c| c.text.as_str())
    }
}

/// Filter for the log. `kind` takes a record type (`beslut`/`decision`, `dagbok`/`diary`) or a
/// decision kind (`inriktning` …); times are RFC 3339 bounds on `occurred_at`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct RecordFilter {
    #[ts(optional)]
    pub event_id: Option<String>,
    #[ts(optional)]
    pub kind: Option<String>,
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
}

pub enum KindFilter {
    Type(RecordType),
    Decision(DecisionKind),
}

impl KindFilter {
    pub fn parse(s: &str) -> Result<Self> {
        if let Ok(t) = RecordType::parse(s) {
            return Ok(Self::Type(t));
        }
        DecisionKind::parse(s).map(Self::Decision).map_err(|_| {
            Error::invalid(format!(
                "Okänt filter \"{}\". Använd beslut, dagbok eller en beslutstyp \
                     (inriktning, samordning, verkstallighet, ovrigt).",
                validate::preview(s)
            ))
        })
    }
}
