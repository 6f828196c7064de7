//! Setting goals, adding and moving their activities, assessing a goal, and recording an
//! exercise held.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::year::{self, ExerciseHeld, Goal};
use super::{
    GoalOutcome, Phase, KIND_ACTIVITY, KIND_ASSESSED, KIND_EXERCISE_HELD, KIND_GOAL, KIND_PHASE,
};
use crate::domain::validate::{self, NAME_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewGoal {
    pub year: i32,
    pub title: String,
    /// How it is measured: "andel verksamheter med aktuell kontinuitetsplan".
    pub measure: String,
    /// What counts as reached: "100 %", "minst 2 övningar".
    pub target: String,
    pub owner: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewActivity {
    pub goal_id: String,
    pub text: String,
    pub owner: String,
    /// ÅÅÅÅ-MM-DD.
    pub due: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MovePhase {
    pub activity_id: String,
    pub phase: Phase,
    /// What was planned, done, learnt or changed: the cycle's evidence.
    pub note: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AssessGoal {
    pub goal_id: String,
    pub outcome: Option<GoalOutcome>,
    pub note: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewExerciseHeld {
    pub title: String,
    /// ÅÅÅÅ-MM-DD.
    pub held_on: String,
    /// Seminarieövning, ledningsövning, funktionsövning, fullskaleövning …
    pub form: String,
    pub participants: u32,
    pub summary: String,
    /// The exercise store it was read from (its exercise id), so it is recorded once.
    #[ts(optional)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalBody {
    pub goal_id: String,
    pub year: i32,
    pub title: String,
    pub measure: String,
    pub target: String,
    pub owner: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityBody {
    pub activity_id: String,
    pub goal_id: String,
    pub text: String,
    pub owner: String,
    pub due: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseBody {
    pub activity_id: String,
    pub phase: Phase,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessedBody {
    pub goal_id: String,
    pub outcome: GoalOutcome,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseHeldBody {
    pub held_id: String,
    pub title: String,
    pub held_on: String,
    pub form: String,
    pub participants: u32,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

pub fn set_goal(tx: &mut Tx<'_>, actor: &Actor, input: &NewGoal) -> Result<Goal> {
    let actor = actor.validate()?;
    if !(2000..=2100).contains(&input.year) {
        return Err(Error::invalid(format!(
            "År {} är inte rimligt. Ange t.ex. 2027.",
            input.year
        ))
        .with("field", "År")
        .with("value", input.year));
    }
    let body = GoalBody {
        goal_id: uuid::Uuid::now_v7().to_string(),
        year: input.year,
        title: validate::required("Mål", &input.title, TITLE_MAX)?,
        measure: validate::required("Mått", &input.measure, TEXT_MAX)?,
        target: validate::required("Målvärde", &input.target, NAME_MAX)?,
        owner: validate::required("Ansvarig", &input.owner, NAME_MAX)?,
    };
    tx.append_now(&actor, None, KIND_GOAL, &body)?;
    year::goal(tx, &body.goal_id, tx.now())
}

fn existing_goal(tx: &Tx<'_>, id: &str) -> Result<Goal> {
    year::goal(tx, &validate::required("Mål", id, NAME_MAX)?, tx.now())
}

pub fn add_activity(tx: &mut Tx<'_>, actor: &Actor, input: &NewActivity) -> Result<Goal> {
    let actor = actor.validate()?;
    let goal = existing_goal(tx, &input.goal_id)?;
    let body = ActivityBody {
        activity_id: uuid::Uuid::now_v7().to_string(),
        goal_id: goal.id.clone(),
        text: validate::required("Aktivitet", &input.text, TEXT_MAX)?,
        owner: validate::required("Ansvarig", &input.owner, NAME_MAX)?,
        due: crate::time::parse_date("Klart senast", &input.due)?.to_string(),
    };
    tx.append_now(&actor, None, KIND_ACTIVITY, &body)?;
    year::goal(tx, &goal.id, tx.now())
}

/// Moves an activity on in its cycle. Agera may lead back to Planera (the next turn); any other
/// step backwards is refused, since the record of a cycle is its order.
pub fn move_phase(tx: &mut Tx<'_>, actor: &Actor, input: &MovePhase) -> Result<Goal> {
    let actor = actor.validate()?;
    let id = validate::required("Aktivitet", &input.activity_id, NAME_MAX)?;
    let (goal_id, now) = year::activity_phase(tx, &id)?;
    let rank = |p: Phase| Phase::ALL.iter().position(|x| *x == p).unwrap_or(0);
    let next = Phase::ALL[(rank(now) + 1) % Phase::ALL.len()];
    if input.phase != next {
        return Err(Error::conflict(format!(
            "Aktiviteten är i fasen {}. Nästa steg är {}: en PDSA-cykel går steg för steg, och \
             efter Agera börjar nästa varv med Planera.",
            now.label(),
            next.label()
        ))
        .with("phase", now.as_str())
        .with("next", next.as_str()));
    }
    let body = PhaseBody {
        activity_id: id,
        phase: input.phase,
        note: validate::required("Anteckning", &input.note, TEXT_MAX)?,
    };
    tx.append_now(&actor, None, KIND_PHASE, &body)?;
    year::goal(tx, &goal_id, tx.now())
}

pub fn assess_goal(tx: &mut Tx<'_>, actor: &Actor, input: &AssessGoal) -> Result<Goal> {
    let actor = actor.validate()?;
    let goal = existing_goal(tx, &input.goal_id)?;
    let body = AssessedBody {
        goal_id: goal.id.clone(),
        outcome: input.outcome.ok_or_else(|| {
            Error::invalid("Välj utfall: uppnått, delvis eller ej uppnått.").with("field", "Utfall")
        })?,
        note: validate::required("Motivering", &input.note, TEXT_MAX)?,
    };
    tx.append_now(&actor, None, KIND_ASSESSED, &body)?;
    year::goal(tx, &goal.id, tx.now())
}

pub fn record_exercise(
    tx: &mut Tx<'_>,
    actor: &Actor,
    input: &NewExerciseHeld,
) -> Result<ExerciseHeld> {
    let actor = actor.validate()?;
    let held_on = crate::time::parse_date("Genomförd", &input.held_on)?;
    if held_on > crate::time::local_date(&tx.now()) {
        return Err(Error::invalid(format!(
            "Övningen kan inte registreras som genomförd {held_on}, ett datum som inte har varit."
        ))
        .with("field", "Genomförd")
        .with("value", held_on.to_string()));
    }
    if !(1..=100_000).contains(&input.participants) {
        return Err(Error::invalid(format!(
            "Antal deltagare anges som 1–100 000 (fick {}).",
            input.participants
        ))
        .with("field", "Deltagare")
        .with("value", input.participants));
    }
    let source = validate::optional("Källa", &input.source, NAME_MAX)?;
    if let Some(s) = &source {
        if let Some(held) = year::exercise_by_source(tx, s)? {
            return Err(Error::conflict(format!(
                "Övningen \"{}\" ({}) är redan registrerad som genomförd.",
                held.title, held.held_on
            ))
            .with("held_id", held.id));
        }
    }
    let body = ExerciseHeldBody {
        held_id: uuid::Uuid::now_v7().to_string(),
        title: validate::required("Övning", &input.title, TITLE_MAX)?,
        held_on: held_on.to_string(),
        form: validate::required("Övningsform", &input.form, NAME_MAX)?,
        participants: input.participants,
        summary: validate::required("Sammanfattning", &input.summary, TEXT_MAX)?,
        source,
    };
    tx.append_now(&actor, None, KIND_EXERCISE_HELD, &body)?;
    year::exercise(tx, &body.held_id)
}

impl Store {
    pub fn set_goal(&mut self, actor: &Actor, input: &NewGoal) -> Result<Goal> {
        self.write(|tx| set_goal(tx, actor, input))
    }

    pub fn add_goal_activity(&mut self, actor: &Actor, input: &NewActivity) -> Result<Goal> {
        self.write(|tx| add_activity(tx, actor, input))
    }

    pub fn move_phase(&mut self, actor: &Actor, input: &MovePhase) -> Result<Goal> {
        self.write(|tx| move_phase(tx, actor, input))
    }

    pub fn assess_goal(&mut self, actor: &Actor, input: &AssessGoal) -> Result<Goal> {
        self.write(|tx| assess_goal(tx, actor, input))
    }

    pub fn record_exercise_held(
        &mut self,
        actor: &Actor,
        input: &NewExerciseHeld,
    ) -> Result<ExerciseHeld> {
        self.write(|tx| record_exercise(tx, actor, input))
    }

    pub fn follow_up(&self, year: i32) -> Result<super::YearFollowUp> {
        year::follow_up(self.connection(), year, self.now())
    }
}
