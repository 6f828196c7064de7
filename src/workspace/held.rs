//! An exercise store, read without changing a byte, as one line in the real record's follow-up:
//! the exercise held, when, with how many, and how it went. Only the summary crosses over; no
//! exercise entry ever enters the real record.

use std::path::Path;

use crate::error::{Error, Result};
use crate::followup::NewExerciseHeld;
use crate::store::{Store, Workspace};

pub fn summary(path: &Path) -> Result<NewExerciseHeld> {
    let store = Store::open_read_only(path)?;
    if store.workspace() != Workspace::Exercise.as_str() {
        return Err(Error::invalid(format!(
            "{} är ingen övningsdatabas. Välj filen för den genomförda övningen (ÖVNING).",
            path.display()
        ))
        .with("path", path.display().to_string()));
    }
    let view = store.exercise_view()?;
    let eval = store.exercise_evaluation()?;
    let started = view.started_at.clone().ok_or_else(|| {
        Error::conflict(format!(
            "Övningen \"{}\" har aldrig startats och kan inte registreras som genomförd.",
            view.title
        ))
    })?;
    let held_on = crate::time::local_date(&crate::time::parse("Start", &started)?);
    let participants = store
        .connection()
        .query_row(
            "SELECT count(DISTINCT author) FROM entries WHERE kind <> 'exercise.created'",
            [],
            |r| r.get::<_, u32>(0),
        )?
        .max(view.participants.len() as u32);
    Ok(NewExerciseHeld {
        title: view.title.clone(),
        held_on: held_on.to_string(),
        form: "Ledningsövning (Krisledning)".to_string(),
        participants,
        summary: format!(
            "Scenario {}. Förväntade åtgärder: {} i tid, {} sent, {} missade, {} ej bedömda. \
             Inspel levererade {} av {}. Erfarenheter: {}.",
            view.scenario_id,
            eval.met,
            eval.late,
            eval.missed,
            eval.pending,
            eval.injects_delivered,
            eval.injects_total,
            eval.lessons.len()
        ),
        source: crate::sync::card::exercise_of(&store)?,
    })
}
