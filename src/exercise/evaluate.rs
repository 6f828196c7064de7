//! The staff's actions against what the scenario expected: for each expected action, the first
//! journal entry that shows it (kind, body, words; after the inject it depends on), its exercise
//! time, and met / late / missed against the deadline. Control may overrule an outcome with a
//! note (a phone call made outside the app), and the overruling is an entry like everything else.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::clock::ExerciseClock;
use super::stored::{self, Loaded};
use super::{ExerciseState, Outcome};
use crate::efter::lesson::Lesson;
use crate::error::Result;
use crate::journal::Envelope;
use crate::scenario::{t_plus, Expected, Trigger};
use crate::store::{registry, Slice};
use crate::time::{self, Ts};

/// The entry that showed an expected action was taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Evidence {
    #[ts(type = "number")]
    pub entry_seq: i64,
    pub summary: String,
    pub author: String,
    pub role: String,
    pub wall: String,
    /// Exercise time it was written, `T+00:25`.
    pub at: String,
    #[ts(type = "number")]
    pub at_s: i64,
}

/// Control's judgement, overruling what the record alone shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Assessment {
    pub outcome: Outcome,
    pub note: String,
    pub by: String,
    pub wall: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActionResult {
    pub id: String,
    pub text: String,
    /// Deadline, `T+00:30`.
    pub by: String,
    pub by_s: u32,
    /// The outcome that counts: control's assessment if there is one, else the record's.
    pub outcome: Outcome,
    /// What the record alone shows.
    pub recorded: Outcome,
    pub evidence: Option<Evidence>,
    pub assessment: Option<Assessment>,
}

/// The whole evaluation, as the control view, `kris exercise evaluate` and the report show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Evaluation {
    pub title: String,
    pub state: ExerciseState,
    /// Exercise time now (or when it ended); `None` before the start.
    pub t_now: Option<String>,
    pub actions: Vec<ActionResult>,
    pub met: u32,
    pub late: u32,
    pub missed: u32,
    pub pending: u32,
    pub not_applicable: u32,
    pub injects_delivered: u32,
    pub injects_total: u32,
    pub contingencies_fired: u32,
    pub hotwash: Vec<stored::HotwashNote>,
    /// The improvement plan: the exercise's lessons with owner and due date.
    pub lessons: Vec<Lesson>,
}

/// Exercise time at a stored wall time; entries before the start count as T+0.
fn t_of(clock: &ExerciseClock, wall: &str) -> Result<i64> {
    Ok(clock.t_at(time::parse("wall", wall)?).unwrap_or(0))
}

/// The first entry after the start (and after the inject it depends on) that shows the action.
fn evidence(
    conn: &Connection,
    slices: &[Slice],
    ex: &Loaded,
    clock: &ExerciseClock,
    expected: &Expected,
) -> Result<Option<Evidence>> {
    let Some(started) = ex.started_seq else {
        return Ok(None);
    };
    let mut from = started;
    if let Some(after) = expected.after {
        let delivered: Option<i64> = conn
            .query_row(
                "SELECT seq FROM exercise_injects WHERE inject_seq = ?1",
                [after],
                |r| r.get(0),
            )
            .optional()?;
        match delivered {
            Some(seq) => from = from.max(seq),
            None => return Ok(None),
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT pos, id, device_id, workspace, recorded_at, occurred_at, author, role, event_id,
                kind, body, prev_hash
         FROM entries WHERE kind = ?1 AND pos > ?2 ORDER BY pos",
    )?;
    let mut rows = stmt.query(rusqlite::params![expected.matcher.kind, from])?;
    while let Some(r) = rows.next()? {
        let body_text: String = r.get(10)?;
        let body: serde_json::Value = serde_json::from_str(&body_text)?;
        if !expected.matcher.matches(&expected.matcher.kind, &body) {
            continue;
        }
        let (seq, recorded_at): (i64, String) = (r.get(0)?, r.get(4)?);
        let (id, device, workspace, occurred, author, role, kind, prev): (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
        ) = (
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(9)?,
            r.get(11)?,
        );
        let event_id: Option<String> = r.get(8)?;
        let env = Envelope {
            seq,
            id: &id,
            device_id: &device,
            workspace: &workspace,
            recorded_at: &recorded_at,
            occurred_at: &occurred,
            author: &author,
            role: &role,
            event_id: event_id.as_deref(),
            kind: &kind,
            body: &body_text,
            prev_hash: &prev,
        };
        let at_ms = t_of(clock, &recorded_at)?;
        return Ok(Some(Evidence {
            entry_seq: seq,
            summary: registry::describe(slices, conn, &env),
            author,
            role,
            at: t_plus(at_ms / 1000),
            at_s: at_ms / 1000,
            wall: recorded_at,
        }));
    }
    Ok(None)
}

fn assessment(conn: &Connection, action: &str) -> Result<Option<Assessment>> {
    let row: Option<(String, String, String, String)> = conn
        .query_row(
            "SELECT status, note, author, wall FROM exercise_assessments
             WHERE action = ?1 ORDER BY seq DESC LIMIT 1",
            [action],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(row.map(|(status, note, by, wall)| Assessment {
        outcome: Outcome::parse(&status).unwrap_or(Outcome::NotApplicable),
        note,
        by,
        wall,
    }))
}

/// One expected action at exercise time `t_ms` (the time now, or when the exercise ended).
pub fn action(
    conn: &Connection,
    slices: &[Slice],
    ex: &Loaded,
    clock: &ExerciseClock,
    expected: &Expected,
    t_ms: Option<i64>,
) -> Result<ActionResult> {
    let evidence = evidence(conn, slices, ex, clock, expected)?;
    let deadline = i64::from(expected.by) * 1000;
    let recorded = match (&evidence, t_ms) {
        (Some(e), _) if e.at_s * 1000 <= deadline => Outcome::Met,
        (Some(_), _) => Outcome::Late,
        (None, _) if ex.state == ExerciseState::Ended => Outcome::Missed,
        (None, Some(t)) if t > deadline => Outcome::Missed,
        (None, _) => Outcome::Pending,
    };
    let assessment = assessment(conn, &expected.id)?;
    Ok(ActionResult {
        id: expected.id.clone(),
        text: expected.text.clone(),
        by: t_plus(deadline / 1000),
        by_s: expected.by,
        outcome: assessment.as_ref().map_or(recorded, |a| a.outcome),
        recorded,
        evidence,
        assessment,
    })
}

/// Whether a contingency's trigger holds at `t_ms`.
pub fn trigger_holds(
    conn: &Connection,
    slices: &[Slice],
    ex: &Loaded,
    clock: &ExerciseClock,
    trigger: &Trigger,
    t_ms: Option<i64>,
) -> Result<bool> {
    let Some(expected) = ex.scenario.expected(trigger.action()) else {
        return Ok(false);
    };
    let outcome = action(conn, slices, ex, clock, expected, t_ms)?.outcome;
    Ok(match trigger {
        Trigger::Missed(_) => outcome == Outcome::Missed,
        Trigger::Met(_) => matches!(outcome, Outcome::Met | Outcome::Late),
    })
}

/// Exercise time now, or where the clock stood when the exercise ended.
pub fn t_now(clock: &ExerciseClock, now: Ts) -> Option<i64> {
    clock.t_at(now)
}

pub fn evaluate(conn: &Connection, slices: &[Slice], now: Ts) -> Result<Evaluation> {
    let ex = stored::require(conn)?;
    let clock = ExerciseClock::read(conn)?;
    let t = t_now(&clock, now);
    let mut actions = Vec::new();
    for expected in &ex.scenario.expected {
        actions.push(action(conn, slices, &ex, &clock, expected, t)?);
    }
    let count = |o: Outcome| actions.iter().filter(|a| a.outcome == o).count() as u32;
    let delivered = stored::delivered(conn)?;
    let mut lessons = Vec::new();
    for event in crate::log::queries::list_events(conn)? {
        lessons.extend(crate::efter::lesson::lessons(conn, Some(&event.id), now)?);
    }
    Ok(Evaluation {
        title: ex.scenario.title.clone(),
        state: ex.state,
        t_now: t.map(|t| t_plus(t / 1000)),
        met: count(Outcome::Met),
        late: count(Outcome::Late),
        missed: count(Outcome::Missed),
        pending: count(Outcome::Pending),
        not_applicable: count(Outcome::NotApplicable),
        injects_delivered: delivered.iter().filter(|d| d.seq.is_some()).count() as u32,
        injects_total: ex.scenario.injects.len() as u32,
        contingencies_fired: delivered.iter().filter(|d| d.contingency.is_some()).count() as u32,
        actions,
        hotwash: stored::hotwash(conn)?,
        lessons,
    })
}
