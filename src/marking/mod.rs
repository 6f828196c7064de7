//! Classification of the record and copy control. Every entry carries a marking: the default of
//! the readiness mode it was written in (each mode names one), or higher where someone raised it
//! with a `marking.raised` entry — never lower. Printing or exporting material at konfidentiell or
//! above is a `copies.issued` entry in the copy register (who, when, how many, their numbers), and
//! each copy's destruction or return a `copies.settled` entry.

pub mod commands;
pub mod projection;
pub mod queries;

pub use crate::domain::marking::Marking;
pub use commands::{CopyOutcome, IssueCopies, RaiseMarking, SettleCopies};
pub use queries::{CopyIssue, EntryMarking};

use crate::store::{Migration, Slice};

pub const KIND_RAISED: &str = "marking.raised";
pub const KIND_COPIES_ISSUED: &str = "copies.issued";
pub const KIND_COPIES_SETTLED: &str = "copies.settled";

/// Copies settle after the event is closed, and markings may be raised in review.
pub const AFTER_CLOSE: &[&str] = &[KIND_RAISED, KIND_COPIES_ISSUED, KIND_COPIES_SETTLED];

pub const SLICE: Slice = Slice {
    name: "marking",
    migrations: &[Migration {
        name: "marking",
        sql: include_str!("schema/0001_marking.sql"),
    }],
    kinds: &[KIND_RAISED, KIND_COPIES_ISSUED, KIND_COPIES_SETTLED],
    project: projection::apply,
    guard: Some(projection::guard),
    describe: projection::describe,
};
