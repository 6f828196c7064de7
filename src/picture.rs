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
use crate::plans::{ActivationView, Text};
use crate::readiness::modes::{self, ModeDef};
use crate::reports::ReportKind;
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
    pub event_title: String,
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
    pub event_title: String,
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
    /// Every open event with what is overdue in it (the organisation's picture lists them; an
    /// event's picture has them for switching).
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
    /// The event's last issued lägesrapport (an event's picture only).
    pub last_report: Option<crate::reports::IssuedReport>,
    /// Critical services one of whose dependencies is down in an open event, the one whose
    /// maximum tolerable outage runs out first leading.
    pub affected_services: Vec<crate::continuity::AffectedService>,
    /// The dependencies down (an event's picture only; restored ones too).
    pub dependency_hits: Vec<crate::continuity::DependencyHit>,
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
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, event_id, title, decided_by, occurred_at, follow_up_at, event_title) = row?;
        let follow_up_overdue = follow_up_at
            .as_deref()
            .and_then(|f| time::parse("follow_up_at", f).ok())
            .is_some_and(|f| f <= now);
        out.push(DecisionLine {
            id,
            event_id,
            event_title,
            title: title.unwrap_or_default(),
            decided_by: decided_by.unwrap_or_default(),
            occurred_at,
            follow_up_at,
            follow_up_overdue,
        });
    }
    Ok(out)
}

// Each list rides an index: an event's records by time; the organisation's records newest first,
// stopping at the eighth decision in force (no sort of the whole log); the few decisions with a
// follow-up.
const LATEST_IN_EVENT: &str = "SELECT r.id, r.event_id, r.title, r.decided_by, r.occurred_at, r.follow_up_at, e.title
    FROM records r JOIN events e ON e.id = r.event_id WHERE r.event_id = ?1 AND r.record_type = 'decision' AND r.status = 'gallande'
    ORDER BY r.occurred_at DESC, r.seq DESC LIMIT ?2";
const LATEST_ANYWHERE: &str =
    "SELECT r.id, r.event_id, r.title, r.decided_by, r.occurred_at, r.follow_up_at, e.title
    FROM records r JOIN events e ON e.id = r.event_id
    WHERE ?1 IS NULL AND e.status = 'open' AND r.record_type = 'decision' AND r.status = 'gallande'
    ORDER BY r.seq DESC LIMIT ?2";
const FOLLOW_UPS: &str =
    "SELECT r.id, r.event_id, r.title, r.decided_by, r.occurred_at, r.follow_up_at, e.title
    FROM records r JOIN events e ON e.id = r.event_id
    WHERE r.follow_up_at IS NOT NULL AND (?1 IS NULL OR r.event_id = ?1) AND e.status = 'open'
      AND r.status = 'gallande'
    ORDER BY r.follow_up_at LIMIT ?2";

fn plan_line(a: &ActivationView, open: &[Event]) -> PlanLine {
    let items = a.cards.iter().flat_map(|c| &c.items);
    PlanLine {
        activation_id: a.id.clone(),
        event_id: a.event_id.clone(),
        event_title: open
            .iter()
            .find(|e| e.id == a.event_id)
            .map(|e| e.title.clone())
            .unwrap_or_default(),
        title: a.title.clone(),
        done: a.done,
        skipped: a.skipped,
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
        let all_open: Vec<Event> = self
            .list_events()?
            .into_iter()
            .filter(|e| e.status == EventStatus::Open)
            .collect();
        // What the picture is about: the one event (if it is open), or every open event.
        let open: Vec<Event> = match &event {
            Some(e) => all_open.iter().filter(|o| o.id == e.id).cloned().collect(),
            None => all_open.clone(),
        };
        let mode = modes::definition(self.current_mode()?)?.clone();
        let cadence = chrono::Duration::hours(i64::from(mode.report_every_hours));

        // Every open event's plans and tasks: the lines for switching need them all, and the
        // picture's own lists are the subset of its scope.
        let in_scope = |ev: &str| open.iter().any(|o| o.id == ev);
        let all_activations = crate::plans::activation::open_activations(conn, now)?;
        let all_tasks: Vec<Task> = self
            .list_tasks(None)?
            .into_iter()
            .filter(|t| all_open.iter().any(|e| e.id == t.event_id))
            .collect();
        let activations: Vec<&ActivationView> = all_activations
            .iter()
            .filter(|a| in_scope(&a.event_id))
            .collect();
        let tasks: Vec<&Task> = all_tasks.iter().filter(|t| in_scope(&t.event_id)).collect();
        let follow_ups = decision_lines(conn, FOLLOW_UPS, event_id, now)?;

        let follow_ups_due = self.overdue_follow_ups(now)?;
        let mut events = Vec::new();
        let mut next_report_due: Option<Ts> = None;
        let reports_due = crate::reports::queries::ReportDue::read(conn)?;
        for e in &all_open {
            let opened = time::parse("opened_at", &e.opened_at)?;
            let due = reports_due.of(&e.id, opened, cadence)?;
            if in_scope(&e.id) {
                next_report_due = Some(next_report_due.map_or(due, |n| n.min(due)));
            }
            events.push(EventLine {
                event: e.clone(),
                overdue_items: all_activations
                    .iter()
                    .filter(|a| a.event_id == e.id)
                    .map(|a| a.overdue)
                    .sum(),
                overdue_tasks: all_tasks
                    .iter()
                    .filter(|t| t.event_id == e.id && is_overdue(t, now))
                    .count() as u32,
                overdue_follow_ups: follow_ups_due.get(&e.id).copied().unwrap_or(0),
                next_report_due: Some(time::format(&due)),
            });
        }

        let on_duty: Vec<RosterEntry> = match event_id {
            Some(id) if !open.is_empty() => self.roster(id)?,
            Some(_) => Vec::new(),
            None => crate::staff::on_duty(conn)?,
        };

        Ok(SituationPicture {
            organisation: self.meta("organisation")?.unwrap_or_default(),
            at: time::format(&now),
            mode,
            events,
            sections: self.situation_sections(event_id)?,
            latest_decisions: decision_lines(
                conn,
                if event_id.is_some() {
                    LATEST_IN_EVENT
                } else {
                    LATEST_ANYWHERE
                },
                event_id,
                now,
            )?,
            follow_ups,
            plans: activations
                .iter()
                .map(|a| plan_line(a, &all_open))
                .collect(),
            open_tasks: tasks
                .iter()
                .filter(|t| matches!(t.status, TaskStatus::Ny | TaskStatus::Pagar))
                .count() as u32,
            overdue_tasks: tasks
                .into_iter()
                .filter(|t| is_overdue(t, now))
                .cloned()
                .collect(),
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
            affected_services: crate::continuity::queries::affected(conn, event_id, now)?,
            dependency_hits: match event_id {
                Some(id) => crate::continuity::queries::hits(conn, id)?,
                None => Vec::new(),
            },
            last_report: match event_id {
                Some(id) => crate::reports::queries::last(conn, id, ReportKind::Lagesrapport)?,
                None => None,
            },
            head_seq: self.head_seq()?,
            event,
        })
    }

    /// Follow-ups past due per event, in one walk of the follow-up index.
    fn overdue_follow_ups(&self, now: Ts) -> Result<std::collections::HashMap<String, u32>> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT event_id, count(*) FROM records WHERE follow_up_at IS NOT NULL
               AND follow_up_at <= ?1 AND status = 'gallande' GROUP BY event_id",
        )?;
        let rows = stmt.query_map([time::format(&now)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
