use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{short, TaskStatus};
use super::{KIND_TASK_CREATED, KIND_TASK_STATUS};
use crate::domain::validate::{self, TEXT_MAX, TITLE_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};
use crate::time;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct NewTask {
    pub event_id: String,
    pub title: String,
    #[ts(optional)]
    pub description: Option<String>,
    /// Role or person who owns the task.
    pub owner: String,
    #[ts(optional)]
    pub due: Option<String>,
    /// The decision that ordered the task, when there is one.
    #[ts(optional)]
    pub decision_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskCreatedBody {
    pub task_id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskStatusBody {
    pub task_id: String,
    pub status: TaskStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Task {
    pub id: String,
    pub event_id: String,
    pub title: String,
    pub description: Option<String>,
    pub owner: String,
    pub due: Option<String>,
    pub status: TaskStatus,
    pub decision_id: Option<String>,
    /// Title of the ordering decision, for the link back.
    pub decision_title: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub note: Option<String>,
}

const COLS: &str =
    "t.id, t.event_id, t.title, t.description, t.owner, t.due, t.status, t.decision_id, r.title,
    t.created_at, t.created_by, t.updated_at, t.note";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Task> {
    let status: String = r.get(6)?;
    Ok(Task {
        id: r.get(0)?,
        event_id: r.get(1)?,
        title: r.get(2)?,
        description: r.get(3)?,
        owner: r.get(4)?,
        due: r.get(5)?,
        status: TaskStatus::parse(&status).unwrap_or(TaskStatus::Ny),
        decision_id: r.get(7)?,
        decision_title: r.get(8)?,
        created_at: r.get(9)?,
        created_by: r.get(10)?,
        updated_at: r.get(11)?,
        note: r.get(12)?,
    })
}

pub fn add_task(tx: &mut Tx<'_>, actor: &Actor, input: &NewTask) -> Result<Task> {
    let actor = actor.validate()?;
    let body = TaskCreatedBody {
        task_id: uuid::Uuid::now_v7().to_string(),
        title: validate::required("Rubrik", &input.title, TITLE_MAX)?,
        description: validate::optional("Beskrivning", &input.description, TEXT_MAX)?,
        owner: short("Ansvarig", &input.owner)?,
        due: validate::optional_time("Klart senast", &input.due)?.map(|t| time::format(&t)),
        decision_id: validate::optional("Beslut", &input.decision_id, validate::NAME_MAX)?,
    };
    if let Some(d) = &body.decision_id {
        let ev: Option<String> = tx
            .query_row(
                "SELECT event_id FROM records WHERE id = ?1 AND record_type = 'decision'",
                [d],
                |r| r.get(0),
            )
            .optional()?;
        match ev {
            None => {
                return Err(Error::not_found(format!(
                    "Det finns inget beslut med id {d}."
                )))
            }
            Some(ev) if ev != input.event_id => {
                return Err(Error::invalid("Beslutet hör till en annan händelse."))
            }
            Some(_) => {}
        }
    }
    tx.append_now(&actor, Some(&input.event_id), KIND_TASK_CREATED, &body)?;
    task(tx, &body.task_id)
}

pub fn set_task_status(
    tx: &mut Tx<'_>,
    actor: &Actor,
    task_id: &str,
    status: TaskStatus,
    note: Option<String>,
) -> Result<Task> {
    let actor = actor.validate()?;
    let current = task(tx, task_id)?;
    if current.status == status {
        return Err(Error::conflict("Uppdraget har redan den statusen."));
    }
    let body = TaskStatusBody {
        task_id: current.id.clone(),
        status,
        note: validate::optional("Anteckning", &note, TEXT_MAX)?,
    };
    tx.append_now(&actor, Some(&current.event_id), KIND_TASK_STATUS, &body)?;
    task(tx, task_id)
}

pub fn task(conn: &Connection, id: &str) -> Result<Task> {
    conn.query_row(
        &format!(
            "SELECT {COLS} FROM tasks t LEFT JOIN records r ON r.id = t.decision_id WHERE t.id = ?1"
        ),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("Det finns inget uppdrag med id {id}.")))
}

pub fn list_tasks(conn: &Connection, event_id: Option<&str>) -> Result<Vec<Task>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} FROM tasks t LEFT JOIN records r ON r.id = t.decision_id
         WHERE (?1 IS NULL OR t.event_id = ?1) ORDER BY t.due IS NULL, t.due, t.seq"
    ))?;
    let rows = stmt.query_map([event_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    pub fn add_task(&mut self, actor: &Actor, input: &NewTask) -> Result<Task> {
        self.write(|tx| add_task(tx, actor, input))
    }

    pub fn set_task_status(
        &mut self,
        actor: &Actor,
        task_id: &str,
        status: TaskStatus,
        note: Option<String>,
    ) -> Result<Task> {
        self.write(|tx| set_task_status(tx, actor, task_id, status, note))
    }

    pub fn task(&self, id: &str) -> Result<Task> {
        task(self.connection(), id)
    }

    pub fn list_tasks(&self, event_id: Option<&str>) -> Result<Vec<Task>> {
        list_tasks(self.connection(), event_id)
    }
}
