//! Reports the staff has issued: each one a `report.issued` entry holding the SHA-256 of the exact
//! files handed out, so the history can open them again and show they are unchanged. The files
//! themselves are written by `report`, which knows what goes into them; this slice only keeps the
//! record of issuing and the numbering.

pub mod commands;
pub mod files;
pub mod projection;
pub mod queries;

pub use commands::{IssuedBody, IssuedReport};

use crate::store::{Migration, Slice};

pub const KIND_ISSUED: &str = "report.issued";

crate::str_enum!(
    /// The kinds of report that are numbered and issued.
    ReportKind, "Okänd rapporttyp", {
        Lagesrapport = "lagesrapport" | "situation",
        Efterrapport = "efterrapport" | "after-action" | "after_action",
    }
);

/// An efterrapport is issued once the event is closed: the event rule lets this kind in then.
pub const AFTER_CLOSE: &[&str] = &[KIND_ISSUED];

pub const SLICE: Slice = Slice {
    name: "reports",
    migrations: &[Migration {
        name: "reports",
        sql: include_str!("schema/0001_reports.sql"),
    }],
    kinds: &[KIND_ISSUED],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};
