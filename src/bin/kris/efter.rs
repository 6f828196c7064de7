//! `kris deviation|lesson|proposal`: the after phase of an event — avvikelser, erfarenheter with
//! owner and due date, and proposals to revise a plan — through the same requests as the window.

use clap::Subcommand;
use krisledning::api::Request;
use krisledning::efter::revision::ProposalFilter;
use krisledning::efter::{
    Deviation, DeviationCategory, Lesson, LessonKind, NewDeviation, NewLesson, NewRevisionProposal,
    RevisionProposal,
};
use krisledning::time::local_minute;
use krisledning::{Result, Store};

use crate::{call, print_json, By};

#[derive(Subcommand)]
pub enum DeviationCmd {
    /// Rapportera en avvikelse (går också efter att händelsen avslutats)
    Add {
        #[arg(long)]
        event: String,
        #[arg(long)]
        title: String,
        /// Vad som hände
        #[arg(long)]
        text: String,
        /// rutin_ej_foljd | resurs_saknades | teknik | kommunikation | samverkan | annat
        #[arg(long, default_value = "annat")]
        category: String,
        /// Vilken konsekvens avvikelsen fick
        #[arg(long)]
        consequence: Option<String>,
        /// Vad som gjordes direkt
        #[arg(long)]
        action: Option<String>,
        /// När det hände (standard: nu)
        #[arg(long)]
        at: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Lista en händelses avvikelser
    List {
        #[arg(long)]
        event: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum LessonCmd {
    /// Skriv en erfarenhet med ansvarig och datum
    Add {
        #[arg(long)]
        event: String,
        #[arg(long)]
        text: String,
        /// Den som ser till att det blir gjort
        #[arg(long)]
        owner: String,
        /// Klart senast
        #[arg(long)]
        due: String,
        /// bra | forbattra
        #[arg(long, default_value = "forbattra")]
        kind: String,
        /// Avvikelsen erfarenheten bygger på
        #[arg(long)]
        deviation: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Lista en händelses erfarenheter, eller utan --event alla öppna, först förfallna först
    List {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Avsluta en erfarenhet när den är genomförd
    Close {
        lesson: String,
        /// Vad som gjordes
        #[arg(long)]
        note: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Föreslå en revision av en plan utifrån en erfarenhet
    Propose {
        lesson: String,
        /// Planens id (se `kris plan list`)
        #[arg(long)]
        plan: String,
        /// Den föreslagna ändringen
        #[arg(long)]
        text: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ProposalCmd {
    /// Lista förslag till planrevision: öppna, eller stängda av en ny planversion
    List {
        #[arg(long)]
        plan: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn out<T: serde::Serialize>(json: bool, v: &T, text: impl FnOnce(&T) -> String) -> Result<()> {
    if json {
        print_json(v)
    } else {
        say!("{}", text(v));
        Ok(())
    }
}

pub fn deviation(store: &mut Store, cmd: DeviationCmd) -> Result<()> {
    match cmd {
        DeviationCmd::Add {
            event,
            title,
            text,
            category,
            consequence,
            action,
            at,
            by,
            json,
        } => {
            let d: Deviation = call(
                store,
                Request::ReportDeviation {
                    actor: by.actor(),
                    input: NewDeviation {
                        event_id: event,
                        title,
                        text,
                        category: Some(DeviationCategory::parse(&category)?),
                        consequence,
                        action,
                        occurred_at: at,
                    },
                },
            )?;
            out(json, &d, |d| d.id.clone())
        }
        DeviationCmd::List { event, json } => {
            for d in call::<Vec<Deviation>>(store, Request::ListDeviations { event_id: event })? {
                out(json, &d, |d| {
                    format!(
                        "{}  {}  {:<16} {}  ({}, {})",
                        d.id,
                        local_minute(&d.occurred_at),
                        d.category.label(),
                        d.title,
                        d.reported_by,
                        d.reported_role
                    )
                })?;
            }
            Ok(())
        }
    }
}

fn lesson_line(l: &Lesson) -> String {
    let state = match &l.closed {
        Some(c) => format!("avslutad {}", local_minute(&c.at)),
        None if l.overdue => "FÖRSENAD".to_string(),
        None => "öppen".to_string(),
    };
    format!(
        "{}  {:<18} {:<20} senast {}  {}  {}  [{}]",
        l.id,
        l.kind.label(),
        state,
        local_minute(&l.due),
        l.owner,
        l.text,
        l.event_title
    )
}

pub fn lesson(store: &mut Store, cmd: LessonCmd) -> Result<()> {
    match cmd {
        LessonCmd::Add {
            event,
            text,
            owner,
            due,
            kind,
            deviation,
            by,
            json,
        } => {
            let l: Lesson = call(
                store,
                Request::RecordLesson {
                    actor: by.actor(),
                    input: NewLesson {
                        event_id: event,
                        text,
                        kind: Some(LessonKind::parse(&kind)?),
                        owner,
                        due,
                        deviation_id: deviation,
                    },
                },
            )?;
            out(json, &l, |l| l.id.clone())
        }
        LessonCmd::List { event, json } => {
            for l in call::<Vec<Lesson>>(store, Request::ListLessons { event_id: event })? {
                out(json, &l, lesson_line)?;
            }
            Ok(())
        }
        LessonCmd::Close {
            lesson,
            note,
            by,
            json,
        } => {
            let l: Lesson = call(
                store,
                Request::CloseLesson {
                    actor: by.actor(),
                    lesson_id: lesson,
                    note,
                },
            )?;
            out(json, &l, |l| format!("Avslutad: {}", l.text))
        }
        LessonCmd::Propose {
            lesson,
            plan,
            text,
            by,
            json,
        } => {
            let p: RevisionProposal = call(
                store,
                Request::ProposeRevision {
                    actor: by.actor(),
                    input: NewRevisionProposal {
                        lesson_id: lesson,
                        plan_id: plan,
                        text,
                    },
                },
            )?;
            out(json, &p, |p| p.id.clone())
        }
    }
}

pub fn proposal(store: &mut Store, cmd: ProposalCmd) -> Result<()> {
    let ProposalCmd::List { plan, json } = cmd;
    let filter = ProposalFilter {
        plan_id: plan,
        ..Default::default()
    };
    for p in call::<Vec<RevisionProposal>>(store, Request::ListProposals { filter })? {
        out(json, &p, |p| {
            let state = match p.closed_by_version {
                Some(v) => format!("stängd av version {v}"),
                None => "öppen".to_string(),
            };
            format!(
                "{}  {} v{}  {:<22} {}  ({}, {})",
                p.id, p.plan_id, p.plan_version, state, p.text, p.proposed_by, p.event_title
            )
        })?;
    }
    Ok(())
}
