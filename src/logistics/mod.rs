//! Resources, requests and tasks: what the logistics function tracks from hour one.

pub mod projection;
pub mod request;
pub mod resource;
pub mod task;

use crate::store::{Migration, Slice};

pub const KIND_RESOURCE_ADDED: &str = "resource.added";
pub const KIND_RESOURCE_CHANGED: &str = "resource.changed";
pub const KIND_REQUEST_MADE: &str = "request.made";
pub const KIND_REQUEST_DECIDED: &str = "request.decided";
pub const KIND_REQUEST_ASSIGNED: &str = "request.assigned";
pub const KIND_TASK_CREATED: &str = "task.created";
pub const KIND_TASK_STATUS: &str = "task.status";

pub const SLICE: Slice = Slice {
    name: "logistics",
    migrations: &[Migration {
        name: "logistics",
        sql: include_str!("schema/0001_logistics.sql"),
    }],
    kinds: &[
        KIND_RESOURCE_ADDED,
        KIND_RESOURCE_CHANGED,
        KIND_REQUEST_MADE,
        KIND_REQUEST_DECIDED,
        KIND_REQUEST_ASSIGNED,
        KIND_TASK_CREATED,
        KIND_TASK_STATUS,
    ],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};

use crate::domain::validate;
use crate::error::{Error, Result};

crate::str_enum!(
    /// Where a resource stands.
    ResourceStatus, "Okänd resursstatus", {
        Tillganglig = "tillganglig",
        Begard = "begard",
        Tilldelad = "tilldelad",
        UrFunktion = "ur_funktion",
    }
);

crate::str_enum!(
    /// How urgent a request is.
    Priority, "Okänd prioritet", { Lag = "lag", Normal = "normal", Hog = "hog", Akut = "akut" }
);

crate::str_enum!(
    RequestStatus, "Okänd status för begäran", { Ny = "ny", Godkand = "godkand", Delvis = "delvis", Avslagen = "avslagen" }
);

crate::str_enum!(
    TaskStatus, "Okänd uppdragsstatus", { Ny = "ny", Pagar = "pagar", Klar = "klar", Avbruten = "avbruten" }
);

/// Quantities are counts, litres, kWh …: finite, not negative, not absurd.
pub fn quantity(field: &str, q: f64) -> Result<f64> {
    if !q.is_finite() || !(0.0..=1e9).contains(&q) {
        return Err(Error::invalid(format!(
            "{field} måste vara ett tal mellan 0 och 1 000 000 000."
        )));
    }
    Ok(q)
}

pub(crate) fn short(field: &str, v: &str) -> Result<String> {
    validate::required(field, v, validate::NAME_MAX)
}
