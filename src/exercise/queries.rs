//! What the exercise store shows: the participants' view (what has arrived, nothing of control's
//! notes) and control's view (the whole MSEL, notes, triggers, the evaluation so far).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use super::stored::{
    delivered, hotwash, loaded, require, DeliveredInject, HotwashNote, Loaded,
};

use super::clock::ExerciseClock;
use super::evaluate::{self, ActionResult};
use super::{ControlAction, ExerciseState};
use crate::error::Result;
use crate::log::Channel;
use crate::scenario::{t_plus, Fire, Trigger};
use crate::store::{Slice, Store};
use crate::time::{self, Ts};

/// What every participant sees: the exercise, its clock and the injects that have arrived.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExerciseView {
    pub title: String,
    /// The title in English, when the scenario gives one.
    pub title_en: Option<String>,
    pub scenario_id: String,
    pub background: String,
    pub objectives: Vec<String>,
    pub participants: Vec<String>,
    pub state: ExerciseState,
    pub speed: u32,
    /// Exercise time when this was read; `None` before the start.
    #[ts(type = "number | null")]
    pub t_ms: Option<i64>,
    /// The wall time it was read at, so the window can run the clock on between reads.
    pub as_of: String,
    pub duration: String,
    pub duration_s: u32,
    pub started_at: Option<String>,
    pub ended_at: Option<String>,
    pub injects_total: u32,
    /// Newest first.
    pub delivered: Vec<DeliveredInject>,
}

/// A row of the master events list as control sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MselRow {
    pub seq: u32,
    pub at: String,
    pub at_s: u32,
    pub channel: Channel,
    pub from: String,
    pub to: String,
    pub text: String,
    pub note: Option<String>,
    pub expects: Vec<String>,
    pub delivered: Option<DeliveredInject>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ContingencyRow {
    pub id: String,
    /// `Om A1 inte är gjord vid T+00:30`.
    pub trigger: String,
    /// The trigger holds now: control may send it (an automatic one is sent by the clock).
    pub ready: bool,
    pub fire: Fire,
    pub channel: Channel,
    pub from: String,
    pub to: String,
    pub text: String,
    pub note: Option<String>,
    pub delivered: Option<DeliveredInject>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ControlRecord {
    #[ts(type = "number")]
    pub entry_seq: i64,
    pub wall: String,
    pub action: ControlAction,
    pub at: String,
    pub speed: u32,
    pub to_seq: Option<u32>,
    pub author: String,
    pub role: String,
}

/// Exercise control's view: everything, including what participants never see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ControlView {
    pub exercise: ExerciseView,
    pub file: String,
    pub sha256: String,
    pub msel: Vec<MselRow>,
    pub contingencies: Vec<ContingencyRow>,
    pub actions: Vec<ActionResult>,
    pub hotwash: Vec<HotwashNote>,
    pub clock: Vec<ControlRecord>,
    /// The next inject by the running clock: wall time and T+.
    pub next_inject: Option<String>,
    pub next_inject_at: Option<String>,
}

pub fn view(conn: &Connection, now: Ts) -> Result<ExerciseView> {
    let ex = require(conn)?;
    let clock = ExerciseClock::read(conn)?;
    let mut delivered = delivered(conn)?;
    delivered.reverse();
    Ok(ExerciseView {
        title: ex.scenario.title.clone(),
        title_en: ex.scenario.title_en.clone(),
        scenario_id: ex.scenario.id.clone(),
        background: ex.scenario.background.clone(),
        objectives: ex.scenario.objectives.clone(),
        participants: ex.scenario.participants.clone(),
        state: ex.state,
        speed: ex.speed,
        t_ms: ex.started_seq.and(clock.t_at(now)),
        as_of: time::format(&now),
        duration: t_plus(ex.scenario.duration.into()),
        duration_s: ex.scenario.duration,
        started_at: ex.started_at.clone(),
        ended_at: ex.ended_at.clone(),
        injects_total: ex.scenario.injects.len() as u32,
        delivered,
    })
}

fn trigger_text(ex: &Loaded, trigger: &Trigger) -> String {
    let by = ex
        .scenario
        .expected(trigger.action())
        .map(|e| t_plus(e.by.into()))
        .unwrap_or_default();
    match trigger {
        Trigger::Missed(a) => format!("Om {a} inte är gjord vid {by}"),
        Trigger::Met(a) => format!("När {a} är gjord"),
    }
}

pub fn control(conn: &Connection, slices: &[Slice], now: Ts) -> Result<ControlView> {
    let exercise = view(conn, now)?;
    let ex = require(conn)?;
    let clock = ExerciseClock::read(conn)?;
    let t = exercise.t_ms;
    let delivered = delivered(conn)?;
    let find = |key: &str| delivered.iter().find(|d| d.key == key).cloned();
    let msel: Vec<MselRow> = ex
        .scenario
        .injects
        .iter()
        .map(|i| MselRow {
            seq: i.seq,
            at: t_plus(i.at.into()),
            at_s: i.at,
            channel: i.message.channel,
            from: i.message.from.clone(),
            to: i.message.to.clone(),
            text: i.message.text.clone(),
            note: i.message.note.clone(),
            expects: i.expects.clone(),
            delivered: find(&i.seq.to_string()),
        })
        .collect();
    let mut contingencies = Vec::new();
    for c in &ex.scenario.contingencies {
        contingencies.push(ContingencyRow {
            id: c.id.clone(),
            trigger: trigger_text(&ex, &c.trigger),
            ready: evaluate::trigger_holds(conn, slices, &ex, &clock, &c.trigger, t)?,
            fire: c.fire,
            channel: c.message.channel,
            from: c.message.from.clone(),
            to: c.message.to.clone(),
            text: c.message.text.clone(),
            note: c.message.note.clone(),
            delivered: find(&c.id),
        });
    }
    let mut actions = Vec::new();
    for e in &ex.scenario.expected {
        actions.push(evaluate::action(conn, slices, &ex, &clock, e, t)?);
    }
    let next = msel.iter().find(|m| m.delivered.is_none());
    Ok(ControlView {
        file: ex.file.clone(),
        sha256: ex.sha256.clone(),
        next_inject: next.map(|m| format!("{} {}", m.seq, m.at)),
        next_inject_at: next
            .and_then(|m| clock.wall_at(i64::from(m.at_s) * 1000))
            .map(|w| time::format(&w)),
        exercise,
        msel,
        contingencies,
        actions,
        hotwash: hotwash(conn)?,
        clock: control_records(conn)?,
    })
}

fn control_records(conn: &Connection) -> Result<Vec<ControlRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, wall, action, t_ms, speed, to_seq, author, role FROM exercise_clock ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        let action: String = r.get(2)?;
        Ok(ControlRecord {
            entry_seq: r.get(0)?,
            wall: r.get(1)?,
            action: ControlAction::parse(&action).unwrap_or(ControlAction::Pause),
            at: t_plus(r.get::<_, i64>(3)? / 1000),
            speed: r.get(4)?,
            to_seq: r.get(5)?,
            author: r.get(6)?,
            role: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When the exercise clock next has something to deliver, on the wall: the next inject, or the
/// deadline after which an automatic contingency may fire. `None` while the clock stands.
pub fn next_due(conn: &Connection, now: Ts) -> Result<Option<Ts>> {
    let Some(ex) = loaded(conn)? else {
        return Ok(None);
    };
    if ex.state != ExerciseState::Running {
        return Ok(None);
    }
    let clock = ExerciseClock::read(conn)?;
    let t = clock.t_at(now).unwrap_or(0);
    let delivered: std::collections::HashSet<String> =
        delivered(conn)?.into_iter().map(|d| d.key).collect();
    // An inject already due but not delivered is due now; a deadline already passed is not:
    // the delivery at that deadline has judged it, and judging it again would spin.
    let injects = ex
        .scenario
        .injects
        .iter()
        .filter(|i| !delivered.contains(&i.seq.to_string()))
        .map(|i| i64::from(i.at) * 1000);
    let deadlines = ex
        .scenario
        .contingencies
        .iter()
        .filter(|c| c.fire == Fire::Auto && !delivered.contains(&c.id))
        .filter(|c| matches!(c.trigger, Trigger::Missed(_)))
        .filter_map(|c| ex.scenario.expected(c.trigger.action()))
        .map(|e| i64::from(e.by) * 1000 + 1)
        .filter(|d| *d > t);
    Ok(injects
        .chain(deadlines)
        .min()
        .and_then(|t| clock.wall_at(t)))
}

impl Store {
    /// The participants' view of this store's exercise.
    pub fn exercise_view(&self) -> Result<ExerciseView> {
        view(self.connection(), self.now())
    }

    /// Exercise control's view.
    pub fn exercise_control_view(&self) -> Result<ControlView> {
        control(self.connection(), self.slices(), self.now())
    }

    pub fn exercise_evaluation(&self) -> Result<evaluate::Evaluation> {
        evaluate::evaluate(self.connection(), self.slices(), self.now())
    }

    pub fn exercise_next_due(&self) -> Result<Option<Ts>> {
        next_due(self.connection(), self.now())
    }
}
