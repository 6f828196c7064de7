//! Recording critical services, and a dependency going down and coming back in an event.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::queries::{self, DependencyHit, Service};
use super::{Dependency, KIND_HIT, KIND_RESTORED, KIND_SERVICE};
use crate::domain::validate::{self, NAME_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};

/// A new critical service, or (with `service_id`) a revision of one: the whole record again.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewService {
    #[ts(optional)]
    pub service_id: Option<String>,
    pub name: String,
    pub owner: String,
    /// Maximal tolerabel avbrottstid, in hours.
    pub mto_hours: u32,
    pub dependencies: Vec<Dependency>,
    /// The reserve routine: how the service goes on without what it depends on.
    pub reserve: String,
    #[serde(default)]
    pub plans: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewHit {
    pub event_id: String,
    pub dependency: Option<Dependency>,
    /// What is down and where: "Elavbrott Lasarettet, reservkraft i drift".
    pub note: String,
    /// When it went down, when that was before it was logged.
    #[ts(optional)]
    pub since: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RestoreHit {
    pub hit_id: String,
    pub note: String,
}

/// Journal body of `service.recorded`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceBody {
    pub service_id: String,
    pub name: String,
    pub owner: String,
    pub mto_hours: u32,
    pub dependencies: Vec<Dependency>,
    pub reserve: String,
    pub plans: Vec<String>,
}

/// Journal body of `dependency.hit`; the entry's time is when it went down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitBody {
    pub hit_id: String,
    pub dependency: Dependency,
    pub note: String,
}

/// Journal body of `dependency.restored`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestoredBody {
    pub hit_id: String,
    pub note: String,
}

/// A week: a longer MTO is not a critical service.
pub const MTO_MAX_HOURS: u32 = 168;

pub fn record_service(tx: &mut Tx<'_>, actor: &Actor, input: &NewService) -> Result<Service> {
    let actor = actor.validate()?;
    // Read once: the service revised and any other of the same name.
    let all = queries::services(tx)?;
    let service_id = match validate::optional("Tjänst", &input.service_id, NAME_MAX)? {
        Some(id) => queries::find_service(&all, &id)?.id.clone(),
        None => uuid::Uuid::now_v7().to_string(),
    };
    if !(1..=MTO_MAX_HOURS).contains(&input.mto_hours) {
        return Err(Error::invalid(format!(
            "Maximal avbrottstid anges i hela timmar, 1–{MTO_MAX_HOURS} (fick {}).",
            input.mto_hours
        ))
        .with("field", "MTO")
        .with("value", input.mto_hours));
    }
    let mut dependencies = input.dependencies.clone();
    dependencies.sort_by_key(|d| d.as_str());
    dependencies.dedup();
    if dependencies.is_empty() {
        return Err(Error::invalid(
            "Ange minst ett beroende (el, vatten, IT, personal, leveranser, transporter).",
        )
        .with("field", "Beroenden"));
    }
    let name = validate::required("Tjänst", &input.name, TITLE_MAX)?;
    if let Some(twin) = all
        .iter()
        .find(|s| s.id != service_id && crate::text::fold(&s.name) == crate::text::fold(&name))
    {
        return Err(Error::conflict(format!(
            "Tjänsten \"{}\" finns redan (id {}). Revidera den i stället för att lägga till den igen.",
            twin.name, twin.id
        ))
        .with("service_id", &twin.id));
    }
    let body = ServiceBody {
        service_id,
        name,
        owner: validate::required("Ansvarig", &input.owner, NAME_MAX)?,
        mto_hours: input.mto_hours,
        dependencies,
        reserve: validate::required("Reservrutin", &input.reserve, TEXT_MAX)?,
        plans: crate::plans::library::known_plans(tx, &input.plans)?,
    };
    tx.append_now(&actor, None, KIND_SERVICE, &body)?;
    queries::service(tx, &body.service_id)
}

pub fn hit(tx: &mut Tx<'_>, actor: &Actor, input: &NewHit) -> Result<DependencyHit> {
    let actor = actor.validate()?;
    let event_id = validate::required("Händelse", &input.event_id, NAME_MAX)?;
    let dependency = input.dependency.ok_or_else(|| {
        Error::invalid("Välj vilket beroende som är utslaget.").with("field", "Beroende")
    })?;
    if let Some(open) = queries::hits(tx, &event_id)?
        .into_iter()
        .find(|h| h.dependency == dependency && h.restored_at.is_none())
    {
        return Err(Error::conflict(format!(
            "{} är redan registrerat som utslaget i händelsen sedan {} (id {}). Återställ det \
             först, eller skriv det nya i stabsdagboken.",
            dependency.label(),
            crate::time::local_minute(&open.since),
            open.id
        ))
        .with("hit_id", open.id)
        .with("dependency", dependency.as_str()));
    }
    let since = validate::optional_time("Sedan", &input.since)?
        .map(|t| validate::happened(t, tx.now()))
        .transpose()?
        .unwrap_or(tx.now());
    let body = HitBody {
        hit_id: uuid::Uuid::now_v7().to_string(),
        dependency,
        note: validate::required("Beskrivning", &input.note, TEXT_MAX)?,
    };
    tx.append(&actor, Some(&event_id), KIND_HIT, &body, since)?;
    queries::hit(tx, &body.hit_id)
}

pub fn restore(tx: &mut Tx<'_>, actor: &Actor, input: &RestoreHit) -> Result<DependencyHit> {
    let actor = actor.validate()?;
    let id = validate::required("Beroende", &input.hit_id, NAME_MAX)?;
    let current = queries::hit(tx, &id)?;
    if let Some(at) = &current.restored_at {
        return Err(Error::conflict(format!(
            "{} återställdes redan {}.",
            current.dependency.label(),
            crate::time::local_minute(at)
        ))
        .with("hit_id", &current.id));
    }
    let body = RestoredBody {
        hit_id: current.id.clone(),
        note: validate::required("Anteckning", &input.note, TEXT_MAX)?,
    };
    tx.append_now(&actor, Some(&current.event_id), KIND_RESTORED, &body)?;
    queries::hit(tx, &current.id)
}

impl Store {
    pub fn record_service(&mut self, actor: &Actor, input: &NewService) -> Result<Service> {
        self.write(|tx| record_service(tx, actor, input))
    }

    pub fn dependency_hit(&mut self, actor: &Actor, input: &NewHit) -> Result<DependencyHit> {
        self.write(|tx| hit(tx, actor, input))
    }

    pub fn restore_dependency(
        &mut self,
        actor: &Actor,
        input: &RestoreHit,
    ) -> Result<DependencyHit> {
        self.write(|tx| restore(tx, actor, input))
    }

    pub fn services(&self) -> Result<Vec<Service>> {
        queries::services(self.connection())
    }

    /// Dependencies recorded down in an event, restored ones too.
    pub fn dependency_hits(&self, event_id: &str) -> Result<Vec<DependencyHit>> {
        self.get_event(event_id)?;
        queries::hits(self.connection(), event_id)
    }

    pub fn affected_services(&self, event_id: Option<&str>) -> Result<Vec<super::AffectedService>> {
        if let Some(id) = event_id {
            self.get_event(id)?;
        }
        queries::affected(self.connection(), event_id, self.now())
    }
}
