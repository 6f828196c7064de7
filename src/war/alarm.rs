//! Beredskapslarm: the government's call that puts the war organisation in force at once. One
//! transaction records the mode change (marked as a larm), opens the event the staff works the
//! larm in, and activates every plan the mode proposes there — nobody has to remember a step
//! while the phones ring.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::validate::{self, TEXT_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::log::{Event, OpenEvent};
use crate::plans::ActivationView;
use crate::readiness::{ModeChange, ModeId, ModeStatus};
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Beredskapslarm {
    /// `hogsta` unless the larm is for `krig`.
    #[ts(optional)]
    pub mode: Option<ModeId>,
    /// What was received: "Regeringen har beslutat om beredskapslarm, mottaget via Rakel 04:12".
    pub basis: String,
    pub decided_by: Actor,
    #[ts(optional)]
    pub decision_ref: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AlarmOutcome {
    pub status: ModeStatus,
    /// The event the larm is worked in.
    pub event: Event,
    pub activations: Vec<ActivationView>,
}

pub fn beredskapslarm(
    tx: &mut Tx<'_>,
    actor: &Actor,
    input: &Beredskapslarm,
) -> Result<AlarmOutcome> {
    let mode = input.mode.unwrap_or(ModeId::Hogsta);
    let def = crate::readiness::modes::definition(mode)?;
    if !def.war_organisation {
        return Err(Error::invalid(format!(
            "Beredskapslarm sätter krigsorganisationen i kraft och gäller högsta beredskap eller \
             krig, inte {}. Byt läge med ett vanligt beslut i stället.",
            def.name.sv
        ))
        .with("mode", mode.as_str()));
    }
    let current =
        crate::readiness::modes::definition(crate::readiness::commands::current_mode(tx)?)?;
    if current.level >= def.level {
        return Err(Error::conflict(format!(
            "Regionen är redan i {}. Ett beredskapslarm höjer beredskapen; att gå till {} är ett \
             vanligt beslut om läge.",
            current.name.sv, def.name.sv
        ))
        .with("current", current.id.as_str())
        .with("mode", mode.as_str()));
    }
    let basis = validate::required("Underlag", &input.basis, TEXT_MAX)?;
    crate::readiness::commands::change(
        tx,
        actor,
        &ModeChange {
            mode,
            basis: basis.clone(),
            decided_by: input.decided_by.clone(),
            decision_ref: input.decision_ref.clone(),
            occurred_at: None,
            late_reason: None,
        },
        true,
    )?;
    let event = crate::log::commands::open_event(
        tx,
        actor,
        &OpenEvent {
            title: format!("Beredskapslarm – {}", def.name.sv),
            event_type: Some("Beredskapslarm".to_string()),
            occurred_at: None,
            late_reason: None,
        },
    )?;
    let mut activations = Vec::new();
    for plan_id in &def.propose_plans {
        activations.push(crate::plans::activation::activate_plan(
            tx, actor, plan_id, &event.id,
        )?);
    }
    Ok(AlarmOutcome {
        status: crate::readiness::commands::mode_status(tx)?,
        event: crate::log::queries::get_event(tx, &event.id)?,
        activations,
    })
}

impl Store {
    pub fn beredskapslarm(
        &mut self,
        actor: &Actor,
        input: &Beredskapslarm,
    ) -> Result<AlarmOutcome> {
        self.write(|tx| beredskapslarm(tx, actor, input))
    }
}
