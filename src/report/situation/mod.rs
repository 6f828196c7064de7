//! Lägesrapport: the staff's lägesbild at one moment, numbered per event, as PDF, Markdown and
//! JSON (schema in docs/reports.md).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{word, Letterhead};
use crate::domain::Actor;
use crate::error::Result;
use crate::log::{DecisionStatus, RecordFilter, RecordType};
use crate::store::Store;
use crate::time::local_minute;

mod markdown;
mod pdf;

pub const SCHEMA: &str = "krisledning/lagesrapport/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SituationReport {
    pub schema: String,
    pub organisation: String,
    pub exercise: bool,
    pub marking: String,
    pub number: u32,
    pub issued_at: String,
    pub issued_by: String,
    pub issued_role: String,
    pub event: ReportEvent,
    pub mode: String,
    /// Who led the region in that mode (krisledningsnämnden, regionstyrelsen).
    #[serde(default)]
    pub leading_body: String,
    /// The previous report's time, or the event's opening for nr 1: what "since" means below.
    pub since: String,
    pub sections: Vec<ReportSection>,
    pub decisions_since: Vec<ReportDecision>,
    pub decisions_in_force: u32,
    pub plans: Vec<ReportPlan>,
    pub tasks_open: u32,
    pub tasks_overdue: Vec<ReportTask>,
    pub requests_pending: Vec<ReportRequest>,
    pub resources_attention: Vec<ReportResource>,
    pub next_report_due: Option<String>,
    pub journal_entries: i64,
    pub journal_head: String,
    /// The signed checkpoint of that journal (C2SP signed note), exactly as `kris verify
    /// --checkpoint` reads it.
    pub checkpoint: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportEvent {
    pub id: String,
    pub title: String,
    pub event_type: String,
    pub opened_at: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportSection {
    pub section: String,
    pub title: String,
    pub text: String,
    pub version: u32,
    pub updated_at: Option<String>,
    pub author: Option<String>,
    pub next_update_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportDecision {
    pub id: String,
    pub occurred_at: String,
    pub title: String,
    pub text: String,
    pub decided_by: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportPlan {
    pub title: String,
    pub done: u32,
    pub skipped: u32,
    pub total: u32,
    pub overdue_items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportTask {
    pub title: String,
    pub owner: String,
    pub due: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportRequest {
    pub what: String,
    pub quantity: f64,
    pub unit: String,
    pub needed_by: Option<String>,
    pub requester: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportResource {
    pub name: String,
    pub kind: String,
    pub status: String,
    pub location: String,
}

/// Reads the report that would be issued now as `actor`, numbered after the last one issued.
/// The lägesbild already holds the event and its last report; `head` is read by the caller, who
/// also needs it for the pages.
pub fn build(
    store: &Store,
    event_id: &str,
    actor: &Actor,
    head: &Letterhead,
) -> Result<SituationReport> {
    let pic = store.situation(Some(event_id))?;
    let event = pic
        .event
        .clone()
        .ok_or_else(|| crate::error::Error::not_found(format!("Ingen händelse {event_id}.")))?;
    let last = pic.last_report.clone();
    let after_seq = last.as_ref().map_or(0, |r| r.head_seq);
    let since = last
        .as_ref()
        .map_or(event.opened_at.clone(), |r| r.issued_at.clone());
    let records = store.list_records(&RecordFilter {
        event_id: Some(event_id.to_string()),
        kind: Some(RecordType::Decision.as_str().to_string()),
        ..RecordFilter::default()
    })?;
    let decisions_in_force = records
        .iter()
        .filter(|r| r.status == DecisionStatus::Gallande)
        .count() as u32;
    let decisions_since = records
        .iter()
        // By position in the journal, not by time: a decision recorded in the same instant as
        // the last report is still told apart, and a clock set back cannot hide one.
        .filter(|r| r.seq > after_seq)
        .map(|r| ReportDecision {
            id: r.id.clone(),
            occurred_at: r.occurred_at.clone(),
            title: r.title.clone().unwrap_or_default(),
            text: r.current_text().to_string(),
            decided_by: r.decided_by.clone().unwrap_or_else(|| r.author.clone()),
            status: r.status.as_str().to_string(),
        })
        .collect();
    Ok(SituationReport {
        schema: SCHEMA.to_string(),
        organisation: head.organisation.clone(),
        exercise: head.exercise,
        marking: head.marking(),
        number: last.map_or(1, |r| r.number + 1),
        issued_at: pic.at.clone(),
        issued_by: actor.name.trim().to_string(),
        issued_role: actor.role.trim().to_string(),
        event: ReportEvent {
            id: event.id.clone(),
            title: event.title.clone(),
            event_type: event.event_type.clone(),
            opened_at: event.opened_at.clone(),
            status: event.status.as_str().to_string(),
        },
        mode: pic.mode.name.sv.clone(),
        leading_body: pic.mode.leading_body.sv.clone(),
        since,
        sections: pic
            .sections
            .iter()
            .map(|s| ReportSection {
                section: s.section.as_str().to_string(),
                title: crate::situation::commands::section_name(s.section).to_string(),
                text: s.text.clone(),
                version: s.version,
                updated_at: s.updated_at.clone(),
                author: s.author.clone(),
                next_update_at: s.next_update_at.clone(),
            })
            .collect(),
        decisions_since,
        decisions_in_force,
        plans: pic
            .plans
            .iter()
            .map(|p| ReportPlan {
                title: p.title.sv.clone(),
                done: p.done,
                skipped: p.skipped,
                total: p.total,
                overdue_items: p.overdue_items.clone(),
            })
            .collect(),
        tasks_open: pic.open_tasks,
        tasks_overdue: pic
            .overdue_tasks
            .iter()
            .map(|t| ReportTask {
                title: t.title.clone(),
                owner: t.owner.clone(),
                due: t.due.clone(),
            })
            .collect(),
        requests_pending: pic
            .pending_requests
            .iter()
            .map(|r| ReportRequest {
                what: r.what.clone(),
                quantity: r.quantity,
                unit: r.unit.clone(),
                needed_by: r.needed_by.clone(),
                requester: r.requester.clone(),
            })
            .collect(),
        resources_attention: pic
            .resources_attention
            .iter()
            .map(|r| ReportResource {
                name: r.name.clone(),
                kind: r.kind.clone(),
                status: word(r.status.as_str()),
                location: r.location.clone(),
            })
            .collect(),
        // This report restarts the clock: the next is due one cadence after it.
        next_report_due: Some(crate::time::format(
            &(crate::time::parse("at", &pic.at)?
                + chrono::Duration::hours(i64::from(pic.mode.report_every_hours))),
        )),
        journal_entries: head.head_seq,
        journal_head: head.head_hash.clone(),
        checkpoint: head.checkpoint.clone(),
    })
}

pub(super) fn qty(q: f64) -> String {
    if q.fract() == 0.0 {
        format!("{}", q as i64)
    } else {
        format!("{q}")
    }
}

pub(super) fn opt_time(t: &Option<String>) -> String {
    t.as_deref().map(local_minute).unwrap_or_else(|| "–".into())
}

impl SituationReport {
    pub fn title(&self) -> String {
        format!("Lägesrapport nr {} – {}", self.number, self.event.title)
    }

    pub(super) fn facts(&self) -> Vec<(String, String)> {
        vec![
            ("Organisation".into(), self.organisation.clone()),
            ("Händelse".into(), self.event.title.clone()),
            (
                "Öppnad".into(),
                format!(
                    "{} ({})",
                    local_minute(&self.event.opened_at),
                    self.event.event_type
                ),
            ),
            ("Beredskapsläge".into(), self.mode.clone()),
            ("Ledande organ".into(), self.leading_body.clone()),
            ("Rapport".into(), format!("nr {}", self.number)),
            ("Utfärdad".into(), local_minute(&self.issued_at)),
            (
                "Upprättad av".into(),
                format!("{} ({})", self.issued_by, self.issued_role),
            ),
            (
                "Avser tiden".into(),
                format!(
                    "{} – {}",
                    local_minute(&self.since),
                    local_minute(&self.issued_at)
                ),
            ),
            ("Nästa lägesrapport".into(), opt_time(&self.next_report_due)),
        ]
    }

    pub fn json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("a report serialises");
        out.push(b'\n');
        out
    }
}
