//! The year as the board reads it: goals with their activities, exercises held, and what the
//! record shows happened — counted from the entries, never typed in.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{GoalOutcome, Phase};
use crate::error::{Error, Result};
use crate::risk::{RiskArea, RiskLevel};
use crate::time::Ts;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Activity {
    pub id: String,
    pub text: String,
    pub owner: String,
    pub due: String,
    pub phase: Phase,
    pub phase_note: Option<String>,
    pub phase_at: String,
    pub phase_by: String,
    /// Not yet at Agera and the due date has passed.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Goal {
    pub id: String,
    pub year: i32,
    pub title: String,
    pub measure: String,
    pub target: String,
    pub owner: String,
    pub set_at: String,
    pub set_by: String,
    pub outcome: Option<GoalOutcome>,
    pub outcome_note: Option<String>,
    pub assessed_at: Option<String>,
    pub activities: Vec<Activity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExerciseHeld {
    pub id: String,
    pub title: String,
    pub held_on: String,
    pub form: String,
    pub participants: u32,
    pub summary: String,
    pub source: Option<String>,
    pub recorded_by: String,
}

/// What the record shows for the year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct YearCounts {
    pub exercises_held: u32,
    pub events_opened: u32,
    pub events_closed: u32,
    pub decisions: u32,
    pub deviations: u32,
    pub lessons_recorded: u32,
    pub lessons_closed: u32,
    /// New versions of plans imported into the library.
    pub plan_revisions: u32,
    pub revision_proposals: u32,
    pub risks_registered: u32,
    pub risks_reassessed: u32,
    pub risks_closed: u32,
    pub mode_changes: u32,
}

crate::str_enum!(
    /// Which way a risk moved over the year.
    Movement, "Okänd riktning", {
        Ny = "ny",
        Upp = "upp",
        Ned = "ned",
        Oforandrad = "oforandrad",
        Avslutad = "avslutad",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RiskMovement {
    pub risk_id: String,
    pub title: String,
    pub area: RiskArea,
    pub owner: String,
    /// The score in force when the year began; none for a risk registered during it.
    pub from_score: Option<u8>,
    pub to_score: u8,
    pub to_level: RiskLevel,
    pub movement: Movement,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct YearEvent {
    pub id: String,
    pub title: String,
    pub event_type: String,
    pub opened_at: String,
    pub closed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanRevision {
    pub plan_id: String,
    pub title: String,
    pub version: u32,
    pub imported_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct YearFollowUp {
    pub year: i32,
    /// The year's ends in stored (UTC) form: local midnight on 1 January, and the next one.
    pub from: String,
    pub to: String,
    pub counts: YearCounts,
    pub goals: Vec<Goal>,
    pub exercises: Vec<ExerciseHeld>,
    pub events: Vec<YearEvent>,
    pub revisions: Vec<PlanRevision>,
    /// Highest score at year end first.
    pub risks: Vec<RiskMovement>,
}

const GOAL_COLS: &str = "id, year, title, measure, target, owner, set_at, set_by, outcome,
    outcome_note, assessed_at";

fn goal_row(r: &Row<'_>) -> rusqlite::Result<Goal> {
    let outcome: Option<String> = r.get(8)?;
    Ok(Goal {
        id: r.get(0)?,
        year: r.get(1)?,
        title: r.get(2)?,
        measure: r.get(3)?,
        target: r.get(4)?,
        owner: r.get(5)?,
        set_at: r.get(6)?,
        set_by: r.get(7)?,
        outcome: outcome.and_then(|o| GoalOutcome::parse(&o).ok()),
        outcome_note: r.get(9)?,
        assessed_at: r.get(10)?,
        activities: Vec::new(),
    })
}

fn with_activities(conn: &Connection, mut goal: Goal, now: Ts) -> Result<Goal> {
    let today = crate::time::local_date(&now).to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, owner, due, phase, phase_note, phase_at, phase_by
         FROM goal_activities WHERE goal_id = ?1 ORDER BY due, seq",
    )?;
    goal.activities = stmt
        .query_map([&goal.id], |r| {
            let phase = Phase::parse(&r.get::<_, String>(4)?).unwrap_or_default();
            let due: String = r.get(3)?;
            Ok(Activity {
                id: r.get(0)?,
                text: r.get(1)?,
                owner: r.get(2)?,
                overdue: phase != Phase::Agera && due < today,
                due,
                phase,
                phase_note: r.get(5)?,
                phase_at: r.get(6)?,
                phase_by: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(goal)
}

pub fn goal(conn: &Connection, id: &str, now: Ts) -> Result<Goal> {
    let goal = conn
        .prepare_cached(&format!("SELECT {GOAL_COLS} FROM goals WHERE id = ?1"))?
        .query_row([id], goal_row)
        .optional()?
        .ok_or_else(|| {
            let id = crate::text::preview(id);
            Error::not_found(format!(
                "Det finns inget mål med id {id}. Se `kris followup show`."
            ))
            .with("goal_id", id)
        })?;
    with_activities(conn, goal, now)
}

pub fn goals(conn: &Connection, year: i32, now: Ts) -> Result<Vec<Goal>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {GOAL_COLS} FROM goals WHERE year = ?1 ORDER BY seq"
    ))?;
    let rows: Vec<Goal> = stmt
        .query_map([year], goal_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|g| with_activities(conn, g, now))
        .collect()
}

/// An activity's goal and phase now.
pub fn activity_phase(conn: &Connection, id: &str) -> Result<(String, Phase)> {
    let (goal, phase): (String, String) = conn
        .prepare_cached("SELECT goal_id, phase FROM goal_activities WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| {
            let id = crate::text::preview(id);
            Error::not_found(format!("Det finns ingen aktivitet med id {id}."))
                .with("activity_id", id)
        })?;
    Ok((goal, Phase::parse(&phase)?))
}

const HELD_COLS: &str = "id, title, held_on, form, participants, summary, source, recorded_by";

fn held_row(r: &Row<'_>) -> rusqlite::Result<ExerciseHeld> {
    Ok(ExerciseHeld {
        id: r.get(0)?,
        title: r.get(1)?,
        held_on: r.get(2)?,
        form: r.get(3)?,
        participants: r.get(4)?,
        summary: r.get(5)?,
        source: r.get(6)?,
        recorded_by: r.get(7)?,
    })
}

pub fn exercise(conn: &Connection, id: &str) -> Result<ExerciseHeld> {
    conn.prepare_cached(&format!(
        "SELECT {HELD_COLS} FROM exercises_held WHERE id = ?1"
    ))?
    .query_row([id], held_row)
    .optional()?
    .ok_or_else(|| Error::not_found("Övningen finns inte bland de genomförda.").with("held_id", id))
}

pub fn exercise_by_source(conn: &Connection, source: &str) -> Result<Option<ExerciseHeld>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {HELD_COLS} FROM exercises_held WHERE source = ?1"
        ))?
        .query_row([source], held_row)
        .optional()?)
}

/// Local midnight on 1 January of `year`, in stored form.
fn year_start(year: i32) -> Result<String> {
    use chrono::TimeZone;
    chrono::Local
        .with_ymd_and_hms(year, 1, 1, 0, 0, 0)
        .earliest()
        .map(|t| crate::time::format(&t.with_timezone(&chrono::Utc)))
        .ok_or_else(|| Error::invalid(format!("År {year} kan inte följas upp.")).with("year", year))
}

fn count(conn: &Connection, sql: &str, from: &str, to: &str) -> Result<u32> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([from, to], |r| r.get(0))?)
}

pub fn follow_up(conn: &Connection, year: i32, now: Ts) -> Result<YearFollowUp> {
    if !(2000..=2100).contains(&year) {
        return Err(
            Error::invalid(format!("År {year} är inte rimligt. Ange t.ex. 2026."))
                .with("year", year),
        );
    }
    let (from, to) = (year_start(year)?, year_start(year + 1)?);
    let (dfrom, dto) = (format!("{year}-01-01"), format!("{}-01-01", year + 1));
    let between = |col: &str, table: &str| {
        format!("SELECT count(*) FROM {table} WHERE {col} >= ?1 AND {col} < ?2")
    };
    let counts = YearCounts {
        exercises_held: count(conn, &between("held_on", "exercises_held"), &dfrom, &dto)?,
        events_opened: count(conn, &between("opened_at", "events"), &from, &to)?,
        events_closed: count(conn, &between("closed_at", "events"), &from, &to)?,
        decisions: count(
            conn,
            "SELECT count(*) FROM records WHERE record_type = 'decision' AND occurred_at >= ?1 AND occurred_at < ?2",
            &from,
            &to,
        )?,
        deviations: count(conn, &between("occurred_at", "deviations"), &from, &to)?,
        lessons_recorded: count(conn, &between("recorded_at", "lessons"), &from, &to)?,
        lessons_closed: count(conn, &between("closed_at", "lessons"), &from, &to)?,
        plan_revisions: count(
            conn,
            "SELECT count(*) FROM imported_plans p JOIN entries e ON e.pos = p.seq
             WHERE e.recorded_at >= ?1 AND e.recorded_at < ?2",
            &from,
            &to,
        )?,
        revision_proposals: count(conn, &between("proposed_at", "revision_proposals"), &from, &to)?,
        risks_registered: count(conn, &between("registered_at", "risks"), &from, &to)?,
        risks_reassessed: count(
            conn,
            "SELECT count(*) FROM risk_assessments a JOIN risks r ON r.id = a.risk_id
             WHERE a.seq <> r.seq AND a.assessed_at >= ?1 AND a.assessed_at < ?2",
            &from,
            &to,
        )?,
        risks_closed: count(conn, &between("closed_at", "risks"), &from, &to)?,
        mode_changes: count(conn, &between("occurred_at", "mode_history"), &from, &to)?,
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {HELD_COLS} FROM exercises_held WHERE held_on >= ?1 AND held_on < ?2 ORDER BY held_on, seq"
    ))?;
    let exercises = stmt
        .query_map([&dfrom, &dto], held_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, event_type, opened_at, closed_at FROM events
         WHERE opened_at < ?2 AND (closed_at IS NULL OR closed_at >= ?1) ORDER BY opened_at",
    )?;
    let events = stmt
        .query_map([&from, &to], |r| {
            Ok(YearEvent {
                id: r.get(0)?,
                title: r.get(1)?,
                event_type: r.get(2)?,
                opened_at: r.get(3)?,
                closed_at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let titles = crate::plans::library::plan_titles(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.plan_id, p.version, e.recorded_at FROM imported_plans p JOIN entries e ON e.pos = p.seq
         WHERE e.recorded_at >= ?1 AND e.recorded_at < ?2 ORDER BY e.recorded_at",
    )?;
    let revisions = stmt
        .query_map([&from, &to], |r| {
            let plan_id: String = r.get(0)?;
            Ok(PlanRevision {
                title: titles
                    .get(&plan_id)
                    .cloned()
                    .unwrap_or_else(|| plan_id.clone()),
                plan_id,
                version: r.get(1)?,
                imported_at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(YearFollowUp {
        year,
        counts,
        goals: goals(conn, year, now)?,
        exercises,
        events,
        revisions,
        risks: movements(conn, &from, &to, now)?,
        from,
        to,
    })
}

/// Each risk that was in the register during the year, from its score when the year began to
/// its score when it ended (or now).
fn movements(conn: &Connection, from: &str, to: &str, now: Ts) -> Result<Vec<RiskMovement>> {
    use crate::risk::queries::{assessment_at, risks, RiskFilter};
    let all = risks(
        conn,
        &RiskFilter {
            area: None,
            include_closed: Some(true),
        },
        now,
    )?;
    let mut out = Vec::new();
    for r in all {
        if r.registered_at.as_str() >= to {
            continue;
        }
        let closed_before = r.closed.as_ref().is_some_and(|c| c.at.as_str() < from);
        if closed_before {
            continue;
        }
        let start = assessment_at(conn, &r.id, from)?;
        let Some(end) = assessment_at(conn, &r.id, to)? else {
            continue;
        };
        let movement = match (&start, &r.closed) {
            (_, Some(c)) if c.at.as_str() < to => Movement::Avslutad,
            (None, _) => Movement::Ny,
            (Some(s), _) if end.score > s.score => Movement::Upp,
            (Some(s), _) if end.score < s.score => Movement::Ned,
            _ => Movement::Oforandrad,
        };
        out.push(RiskMovement {
            risk_id: r.id,
            title: r.title,
            area: r.area,
            owner: r.owner,
            from_score: start.map(|s| s.score),
            to_score: end.score,
            to_level: end.level,
            movement,
        });
    }
    out.sort_by(|a, b| (b.to_score, &a.title).cmp(&(a.to_score, &b.title)));
    Ok(out)
}
