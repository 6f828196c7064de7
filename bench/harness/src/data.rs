//! Deterministic synthetic records: Swedish text with å ä ö, events, decisions, diary lines and
//! resources. splitmix64 rather than a seeded library RNG, whose stream may change between
//! versions: the same seed must give the same data next year.

use chrono::Duration;

use krisledning::domain::Actor;
use krisledning::log::{
    Channel, DecisionKind, NewDecision, NewDiaryEntry, OpenEvent, KIND_DECISION, KIND_DIARY,
    KIND_EVENT_OPENED,
};
use krisledning::{Result, Store};

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next_u64() % xs.len() as u64) as usize]
    }
}

pub const WORDS: &[&str] = &[
    "reservkraft",
    "elverk",
    "diesel",
    "akutmottagning",
    "vårdplatser",
    "intensivvård",
    "läkemedel",
    "journalsystem",
    "rakel",
    "samverkan",
    "länsstyrelsen",
    "kommunen",
    "räddningstjänsten",
    "ambulans",
    "sjuktransport",
    "evakuering",
    "nödvatten",
    "tankbil",
    "förråd",
    "lägesbild",
    "lägesrapport",
    "stabsorientering",
    "inriktning",
    "åtgärd",
    "förstärkning",
    "personal",
    "skiftgång",
    "bemanning",
    "kommunikation",
    "allmänheten",
    "högtalare",
    "bränsle",
    "Karlskrona",
    "Karlshamn",
    "Ronneby",
    "Sölvesborg",
    "Olofström",
    "Blekingesjukhuset",
    "Wämö",
    "Ölycke",
];

pub fn sentence(rng: &mut Rng, words: usize) -> String {
    let text = (0..words)
        .map(|_| rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ");
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str() + ".")
        .unwrap_or(text)
}

/// One event with `entries` entries (the opening, then decisions and diary lines): the timeline
/// of a long event against that of a short one.
pub fn generate_event(store: &mut Store, entries: usize, seed: u64) -> Result<()> {
    generate_with(store, entries, seed, usize::MAX)
}

/// One event holding `n` decisions and nothing else: the longest beslutslogg there is to print.
/// Returns the event's id.
pub fn generate_decisions(store: &mut Store, n: usize, seed: u64) -> Result<String> {
    let mut rng = Rng::new(seed);
    let actor = Actor::new("Anna Lindqvist", "TiB");
    let event = store.open_event(
        &actor,
        &OpenEvent {
            title: "Långvarigt elavbrott i hela regionen".into(),
            event_type: Some("Övning".into()),
            ..Default::default()
        },
    )?;
    store.write(|tx| {
        for _ in 0..n {
            let d = NewDecision {
                event_id: event.id.clone(),
                kind: DecisionKind::ALL[(rng.next_u64() % 4) as usize],
                title: sentence(&mut rng, 4),
                text: sentence(&mut rng, 18),
                basis: sentence(&mut rng, 10),
                decided_by: Actor::new("Erik Johansson", "Regiondirektör"),
                ..Default::default()
            };
            krisledning::log::commands::decide(tx, &actor, &d)?;
        }
        Ok(())
    })?;
    Ok(event.id)
}

/// Fills `store` with about `entries` journal entries: one event per 1 000 entries, three diary
/// lines to each decision. Written in large transactions through the real projection code.
pub fn generate(store: &mut Store, entries: usize, seed: u64) -> Result<()> {
    generate_with(store, entries, seed, 1000)
}

fn generate_with(store: &mut Store, entries: usize, seed: u64, per_event: usize) -> Result<()> {
    let mut rng = Rng::new(seed);
    let actor = Actor::new("Anna Lindqvist", "TiB");
    let start = store.now() - Duration::days(30);
    let mut written = store.status()?.entries as usize;
    let target = written + entries;
    let first = written;
    let mut event_id = String::new();
    while written < target {
        let batch = (target - written).min(10_000);
        store.write(|tx| {
            for i in 0..batch {
                let n = written + i;
                let at = start + Duration::seconds(n as i64);
                if (n - first).is_multiple_of(per_event) || event_id.is_empty() {
                    event_id = uuid::Uuid::now_v7().to_string();
                    let (body, _) = OpenEvent {
                        title: format!("Händelse {n}: {}", sentence(&mut rng, 3)),
                        event_type: Some("Övning".into()),
                        ..Default::default()
                    }
                    .validate(tx.now())?;
                    tx.append(&actor, Some(&event_id), KIND_EVENT_OPENED, &body, at)?;
                } else if n.is_multiple_of(4) {
                    let (body, _) = NewDecision {
                        event_id: event_id.clone(),
                        kind: DecisionKind::ALL[(rng.next_u64() % 4) as usize],
                        title: sentence(&mut rng, 4),
                        text: sentence(&mut rng, 18),
                        basis: sentence(&mut rng, 10),
                        decided_by: Actor::new("Erik Johansson", "Regiondirektör"),
                        ..Default::default()
                    }
                    .validate(tx.now())?;
                    tx.append(&actor, Some(&event_id), KIND_DECISION, &body, at)?;
                } else {
                    let (body, _) = NewDiaryEntry {
                        event_id: event_id.clone(),
                        text: sentence(&mut rng, 14),
                        channel: Channel::ALL[(rng.next_u64() % 7) as usize],
                        ..Default::default()
                    }
                    .validate(tx.now())?;
                    tx.append(&actor, Some(&event_id), KIND_DIARY, &body, at)?;
                }
            }
            Ok(())
        })?;
        written += batch;
    }
    Ok(())
}

/// A decision of the size the staff writes, for the append measurements.
pub fn decision(
    rng: &mut Rng,
    event_id: &str,
    actor: &krisledning::domain::Actor,
) -> krisledning::log::NewDecision {
    krisledning::log::NewDecision {
        event_id: event_id.to_string(),
        title: sentence(rng, 4),
        text: sentence(rng, 18),
        basis: sentence(rng, 10),
        decided_by: actor.clone(),
        ..Default::default()
    }
}
