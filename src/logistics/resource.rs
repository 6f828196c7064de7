use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{quantity, short, ResourceStatus};
use super::{KIND_RESOURCE_ADDED, KIND_RESOURCE_CHANGED};
use crate::domain::validate::{self, TEXT_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct NewResource {
    /// Personal, fordon, reservkraft, bränsle, vårdplatser, förnödenheter …
    pub kind: String,
    pub name: String,
    pub quantity: f64,
    pub unit: String,
    pub location: String,
    pub owner: String,
    /// Defaults to `tillganglig`.
    #[ts(optional)]
    pub status: Option<ResourceStatus>,
    #[ts(optional)]
    pub notes: Option<String>,
}

/// Journal body of `resource.added`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceAddedBody {
    pub resource_id: String,
    pub kind: String,
    pub name: String,
    pub quantity: f64,
    pub unit: String,
    pub location: String,
    pub owner: String,
    pub status: ResourceStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A change of status, quantity, place or assignment; fields left out stay as they were.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ResourceChange {
    pub resource_id: String,
    #[ts(optional)]
    pub status: Option<ResourceStatus>,
    #[ts(optional)]
    pub quantity: Option<f64>,
    #[ts(optional)]
    pub location: Option<String>,
    /// Assign to an event (and optionally a task); only with status `tilldelad`.
    #[ts(optional)]
    pub event_id: Option<String>,
    #[ts(optional)]
    pub task_id: Option<String>,
    #[ts(optional)]
    pub note: Option<String>,
}

/// Journal body of `resource.changed`: the full new state, so replay needs nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceChangedBody {
    pub resource_id: String,
    pub status: ResourceStatus,
    pub quantity: f64,
    pub location: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The task the resource was on when this laptop assigned it (absent before many laptops
    /// shared a record): another laptop's assignment meanwhile makes this one a conflict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<SeenAssignment>,
}

/// An assignment as the writer saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenAssignment {
    pub task_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Resource {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub quantity: f64,
    pub unit: String,
    pub location: String,
    pub owner: String,
    pub status: ResourceStatus,
    pub notes: Option<String>,
    pub event_id: Option<String>,
    pub task_id: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ResourcePoint {
    pub at: String,
    pub status: ResourceStatus,
    pub quantity: f64,
    pub location: String,
    pub note: Option<String>,
    pub author: String,
}

impl NewResource {
    pub fn validate(&self, resource_id: String) -> Result<ResourceAddedBody> {
        Ok(ResourceAddedBody {
            resource_id,
            kind: short("Resurstyp", &self.kind)?,
            name: short("Namn", &self.name)?,
            quantity: quantity("Antal", self.quantity)?,
            unit: short("Enhet", &self.unit)?,
            location: short("Plats", &self.location)?,
            owner: short("Ägare", &self.owner)?,
            status: self.status.unwrap_or(ResourceStatus::Tillganglig),
            notes: validate::optional("Anteckning", &self.notes, TEXT_MAX)?,
        })
    }
}

const COLS: &str =
    "id, kind, name, quantity, unit, location, owner, status, notes, event_id, task_id, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Resource> {
    let status: String = r.get(7)?;
    Ok(Resource {
        id: r.get(0)?,
        kind: r.get(1)?,
        name: r.get(2)?,
        quantity: r.get(3)?,
        unit: r.get(4)?,
        location: r.get(5)?,
        owner: r.get(6)?,
        status: ResourceStatus::parse(&status).unwrap_or(ResourceStatus::Tillganglig),
        notes: r.get(8)?,
        event_id: r.get(9)?,
        task_id: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// Registers resources, all in the caller's transaction (an import lands whole or not at all).
pub fn add_resources(tx: &mut Tx<'_>, actor: &Actor, items: &[NewResource]) -> Result<Vec<String>> {
    let actor = actor.validate()?;
    let bodies = items
        .iter()
        .map(|r| r.validate(uuid::Uuid::now_v7().to_string()))
        .collect::<Result<Vec<_>>>()?;
    for body in &bodies {
        tx.append_now(&actor, None, KIND_RESOURCE_ADDED, body)?;
    }
    Ok(bodies.into_iter().map(|b| b.resource_id).collect())
}

/// Changes status, quantity, place or assignment. The resource is read under the write lock and
/// only the fields given change, so two staff changing different fields at once both keep theirs.
pub fn change_resource(
    tx: &mut Tx<'_>,
    actor: &Actor,
    change: &ResourceChange,
) -> Result<Resource> {
    let actor = actor.validate()?;
    let current = resource(tx, &change.resource_id)?;
    let status = change.status.unwrap_or(current.status);
    let event_id = validate::optional("Händelse", &change.event_id, validate::NAME_MAX)?;
    let task_id = validate::optional("Uppdrag", &change.task_id, validate::NAME_MAX)?;
    let assigning = event_id.is_some() || task_id.is_some();
    if assigning && status != ResourceStatus::Tilldelad {
        return Err(Error::invalid(
            "En resurs som knyts till händelse eller uppdrag får status tilldelad.",
        ));
    }
    let (event_id, task_id) = match (status, assigning) {
        (ResourceStatus::Tilldelad, false) => (current.event_id.clone(), current.task_id.clone()),
        (ResourceStatus::Tilldelad, true) => (event_id, task_id),
        // Released, requested or broken: no longer tied to an assignment.
        _ => (None, None),
    };
    if let Some(task) = &task_id {
        let task = super::task::task(tx, task)?;
        if event_id.as_deref().is_some_and(|e| e != task.event_id) {
            return Err(Error::invalid("Uppdraget hör till en annan händelse."));
        }
    }
    let body = ResourceChangedBody {
        resource_id: current.id.clone(),
        status,
        quantity: change
            .quantity
            .map(|q| quantity("Antal", q))
            .transpose()?
            .unwrap_or(current.quantity),
        location: match &change.location {
            Some(l) => short("Plats", l)?,
            None => current.location.clone(),
        },
        seen: task_id.is_some().then(|| SeenAssignment {
            task_id: current.task_id.clone(),
        }),
        event_id,
        task_id,
        note: validate::optional("Anteckning", &change.note, TEXT_MAX)?,
    };
    tx.append_now(
        &actor,
        body.event_id.as_deref(),
        KIND_RESOURCE_CHANGED,
        &body,
    )?;
    resource(tx, &current.id)
}

pub fn resource(conn: &Connection, id: &str) -> Result<Resource> {
    conn.query_row(
        &format!("SELECT {COLS} FROM resources WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("Det finns ingen resurs med id {id}.")))
}

pub fn list_resources(conn: &Connection) -> Result<Vec<Resource>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLS} FROM resources ORDER BY kind, name"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every state the resource has had, oldest first: its history and the chart's data.
pub fn resource_history(conn: &Connection, id: &str) -> Result<Vec<ResourcePoint>> {
    resource(conn, id)?;
    let mut stmt = conn.prepare(
        "SELECT at, status, quantity, location, note, author FROM resource_history WHERE resource_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([id], |r| {
        let status: String = r.get(1)?;
        Ok(ResourcePoint {
            at: r.get(0)?,
            status: ResourceStatus::parse(&status).unwrap_or(ResourceStatus::Tillganglig),
            quantity: r.get(2)?,
            location: r.get(3)?,
            note: r.get(4)?,
            author: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
impl Store {
    pub fn add_resource(&mut self, actor: &Actor, input: &NewResource) -> Result<Resource> {
        self.write(|tx| {
            let id = add_resources(tx, actor, std::slice::from_ref(input))?.remove(0);
            resource(tx, &id)
        })
    }

    pub fn change_resource(&mut self, actor: &Actor, change: &ResourceChange) -> Result<Resource> {
        self.write(|tx| change_resource(tx, actor, change))
    }

    pub fn resource(&self, id: &str) -> Result<Resource> {
        resource(self.connection(), id)
    }

    pub fn list_resources(&self) -> Result<Vec<Resource>> {
        list_resources(self.connection())
    }

    pub fn resource_history(&self, id: &str) -> Result<Vec<ResourcePoint>> {
        resource_history(self.connection(), id)
    }
}
