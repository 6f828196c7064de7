//! Mål och uppföljning: measurable goals per year, each worked through PDSA activities (planera,
//! genomföra, studera, agera), the exercises held, and the year counted from the record — events
//! handled, lessons closed, plans revised, risks moved — for the säkerhets- och
//! krisberedskapsbokslut the board receives.

pub mod commands;
pub mod projection;
pub mod year;

pub use commands::{AssessGoal, MovePhase, NewActivity, NewExerciseHeld, NewGoal};
pub use year::{Activity, ExerciseHeld, Goal, RiskMovement, YearCounts, YearFollowUp};

use crate::store::{Migration, Slice};

pub const KIND_GOAL: &str = "goal.set";
pub const KIND_ACTIVITY: &str = "goal.activity";
pub const KIND_PHASE: &str = "goal.phase";
pub const KIND_ASSESSED: &str = "goal.assessed";
/// Not `exercise.*`: those kinds belong to exercise stores, and the timeline shows them only there.
pub const KIND_EXERCISE_HELD: &str = "followup.exercise_held";

pub const SLICE: Slice = Slice {
    name: "followup",
    migrations: &[Migration {
        name: "followup",
        sql: include_str!("schema/0001_followup.sql"),
    }],
    kinds: &[
        KIND_GOAL,
        KIND_ACTIVITY,
        KIND_PHASE,
        KIND_ASSESSED,
        KIND_EXERCISE_HELD,
    ],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};

crate::str_enum!(
    /// The improvement cycle an activity is in (PDSA, Region Skåne's strategy).
    #[derive(Default)]
    Phase, "Okänd fas", {
        #[default]
        Planera = "planera" | "plan",
        Genomfora = "genomfora" | "do",
        Studera = "studera" | "study",
        Agera = "agera" | "act",
    }
);

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Self::Planera => "Planera",
            Self::Genomfora => "Genomföra",
            Self::Studera => "Studera",
            Self::Agera => "Agera",
        }
    }
}

crate::str_enum!(
    /// How a goal came out at the end of its year.
    GoalOutcome, "Okänt utfall", {
        Uppnatt = "uppnatt" | "ja",
        Delvis = "delvis",
        EjUppnatt = "ej_uppnatt" | "nej",
    }
);

impl GoalOutcome {
    pub fn label(self) -> &'static str {
        match self {
            Self::Uppnatt => "Uppnått",
            Self::Delvis => "Delvis uppnått",
            Self::EjUppnatt => "Ej uppnått",
        }
    }
}
