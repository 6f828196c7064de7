//! Krigsplacering and inställelse.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::staffing::{self, Staffing};
use super::{KIND_PLACED, KIND_REPORTED, KIND_UNPLACED};
use crate::domain::validate::{self, NAME_MAX, TEXT_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::readiness::ModeId;
use crate::store::{Store, Tx};

/// A krigsplacering here (`function`, `place`, `shift`, `replacement_id`), or with another
/// authority (`elsewhere`: "Försvarsmakten", "Hemvärnet" …), which makes the person unavailable
/// to the region's war organisation. Exactly one of `function` and `elsewhere`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewPlacement {
    pub staff_id: String,
    #[ts(optional)]
    pub function: Option<String>,
    /// Krigsarbetsplats: where the person reports.
    #[ts(optional)]
    pub place: Option<String>,
    #[ts(optional)]
    pub shift: Option<String>,
    /// Who takes over the function when the person cannot.
    #[ts(optional)]
    pub replacement_id: Option<String>,
    #[ts(optional)]
    pub elsewhere: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Unplace {
    pub staff_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportForDuty {
    pub staff_id: String,
    #[ts(optional)]
    pub note: Option<String>,
    /// When the person reported, when logged afterwards.
    #[ts(optional)]
    pub at: Option<String>,
}

/// Journal body of `war.placed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacedBody {
    pub staff_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elsewhere: Option<String>,
}

/// Journal body of `war.unplaced`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnplacedBody {
    pub staff_id: String,
    pub reason: String,
}

/// Journal body of `war.reported`; the entry's time is when the person reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportedBody {
    pub staff_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn person(tx: &Tx<'_>, field: &str, id: &str) -> Result<String> {
    let id = validate::required(field, id, NAME_MAX)?;
    let known = crate::staff::list_staff(tx)?
        .into_iter()
        .any(|s| s.id == id);
    if !known {
        return Err(Error::not_found(format!(
            "{field}: det finns ingen person med id {} i personallistan. Se `kris staff list`.",
            crate::text::preview(&id)
        ))
        .with("field", field)
        .with("staff_id", crate::text::preview(&id)));
    }
    Ok(id)
}

pub fn place(tx: &mut Tx<'_>, actor: &Actor, input: &NewPlacement) -> Result<Staffing> {
    let actor = actor.validate()?;
    let staff_id = person(tx, "Person", &input.staff_id)?;
    let function = validate::optional("Funktion", &input.function, NAME_MAX)?;
    let elsewhere = validate::optional("Krigsplacerad hos", &input.elsewhere, NAME_MAX)?;
    let body = match (function, elsewhere) {
        (Some(function), None) => {
            let replacement_id = input
                .replacement_id
                .as_deref()
                .filter(|r| !r.trim().is_empty())
                .map(|r| person(tx, "Ersättare", r))
                .transpose()?;
            if replacement_id.as_deref() == Some(staff_id.as_str()) {
                return Err(
                    Error::invalid("En person kan inte vara sin egen ersättare.")
                        .with("field", "Ersättare"),
                );
            }
            PlacedBody {
                staff_id,
                function: Some(function),
                place: Some(validate::required(
                    "Krigsarbetsplats",
                    input.place.as_deref().unwrap_or(""),
                    NAME_MAX,
                )?),
                shift: validate::optional("Skift", &input.shift, NAME_MAX)?,
                replacement_id,
                elsewhere: None,
            }
        }
        (None, Some(_))
            if input
                .replacement_id
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty()) =>
        {
            return Err(Error::invalid(
                "En person som är krigsplacerad hos annan myndighet har ingen ersättare här. Ange \
                 ersättaren på den som har funktionen i regionen.",
            )
            .with("field", "Ersättare"))
        }
        (None, Some(elsewhere)) => PlacedBody {
            staff_id,
            function: None,
            place: None,
            shift: None,
            replacement_id: None,
            elsewhere: Some(elsewhere),
        },
        _ => {
            return Err(Error::invalid(
                "Ange antingen en funktion i regionens krigsorganisation eller var personen är \
                 krigsplacerad i stället (t.ex. Försvarsmakten), inte båda.",
            )
            .with("field", "Funktion"))
        }
    };
    tx.append_now(&actor, None, KIND_PLACED, &body)?;
    staffing::staffing(tx, crate::readiness::commands::current_mode(tx)?)
}

pub fn unplace(tx: &mut Tx<'_>, actor: &Actor, input: &Unplace) -> Result<Staffing> {
    let actor = actor.validate()?;
    let staff_id = person(tx, "Person", &input.staff_id)?;
    if staffing::placement(tx, &staff_id)?.is_none() {
        return Err(
            Error::not_found("Personen har ingen krigsplacering att upphäva.")
                .with("staff_id", staff_id),
        );
    }
    let body = UnplacedBody {
        staff_id,
        reason: validate::required("Skäl", &input.reason, TEXT_MAX)?,
    };
    tx.append_now(&actor, None, KIND_UNPLACED, &body)?;
    staffing::staffing(tx, crate::readiness::commands::current_mode(tx)?)
}

/// Inställelse: a krigsplacerad person has reported at the place of duty. Only while the war
/// organisation is in force, and only for someone placed here.
pub fn report(tx: &mut Tx<'_>, actor: &Actor, input: &ReportForDuty) -> Result<Staffing> {
    let actor = actor.validate()?;
    let staff_id = person(tx, "Person", &input.staff_id)?;
    let mode = crate::readiness::commands::current_mode(tx)?;
    let def = crate::readiness::modes::definition(mode)?;
    if !def.war_organisation {
        return Err(Error::conflict(format!(
            "Krigsorganisationen gäller inte i {}. Inställelse registreras vid högsta \
             beredskap eller efter beredskapslarm.",
            def.name.sv
        ))
        .with("mode", mode.as_str()));
    }
    match staffing::placement(tx, &staff_id)? {
        Some(p) if p.function.is_some() => {}
        Some(p) => {
            return Err(Error::conflict(format!(
                "Personen är krigsplacerad hos {} och ska inte inställa sig här.",
                p.elsewhere.unwrap_or_default()
            ))
            .with("staff_id", staff_id))
        }
        None => {
            return Err(Error::conflict(
                "Personen har ingen krigsplacering här. Krigsplacera hen först.",
            )
            .with("staff_id", staff_id))
        }
    }
    let since = staffing::in_force_since(tx)?;
    if let Some(since) = since {
        if let Some(at) = staffing::reported_since(tx, &staff_id, since)? {
            return Err(Error::conflict(format!(
                "Personen har redan inställt sig ({}).",
                crate::time::local_minute(&at)
            ))
            .with("staff_id", staff_id)
            .with("reported_at", at));
        }
    }
    let at = validate::optional_time("Inställd", &input.at)?
        .map(|t| validate::happened(t, tx.now()))
        .transpose()?
        .unwrap_or(tx.now());
    if let Some(start) = since
        .map(|s| staffing::changed_at(tx, s))
        .transpose()?
        .flatten()
    {
        if at < crate::time::parse("Inställd", &start)? {
            return Err(Error::invalid(format!(
                "Inställelsen ({}) ligger före beslutet som satte krigsorganisationen i kraft ({}).",
                crate::time::local_minute(&crate::time::format(&at)),
                crate::time::local_minute(&start)
            ))
            .with("field", "Inställd")
            .with("in_force_at", start));
        }
    }
    let body = ReportedBody {
        staff_id,
        note: validate::optional("Anteckning", &input.note, TEXT_MAX)?,
    };
    tx.append(&actor, None, KIND_REPORTED, &body, at)?;
    staffing::staffing(tx, mode)
}

impl Store {
    pub fn place_staff(&mut self, actor: &Actor, input: &NewPlacement) -> Result<Staffing> {
        self.write(|tx| place(tx, actor, input))
    }

    pub fn unplace_staff(&mut self, actor: &Actor, input: &Unplace) -> Result<Staffing> {
        self.write(|tx| unplace(tx, actor, input))
    }

    pub fn report_for_duty(&mut self, actor: &Actor, input: &ReportForDuty) -> Result<Staffing> {
        self.write(|tx| report(tx, actor, input))
    }

    /// The staffing of `mode`'s functions; the current mode when none is given.
    pub fn staffing(&self, mode: Option<ModeId>) -> Result<Staffing> {
        let mode = match mode {
            Some(m) => m,
            None => self.current_mode()?,
        };
        staffing::staffing(self.connection(), mode)
    }
}
