//! Efter: the after phase of an event. Avvikelser (what went wrong, and what was done at once),
//! erfarenheter (lärdomar) with an owner and a date, and proposals to revise a plan, which stay
//! open until a newer version of that plan is imported. All of it is written once the event is
//! over, so these kinds are let into a closed event (see `AFTER_CLOSE`).

pub mod deviation;
pub mod lesson;
pub mod projection;
pub mod revision;

pub use deviation::{Deviation, NewDeviation};
pub use lesson::{Lesson, LessonClosing, NewLesson};
pub use revision::{NewRevisionProposal, PlanLibraryEntry, RevisionProposal};

use crate::store::{Migration, Slice};

pub const KIND_DEVIATION: &str = "deviation.reported";
pub const KIND_LESSON: &str = "lesson.recorded";
pub const KIND_LESSON_CLOSED: &str = "lesson.closed";
pub const KIND_REVISION: &str = "revision.proposed";

/// Every kind of this slice belongs to the after phase: the event rule lets them into a closed
/// event (`slices.rs` hands this list to `log::event_rule`).
pub const AFTER_CLOSE: &[&str] = &[
    KIND_DEVIATION,
    KIND_LESSON,
    KIND_LESSON_CLOSED,
    KIND_REVISION,
];

pub const SLICE: Slice = Slice {
    name: "efter",
    migrations: &[Migration {
        name: "efter",
        sql: include_str!("schema/0001_efter.sql"),
    }],
    kinds: AFTER_CLOSE,
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};

crate::str_enum!(
    /// What kind of avvikelse: where the staff's work departed from what was planned.
    #[derive(Default)]
    DeviationCategory, "Okänd kategori för avvikelse", {
        RutinEjFoljd = "rutin_ej_foljd" | "rutin",
        ResursSaknades = "resurs_saknades" | "resurs",
        Teknik = "teknik",
        Kommunikation = "kommunikation",
        Samverkan = "samverkan",
        #[default]
        Annat = "annat" | "ovrigt",
    }
);

impl DeviationCategory {
    /// As a person reads it, on screen and in the after-action report.
    pub fn label(self) -> &'static str {
        match self {
            Self::RutinEjFoljd => "Rutin ej följd",
            Self::ResursSaknades => "Resurs saknades",
            Self::Teknik => "Teknik",
            Self::Kommunikation => "Kommunikation",
            Self::Samverkan => "Samverkan",
            Self::Annat => "Annat",
        }
    }
}

crate::str_enum!(
    /// Whether a lärdom is something to keep doing or something to do better.
    #[derive(Default)]
    LessonKind, "Okänd sorts erfarenhet", {
        Bra = "bra" | "gick_bra",
        #[default]
        Forbattra = "forbattra" | "forbattring" | "behover_forbattras",
    }
);

impl LessonKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Bra => "Gick bra",
            Self::Forbattra => "Behöver förbättras",
        }
    }
}
