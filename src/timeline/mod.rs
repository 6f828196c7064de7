//! One timeline over every kind the journal holds, and the betydande (significant) flag a person
//! can put on any entry. The timeline reads the journal itself and asks each entry's slice for its
//! line, so a new kind appears here without a change to this slice.

pub mod flag;
pub mod projection;
pub mod queries;

pub use flag::FlagChange;
pub use queries::{TimelineFilter, TimelineItem, TimelinePage};

use crate::store::{Migration, Slice};

pub const KIND_FLAGGED: &str = "entry.flagged";
pub const KIND_UNFLAGGED: &str = "entry.unflagged";

pub const SLICE: Slice = Slice {
    name: "timeline",
    migrations: &[Migration {
        name: "timeline",
        sql: include_str!("schema/0001_timeline.sql"),
    }],
    kinds: &[KIND_FLAGGED, KIND_UNFLAGGED],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};
