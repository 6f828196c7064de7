//! Deterministic synthetic records: Swedish text with å ä ö, events, decisions, diary lines and
//! resources. splitmix64 rather than a seeded library RNG, whose stream may change between
//! versions: the same seed must give the same data next year.

use chrono::Duration;

use crate::domain::{Actor, Channel, DecisionKind, NewDecision, NewDiaryEntry, OpenEvent};
use crate::error::Result;
use crate::journal::canonical_body;
use crate::store::append::Draft;
use crate::store::project::{KIND_DECISION, KIND_DIARY, KIND_EVENT_OPENED};
use crate::store::Store;

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

/// Fills `store` with about `entries` journal entries: one event per 1 000 entries, three diary
/// lines to each decision. Written in large transactions through the real projection code.
pub fn generate(store: &mut Store, entries: usize, seed: u64) -> Result<()> {
    let mut rng = Rng::new(seed);
    let actor = Actor::new("Anna Lindqvist", "TiB");
    let start = store.clock.now() - Duration::days(30);
    let mut written = store.status()?.entries as usize;
    let target = written + entries;
    let mut event_id = String::new();
    while written < target {
        let batch = (target - written).min(10_000);
        let mut bodies: Vec<(String, Option<String>, &'static str)> = Vec::with_capacity(batch);
        for i in 0..batch {
            let n = written + i;
            if n.is_multiple_of(1000) || event_id.is_empty() {
                event_id = uuid::Uuid::now_v7().to_string();
                let (body, _) = OpenEvent {
                    title: format!("Händelse {n}: {}", sentence(&mut rng, 3)),
                    event_type: Some("Övning".into()),
                    ..Default::default()
                }
                .validate(store.clock.now())?;
                bodies.push((
                    canonical_body(&body)?,
                    Some(event_id.clone()),
                    KIND_EVENT_OPENED,
                ));
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
                .validate(store.clock.now())?;
                bodies.push((
                    canonical_body(&body)?,
                    Some(event_id.clone()),
                    KIND_DECISION,
                ));
            } else {
                let (body, _) = NewDiaryEntry {
                    event_id: event_id.clone(),
                    text: sentence(&mut rng, 14),
                    channel: Channel::ALL[(rng.next_u64() % 7) as usize],
                    ..Default::default()
                }
                .validate(store.clock.now())?;
                bodies.push((canonical_body(&body)?, Some(event_id.clone()), KIND_DIARY));
            }
        }
        let now = store.clock.now();
        let drafts = bodies
            .iter()
            .enumerate()
            .map(|(i, (body, ev, kind))| Draft {
                recorded_at: now,
                occurred_at: start + Duration::seconds((written + i) as i64),
                actor: &actor,
                event_id: ev.as_deref(),
                kind,
                body: body.clone(),
            })
            .collect();
        store.append_all(drafts, |_| Ok(()))?;
        written += batch;
    }
    Ok(())
}
