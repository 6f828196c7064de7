//! An alert as checked: every required element present, every closed value one the standard
//! allows, every time a time. Text is as the file has it; cleaning for the diary comes later.

use super::vocab::Word;
use crate::time::Ts;

#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub identifier: String,
    pub sender: String,
    /// As written: with `sender` and `identifier` it names the alert, and another alert's
    /// `references` quote it exactly so.
    pub sent: String,
    pub sent_at: Ts,
    pub status: Word,
    pub msg_type: Word,
    pub scope: Word,
    pub note: Option<String>,
    /// The earlier alerts an Update or Cancel concerns.
    pub references: Vec<Reference>,
    pub infos: Vec<Info>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub sender: String,
    pub identifier: String,
    pub sent: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    /// `en-US` when the alert does not say (the standard's default).
    pub language: String,
    pub categories: Vec<Word>,
    pub event: String,
    pub response_types: Vec<Word>,
    pub urgency: Word,
    pub severity: Word,
    pub certainty: Word,
    pub effective: Option<String>,
    pub onset: Option<String>,
    pub expires: Option<String>,
    pub sender_name: Option<String>,
    pub headline: Option<String>,
    pub description: Option<String>,
    pub instruction: Option<String>,
    pub web: Option<String>,
    pub contact: Option<String>,
    /// Each `<area>`'s `areaDesc`.
    pub areas: Vec<String>,
}

impl Alert {
    /// The Swedish text when the alert has one, else the first: a staff diary is read in Swedish.
    pub fn preferred_info(&self) -> Option<&Info> {
        self.infos
            .iter()
            .find(|i| i.language.trim().to_lowercase().starts_with("sv"))
            .or(self.infos.first())
    }

    /// The last line of the diary entry, and how a second import of the same alert is known: CAP
    /// names an alert by its sender, identifier and sent time together.
    pub fn identity_line(&self) -> String {
        format!(
            "CAP: avsändare {} · id {} · skickad {}",
            self.sender, self.identifier, self.sent
        )
    }
}
