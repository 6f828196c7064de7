//! The lägesbild as the staff sees it on the wall: the mode, the event, the staff's own sections,
//! and beside them what the record already knows — decisions and their follow-ups, plan progress
//! with overdue items, overdue tasks, resources asked for or out of service, entries flagged
//! betydande, who is on duty and when the next lägesrapport is due. One event, or the whole
//! organisation over every open event. Computed on request from the projections; nothing here
//! writes.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::log::{Event, EventStatus};
use crate::logistics::request::Request;
use crate::logistics::resource::Resource;
use crate::logistics::task::Task;
use crate::logistics::{RequestStatus, ResourceStatus, TaskStatus};
use crate::plans::{ActivationView, ItemState, Text};
use crate::readiness::modes::{self, ModeDef};
use crate::situation::SectionView;
use crate::staff::RosterEntry;
use crate::store::Store;
use crate::time::{self, Ts};
use crate::timeline::TimelineItem;

/// How many lines each list on the wall holds: more would not be read from 5 m.
pub const LIST_MAX: u32 = 8;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DecisionLine {
    pub id: String,
    pub event_id: String,
    pub title: String,
    pub decided_by: String,
    pub occurred_at: String,
    pub follow_up_at: Option<String>,
    pub follow_up_overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanLine {
    pub activation_id: String,
    pub event_id: String,
    pub title: Text,
    pub done: u32,
    pub skipped: u32,
    pub total: u32,
    /// Texts of the open items past their deadline.
    pub overdue_items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EventLine {
    pub event: Event,
    pub overdue_items: u32,
    pub overdue_tasks: u32,
    pub overdue_follow_ups: u32,
    pub next_report_due: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SituationPicture {
    pub organisation: String,
    /// When this picture was computed.
    pub at: String,
    pub mode: ModeDef,
    /// The event; none for the organisation's picture.
    pub event: Option<Event>,
    /// The organisation's picture: every open event with what is overdue in it.
    pub events: Vec<EventLine>,
    pub sections: Vec<SectionView>,
    pub latest_decisions: Vec<DecisionLine>,
    /// Decisions in force with a follow-up time, soonest first.
    pub follow_ups: Vec<DecisionLine>,
    pub plans: Vec<PlanLine>,
    pub overdue_tasks: Vec<Task>,
    pub open_tasks: u32,
    /// Requests not yet decided.
    pub pending_requests: Vec<Request>,
    /// Resources asked for or out of service.
    pub resources_attention: Vec<Resource>,
    pub flagged: Vec<TimelineItem>,
    pub on_duty: Vec<RosterEntry>,
    pub next_report_due: Option<String>,
    /// The newest entry the picture includes: the window asks again when the head moves.
    pub head_seq: i64,
}

fn decision_lines(
    conn: &Connection,
    sql: &str,
    event_id: Option<&str>,
    now: Ts,
) -> Result<Vec<DecisionLine>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(rusqlite::params![event_id, LIST_MAX], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, event_id, title, decided_by, occurred_at, follow_up_at) = row?;
        let follow_up_overdue = follow_up_at
            .as_deref()
            .and_then(|f| time::parse("follow_up_at", f).ok())
            .is_some_and(|f| f <= now);
        out.push(DecisionLine {
            id,
            event_id,
            title: title.unwrap_or_default(),
            decided_by: decided_by.unwrap_or_default(),
            occurred_at,
            follow_up_at,
            follow_up_overdue,
        });
    }
    Ok(out)
}

// Both lists ride an index: the event's records by time, and the few decisions with a follow-up.
const LATEST: &str = "SELECT r.id, r.event_id, r.title, r.decided_by, r.occurred_at, r.follow_up_at
    FROM records r JOIN events e ON e.id = r.event_id
    WHERE (?1 IS NULL OR r.event_id = ?1) AND e.status = 'open'
      AND r.record_type = 'decision' AND r.status = 'gallande'
    ORDER BY r.occurred_at DESC, r.seq DESC LIMIT ?2";
const FOLLOW_UPS: &str =
    "SELECT r.id, r.event_id, r.title, r.decided_by, r.occurred_at, r.follow_up_at
    FROM records r JOIN events e ON e.id = r.event_id
    WHERE r.follow_up_at IS NOT NULL AND (?1 IS NULL OR r.event_id = ?1) AND e.status = 'open'
      AND r.status = 'gallande'
    ORDER BY r.follow_up_at LIMIT ?2";

fn plan_line(a: &ActivationView) -> PlanLine {
    let items = a.cards.iter().flat_map(|c| &c.items);
    PlanLine {
        activation_id: a.id.clone(),
        event_id: a.event_id.clone(),
        title: a.title.clone(),
        done: a.done,
        skipped: items
            .clone()
            .filter(|i| i.state == ItemState::Skipped)
            .count() as u32,
        total: a.total,
        overdue_items: items
            .filter(|i| i.overdue)
            .map(|i| i.text.clone())
            .collect(),
    }
}

fn is_overdue(task: &Task, now: Ts) -> bool {
    matches!(task.status, TaskStatus::Ny | TaskStatus::Pagar)
        && task
            .due
            .as_deref()
            .and_then(|d| time::parse("due", d).ok())
            .is_some_and(|d| d <= now)
}

impl Store {
    /// The lägesbild of one event, or with `None` of the organisation over its open events.
    pub fn situation(&self, event_id: Option<&str>) -> Result<SituationPicture> {
        let conn = self.connection();
        let now = self.now();
        let event = event_id.map(|id| self.get_event(id)).transpose()?;
        let event_id = event.as_ref().map(|e| e.id.as_str());
        let open: Vec<Event> = match &event {
            Some(e) => vec![e.clone()]
                .into_iter()
                .filter(|e| e.status == EventStatus::Open)
                .collect(),
            None => self
                .list_events()?
                .into_iter()
                .filter(|e| e.status == EventStatus::Open)
                .collect(),
        };
        let mode = modes::definition(self.current_mode()?)?.clone();
        let cadence = chrono::Duration::hours(i64::from(mode.report_every_hours));

        let activations = match event_id {
            Some(id) => crate::plans::activation::event_activations(conn, now, id)?
                .into_iter()
                .filter(|a| a.status == crate::plans::ActivationStatus::Active)
                .collect(),
            None => crate::plans::activation::open_activations(conn, now)?,
        };
        let tasks: Vec<Task> = self
            .list_tasks(event_id)?
            .into_iter()
            .filter(|t| open.iter().any(|e| e.id == t.event_id))
            .collect();
        let follow_ups = decision_lines(conn, FOLLOW_UPS, event_id, now)?;

        let mut events = Vec::new();
        let mut next_report_due: Option<Ts> = None;
        for e in &open {
            let opened = time::parse("opened_at", &e.opened_at)?;
            let due = modes::next_report_due(opened, cadence, now);
            next_report_due = Some(next_report_due.map_or(due, |n| n.min(due)));
            if event_id.is_none() {
                events.push(EventLine {
                    event: e.clone(),
                    overdue_items: activations
                        .iter()
                        .filter(|a| a.event_id == e.id)
                        .map(|a| a.overdue)
                        .sum(),
                    overdue_tasks: tasks
                        .iter()
                        .filter(|t| t.event_id == e.id && is_overdue(t, now))
                        .count() as u32,
                    overdue_follow_ups: self.overdue_follow_ups(&e.id, now)?,
                    next_report_due: Some(time::format(&due)),
                });
            }
        }

        let mut on_duty: Vec<RosterEntry> = Vec::new();
        for e in &open {
            for r in self.roster(&e.id)? {
                if !on_duty
                    .iter()
                    .any(|o| o.staff.id == r.staff.id && o.role == r.role)
                {
                    on_duty.push(r);
                }
            }
        }

        Ok(SituationPicture {
            organisation: self.meta("organisation")?.unwrap_or_default(),
            at: time::format(&now),
            mode,
            events,
            sections: self.situation_sections(event_id)?,
            latest_decisions: decision_lines(conn, LATEST, event_id, now)?,
            follow_ups,
            plans: activations.iter().map(plan_line).collect(),
            open_tasks: tasks
                .iter()
                .filter(|t| matches!(t.status, TaskStatus::Ny | TaskStatus::Pagar))
                .count() as u32,
            overdue_tasks: tasks.into_iter().filter(|t| is_overdue(t, now)).collect(),
            pending_requests: self
                .list_requests(event_id)?
                .into_iter()
                .filter(|r| {
                    r.status == RequestStatus::Ny && open.iter().any(|e| e.id == r.event_id)
                })
                .collect(),
            resources_attention: self
                .list_resources()?
                .into_iter()
                .filter(|r| {
                    matches!(
                        r.status,
                        ResourceStatus::Begard | ResourceStatus::UrFunktion
                    )
                })
                .collect(),
            flagged: crate::timeline::queries::flagged(conn, self.slices(), event_id, LIST_MAX)?,
            on_duty,
            next_report_due: next_report_due.map(|t| time::format(&t)),
            head_seq: self.status()?.entries,
            event,
        })
    }

    fn overdue_follow_ups(&self, event_id: &str, now: Ts) -> Result<u32> {
        Ok(self.connection().query_row(
            "SELECT count(*) FROM records WHERE follow_up_at IS NOT NULL AND follow_up_at <= ?2
               AND event_id = ?1 AND status = 'gallande'",
            rusqlite::params![event_id, time::format(&now)],
            |r| r.get(0),
        )?)
    }
}
