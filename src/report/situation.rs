//! Lägesrapport: the staff's lägesbild at one moment, numbered per event, as PDF, Markdown and
//! JSON (schema in docs/report-format.md).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{word, Letterhead};
use crate::domain::Actor;
use crate::error::Result;
use crate::log::{RecordFilter, RecordType};
use crate::pdf::{Block, Doc};
use crate::reports::ReportKind;
use crate::store::Store;
use crate::time::local_minute;

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
pub fn build(store: &Store, event_id: &str, actor: &Actor) -> Result<SituationReport> {
    let pic = store.situation(Some(event_id))?;
    let event = store.get_event(event_id)?;
    let head = Letterhead::read(store)?;
    let conn = store.connection();
    let last = crate::reports::queries::last(conn, event_id, ReportKind::Lagesrapport)?;
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
        .filter(|r| r.status.as_str() == "gallande")
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
        journal_head: head.head_hash,
    })
}

fn qty(q: f64) -> String {
    if q.fract() == 0.0 {
        format!("{}", q as i64)
    } else {
        format!("{q}")
    }
}

fn opt_time(t: &Option<String>) -> String {
    t.as_deref().map(local_minute).unwrap_or_else(|| "–".into())
}

impl SituationReport {
    pub fn title(&self) -> String {
        format!("Lägesrapport nr {} – {}", self.number, self.event.title)
    }

    fn facts(&self) -> Vec<(String, String)> {
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

    pub fn markdown(&self) -> String {
        use std::fmt::Write;
        let mut md = String::new();
        let _ = writeln!(md, "**{}**\n\n# {}\n", self.marking, self.title());
        for (k, v) in self.facts() {
            let _ = writeln!(md, "- **{k}:** {v}");
        }
        md.push_str("\n## Lägesbild\n");
        for s in &self.sections {
            let _ = writeln!(md, "\n### {}\n", s.title);
            if s.text.trim().is_empty() {
                md.push_str("_Inte ifyllt._\n");
            } else {
                let _ = writeln!(md, "{}\n", s.text.trim());
                let _ = writeln!(
                    md,
                    "_Version {}, {} {}_",
                    s.version,
                    opt_time(&s.updated_at),
                    s.author.clone().unwrap_or_default()
                );
            }
        }
        let _ = writeln!(
            md,
            "\n## Beslut sedan förra rapporten ({} st; {} gällande totalt)\n",
            self.decisions_since.len(),
            self.decisions_in_force
        );
        for d in &self.decisions_since {
            let _ = writeln!(
                md,
                "- {} **{}** – {} ({}, {})",
                local_minute(&d.occurred_at),
                d.title,
                d.text.trim(),
                d.decided_by,
                word(&d.status)
            );
        }
        md.push_str("\n## Planer\n\n");
        for p in &self.plans {
            let _ = writeln!(
                md,
                "- {}: {} av {} klara, {} överhoppade",
                p.title, p.done, p.total, p.skipped
            );
            for i in &p.overdue_items {
                let _ = writeln!(md, "  - Försenad: {i}");
            }
        }
        let _ = writeln!(
            md,
            "\n## Uppgifter\n\n{} öppna, {} försenade",
            self.tasks_open,
            self.tasks_overdue.len()
        );
        for t in &self.tasks_overdue {
            let _ = writeln!(
                md,
                "- {} ({}, senast {})",
                t.title,
                t.owner,
                opt_time(&t.due)
            );
        }
        md.push_str("\n## Resurser\n\n");
        for r in &self.requests_pending {
            let _ = writeln!(
                md,
                "- Begärd: {} {} {} till {} ({})",
                qty(r.quantity),
                r.unit,
                r.what,
                opt_time(&r.needed_by),
                r.requester
            );
        }
        for r in &self.resources_attention {
            let _ = writeln!(
                md,
                "- {}: {} ({}, {})",
                r.status, r.name, r.kind, r.location
            );
        }
        let _ = writeln!(
            md,
            "\n---\nJournalen vid utskrift: {} poster, huvud `{}`\n\n**{}**",
            self.journal_entries, self.journal_head, self.marking
        );
        md
    }

    pub fn pdf(&self, head: &Letterhead) -> Result<(Vec<u8>, u32)> {
        let mut doc = Doc::new();
        doc.push(Block::Title(self.title()))
            .push(Block::Fields(self.facts()))
            .push(Block::Heading("Lägesbild".into()));
        for s in &self.sections {
            doc.push(Block::Subheading(s.title.clone()));
            if s.text.trim().is_empty() {
                doc.push(Block::Note("Inte ifyllt.".into()));
            } else {
                doc.push(Block::Para(s.text.trim().to_string()))
                    .push(Block::Note(format!(
                        "Version {}, {} av {}",
                        s.version,
                        opt_time(&s.updated_at),
                        s.author.clone().unwrap_or_default()
                    )));
            }
        }
        doc.push(Block::Heading(format!(
            "Beslut sedan förra rapporten ({} st; {} gällande totalt)",
            self.decisions_since.len(),
            self.decisions_in_force
        )));
        if self.decisions_since.is_empty() {
            doc.push(Block::Note("Inga nya beslut.".into()));
        } else {
            doc.push(Block::table(
                &[
                    ("Tid", 1.9),
                    ("Beslut", 5.0),
                    ("Beslutsfattare", 1.8),
                    ("Status", 1.1),
                ],
                self.decisions_since
                    .iter()
                    .map(|d| {
                        vec![
                            local_minute(&d.occurred_at),
                            format!("{}\n{}", d.title, d.text.trim()),
                            d.decided_by.clone(),
                            word(&d.status),
                        ]
                    })
                    .collect(),
            ));
        }
        doc.push(Block::Heading("Planer".into()));
        if self.plans.is_empty() {
            doc.push(Block::Note("Inga aktiverade planer.".into()));
        } else {
            doc.push(Block::table(
                &[
                    ("Plan", 3.0),
                    ("Klara", 1.0),
                    ("Överhoppade", 1.5),
                    ("Försenade punkter", 4.0),
                ],
                self.plans
                    .iter()
                    .map(|p| {
                        vec![
                            p.title.clone(),
                            format!("{} av {}", p.done, p.total),
                            p.skipped.to_string(),
                            p.overdue_items.join("\n"),
                        ]
                    })
                    .collect(),
            ));
        }
        doc.push(Block::Heading(format!(
            "Uppgifter: {} öppna, {} försenade",
            self.tasks_open,
            self.tasks_overdue.len()
        )));
        if !self.tasks_overdue.is_empty() {
            doc.push(Block::table(
                &[
                    ("Försenad uppgift", 4.0),
                    ("Ansvarig", 2.0),
                    ("Senast", 1.5),
                ],
                self.tasks_overdue
                    .iter()
                    .map(|t| vec![t.title.clone(), t.owner.clone(), opt_time(&t.due)])
                    .collect(),
            ));
        }
        doc.push(Block::Heading("Resurser".into()));
        if self.requests_pending.is_empty() && self.resources_attention.is_empty() {
            doc.push(Block::Note(
                "Inga väntande begäranden och inga resurser ur funktion.".into(),
            ));
        } else {
            let mut rows: Vec<Vec<String>> = self
                .requests_pending
                .iter()
                .map(|r| {
                    vec![
                        "Begärd".into(),
                        format!("{} {} {}", qty(r.quantity), r.unit, r.what),
                        format!("{} till {}", r.requester, opt_time(&r.needed_by)),
                    ]
                })
                .collect();
            rows.extend(self.resources_attention.iter().map(|r| {
                vec![
                    r.status.clone(),
                    format!("{} ({})", r.name, r.kind),
                    r.location.clone(),
                ]
            }));
            doc.push(Block::table(
                &[("Läge", 1.3), ("Resurs", 4.0), ("Var / vem", 3.0)],
                rows,
            ));
        }
        doc.push(Block::Space(8.0))
            .push(Block::Fields(vec![(
                "Nästa lägesrapport".into(),
                opt_time(&self.next_report_due),
            )]))
            .push(Block::Note(format!(
                "Rapporten bygger på journalen med {} poster och huvudet\n{}\n(kris verify visar samma \
                 värden för samma journal).",
                self.journal_entries, self.journal_head
            )))
            .push(Block::Signatures(vec![
                "Upprättad av (namn, funktion)".into(),
                "Godkänd av".into(),
            ]));
        let right = format!(
            "Lägesrapport nr {} · {}",
            self.number,
            local_minute(&self.issued_at)
        );
        doc.render_counted(&head.frame(&self.title(), &right, &self.issued_by, &self.issued_at))
    }
}
