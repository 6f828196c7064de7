//! `kris followup …` and `kris war …`: goals, PDSA activities, exercises held and the bokslut;
//! krigsplacering, staffing per mode, inställelse and the beredskapslarm.

use clap::Subcommand;
use krisledning::api::Request;
use krisledning::domain::Actor;
use krisledning::followup::{
    AssessGoal, ExerciseHeld, Goal, GoalOutcome, MovePhase, NewActivity, NewExerciseHeld, NewGoal,
    Phase, YearFollowUp,
};
use krisledning::readiness::ModeId;
use krisledning::report::log_print::PrintedFile;
use krisledning::war::{
    AlarmOutcome, Beredskapslarm, NewPlacement, ReportForDuty, Staffing, Unplace,
};
use krisledning::{Result, Store};

use crate::{call, print_json, By};

fn this_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year()
}

#[derive(Subcommand)]
pub enum FollowupCmd {
    /// Årets uppföljning: mål, övningar och vad journalen visar
    Show {
        /// Standard: innevarande år
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Sätt ett mätbart mål för ett år
    Goal {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        title: String,
        /// Hur målet mäts
        #[arg(long)]
        measure: String,
        /// Målvärde, t.ex. "100 %"
        #[arg(long)]
        target: String,
        #[arg(long)]
        owner: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Lägg till en aktivitet under ett mål (börjar i fasen planera)
    Activity {
        goal_id: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        owner: String,
        /// Klart senast (ÅÅÅÅ-MM-DD)
        #[arg(long)]
        due: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Flytta en aktivitet till nästa fas: planera, genomfora, studera, agera
    Phase {
        activity_id: String,
        phase: String,
        #[arg(long)]
        note: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Bedöm ett mål: uppnatt, delvis, ej_uppnatt
    Assess {
        goal_id: String,
        outcome: String,
        #[arg(long)]
        note: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Registrera en genomförd övning, för hand eller från övningsdatabasen (--from)
    Exercise {
        /// Övningsdatabasen (läses utan att ändras)
        #[arg(long, conflicts_with_all = ["title", "held_on", "form", "participants", "summary"])]
        from: Option<std::path::PathBuf>,
        #[arg(long, required_unless_present = "from")]
        title: Option<String>,
        /// Genomförd (ÅÅÅÅ-MM-DD)
        #[arg(long, required_unless_present = "from")]
        held_on: Option<String>,
        /// Övningsform, t.ex. seminarieövning, ledningsövning
        #[arg(long, required_unless_present = "from")]
        form: Option<String>,
        #[arg(long, required_unless_present = "from")]
        participants: Option<u32>,
        #[arg(long, required_unless_present = "from")]
        summary: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Skriv ut säkerhets- och krisberedskapsbokslutet (PDF) för ett år
    Bokslut {
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        copies: crate::reports::CopyArgs,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
}

fn print_goal(g: &Goal, json: bool) -> Result<()> {
    if json {
        return print_json(g);
    }
    say!(
        "{}  {} {} – {} (målvärde {}, ansvarig {}){}",
        g.id,
        g.year,
        g.title,
        g.measure,
        g.target,
        g.owner,
        g.outcome
            .map(|o| format!(" [{}]", o.label()))
            .unwrap_or_default()
    );
    for a in &g.activities {
        say!(
            "  {}  [{}] {} – {}, klart senast {}{}",
            a.id,
            a.phase.label(),
            a.text,
            a.owner,
            a.due,
            if a.overdue { "  FÖRSENAD" } else { "" }
        );
    }
    Ok(())
}

fn print_held(e: &ExerciseHeld, json: bool) -> Result<()> {
    if json {
        return print_json(e);
    }
    say!(
        "{}  {} {} ({}, {} deltagare): {}",
        e.id,
        e.held_on,
        e.title,
        e.form,
        e.participants,
        e.summary
    );
    Ok(())
}

pub fn followup(store: &mut Store, cmd: FollowupCmd) -> Result<()> {
    match cmd {
        FollowupCmd::Show { year, json } => {
            let y: YearFollowUp = call(
                store,
                Request::FollowUp {
                    year: year.unwrap_or_else(this_year),
                },
            )?;
            if json {
                return print_json(&y);
            }
            let c = &y.counts;
            say!(
                "{}: {} händelser ({} öppnade, {} avslutade), {} beslut, {} övningar, {} avvikelser, \
                 {}/{} erfarenheter avslutade, {} planrevisioner, risker: {} nya, {} omvärderade, {} avslutade",
                y.year,
                y.events.len(),
                c.events_opened,
                c.events_closed,
                c.decisions,
                c.exercises_held,
                c.deviations,
                c.lessons_closed,
                c.lessons_recorded,
                c.plan_revisions,
                c.risks_registered,
                c.risks_reassessed,
                c.risks_closed
            );
            for g in &y.goals {
                print_goal(g, false)?;
            }
            for e in &y.exercises {
                print_held(e, false)?;
            }
        }
        FollowupCmd::Goal {
            year,
            title,
            measure,
            target,
            owner,
            by,
            json,
        } => {
            let input = NewGoal {
                year,
                title,
                measure,
                target,
                owner,
            };
            let actor = by.actor();
            print_goal(&call(store, Request::SetGoal { actor, input })?, json)?
        }
        FollowupCmd::Activity {
            goal_id,
            text,
            owner,
            due,
            by,
            json,
        } => {
            let input = NewActivity {
                goal_id,
                text,
                owner,
                due,
            };
            let actor = by.actor();
            print_goal(
                &call(store, Request::AddGoalActivity { actor, input })?,
                json,
            )?
        }
        FollowupCmd::Phase {
            activity_id,
            phase,
            note,
            by,
            json,
        } => {
            let input = MovePhase {
                activity_id,
                phase: Phase::parse(&phase)?,
                note,
            };
            let actor = by.actor();
            print_goal(&call(store, Request::MovePhase { actor, input })?, json)?
        }
        FollowupCmd::Assess {
            goal_id,
            outcome,
            note,
            by,
            json,
        } => {
            let input = AssessGoal {
                goal_id,
                outcome: Some(GoalOutcome::parse(&outcome)?),
                note,
            };
            let actor = by.actor();
            print_goal(&call(store, Request::AssessGoal { actor, input })?, json)?
        }
        FollowupCmd::Exercise {
            from,
            title,
            held_on,
            form,
            participants,
            summary,
            by,
            json,
        } => {
            let actor = by.actor();
            let request = match from {
                Some(path) => Request::RecordExerciseFromStore {
                    actor,
                    path: path.display().to_string(),
                },
                None => Request::RecordExerciseHeld {
                    actor,
                    input: NewExerciseHeld {
                        title: title.unwrap_or_default(),
                        held_on: held_on.unwrap_or_default(),
                        form: form.unwrap_or_default(),
                        participants: participants.unwrap_or_default(),
                        summary: summary.unwrap_or_default(),
                        source: None,
                    },
                },
            };
            print_held(&call(store, request)?, json)?
        }
        FollowupCmd::Bokslut {
            year,
            copies,
            by,
            json,
        } => {
            let p: PrintedFile = call(
                store,
                Request::IssueBokslut {
                    actor: by.actor(),
                    year,
                    copies: copies.order(),
                },
            )?;
            if json {
                print_json(&p)?
            } else {
                say!("{}", p.path);
                for c in p.copies.iter().skip(1) {
                    say!("{c}");
                }
            }
        }
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum WarCmd {
    /// Bemanningen av ett lägets funktioner: luckor, ersättare, inställelse
    Staffing {
        /// fred | skarpt | hogsta | krig (standard: aktuellt läge)
        #[arg(long)]
        mode: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Krigsplacera en person: --function och --place, eller --elsewhere ORGANISATION
    Place {
        staff_id: String,
        #[arg(long, conflicts_with = "elsewhere")]
        function: Option<String>,
        /// Krigsarbetsplats
        #[arg(long)]
        place: Option<String>,
        #[arg(long)]
        shift: Option<String>,
        /// Ersättarens personal-id
        #[arg(long)]
        replacement: Option<String>,
        /// Krigsplacerad hos annan myndighet, t.ex. Försvarsmakten
        #[arg(long)]
        elsewhere: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Upphäv en krigsplacering
    Unplace {
        staff_id: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Registrera inställelse (personen har kommit till sin krigsarbetsplats)
    Report {
        staff_id: String,
        #[arg(long)]
        note: Option<String>,
        /// När (standard: nu)
        #[arg(long)]
        at: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Beredskapslarm: högsta beredskap (eller --mode krig), händelse och planer aktiverade direkt
    Larm {
        #[arg(long)]
        basis: String,
        #[arg(long)]
        decided_by: String,
        #[arg(long)]
        decided_role: String,
        #[arg(long)]
        decision_ref: Option<String>,
        #[arg(long)]
        mode: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
}

fn print_staffing(s: &Staffing, json: bool) -> Result<()> {
    if json {
        return print_json(s);
    }
    say!(
        "{} – leds av {}{}: {} vakanta, {} sårbara funktioner; {} av {} inställda",
        s.mode_name.sv,
        s.leading_body.sv,
        if s.in_force {
            " (krigsorganisationen gäller)"
        } else {
            ""
        },
        s.vacant,
        s.vulnerable,
        s.reported,
        s.placed
    );
    for f in &s.functions {
        say!("  {:<22} {}", f.function, f.state.label().to_uppercase());
        for p in &f.people {
            say!(
                "    {} ({}) {}{}{}{}",
                p.name,
                p.staff_id,
                p.place,
                p.shift
                    .as_deref()
                    .map(|s| format!(", skift {s}"))
                    .unwrap_or_default(),
                p.replacement
                    .as_ref()
                    .map(|r| format!(", ersättare {}", r.name))
                    .unwrap_or_default(),
                p.replacement_gap
                    .as_ref()
                    .map(|g| format!(" – {}", g.text()))
                    .unwrap_or_default()
            );
        }
    }
    for p in &s.other_functions {
        say!(
            "  I en funktion som läget inte bemannar: {} ({}) som {}",
            p.name,
            p.staff_id,
            p.place
        );
    }
    for e in &s.elsewhere {
        say!("  Krigsplacerad hos {}: {}", e.organisation, e.name);
    }
    for u in &s.unplaced {
        say!("  Utan krigsplacering: {} ({})", u.name, u.staff_id);
    }
    Ok(())
}

pub fn war(store: &mut Store, cmd: WarCmd) -> Result<()> {
    match cmd {
        WarCmd::Staffing { mode, json } => {
            let mode = mode.as_deref().map(ModeId::parse).transpose()?;
            print_staffing(&call(store, Request::Staffing { mode })?, json)?
        }
        WarCmd::Place {
            staff_id,
            function,
            place,
            shift,
            replacement,
            elsewhere,
            by,
            json,
        } => {
            let input = NewPlacement {
                staff_id,
                function,
                place,
                shift,
                replacement_id: replacement,
                elsewhere,
            };
            let actor = by.actor();
            print_staffing(&call(store, Request::PlaceStaff { actor, input })?, json)?
        }
        WarCmd::Unplace {
            staff_id,
            reason,
            by,
            json,
        } => {
            let input = Unplace { staff_id, reason };
            let actor = by.actor();
            print_staffing(&call(store, Request::UnplaceStaff { actor, input })?, json)?
        }
        WarCmd::Report {
            staff_id,
            note,
            at,
            by,
            json,
        } => {
            let input = ReportForDuty { staff_id, note, at };
            let actor = by.actor();
            print_staffing(&call(store, Request::ReportForDuty { actor, input })?, json)?
        }
        WarCmd::Larm {
            basis,
            decided_by,
            decided_role,
            decision_ref,
            mode,
            by,
            json,
        } => {
            let input = Beredskapslarm {
                mode: mode.as_deref().map(ModeId::parse).transpose()?,
                basis,
                decided_by: Actor::new(&decided_by, &decided_role),
                decision_ref,
            };
            let o: AlarmOutcome = call(
                store,
                Request::Beredskapslarm {
                    actor: by.actor(),
                    input,
                },
            )?;
            if json {
                return print_json(&o);
            }
            say!(
                "BEREDSKAPSLARM: {} (leds av {})\nHändelse {}  {}",
                o.status.current.name.sv,
                o.status.current.leading_body.sv,
                o.event.id,
                o.event.title
            );
            for a in &o.activations {
                say!("  Plan aktiverad: {} ({})", a.title.sv, a.id);
            }
        }
    }
    Ok(())
}
