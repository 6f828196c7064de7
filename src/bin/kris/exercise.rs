//! `kris exercise`: exercises headless — create an exercise store from a scenario, control its
//! clock, deliver injects, evaluate, report, and move a played exercise as a package. The same
//! requests as the window's control view.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use krisledning::api::{Request, ScenarioSummary};
use krisledning::domain::Actor;
use krisledning::exercise::evaluate::Evaluation;
use krisledning::exercise::queries::{ControlView, DeliveredInject, ExerciseView};
use krisledning::exercise::{ControlAction, ControlInput, HotwashInput, Outcome};
use krisledning::reports::IssuedReport;
use krisledning::workspace::{self, package::Manifest};
use krisledning::{Error, Result, Store};

use crate::{call, print_json};

/// Who acts for exercise control; `Övningsledningen (Övningsledning)` when not given.
#[derive(Args)]
pub struct Control {
    #[arg(long)]
    by: Option<String>,
    #[arg(long)]
    role: Option<String>,
}

impl Control {
    fn actor(&self) -> Actor {
        let d = workspace::control_actor();
        Actor::new(
            self.by.as_deref().unwrap_or(&d.name),
            self.role.as_deref().unwrap_or(&d.role),
        )
    }
}

#[derive(Subcommand)]
pub enum ExerciseCmd {
    /// Medföljande scenarier och övningsdatabaserna bredvid den skarpa databasen
    List {
        #[arg(long)]
        json: bool,
    },
    /// Kontrollera en scenariofil (fel anges med fil, rad och fält)
    Validate { file: PathBuf },
    /// Skapa en ny övningsdatabas från ett scenario (namn eller fil)
    Create {
        scenario: String,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "Regionen")]
        org: String,
    },
    /// Starta övningsklockan (T+00:00)
    Start(#[command(flatten)] Control),
    /// Pausa övningsklockan
    Pause(#[command(flatten)] Control),
    /// Fortsätt efter paus
    Resume(#[command(flatten)] Control),
    /// Ändra hastighet (fönstret erbjuder 1, 2, 5 och 10)
    Speed {
        factor: u32,
        #[command(flatten)]
        by: Control,
    },
    /// Hoppa fram till ett inspel (det och alla före det kommer nu)
    Jump {
        seq: u32,
        #[command(flatten)]
        by: Control,
    },
    /// Avsluta övningen
    End(#[command(flatten)] Control),
    /// Leverera det som övningsklockan nått (appen gör det själv)
    Tick,
    /// Skicka ett reservinspel
    Fire {
        id: String,
        #[command(flatten)]
        by: Control,
    },
    /// Övningsledningens bedömning av en förväntad åtgärd
    Assess {
        action: String,
        /// met | late | missed | not_applicable
        #[arg(long)]
        outcome: String,
        #[arg(long)]
        note: String,
        #[command(flatten)]
        by: Control,
    },
    /// Anteckning från hot wash direkt efter spelet
    Hotwash {
        text: String,
        /// bra | forbattra
        #[arg(long, default_value = "forbattra")]
        kind: String,
        #[command(flatten)]
        by: Control,
    },
    /// Läge, klocka och inkomna inspel; med --control hela MSEL med anteckningar
    Status {
        #[arg(long)]
        control: bool,
        #[arg(long)]
        json: bool,
    },
    /// Spela övningen utan fönster: starta, leverera inspel i tid tills alla kommit
    Run {
        /// Hastighet (1–3600)
        #[arg(long, default_value_t = 1)]
        speed: u32,
        /// Stanna när detta inspel kommit
        #[arg(long)]
        until: Option<u32>,
        /// Avsluta övningen när alla inspel kommit
        #[arg(long)]
        end: bool,
        #[command(flatten)]
        by: Control,
    },
    /// Förväntade åtgärder: uppfylld, sen eller missad, med tider
    Evaluate {
        #[arg(long)]
        json: bool,
    },
    /// Utfärda efterrapporten (ÖVNING) med utvärdering och förbättringsplan
    Report {
        /// Händelsen (standard: övningens första)
        #[arg(long)]
        event: Option<String>,
        #[command(flatten)]
        by: Control,
        #[arg(long)]
        json: bool,
    },
    /// Skriv övningen som övningspaket (scenario, journal, rapporter, SHA-256)
    Export {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Kontrollera ett övningspaket och gör en ny övningsdatabas av det
    Import {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

impl ExerciseCmd {
    /// Commands that work without the store named by `--db`.
    pub fn without_store(&self) -> bool {
        matches!(
            self,
            Self::List { .. } | Self::Validate { .. } | Self::Create { .. } | Self::Import { .. }
        )
    }

    pub fn read_only(&self) -> bool {
        matches!(
            self,
            Self::Status { .. } | Self::Evaluate { .. } | Self::Export { .. }
        )
    }
}

/// Commands that need no open store.
pub fn standalone(db: &Path, cmd: ExerciseCmd) -> Result<()> {
    match cmd {
        ExerciseCmd::List { json } => {
            let scenarios = krisledning::api::scenarios()?;
            let stores = workspace::list(db);
            if json {
                return print_json(
                    &serde_json::json!({"scenarios": scenarios, "exercises": stores}),
                );
            }
            say!("Medföljande scenarier:");
            for s in &scenarios {
                print_scenario(s);
            }
            say!("Övningsdatabaser i {}:", workspace::folder(db).display());
            if stores.is_empty() {
                say!("  (inga)");
            }
            for f in stores {
                let state = f.state.map_or("?", |s| s.label());
                say!(
                    "  {}  {}  {}{}",
                    f.path,
                    f.title,
                    state,
                    f.problem.map(|p| format!(" – {p}")).unwrap_or_default()
                );
            }
        }
        ExerciseCmd::Validate { file } => {
            let (file, _, s) = workspace::read_scenario(&file.display().to_string())?;
            say!(
                "{file}: giltigt scenario \"{}\" – {} inspel, {} reservinspel, {} förväntade åtgärder, {}",
                s.title,
                s.injects.len(),
                s.contingencies.len(),
                s.expected.len(),
                krisledning::scenario::t_plus(s.duration.into())
            );
        }
        ExerciseCmd::Create { scenario, out, org } => {
            let store = workspace::create(&out, &scenario, &org, &workspace::control_actor())?;
            let view = store.exercise_view()?;
            say!(
                "Övningsdatabas klar: {} – \"{}\", {} inspel, redo att starta (`kris --db {} exercise start`).",
                store.path().display(),
                view.title,
                view.injects_total,
                store.path().display()
            );
        }
        ExerciseCmd::Import { file, out, json } => {
            let (manifest, store) = workspace::package::import(&file, &out)?;
            if json {
                return print_json(&manifest);
            }
            say!(
                "Övningspaketet stämmer: {} poster, sista hash {}, {} filer kontrollerade. Ny övningsdatabas: {}",
                manifest.entries,
                manifest.head_hash,
                manifest.members.len(),
                store.path().display()
            );
        }
        _ => unreachable!("needs a store"),
    }
    Ok(())
}

fn print_scenario(s: &ScenarioSummary) {
    say!(
        "  {:<32} {} ({}, {} inspel, {} förväntade åtgärder)",
        s.name,
        s.title,
        s.duration,
        s.injects,
        s.expected
    );
}

fn control(store: &mut Store, by: &Control, input: ControlInput) -> Result<()> {
    let delivered: Vec<DeliveredInject> = call(
        store,
        Request::ExerciseControl {
            actor: by.actor(),
            input,
        },
    )?;
    let view: ExerciseView = call(store, Request::ExerciseView)?;
    say!("{} – {}{}", view.title, view.state.label(), clock(&view));
    print_injects(&delivered);
    Ok(())
}

fn clock(view: &ExerciseView) -> String {
    match view.t_ms {
        Some(t) => format!(
            ", {} (×{})",
            krisledning::scenario::t_plus(t / 1000),
            view.speed
        ),
        None => String::new(),
    }
}

fn print_injects(list: &[DeliveredInject]) {
    for d in list {
        say!("INSPEL {}  {}", d.key, d.line());
    }
}

fn act(action: ControlAction) -> ControlInput {
    ControlInput {
        action: Some(action),
        ..ControlInput::default()
    }
}

pub fn exercise(store: &mut Store, cmd: ExerciseCmd) -> Result<()> {
    match cmd {
        ExerciseCmd::Start(by) => control(store, &by, act(ControlAction::Start))?,
        ExerciseCmd::Pause(by) => control(store, &by, act(ControlAction::Pause))?,
        ExerciseCmd::Resume(by) => control(store, &by, act(ControlAction::Resume))?,
        ExerciseCmd::End(by) => control(store, &by, act(ControlAction::End))?,
        ExerciseCmd::Speed { factor, by } => control(
            store,
            &by,
            ControlInput {
                speed: Some(factor),
                ..act(ControlAction::Speed)
            },
        )?,
        ExerciseCmd::Jump { seq, by } => control(
            store,
            &by,
            ControlInput {
                to_seq: Some(seq),
                ..act(ControlAction::Jump)
            },
        )?,
        ExerciseCmd::Tick => {
            let list: Vec<DeliveredInject> = call(store, Request::ExerciseTick)?;
            if list.is_empty() {
                say!("Inget inspel att leverera nu.");
            }
            print_injects(&list);
        }
        ExerciseCmd::Fire { id, by } => {
            let d: DeliveredInject = call(
                store,
                Request::ExerciseFire {
                    actor: by.actor(),
                    id,
                },
            )?;
            print_injects(&[d]);
        }
        ExerciseCmd::Assess {
            action,
            outcome,
            note,
            by,
        } => {
            let outcome = Outcome::parse(&outcome)?;
            let _: ControlView = call(
                store,
                Request::ExerciseAssess {
                    actor: by.actor(),
                    action: action.clone(),
                    outcome,
                    note,
                },
            )?;
            say!("Bedömning av {action}: {}.", outcome.label());
        }
        ExerciseCmd::Hotwash { text, kind, by } => {
            let kind = krisledning::efter::LessonKind::parse(&kind)?;
            let view: ControlView = call(
                store,
                Request::ExerciseHotwash {
                    actor: by.actor(),
                    input: HotwashInput {
                        text,
                        kind: Some(kind),
                    },
                },
            )?;
            say!("Hot wash: {} anteckningar.", view.hotwash.len());
        }
        ExerciseCmd::Status { control, json } => status(store, control, json)?,
        ExerciseCmd::Run {
            speed,
            until,
            end,
            by,
        } => run(store, speed, until, end, &by)?,
        ExerciseCmd::Evaluate { json } => {
            let e: Evaluation = call(store, Request::ExerciseEvaluation)?;
            if json {
                return print_json(&e);
            }
            print_evaluation(&e);
        }
        ExerciseCmd::Report { event, by, json } => {
            let event_id = match event {
                Some(e) => e,
                None => store
                    .list_events()?
                    .into_iter()
                    .min_by(|a, b| a.opened_at.cmp(&b.opened_at))
                    .map(|e| e.id)
                    .ok_or_else(|| {
                        Error::not_found("Övningen har ingen händelse att skriva efterrapport för.")
                    })?,
            };
            let r: IssuedReport = call(
                store,
                Request::IssueAfterActionReport {
                    actor: by.actor(),
                    event_id,
                    copies: None,
                },
            )?;
            if json {
                return print_json(&r);
            }
            let pdf = krisledning::report::issue::file(
                store,
                &r.id,
                krisledning::report::issue::ReportFormat::Pdf,
            )?;
            say!(
                "{} nr {} ({} sidor): {}",
                r.title,
                r.number,
                r.pages,
                pdf.display()
            );
        }
        ExerciseCmd::Export { out, json } => {
            let m: Manifest = call(
                store,
                Request::ExportExercisePackage {
                    out: out.display().to_string(),
                },
            )?;
            if json {
                return print_json(&m);
            }
            say!(
                "Övningspaket skrivet: {} ({} poster, sista hash {}, {} filer)",
                out.display(),
                m.entries,
                m.head_hash,
                m.members.len()
            );
        }
        ExerciseCmd::List { .. }
        | ExerciseCmd::Validate { .. }
        | ExerciseCmd::Create { .. }
        | ExerciseCmd::Import { .. } => unreachable!("handled without a store"),
    }
    Ok(())
}

fn status(store: &mut Store, control: bool, json: bool) -> Result<()> {
    if control {
        let v: ControlView = call(store, Request::ExerciseControlView)?;
        if json {
            return print_json(&v);
        }
        say!(
            "{} – {}{}",
            v.exercise.title,
            v.exercise.state.label(),
            clock(&v.exercise)
        );
        for m in &v.msel {
            let mark = m
                .delivered
                .as_ref()
                .map_or("  ".to_string(), |d| format!("✓ {}", d.at));
            say!(
                "{:>3} {} {:<14} {} → {}: {}",
                m.seq,
                m.at,
                mark,
                m.from,
                m.to,
                m.text
            );
            if let Some(n) = &m.note {
                say!("        Övningsledning: {n}");
            }
        }
        for c in &v.contingencies {
            let st = if c.delivered.is_some() {
                "skickat"
            } else if c.ready {
                "REDO"
            } else {
                "väntar"
            };
            say!(
                "  {} [{}] {} ({}): {}",
                c.id,
                c.fire.as_str(),
                c.trigger,
                st,
                c.text
            );
        }
        for a in &v.actions {
            say!(
                "  {} {} senast {}: {}",
                a.id,
                a.outcome.label(),
                a.by,
                a.text
            );
        }
        return Ok(());
    }
    let v: ExerciseView = call(store, Request::ExerciseView)?;
    if json {
        return print_json(&v);
    }
    say!(
        "ÖVNING {} – {}{}; {} av {} inspel har kommit",
        v.title,
        v.state.label(),
        clock(&v),
        v.delivered.iter().filter(|d| d.seq.is_some()).count(),
        v.injects_total
    );
    for d in v.delivered.iter().rev() {
        say!("  {} {}", d.at, d.line());
    }
    Ok(())
}

fn print_evaluation(e: &Evaluation) {
    say!(
        "{} – {}: {} uppfyllda, {} sena, {} missade, {} väntar, {} ej tillämpliga",
        e.title,
        e.state.label(),
        e.met,
        e.late,
        e.missed,
        e.pending,
        e.not_applicable
    );
    for a in &e.actions {
        let done = a.evidence.as_ref().map_or(String::new(), |ev| {
            format!(" – gjord {} av {} ({})", ev.at, ev.author, ev.summary)
        });
        say!(
            "  {:<14} {} senast {}: {}{}",
            a.outcome.label(),
            a.id,
            a.by,
            a.text,
            done
        );
        if let Some(x) = &a.assessment {
            say!("                 bedömd av {}: {}", x.by, x.note);
        }
    }
}

/// Plays the exercise headless on this machine's clock at `speed`, delivering injects as they
/// fall due, until every scheduled inject has come (or `until` has).
fn run(store: &mut Store, speed: u32, until: Option<u32>, end: bool, by: &Control) -> Result<()> {
    let view = store.exercise_view()?;
    if view.speed != speed {
        control(
            store,
            by,
            ControlInput {
                speed: Some(speed),
                ..act(ControlAction::Speed)
            },
        )?;
    }
    if view.state == krisledning::exercise::ExerciseState::Ready {
        control(store, by, act(ControlAction::Start))?;
    }
    loop {
        let list = store.exercise_tick()?;
        print_injects(&list);
        if until.is_some_and(|u| list.iter().any(|d| d.seq == Some(u))) {
            break;
        }
        let next = store.exercise_next_due()?;
        let view = store.exercise_view()?;
        let all_in =
            view.delivered.iter().filter(|d| d.seq.is_some()).count() as u32 >= view.injects_total;
        match next {
            Some(at) => {
                let wait = (at - store.now()).to_std().unwrap_or_default();
                std::thread::sleep(wait.max(std::time::Duration::from_millis(1)));
            }
            None if all_in => break,
            None => {
                return Err(Error::conflict(format!(
                    "Övningen är {} och klockan står; inget mer kommer utan att övningsledningen fortsätter.",
                    view.state.label().to_lowercase()
                )))
            }
        }
    }
    if end {
        control(store, by, act(ControlAction::End))?;
    }
    Ok(())
}
