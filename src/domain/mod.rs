//! Pure domain types and validation: no I/O, no SQL. Everything a user can submit is validated here
//! before the store opens a transaction.

pub mod decision;
pub mod diary;
pub mod event;
pub mod record;
pub mod str_enum;
pub mod validate;

pub use decision::{DecisionKind, DecisionStatus, NewDecision};
pub use diary::{Channel, NewDiaryEntry};
pub use event::{CloseEvent, Event, EventStatus, OpenEvent};
pub use record::{CorrectionView, NewCorrection, Record, RecordFilter, RecordType};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who is at the keyboard: every journal entry is stamped with a person and the staff role they
/// held at that moment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Actor {
    pub name: String,
    pub role: String,
}

impl Actor {
    pub fn new(name: impl Into<String>, role: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            role: role.into(),
        }
    }

    pub fn validate(&self) -> crate::Result<Actor> {
        Ok(Actor {
            name: validate::required("Namn", &self.name, validate::NAME_MAX)?,
            role: validate::required("Roll", &self.role, validate::NAME_MAX)?,
        })
    }
}
