//! Readiness modes (beredskapslägen): fred, höjd beredskap (skärpt, högsta) and krig. The mode
//! files say what each mode proposes; a switch is a logged decision.

pub mod checklist;
pub mod commands;
pub mod modes;
pub mod projection;

pub use checklist::{CheckReadiness, Checklist, ChecklistLine};
pub use commands::{ModeChange, ModeChangeRecord, ModeStatus, Proposal};
pub use modes::{ChecklistItem, ModeDef, ModeId};

use crate::store::{Migration, Slice};

pub const KIND_MODE_CHANGED: &str = "mode.changed";
pub const KIND_CHECKED: &str = "readiness.checked";

pub const SLICE: Slice = Slice {
    name: "readiness",
    migrations: &[
        Migration {
            name: "readiness",
            sql: include_str!("schema/0001_readiness.sql"),
        },
        Migration {
            name: "checklist",
            sql: include_str!("schema/0002_checklist.sql"),
        },
    ],
    kinds: &[KIND_MODE_CHANGED, KIND_CHECKED],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};
