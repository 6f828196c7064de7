//! An exercise store, read without changing a byte, as one line in the real record's follow-up:
//! the exercise held, when, with how many, and how it went. Only the summary crosses over; no
//! exercise entry ever enters the real record.

use std::path::Path;

use crate::error::{Error, Result};
use crate::followup::NewExerciseHeld;
use crate::store::{Store, Workspace};

/// The summary of the exercise store at `path`: refused unless it is an exercise store, intact,
/// and its exercise has ended.
pub fn summary(path: &Path) -> Result<NewExerciseHeld> {
    // Whatever goes wrong opening it is about that file, not the record it is read into.
    let named = |e: Error| {
        let message = format!("Övningsfilen {}: {}", path.display(), e.message);
        Error { message, ..e }.with("path", path.display().to_string())
    };
    let store = Store::open_read_only(path).map_err(named)?;
    if let Some(f) = store.verify().map_err(named)?.failure {
        return Err(Error::invalid(format!(
            "Övningsfilen {} håller inte vid kontroll (post {}: {}). Den registreras inte som \
             genomförd; kör `kris --db {} verify`.",
            path.display(),
            f.seq,
            f.reason,
            path.display()
        ))
        .with("path", path.display().to_string()));
    }
    if store.workspace() != Workspace::Exercise.as_str() {
        return Err(Error::invalid(format!(
            "{} är ingen övningsdatabas. Välj filen för den genomförda övningen (ÖVNING).",
            path.display()
        ))
        .with("path", path.display().to_string()));
    }
    let view = store.exercise_view()?;
    if view.state != crate::exercise::ExerciseState::Ended {
        return Err(Error::conflict(format!(
            "Övningen \"{}\" är inte avslutad. Avsluta den i övningsledningen först; en \
             genomförd övning registreras med sitt resultat.",
            view.title
        ))
        .with("path", path.display().to_string()));
    }
    let eval = store.exercise_evaluation()?;
    let started = view
        .started_at
        .clone()
        .unwrap_or_else(|| view.as_of.clone());
    let held_on = crate::time::local_date(&crate::time::parse("Start", &started)?);
    // Who wrote in the exercise, not the scenario's list of roles: the people who took part.
    let participants = store
        .connection()
        .query_row(
            "SELECT count(DISTINCT author) FROM entries
             WHERE kind NOT IN ('exercise.created', 'exercise.control', 'inject.delivered')",
            [],
            |r| r.get::<_, u32>(0),
        )?
        .max(1);
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
