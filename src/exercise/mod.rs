//! Exercises (övningar) played in an exercise store: the scenario written into the journal, the
//! exercise clock that control starts, pauses, speeds up and jumps, injects delivered on time,
//! contingency injects, and the evaluation of the staff's actions against what the scenario
//! expected. Every kind here is refused outside an exercise store (`guard`), so nothing of an
//! exercise can ever be written into the real record.

pub mod clock;
pub mod commands;
pub mod evaluate;
pub mod projection;
pub mod queries;
pub mod setup;
pub mod stored;

pub use clock::ExerciseClock;
pub use commands::{ControlInput, HotwashInput};
pub use evaluate::{ActionResult, Evaluation};
pub use queries::{ControlView, ExerciseView};

use rusqlite::Connection;

use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::journal::Envelope;
use crate::store::{Migration, Slice};

pub const KIND_CREATED: &str = "exercise.created";
pub const KIND_CONTROL: &str = "exercise.control";
pub const KIND_INJECT: &str = "inject.delivered";
pub const KIND_ASSESSED: &str = "exercise.assessed";
pub const KIND_HOTWASH: &str = "exercise.hotwash";

const KINDS: &[&str] = &[
    KIND_CREATED,
    KIND_CONTROL,
    KIND_INJECT,
    KIND_ASSESSED,
    KIND_HOTWASH,
];

pub const SLICE: Slice = Slice {
    name: "exercise",
    migrations: &[Migration {
        name: "exercise",
        sql: include_str!("schema/0001_exercise.sql"),
    }],
    kinds: KINDS,
    project: projection::apply,
    guard: Some(only_in_exercise),
    describe: projection::describe,
};

/// The exercise clock's own name in the record: injects it delivers are written by it, on this
/// laptop, not by a person.
pub fn clock_actor() -> Actor {
    Actor::new("Övningsklockan", "Övningsledning")
}

/// Guards run for every entry of every slice: only this slice's kinds are held to the rule.
fn only_in_exercise(_: &Connection, e: &Envelope<'_>) -> Result<()> {
    if KINDS.contains(&e.kind) && e.workspace != "exercise" {
        return Err(Error::conflict(
            "Det här är den skarpa databasen. Övningar spelas bara i en övningsdatabas (ÖVNING); skapa en med `kris exercise create`.",
        )
        .with("kind", e.kind));
    }
    Ok(())
}

crate::str_enum!(
    /// Where an exercise stands.
    ExerciseState, "Okänt övningsläge", {
        /// Loaded, not started: the staff can look around; no inject has come.
        Ready = "ready" | "redo",
        Running = "running" | "pagar",
        Paused = "paused" | "pausad",
        Ended = "ended" | "avslutad",
    }
);

impl ExerciseState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Ready => "Redo att starta",
            Self::Running => "Pågår",
            Self::Paused => "Pausad",
            Self::Ended => "Avslutad",
        }
    }
}

crate::str_enum!(
    /// What exercise control did.
    ControlAction, "Okänd styråtgärd", {
        Start = "start",
        Pause = "pause" | "pausa",
        Resume = "resume" | "fortsatt",
        Speed = "speed" | "hastighet",
        Jump = "jump" | "hoppa",
        End = "end" | "avsluta",
    }
);

impl ControlAction {
    pub fn label(self) -> &'static str {
        match self {
            Self::Start => "Start",
            Self::Pause => "Paus",
            Self::Resume => "Fortsätt",
            Self::Speed => "Hastighet",
            Self::Jump => "Hopp",
            Self::End => "Slut",
        }
    }
}

crate::str_enum!(
    /// How an expected action went.
    Outcome, "Okänt utfall", {
        /// Done by its deadline.
        Met = "met" | "uppfylld",
        /// Done, after its deadline.
        Late = "late" | "sen",
        /// Deadline passed and not done.
        Missed = "missed" | "missad",
        /// Not done yet, deadline still ahead.
        Pending = "pending" | "vantar",
        /// Control judged it does not apply in this play.
        NotApplicable = "not_applicable" | "ej_tillamplig",
    }
);

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "Uppfylld",
            Self::Late => "Sen",
            Self::Missed => "Missad",
            Self::Pending => "Väntar",
            Self::NotApplicable => "Ej tillämplig",
        }
    }
}

/// The exercise clock allows any speed headless; the window offers ×1, ×2, ×5 and ×10.
pub const MAX_SPEED: u32 = 3600;
