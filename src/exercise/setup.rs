//! The scenario's starting state, written through the same commands as the staff's own entries
//! (by exercise control, before the start), so the staff begins in a living picture: the mode,
//! the event with its lägesbild, resources and people.

use crate::domain::Actor;
use crate::error::Result;
use crate::log::OpenEvent;
use crate::logistics::resource::NewResource;
use crate::readiness::{ModeChange, ModeId};
use crate::scenario::Scenario;
use crate::situation::SectionUpdate;
use crate::staff::NewStaff;
use crate::store::Tx;

pub fn apply(tx: &mut Tx<'_>, control: &Actor, scenario: &Scenario) -> Result<()> {
    let start = &scenario.start;
    if start.mode != ModeId::Fred {
        crate::readiness::commands::set_mode(
            tx,
            control,
            &ModeChange {
                mode: start.mode,
                basis: start
                    .mode_basis
                    .clone()
                    .unwrap_or_else(|| format!("Övningens utgångsläge ({}).", scenario.title)),
                decided_by: control.clone(),
                decision_ref: None,
                occurred_at: None,
                late_reason: None,
            },
        )?;
    }
    if !start.staff.is_empty() {
        let people: Vec<NewStaff> = start
            .staff
            .iter()
            .map(|s| NewStaff {
                name: s.name.clone(),
                roles: s.roles.clone(),
                phone: s.phone.clone(),
                rakel_id: None,
                email: None,
                organisation: s.organisation.clone(),
            })
            .collect();
        crate::staff::add_people(tx, control, &people)?;
    }
    if !start.resources.is_empty() {
        let items: Vec<NewResource> = start
            .resources
            .iter()
            .map(|r| NewResource {
                kind: r.kind.clone(),
                name: r.name.clone(),
                quantity: r.quantity,
                unit: r.unit.clone(),
                location: r.location.clone(),
                owner: r.owner.clone(),
                status: Some(r.status),
                notes: None,
            })
            .collect();
        crate::logistics::resource::add_resources(tx, control, &items)?;
    }
    for e in &start.events {
        let event = crate::log::commands::open_event(
            tx,
            control,
            &OpenEvent {
                title: e.title.clone(),
                event_type: Some(e.event_type.clone()),
                occurred_at: None,
                late_reason: None,
            },
        )?;
        for s in &e.situation {
            crate::situation::commands::set_section(
                tx,
                control,
                &SectionUpdate {
                    event_id: Some(event.id.clone()),
                    section: s.section,
                    text: s.text.clone(),
                    next_update_at: None,
                    based_on: None,
                },
            )?;
        }
    }
    Ok(())
}
