//! The lägesrapport on paper.

use super::{opt_time, qty, SituationReport};
use crate::error::Result;
use crate::pdf::{Block, Doc};
use crate::report::{word, Letterhead};
use crate::time::local_minute;

impl SituationReport {
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
            .push(Block::Note(head.anchor_note("Rapporten")))
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
