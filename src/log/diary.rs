use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::validate::{self, Occurrence, NAME_MAX, TEXT_MAX};
use crate::error::{Error, Result};
use crate::time::Ts;

/// How a message reached or left the staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Telefon,
    Rakel,
    Epost,
    Mote,
    Sms,
    Personligen,
    #[default]
    Ovrigt,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Self::Telefon,
        Self::Rakel,
        Self::Epost,
        Self::Mote,
        Self::Sms,
        Self::Personligen,
        Self::Ovrigt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Telefon => "telefon",
            Self::Rakel => "rakel",
            Self::Epost => "epost",
            Self::Mote => "mote",
            Self::Sms => "sms",
            Self::Personligen => "personligen",
            Self::Ovrigt => "ovrigt",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        let folded = s.trim().to_lowercase().replace('ö', "o").replace('-', "");
        Self::ALL.into_iter().find(|c| c.as_str() == folded).ok_or_else(|| {
            Error::invalid(format!(
                "Okänd kanal \"{}\". Välj telefon, rakel, epost, mote, sms, personligen eller ovrigt.",
                validate::preview(s)
            ))
        })
    }
}

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
