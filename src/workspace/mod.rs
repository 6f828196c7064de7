//! Exercise stores as files: one real store and any number of exercise stores, each its own
//! database, so nothing done in an exercise can reach the record. Creating one from a scenario,
//! listing those beside the record, and the exercise package that carries a played exercise to
//! another machine.

pub mod held;
pub mod package;

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::exercise::ExerciseState;
use crate::scenario::{self, Scenario};
use crate::store::{registry, Store, Workspace};

/// The folder exercise stores are kept in, beside the real store.
pub fn folder(real: &Path) -> PathBuf {
    real.with_file_name("ovningar")
}

/// Whether a kind is one this program writes: for checking a scenario's expected actions.
pub fn known_kind(kind: &str) -> bool {
    registry::owner(&crate::slices::ALL, kind).is_some()
}

/// Reads a scenario: a shipped one by name (`storm-elavbrott`), or a file.
pub fn read_scenario(name: &str) -> Result<(String, String, Scenario)> {
    let (file, source) = match scenario::shipped::source(name) {
        Some((file, text)) => (file.to_string(), text.to_string()),
        None => {
            let path = Path::new(name);
            if !path.exists() {
                let names: Vec<&str> = scenario::shipped::FILES
                    .iter()
                    .filter_map(|(f, _)| f.rsplit('/').next()?.strip_suffix(".toml"))
                    .collect();
                return Err(Error::not_found(format!(
                    "Det finns inget scenario \"{}\": ange en scenariofil eller ett av de medföljande ({}).",
                    crate::text::preview(name),
                    names.join(", ")
                ))
                .with("scenario", crate::text::preview(name)));
            }
            let bytes = crate::import::read_bounded(path, scenario::MAX_SCENARIO_BYTES)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::invalid(format!(
                    "{} är inte UTF-8-text. Spara scenariot som UTF-8 och försök igen.",
                    path.display()
                ))
                .with("file", path.display())
            })?;
            (path.display().to_string(), text)
        }
    };
    let parsed = scenario::parse(&file, &source, &known_kind)?;
    Ok((file, source, parsed))
}

/// Control as the author of the starting state.
pub fn control_actor() -> Actor {
    Actor::new("Övningsledningen", "Övningsledning")
}

/// Creates a new exercise store at `path` from a scenario. It is made beside its final name and
/// renamed only when complete, so a crash halfway leaves no half-made exercise to open.
pub fn create(path: &Path, scenario_name: &str, org: &str, actor: &Actor) -> Result<Store> {
    create_from(path, read_scenario(scenario_name)?, org, actor)
}

/// As [`create`], from a scenario already read with [`read_scenario`].
pub fn create_from(
    path: &Path,
    (file, source, scenario): (String, String, Scenario),
    org: &str,
    actor: &Actor,
) -> Result<Store> {
    if path.exists() {
        return Err(Error::conflict(format!(
            "{} finns redan. En övning får en egen, ny databasfil: välj ett annat namn.",
            path.display()
        ))
        .with("path", path.display()));
    }
    let tmp = sibling(path, "skapas");
    let made = (|| {
        let mut store = Store::init(&tmp, org, Workspace::Exercise)?;
        store
            .write(|tx| crate::exercise::commands::create(tx, actor, &file, &source, &scenario))?;
        drop(store);
        std::fs::rename(&tmp, path)?;
        Store::open(path)
    })();
    if made.is_err() {
        remove_db(&tmp);
    }
    made
}

/// A temporary name beside `path`, never one a user would pick.
fn sibling(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{what}-{}", uuid::Uuid::now_v7()))
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A name for a new exercise in the folder: the scenario and the time, never an existing file.
pub fn new_path(dir: &Path, scenario_id: &str, now: crate::time::Ts) -> PathBuf {
    let stamp = now.with_timezone(&chrono::Local).format("%Y%m%d-%H%M");
    let mut path = dir.join(format!("{scenario_id}-{stamp}.db"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{scenario_id}-{stamp}-{n}.db"));
        n += 1;
    }
    path
}

/// An exercise store as the workspace list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExerciseFile {
    pub path: String,
    /// The scenario's title; the file name when the file could not be read.
    pub title: String,
    pub scenario_id: Option<String>,
    pub state: Option<ExerciseState>,
    pub created_at: Option<String>,
    pub started_at: Option<String>,
    pub ended_at: Option<String>,
    /// Why the file cannot be opened as an exercise, in Swedish.
    pub problem: Option<String>,
}

/// Reads one exercise store without changing a byte of it.
pub fn describe(path: &Path) -> ExerciseFile {
    let mut file = ExerciseFile {
        path: path.display().to_string(),
        title: path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
        scenario_id: None,
        state: None,
        created_at: None,
        started_at: None,
        ended_at: None,
        problem: None,
    };
    let read = (|| {
        let store = Store::open_read_only(path)?;
        if store.workspace() != Workspace::Exercise.as_str() {
            return Err(Error::conflict("är ingen övningsdatabas"));
        }
        crate::exercise::queries::loaded(store.connection())
    })();
    match read {
        Ok(Some(ex)) => {
            file.title = ex.scenario.title;
            file.scenario_id = Some(ex.scenario.id);
            file.state = Some(ex.state);
            file.created_at = Some(ex.created_at);
            file.started_at = ex.started_at;
            file.ended_at = ex.ended_at;
        }
        Ok(None) => file.problem = Some("övningsdatabas utan scenario".into()),
        Err(e) => file.problem = Some(e.message),
    }
    file
}

/// The exercise stores in the folder beside the record, newest first.
pub fn list(real: &Path) -> Vec<ExerciseFile> {
    let Ok(dir) = std::fs::read_dir(folder(real)) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "db")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    paths.reverse();
    paths.iter().map(|p| describe(p)).collect()
}
