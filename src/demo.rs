//! A realistic first event so a new user sees a working log, not an empty screen. Written through
//! the same commands as everything else, so it is chained, verifiable and searchable.

use chrono::Duration;

use crate::domain::Actor;
use crate::error::Result;
use crate::log::{Channel, DecisionKind, NewDecision, NewDiaryEntry, OpenEvent};
use crate::store::Store;
use crate::time;

pub fn seed(store: &mut Store) -> Result<()> {
    let tib = Actor::new("Anna Lindqvist", "TiB");
    let director = Actor::new("Erik Johansson", "Regiondirektör");
    let now = store.now();
    let at = |minutes: i64| Some(time::format(&(now - Duration::minutes(minutes))));
    let late = Some("Demodata: inlagt i efterhand".to_string());
    let event = store.open_event(
        &tib,
        &OpenEvent {
            title: "IT-avbrott Blekingesjukhuset".into(),
            event_type: Some("IT-avbrott".into()),
            occurred_at: at(95),
            late_reason: late.clone(),
        },
    )?;
    let diary = |minutes, channel, from: &str, text: &str| NewDiaryEntry {
        event_id: event.id.clone(),
        text: text.into(),
        channel,
        from_party: Some(from.into()),
        to_party: Some("TiB".into()),
        occurred_at: at(minutes),
        late_reason: late.clone(),
    };
    store.log_diary(&tib, &diary(94, Channel::Telefon, "IT-jour", "Journalsystemet och labbsvar ligger nere på Blekingesjukhuset sedan 02:30. Orsak okänd, misstänkt intrång."))?;
    store.log_diary(
        &tib,
        &diary(
            80,
            Channel::Rakel,
            "Akutmottagningen Karlskrona",
            "Akuten går över till reservrutiner på papper. Väntetider ökar.",
        ),
    )?;
    store.decide(
        &tib,
        &NewDecision {
            event_id: event.id.clone(),
            kind: DecisionKind::Inriktning,
            title: "Regional särskild händelse".into(),
            text: "Regional särskild händelse deklareras. Krisledningsstab sammankallas 04:00."
                .into(),
            basis:
                "Rapport från IT-jour och akutmottagning; påverkan på patientsäkerhet i hela länet."
                    .into(),
            alternatives: Some(
                "Hantera inom ordinarie linje (avfärdat: flera förvaltningar berörs).".into(),
            ),
            decided_by: director.clone(),
            mandate: Some("Delegationsordning 4.2".into()),
            occurred_at: at(70),
            late_reason: late.clone(),
            follow_up_at: Some(time::format(&(now + Duration::hours(2)))),
            distribution: Some("Krisledningsstab, förvaltningschefer, kommunikation".into()),
            ..Default::default()
        },
    )?;
    store.decide(
        &tib,
        &NewDecision {
            event_id: event.id,
            kind: DecisionKind::Verkstallighet,
            title: "Planerade operationer ställs in".into(),
            text: "Alla planerade operationer i Karlskrona ställs in till kl 12.".into(),
            basis: "Operationsplanering och labbsvar otillgängliga.".into(),
            decided_by: Actor::new("Maria Berg", "Stabschef"),
            occurred_at: at(40),
            late_reason: late,
            ..Default::default()
        },
    )?;
    Ok(())
}
