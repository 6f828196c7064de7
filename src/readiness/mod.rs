//! Readiness modes (beredskapslägen): fred, höjd beredskap (skärpt, högsta) and krig. The mode
//! files say what each mode proposes; a switch is a logged decision.

pub mod commands;
pub mod modes;
pub mod projection;

pub use commands::{ModeChange, ModeChangeRecord, ModeStatus, Proposal};
pub use modes::{ModeDef, ModeId};

use crate::store::{Migration, Slice};

pub const KIND_MODE_CHANGED: &str = "mode.changed";

pub const SLICE: Slice = Slice {
    name: "readiness",
    migrations: &[Migration {
        name: "readiness",
        sql: include_str!("schema/0001_readiness.sql"),
    }],
    kinds: &[KIND_MODE_CHANGED],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};
