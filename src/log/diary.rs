use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::validate::{self, Occurrence, NAME_MAX, TEXT_MAX};
use crate::error::Result;
use crate::time::Ts;

crate::str_enum!(
    /// How a message reached or left the staff.
    #[derive(Default)]
    Channel, "Okänd kanal", {
        Telefon = "telefon",
        Rakel = "rakel",
        Epost = "epost" | "e_post",
        Mote = "mote",
        Sms = "sms",
        Personligen = "personligen",
        #[default]
        Ovrigt = "ovrigt",
    }
);

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct NewDiaryEntry {
    pub event_id: String,
    pub text: String,
    #[serde(default)]
    pub channel: Channel,
    #[ts(optional)]
    pub from_party: Option<String>,
    #[ts(optional)]
    pub to_party: Option<String>,
    #[ts(optional)]
    pub occurred_at: Option<String>,
    #[ts(optional)]
    pub late_reason: Option<String>,
}

/// Journal body of `diary.logged`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiaryBody {
    pub text: String,
    pub channel: Channel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_party: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_party: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_reason: Option<String>,
}

impl NewDiaryEntry {
    pub fn validate(&self, now: Ts) -> Result<(DiaryBody, Occurrence)> {
        let occ = validate::occurrence(&self.occurred_at, &self.late_reason, now)?;
        let body = DiaryBody {
            text: validate::required("Text", &self.text, TEXT_MAX)?,
            channel: self.channel,
            from_party: validate::optional("Från", &self.from_party, NAME_MAX)?,
            to_party: validate::optional("Till", &self.to_party, NAME_MAX)?,
            late_reason: occ.late_reason.clone(),
        };
        Ok((body, occ))
    }
}
