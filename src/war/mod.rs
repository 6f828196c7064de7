//! Krigsorganisation. Each person's krigsplacering (function, place of duty, shift, replacement)
//! or placement with another authority, the staffing of each mode's functions with its gaps, the
//! inställelse of krigsplacerad staff, and the beredskapslarm: a mode change that activates the
//! mode's plans in the same transaction.

pub mod alarm;
pub mod commands;
pub mod projection;
pub mod staffing;

pub use alarm::{AlarmOutcome, Beredskapslarm};
pub use commands::{NewPlacement, ReportForDuty, Unplace};
pub use staffing::{
    FunctionStaffing, PersonRef, PlacedPerson, ReplacementGap, Staffing, StaffingState,
};

use crate::store::{Migration, Slice};

pub const KIND_PLACED: &str = "war.placed";
pub const KIND_UNPLACED: &str = "war.unplaced";
pub const KIND_REPORTED: &str = "war.reported";

pub const SLICE: Slice = Slice {
    name: "war",
    migrations: &[Migration {
        name: "war",
        sql: include_str!("schema/0001_war.sql"),
    }],
    kinds: &[KIND_PLACED, KIND_UNPLACED, KIND_REPORTED],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};
