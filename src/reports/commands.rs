//! Recording that a report was issued.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ReportKind, KIND_ISSUED};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::Tx;

/// Journal body of `report.issued`: which report, and the fingerprints of what was handed out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedBody {
    pub kind: ReportKind,
    pub number: u32,
    pub title: String,
    pub pdf_sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub md_sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_sha256: Option<String>,
    pub pages: u32,
    pub bytes: u64,
    /// The journal the report was made from: its entry count and head hash, as `kris verify`
    /// printed them just before this entry.
    pub head_seq: i64,
    pub head_hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IssuedReport {
    pub id: String,
    pub event_id: String,
    pub kind: ReportKind,
    pub number: u32,
    pub title: String,
    pub issued_at: String,
    pub author: String,
    pub role: String,
    pub pdf_sha256: String,
    pub md_sha256: Option<String>,
    pub json_sha256: Option<String>,
    pub pages: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub head_seq: i64,
    pub head_hash: String,
}

/// Appends `report.issued`, refusing a number that is not the next one: two people issuing at
/// once cannot both hand out "nr 3".
pub fn record_issued(
    tx: &mut Tx<'_>,
    actor: &Actor,
    event_id: &str,
    issued: &IssuedBody,
    at: crate::time::Ts,
) -> Result<IssuedReport> {
    let actor = actor.validate()?;
    let next = super::queries::next_number(tx, event_id, issued.kind)?;
    if issued.number != next {
        return Err(Error::conflict(format!(
            "Rapport nr {} finns redan för händelsen; nästa nummer är {next}. Skapa rapporten igen.",
            issued.number
        ))
        .with("number", issued.number)
        .with("next", next));
    }
    let entry = tx.append(&actor, Some(event_id), KIND_ISSUED, issued, at)?;
    super::queries::by_id(tx, &entry.id)
}
