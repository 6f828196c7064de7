//! Efterrapport: what the record says about an event once it is over — the timeline, the
//! decisions, plan items skipped or done late, deviations, lessons with their owners and the plan
//! revisions they proposed. The seeds' Efter: orsaksanalys, lärande, återkoppling.

use super::{word, Letterhead};
use crate::domain::Actor;
use crate::efter::lesson::Lesson;
use crate::efter::revision::{ProposalFilter, RevisionProposal};
use crate::error::Result;
use crate::log::{Event, Record, RecordFilter, RecordType};
use crate::pdf::{Block, Doc};
use crate::plans::{ActivationView, ItemState};
use crate::reports::ReportKind;
use crate::store::Store;
use crate::time::local_minute;
use crate::timeline::{TimelineFilter, TimelineItem};

/// Everything the report is made of, read from one snapshot.
pub struct AfterAction {
    pub number: u32,
    pub at: String,
    pub author: Actor,
    pub event: Event,
    pub timeline: Vec<TimelineItem>,
    pub decisions: Vec<Record>,
    pub activations: Vec<ActivationView>,
    pub deviations: Vec<crate::efter::deviation::Deviation>,
    pub lessons: Vec<Lesson>,
    pub proposals: Vec<RevisionProposal>,
    pub reports_issued: usize,
    /// In an exercise store: the exercise, its evaluation and the injects that came.
    pub exercise: Option<ExercisePart>,
}

/// What an exercise adds to the efterrapport: how the play went against the scenario.
pub struct ExercisePart {
    pub scenario: crate::scenario::Scenario,
    pub evaluation: crate::exercise::Evaluation,
    pub view: crate::exercise::ExerciseView,
}

pub fn build(store: &Store, event_id: &str, actor: &Actor) -> Result<AfterAction> {
    let conn = store.connection();
    let event = store.get_event(event_id)?;
    let mut timeline = Vec::new();
    let mut after = None;
    loop {
        let page = store.timeline(&TimelineFilter {
            event_id: Some(event_id.to_string()),
            oldest_first: Some(true),
            after,
            limit: Some(500),
            ..TimelineFilter::default()
        })?;
        timeline.extend(page.items);
        match page.next_after {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    let now = store.now();
    let history = crate::reports::queries::list(conn, event_id)?;
    Ok(AfterAction {
        number: crate::reports::queries::next_number(conn, event_id, ReportKind::Efterrapport)?,
        at: crate::time::format(&now),
        author: actor.clone(),
        decisions: store.list_records(&RecordFilter {
            event_id: Some(event_id.to_string()),
            kind: Some(RecordType::Decision.as_str().to_string()),
            ..RecordFilter::default()
        })?,
        activations: store.event_activations(event_id)?,
        deviations: crate::efter::deviation::deviations(conn, event_id)?,
        lessons: crate::efter::lesson::lessons(conn, Some(event_id), now)?,
        proposals: crate::efter::revision::proposals(
            conn,
            &ProposalFilter {
                event_id: Some(event_id.to_string()),
                ..ProposalFilter::default()
            },
        )?,
        reports_issued: history
            .iter()
            .filter(|r| r.kind == ReportKind::Lagesrapport)
            .count(),
        timeline,
        event,
        exercise: match crate::exercise::queries::loaded(conn)? {
            None => None,
            Some(ex) => Some(ExercisePart {
                scenario: ex.scenario,
                evaluation: store.exercise_evaluation()?,
                view: store.exercise_view()?,
            }),
        },
    })
}

/// Plan items that were skipped, done after their time, or never done although their time came.
fn plan_findings(a: &ActivationView, closed_at: Option<&str>) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for card in &a.cards {
        for item in &card.items {
            let late_done = item.state == ItemState::Done
                && matches!((&item.at, &item.due_at), (Some(at), Some(due)) if at > due);
            let never = item.state == ItemState::Open
                && item
                    .due_at
                    .as_deref()
                    .is_some_and(|due| closed_at.is_none_or(|c| due < c) || item.overdue);
            let finding = match item.state {
                ItemState::Skipped => {
                    format!("Överhoppad: {}", item.reason.clone().unwrap_or_default())
                }
                _ if late_done => format!(
                    "Klar {} (senast {})",
                    local_minute(item.at.as_deref().unwrap_or_default()),
                    local_minute(item.due_at.as_deref().unwrap_or_default())
                ),
                _ if never => format!(
                    "Inte gjord (senast {})",
                    local_minute(item.due_at.as_deref().unwrap_or_default())
                ),
                _ => continue,
            };
            rows.push(vec![
                a.title.sv.clone(),
                format!("{}: {}", card.title, item.text),
                finding,
            ]);
        }
    }
    rows
}

impl AfterAction {
    pub fn title(&self) -> String {
        format!("Efterrapport – {}", self.event.title)
    }

    pub fn pdf(&self, head: &Letterhead) -> Result<(Vec<u8>, u32)> {
        let e = &self.event;
        let mut doc = Doc::new();
        doc.push(Block::Title(self.title()));
        let exercise_over = self
            .exercise
            .as_ref()
            .is_some_and(|x| x.view.state == crate::exercise::ExerciseState::Ended);
        if e.closed_at.is_none() && !exercise_over {
            doc.push(Block::Para(
                "PRELIMINÄR – händelsen pågår fortfarande; rapporten visar läget hittills.".into(),
            ));
        }
        doc.push(Block::Fields(vec![
            ("Organisation".into(), head.organisation.clone()),
            ("Händelse".into(), format!("{} ({})", e.title, e.event_type)),
            (
                "Öppnad".into(),
                format!(
                    "{} av {} ({})",
                    local_minute(&e.opened_at),
                    e.opened_by,
                    e.opened_role
                ),
            ),
            (
                "Avslutad".into(),
                match &e.closed_at {
                    Some(c) => format!(
                        "{} av {}",
                        local_minute(c),
                        e.closed_by.clone().unwrap_or_default()
                    ),
                    None => "Pågår".into(),
                },
            ),
            (
                "I journalen".into(),
                format!(
                    "{} poster: {} beslut, {} dagboksanteckningar, {} lägesrapporter",
                    self.timeline.len(),
                    e.decisions,
                    e.diary_entries,
                    self.reports_issued
                ),
            ),
            ("Efterrapport".into(), format!("nr {}", self.number)),
            (
                "Upprättad".into(),
                format!(
                    "{} av {} ({})",
                    local_minute(&self.at),
                    self.author.name,
                    self.author.role
                ),
            ),
        ]));
        if let Some(text) = e.closing_text.as_deref().filter(|t| !t.trim().is_empty()) {
            doc.push(Block::Heading("Beslut om avslut".into()))
                .push(Block::Para(text.trim().to_string()));
        }

        if let Some(x) = &self.exercise {
            exercise_section(&mut doc, x);
        }

        doc.push(Block::Heading(format!(
            "Avvikelser ({})",
            self.deviations.len()
        )));
        if self.deviations.is_empty() {
            doc.push(Block::Note("Inga avvikelser rapporterade.".into()));
        } else {
            doc.push(Block::table(
                &[
                    ("Tid", 1.9),
                    ("Avvikelse", 5.0),
                    ("Kategori", 1.6),
                    ("Rapporterad av", 1.8),
                ],
                self.deviations
                    .iter()
                    .map(|d| {
                        let mut what = format!("{}\n{}", d.title, d.text.trim());
                        if let Some(c) = d.consequence.as_deref().filter(|c| !c.trim().is_empty()) {
                            what.push_str(&format!("\nKonsekvens: {}", c.trim()));
                        }
                        if let Some(a) = d.action.as_deref().filter(|a| !a.trim().is_empty()) {
                            what.push_str(&format!("\nÅtgärd: {}", a.trim()));
                        }
                        vec![
                            local_minute(&d.occurred_at),
                            what,
                            d.category.label().to_string(),
                            d.reported_by.clone(),
                        ]
                    })
                    .collect(),
            ));
        }

        doc.push(Block::Heading(format!(
            "{} ({})",
            if self.exercise.is_some() {
                "Förbättringsplan: erfarenheter med ansvarig och datum"
            } else {
                "Erfarenheter"
            },
            self.lessons.len()
        )));
        if self.lessons.is_empty() {
            doc.push(Block::Note("Inga erfarenheter registrerade.".into()));
        } else {
            doc.push(Block::table(
                &[
                    ("Erfarenhet", 5.0),
                    ("Ansvarig", 1.8),
                    ("Senast", 1.75),
                    ("Status", 1.8),
                ],
                self.lessons
                    .iter()
                    .map(|l| {
                        let status = match &l.closed {
                            Some(c) => format!("Klar {}", local_minute(&c.at)),
                            None if l.overdue => "Öppen – försenad".into(),
                            None => "Öppen".into(),
                        };
                        vec![
                            format!("{}: {}", l.kind.label(), l.text.trim()),
                            l.owner.clone(),
                            local_minute(&l.due),
                            status,
                        ]
                    })
                    .collect(),
            ));
        }
        if !self.proposals.is_empty() {
            doc.push(Block::Subheading("Förslag till planrevision".into()))
                .push(Block::table(
                    &[("Plan", 2.2), ("Förslag", 5.0), ("Läge", 2.0)],
                    self.proposals
                        .iter()
                        .map(|p| {
                            vec![
                                format!("{} (v{})", p.plan_title, p.plan_version),
                                p.text.trim().to_string(),
                                match p.closed_by_version {
                                    Some(v) => format!("Stängt av version {v}"),
                                    None => "Öppet".into(),
                                },
                            ]
                        })
                        .collect(),
                ));
        }

        let findings: Vec<Vec<String>> = self
            .activations
            .iter()
            .flat_map(|a| plan_findings(a, e.closed_at.as_deref()))
            .collect();
        doc.push(Block::Heading(format!(
            "Planer: {} aktiverade, {} punkter överhoppade eller sena",
            self.activations.len(),
            findings.len()
        )));
        for a in &self.activations {
            doc.push(Block::Note(format!(
                "{} v{}: {} av {} klara, {} överhoppade (aktiverad {} av {})",
                a.title.sv,
                a.plan_version,
                a.done,
                a.total,
                a.skipped,
                local_minute(&a.activated_at),
                a.activated_by
            )));
        }
        if !findings.is_empty() {
            doc.push(Block::table(
                &[("Plan", 2.0), ("Punkt", 5.0), ("Utfall", 2.8)],
                findings,
            ));
        }

        doc.push(Block::Heading(format!("Beslut ({})", self.decisions.len())));
        if !self.decisions.is_empty() {
            doc.push(Block::table(
                &[
                    ("Tid", 1.9),
                    ("Beslut", 5.0),
                    ("Beslutsfattare", 1.8),
                    ("Status", 1.2),
                ],
                self.decisions
                    .iter()
                    .map(|d| {
                        vec![
                            local_minute(&d.occurred_at),
                            format!(
                                "{}\n{}",
                                d.title.clone().unwrap_or_default(),
                                d.current_text().trim()
                            ),
                            d.decided_by.clone().unwrap_or_else(|| d.author.clone()),
                            word(d.status.as_str()),
                        ]
                    })
                    .collect(),
            ));
        }

        doc.push(Block::Heading(format!(
            "Tidslinje ({} poster)",
            self.timeline.len()
        )))
        .push(Block::table(
            &[("Tid", 1.9), ("Vem", 1.9), ("Vad", 6.0)],
            self.timeline
                .iter()
                .map(|t| {
                    let mut when = local_minute(&t.occurred_at);
                    if t.late {
                        when.push_str(&format!("\n(förd {})", local_minute(&t.recorded_at)));
                    }
                    vec![
                        when,
                        format!("{} ({})", t.author, t.role),
                        t.summary.clone(),
                    ]
                })
                .collect(),
        ))
        .push(Block::Note(head.anchor_note("Rapporten")))
        .push(Block::Signatures(vec![
            "Upprättad av (namn, funktion)".into(),
            "Fastställd av".into(),
        ]));
        let right = format!(
            "Efterrapport nr {} · {}",
            self.number,
            local_minute(&self.at)
        );
        doc.render_counted(&head.frame(&self.title(), &right, &self.author.name, &self.at))
    }
}

/// The exercise: scenario and objectives, the expected actions met, late or missed with their
/// times, the hot wash, and the injects as they came.
fn exercise_section(doc: &mut Doc, x: &ExercisePart) {
    let ev = &x.evaluation;
    doc.push(Block::Heading(format!("Övningen: {}", x.scenario.title)))
        .push(Block::Fields(vec![
            (
                "Scenario".into(),
                format!(
                    "{} v{} ({} planerad speltid)",
                    x.scenario.id,
                    x.scenario.version,
                    crate::scenario::t_plus(x.scenario.duration.into())
                ),
            ),
            (
                "Spelad".into(),
                format!(
                    "{} – {} ({}, övningstid {})",
                    x.view
                        .started_at
                        .as_deref()
                        .map_or("ej startad".into(), local_minute),
                    x.view
                        .ended_at
                        .as_deref()
                        .map_or("pågår".into(), local_minute),
                    ev.state.label(),
                    ev.t_now.clone().unwrap_or_else(|| "T+00:00".into())
                ),
            ),
            (
                "Inspel".into(),
                format!(
                    "{} av {} planerade, {} reservinspel",
                    ev.injects_delivered, ev.injects_total, ev.contingencies_fired
                ),
            ),
            (
                "Förväntade åtgärder".into(),
                format!(
                    "{} uppfyllda, {} sena, {} missade, {} väntar, {} ej tillämpliga",
                    ev.met, ev.late, ev.missed, ev.pending, ev.not_applicable
                ),
            ),
        ]));
    doc.push(Block::Subheading("Övningsmål".into()));
    for (i, o) in x.scenario.objectives.iter().enumerate() {
        doc.push(Block::Para(format!("{}. {o}", i + 1)));
    }
    doc.push(Block::Subheading("Förväntade åtgärder".into()))
        .push(Block::table(
            &[
                ("Åtgärd", 4.2),
                ("Senast", 1.2),
                ("Utfall", 1.5),
                ("Gjord", 3.3),
            ],
            ev.actions
                .iter()
                .map(|a| {
                    let mut done = a.evidence.as_ref().map_or("–".into(), |d| {
                        format!("{} av {} ({})\n{}", d.at, d.author, d.role, d.summary)
                    });
                    if let Some(j) = &a.assessment {
                        done.push_str(&format!(
                            "\nBedömd {} av övningsledningen ({}): {}",
                            a.outcome.label().to_lowercase(),
                            j.by,
                            j.note
                        ));
                    }
                    vec![
                        format!("{} {}", a.id, a.text),
                        a.by.clone(),
                        a.outcome.label().to_string(),
                        done,
                    ]
                })
                .collect(),
        ));
    doc.push(Block::Subheading(format!(
        "Hot wash ({})",
        ev.hotwash.len()
    )));
    if ev.hotwash.is_empty() {
        doc.push(Block::Note("Inga anteckningar från hot wash.".into()));
    } else {
        doc.push(Block::table(
            &[("Tid", 1.2), ("Anteckning", 6.2), ("Av", 2.0)],
            ev.hotwash
                .iter()
                .map(|h| {
                    vec![
                        h.at.clone(),
                        format!("{}: {}", h.kind.label(), h.text.trim()),
                        h.author.clone(),
                    ]
                })
                .collect(),
        ));
    }
    doc.push(Block::Subheading(format!(
        "Inspel som kom ({})",
        x.view.delivered.len()
    )))
    .push(Block::table(
        &[
            ("Plan", 1.1),
            ("Kom", 1.1),
            ("Från → till", 2.4),
            ("Inspel", 5.4),
        ],
        x.view
            .delivered
            .iter()
            .rev()
            .map(|d| {
                vec![
                    d.scheduled.clone(),
                    d.at.clone(),
                    format!("{} → {}", d.from, d.to),
                    format!("{} {}", d.key, d.text.trim()),
                ]
            })
            .collect(),
    ));
}
