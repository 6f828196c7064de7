//! Pure types and field rules every slice shares: who is writing, how fields are checked, and how
//! enums are written as text. No I/O, no SQL.

pub mod marking;
pub mod mode;
pub mod str_enum;
pub mod validate;

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

    pub fn validate(&self) -> crate::error::Result<Actor> {
        Ok(Actor {
            name: validate::required("Namn", &self.name, validate::NAME_MAX)?,
            role: validate::required("Roll", &self.role, validate::NAME_MAX)?,
        })
    }
}
