//! Resources, requests and tasks: what the logistics function tracks from hour one.

pub mod request;
pub mod resource;
pub mod task;

use crate::domain::validate;
use crate::error::{Error, Result};

crate::str_enum!(
    /// Where a resource stands.
    ResourceStatus, "resursstatus", {
        Tillganglig = "tillganglig",
        Begard = "begard",
        Tilldelad = "tilldelad",
        UrFunktion = "ur_funktion",
    }
);

crate::str_enum!(
    /// How urgent a request is.
    Priority, "prioritet", { Lag = "lag", Normal = "normal", Hog = "hog", Akut = "akut" }
);

crate::str_enum!(
    RequestStatus, "begäranstatus", { Ny = "ny", Godkand = "godkand", Delvis = "delvis", Avslagen = "avslagen" }
);

crate::str_enum!(
    TaskStatus, "uppdragsstatus", { Ny = "ny", Pagar = "pagar", Klar = "klar", Avbruten = "avbruten" }
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
