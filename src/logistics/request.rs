use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{quantity, short, Priority, RequestStatus};
use super::{KIND_REQUEST_ASSIGNED, KIND_REQUEST_DECIDED, KIND_REQUEST_MADE};
use crate::domain::validate::{self, TEXT_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};
use crate::time;

/// A resource request, in the spirit of ICS-213RR.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewRequest {
    pub event_id: String,
    /// What is asked for, e.g. "Mobilt reservelverk 100 kVA".
    pub what: String,
    pub kind: String,
    pub quantity: f64,
    pub unit: String,
    #[ts(optional)]
    pub needed_by: Option<String>,
    pub priority: Priority,
    pub justification: String,
    /// Who asks: a unit or person, and their role.
    pub requester: Actor,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestMadeBody {
    pub request_id: String,
    pub what: String,
    pub kind: String,
    pub quantity: f64,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needed_by: Option<String>,
    pub priority: Priority,
    pub justification: String,
    pub requester: Actor,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RequestDecision {
    pub request_id: String,
    /// godkand, delvis or avslagen.
    pub outcome: RequestStatus,
    /// Required for `delvis`: how much is granted.
    #[ts(optional)]
    pub approved_quantity: Option<f64>,
    /// Required for `delvis` and `avslagen`.
    #[ts(optional)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestDecidedBody {
    pub request_id: String,
    pub outcome: RequestStatus,
    pub approved_quantity: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestAssignedBody {
    pub request_id: String,
    pub task_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "ResourceRequest")]
pub struct Request {
    pub id: String,
    pub event_id: String,
    pub what: String,
    pub kind: String,
    pub quantity: f64,
    pub unit: String,
    pub needed_by: Option<String>,
    pub priority: Priority,
    pub justification: String,
    pub requester: String,
    pub requester_role: String,
    pub status: RequestStatus,
    pub approved_quantity: Option<f64>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub task_id: Option<String>,
    pub created_at: String,
}

const COLS: &str = "id, event_id, what, kind, quantity, unit, needed_by, priority, justification, requester,
    requester_role, status, approved_quantity, decision_reason, decided_by, decided_at, task_id, created_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Request> {
    let (priority, status): (String, String) = (r.get(7)?, r.get(11)?);
    Ok(Request {
        id: r.get(0)?,
        event_id: r.get(1)?,
        what: r.get(2)?,
        kind: r.get(3)?,
        quantity: r.get(4)?,
        unit: r.get(5)?,
        needed_by: r.get(6)?,
        priority: Priority::parse(&priority).unwrap_or(Priority::Normal),
        justification: r.get(8)?,
        requester: r.get(9)?,
        requester_role: r.get(10)?,
        status: RequestStatus::parse(&status).unwrap_or(RequestStatus::Ny),
        approved_quantity: r.get(12)?,
        decision_reason: r.get(13)?,
        decided_by: r.get(14)?,
        decided_at: r.get(15)?,
        task_id: r.get(16)?,
        created_at: r.get(17)?,
    })
}

pub fn make_request(tx: &mut Tx<'_>, actor: &Actor, input: &NewRequest) -> Result<Request> {
    let actor = actor.validate()?;
    let body = RequestMadeBody {
        request_id: uuid::Uuid::now_v7().to_string(),
        what: short("Vad", &input.what)?,
        kind: short("Resurstyp", &input.kind)?,
        quantity: quantity("Antal", input.quantity)?,
        unit: short("Enhet", &input.unit)?,
        needed_by: validate::optional_time("Behövs senast", &input.needed_by)?
            .map(|t| time::format(&t)),
        priority: input.priority,
        justification: validate::required("Motivering", &input.justification, TEXT_MAX)?,
        requester: Actor {
            name: short("Beställare", &input.requester.name)?,
            role: short("Beställarens roll", &input.requester.role)?,
        },
    };
    if body.quantity == 0.0 {
        return Err(Error::invalid("Antal måste vara större än 0."));
    }
    tx.append_now(&actor, Some(&input.event_id), KIND_REQUEST_MADE, &body)?;
    request(tx, &body.request_id)
}

/// Approves, approves in part or denies a request, judged on the request as the write lock sees
/// it: two officers deciding at once cannot both succeed.
pub fn decide_request(tx: &mut Tx<'_>, actor: &Actor, input: &RequestDecision) -> Result<Request> {
    let actor = actor.validate()?;
    let req = request(tx, &input.request_id)?;
    if req.status != RequestStatus::Ny {
        return Err(Error::conflict("Begäran är redan beslutad."));
    }
    let reason = validate::optional("Skäl", &input.reason, TEXT_MAX)?;
    let approved = match input.outcome {
        RequestStatus::Ny => return Err(Error::invalid("Välj godkand, delvis eller avslagen.")),
        RequestStatus::Godkand => req.quantity,
        RequestStatus::Avslagen if reason.is_none() => {
            return Err(Error::invalid("Ange skäl för avslag."))
        }
        RequestStatus::Avslagen => 0.0,
        RequestStatus::Delvis => {
            let q = quantity(
                "Beviljat antal",
                input
                    .approved_quantity
                    .ok_or_else(|| Error::invalid("Ange beviljat antal vid delvis bifall."))?,
            )?;
            if q <= 0.0 || q >= req.quantity {
                return Err(Error::invalid(format!(
                    "Delvis bifall: beviljat antal ska vara mer än 0 och mindre än begärda {}.",
                    req.quantity
                )));
            }
            if reason.is_none() {
                return Err(Error::invalid("Ange skäl för delvis bifall."));
            }
            q
        }
    };
    let body = RequestDecidedBody {
        request_id: req.id.clone(),
        outcome: input.outcome,
        approved_quantity: approved,
        reason,
    };
    tx.append_now(&actor, Some(&req.event_id), KIND_REQUEST_DECIDED, &body)?;
    request(tx, &req.id)
}

/// Ties an approved request to the task it serves.
pub fn assign_request(
    tx: &mut Tx<'_>,
    actor: &Actor,
    request_id: &str,
    task_id: &str,
) -> Result<Request> {
    let actor = actor.validate()?;
    let req = request(tx, request_id)?;
    if !matches!(req.status, RequestStatus::Godkand | RequestStatus::Delvis) {
        return Err(Error::conflict(
            "Bara en godkänd begäran kan knytas till ett uppdrag.",
        ));
    }
    let task = super::task::task(tx, task_id)?;
    if task.event_id != req.event_id {
        return Err(Error::invalid(
            "Uppdraget hör till en annan händelse än begäran.",
        ));
    }
    let body = RequestAssignedBody {
        request_id: req.id.clone(),
        task_id: task_id.to_string(),
    };
    tx.append_now(&actor, Some(&req.event_id), KIND_REQUEST_ASSIGNED, &body)?;
    request(tx, &req.id)
}

pub fn request(conn: &Connection, id: &str) -> Result<Request> {
    conn.query_row(
        &format!("SELECT {COLS} FROM requests WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("Det finns ingen begäran med id {id}.")))
}

pub fn list_requests(conn: &Connection, event_id: Option<&str>) -> Result<Vec<Request>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} FROM requests WHERE (?1 IS NULL OR event_id = ?1)
         ORDER BY status != 'ny', CASE priority WHEN 'akut' THEN 0 WHEN 'hog' THEN 1
                  WHEN 'normal' THEN 2 ELSE 3 END, seq"
    ))?;
    let rows = stmt.query_map([event_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    pub fn make_request(&mut self, actor: &Actor, input: &NewRequest) -> Result<Request> {
        self.write(|tx| make_request(tx, actor, input))
    }

    pub fn decide_request(&mut self, actor: &Actor, input: &RequestDecision) -> Result<Request> {
        self.write(|tx| decide_request(tx, actor, input))
    }

    pub fn assign_request(
        &mut self,
        actor: &Actor,
        request_id: &str,
        task_id: &str,
    ) -> Result<Request> {
        self.write(|tx| assign_request(tx, actor, request_id, task_id))
    }

    pub fn request(&self, id: &str) -> Result<Request> {
        request(self.connection(), id)
    }

    pub fn list_requests(&self, event_id: Option<&str>) -> Result<Vec<Request>> {
        list_requests(self.connection(), event_id)
    }
}
