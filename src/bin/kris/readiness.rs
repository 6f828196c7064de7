//! `kris mode …` and `kris plan …`: readiness modes and emergency plans.

use clap::Subcommand;
use krisledning::api::Request;
use krisledning::efter::PlanLibraryEntry;
use krisledning::log::Event;
use krisledning::plans::{ActivationView, ItemState, LibraryPlan};
use krisledning::readiness::{
    CheckReadiness, Checklist, ModeChange, ModeChangeRecord, ModeId, ModeStatus,
};
use krisledning::{Result, Store};

use crate::{call, print_json, By};

#[derive(Subcommand)]
pub enum ModeCmd {
    /// Visa aktuellt beredskapsläge och vad det föreslår
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Byt beredskapsläge (loggas som beslut)
    Set {
        /// fred | skarpt | hogsta | krig
        mode: String,
        /// Underlag, t.ex. regeringens beslut
        #[arg(long)]
        basis: String,
        #[command(flatten)]
        by: By,
        /// Referens till beslutet (diarienummer)
        #[arg(long)]
        decision_ref: Option<String>,
        #[arg(long)]
        occurred_at: Option<String>,
        #[arg(long)]
        late_reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Visa lägeshistorik, senaste först
    History {
        #[arg(long)]
        json: bool,
    },
    /// Beredskapschecklistan för ett läge (standard: alla lägen)
    Checklist {
        #[arg(long)]
        mode: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Bocka av en punkt i ett lägets checklista (eller --undone med --note)
    Check {
        mode: String,
        item_id: String,
        #[arg(long)]
        undone: bool,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
}

fn print_checklist(c: &Checklist, json: bool) -> Result<()> {
    if json {
        return print_json(c);
    }
    say!("{} ({} av {} uppfyllda)", c.mode_name.sv, c.done, c.total);
    for l in &c.lines {
        let when = match (&l.checked_at, &l.checked_by) {
            (Some(at), Some(by)) => format!("  ({}, {by})", krisledning::time::local_minute(at)),
            _ => String::new(),
        };
        let note = l
            .note
            .as_deref()
            .map(|n| format!(" – {n}"))
            .unwrap_or_default();
        say!(
            "  [{}] {}: {}{note}{when}",
            if l.done { "x" } else { " " },
            l.id,
            l.text.sv
        );
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum PlanCmd {
    /// Lista planbiblioteket (senaste version av varje plan)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Visa en plan med åtgärdskort
    Show {
        plan_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Importera en egen planfil (TOML, se docs/plan-format.md)
    Import {
        file: std::path::PathBuf,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Aktivera en plan i en händelse
    Activate {
        plan_id: String,
        #[arg(long)]
        event: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Bocka av en punkt (eller --undo, eller --skip --reason)
    Check {
        activation_id: String,
        item_id: String,
        #[arg(long, conflicts_with = "undo")]
        skip: bool,
        #[arg(long)]
        undo: bool,
        #[arg(long)]
        reason: Option<String>,
        /// Beslutet som gjorde en punkt som kräver beslut (id ur `kris list`)
        #[arg(long, conflicts_with_all = ["skip", "undo"])]
        decision: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Avaktivera en plan med skäl
    Deactivate {
        activation_id: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Visa aktiverade planer och framsteg i en händelse
    Status {
        #[arg(long)]
        event: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn mode(store: &mut Store, cmd: ModeCmd) -> Result<()> {
    match cmd {
        ModeCmd::Show { json } => {
            let s: ModeStatus = call(store, Request::ModeStatus)?;
            if json {
                return print_json(&s);
            }
            say!("{} ({})", s.current.name.sv, s.current.id.as_str());
            say!(
                "Lägesrapport var {}:e timme · Klassning: {}",
                s.current.report_every_hours,
                s.current.classification
            );
            say!("Bemanning: {}", s.current.roster.join(", "));
            for p in &s.proposals {
                let state = if p.active_in.is_empty() {
                    "föreslås".to_string()
                } else {
                    format!("aktiv i {} händelse(r)", p.active_in.len())
                };
                say!("  plan {}: {} — {state}", p.plan_id, p.title.sv);
            }
        }
        ModeCmd::Set {
            mode,
            basis,
            by,
            decision_ref,
            occurred_at,
            late_reason,
            json,
        } => {
            let input = ModeChange {
                mode: ModeId::parse(&mode)?,
                basis,
                decided_by: by.actor(),
                decision_ref,
                occurred_at,
                late_reason,
            };
            let s: ModeStatus = call(
                store,
                Request::SetMode {
                    actor: by.actor(),
                    input,
                },
            )?;
            if json {
                print_json(&s)?
            } else {
                say!("Beredskapsläge: {}", s.current.name.sv)
            }
        }
        ModeCmd::Checklist { mode, json } => {
            let mode = mode.as_deref().map(ModeId::parse).transpose()?;
            for c in call::<Vec<Checklist>>(store, Request::ReadinessChecklists)? {
                if mode.is_none_or(|m| m == c.mode) {
                    print_checklist(&c, json)?;
                }
            }
        }
        ModeCmd::Check {
            mode,
            item_id,
            undone,
            note,
            by,
            json,
        } => {
            let input = CheckReadiness {
                mode: ModeId::parse(&mode)?,
                item_id,
                done: !undone,
                note,
            };
            let c = call(
                store,
                Request::CheckReadiness {
                    actor: by.actor(),
                    input,
                },
            )?;
            print_checklist(&c, json)?
        }
        ModeCmd::History { json } => {
            for h in call::<Vec<ModeChangeRecord>>(store, Request::ModeHistory)? {
                if json {
                    print_json(&h)?;
                } else {
                    say!(
                        "{}  {}{} → {}  {} ({}): {}{}  – leds av {}",
                        h.occurred_at,
                        if h.alarm { "BEREDSKAPSLARM " } else { "" },
                        h.previous.as_str(),
                        h.mode.as_str(),
                        h.decided_by,
                        h.decided_role,
                        h.basis,
                        h.decision_ref
                            .as_deref()
                            .map(|r| format!(" [{r}]"))
                            .unwrap_or_default(),
                        h.leading_body.sv
                    );
                }
            }
        }
    }
    Ok(())
}

fn print_activation(a: &ActivationView, json: bool) -> Result<()> {
    if json {
        return print_json(a);
    }
    say!(
        "{}  {} v{}  {}/{} klara{}",
        a.id,
        a.title.sv,
        a.plan_version,
        a.done,
        a.total,
        if a.overdue > 0 {
            format!(", {} försenade", a.overdue)
        } else {
            String::new()
        }
    );
    for c in &a.cards {
        say!("  [{}] {} ({}/{})", c.role, c.title, c.done, c.total);
        for i in &c.items {
            let mark = match i.state {
                ItemState::Done => "x",
                ItemState::Skipped => "-",
                ItemState::Open if i.overdue => "!",
                ItemState::Open => " ",
            };
            say!("    [{mark}] {}: {}", i.id, i.text);
        }
    }
    Ok(())
}

pub fn plan(store: &mut Store, cmd: PlanCmd) -> Result<()> {
    match cmd {
        PlanCmd::List { json } => {
            for entry in call::<Vec<PlanLibraryEntry>>(store, Request::PlanLibrary)? {
                if json {
                    print_json(&entry)?;
                } else {
                    let p = &entry.library;
                    let modes: Vec<&str> = p.plan.modes.iter().map(|m| m.as_str()).collect();
                    let proposals = match entry.open_proposals {
                        0 => String::new(),
                        n => format!("  ({n} öppna förslag till revision)"),
                    };
                    say!(
                        "{}  v{}  {}  [{}]{proposals}",
                        p.plan.id,
                        p.plan.version,
                        p.plan.title.sv,
                        modes.join(",")
                    );
                }
            }
        }
        PlanCmd::Show { plan_id, json } => {
            let p: LibraryPlan = call(store, Request::GetPlan { plan_id })?;
            if json {
                return print_json(&p);
            }
            say!(
                "{} (v{})\n{}",
                p.plan.title.sv,
                p.plan.version,
                p.plan.purpose
            );
            for c in &p.plan.cards {
                say!("  [{}] {}", c.role, c.title);
                for i in &c.items {
                    let due = i
                        .due_minutes
                        .map(|m| format!(" (inom {m} min)"))
                        .unwrap_or_default();
                    let dec = if i.requires_decision { " [beslut]" } else { "" };
                    say!("    {}: {}{due}{dec}", i.id, i.text);
                }
            }
        }
        PlanCmd::Import { file, by, json } => {
            let source =
                krisledning::import::read_bounded(&file, krisledning::plans::MAX_PLAN_BYTES)?;
            let source = String::from_utf8(source).map_err(|_| {
                krisledning::Error::invalid(format!("{} är inte UTF-8-text.", file.display()))
            })?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let p: LibraryPlan = call(
                store,
                Request::ImportPlan {
                    actor: by.actor(),
                    file_name: name,
                    source,
                },
            )?;
            if json {
                print_json(&p)?
            } else {
                say!("Importerad: {} v{}", p.plan.id, p.plan.version)
            }
        }
        PlanCmd::Activate {
            plan_id,
            event,
            by,
            json,
        } => {
            let a: ActivationView = call(
                store,
                Request::ActivatePlan {
                    actor: by.actor(),
                    plan_id,
                    event_id: event,
                },
            )?;
            if json {
                print_json(&a)?
            } else {
                say!("{}", a.id)
            }
        }
        PlanCmd::Check {
            activation_id,
            item_id,
            skip,
            undo,
            reason,
            decision,
            by,
            json,
        } => {
            let state = if skip {
                ItemState::Skipped
            } else if undo {
                ItemState::Open
            } else {
                ItemState::Done
            };
            let a: ActivationView = call(
                store,
                Request::CheckItem {
                    actor: by.actor(),
                    activation_id,
                    item_id,
                    state,
                    reason,
                    decision_id: decision,
                },
            )?;
            print_activation(&a, json)?;
        }
        PlanCmd::Deactivate {
            activation_id,
            reason,
            by,
            json,
        } => {
            let a: ActivationView = call(
                store,
                Request::DeactivatePlan {
                    actor: by.actor(),
                    activation_id,
                    reason,
                },
            )?;
            if json {
                print_json(&a)?
            } else {
                say!("Avaktiverad: {}", a.id)
            }
        }
        PlanCmd::Status { event, json } => {
            call::<Event>(store, Request::GetEvent { id: event.clone() })?;
            for a in
                call::<Vec<ActivationView>>(store, Request::EventActivations { event_id: event })?
            {
                print_activation(&a, json)?;
            }
        }
    }
    Ok(())
}
