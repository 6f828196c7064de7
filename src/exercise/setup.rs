//! The scenario's starting state, written through the same commands as the staff's own entries
//! (by exercise control, before the start), so the staff begins in a living picture: the mode,
//! the event with its lägesbild, resources and people.

use crate::domain::Actor;
use crate::error::Result;
use crate::log::OpenEvent;
use crate::readiness::{ModeChange, ModeId};
use crate::scenario::Scenario;
use crate::situation::SectionUpdate;
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
        crate::staff::add_people(tx, control, &start.staff)?;
    }
    if !start.resources.is_empty() {
        crate::logistics::resource::add_resources(tx, control, &start.resources)?;
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
