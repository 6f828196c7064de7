//! `kris mode …` and `kris plan …`: readiness modes and emergency plans.

use clap::Subcommand;
use krisledning::domain::Actor;
use krisledning::plans::{ActivationView, ItemState};
use krisledning::readiness::ModeChange;
use krisledning::readiness::ModeId;
use krisledning::{Result, Store};

use crate::{print_json, By};

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
        #[arg(long, default_value = "Planadministratör")]
        role: String,
        #[arg(long, env = "USER", default_value = "okänd")]
        by: String,
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
            let s = store.mode_status()?;
            if json {
                return print_json(&s);
            }
            println!("{} ({})", s.current.name.sv, s.current.id.as_str());
            println!(
                "Lägesrapport var {}:e timme · Klassning: {}",
                s.current.report_every_hours, s.current.classification
            );
            println!("Bemanning: {}", s.current.roster.join(", "));
            for p in &s.proposals {
                let state = if p.active_in.is_empty() {
                    "föreslås".to_string()
                } else {
                    format!("aktiv i {} händelse(r)", p.active_in.len())
                };
                println!("  plan {}: {} — {state}", p.plan_id, p.title.sv);
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
            let s = store.set_mode(&by.actor(), &input)?;
            if json {
                print_json(&s)?
            } else {
                println!("Beredskapsläge: {}", s.current.name.sv)
            }
        }
        ModeCmd::History { json } => {
            for h in store.mode_history()? {
                if json {
                    print_json(&h)?;
                } else {
                    println!(
                        "{}  {} → {}  {} ({}): {}",
                        h.occurred_at,
                        h.previous.as_str(),
                        h.mode.as_str(),
                        h.decided_by,
                        h.decided_role,
                        h.basis
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
    println!(
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
        println!("  [{}] {} ({}/{})", c.role, c.title, c.done, c.total);
        for i in &c.items {
            let mark = match i.state {
                ItemState::Done => "x",
                ItemState::Skipped => "-",
                ItemState::Open if i.overdue => "!",
                ItemState::Open => " ",
            };
            println!("    [{mark}] {}: {}", i.id, i.text);
        }
    }
    Ok(())
}

pub fn plan(store: &mut Store, cmd: PlanCmd) -> Result<()> {
    match cmd {
        PlanCmd::List { json } => {
            for p in store.plan_library()? {
                if json {
                    print_json(&p)?;
                } else {
                    let modes: Vec<&str> = p.plan.modes.iter().map(|m| m.as_str()).collect();
                    println!(
                        "{}  v{}  {}  [{}]",
                        p.plan.id,
                        p.plan.version,
                        p.plan.title.sv,
                        modes.join(",")
                    );
                }
            }
        }
        PlanCmd::Show { plan_id, json } => {
            let p = store.library_plan(&plan_id)?;
            if json {
                return print_json(&p);
            }
            println!(
                "{} (v{})\n{}",
                p.plan.title.sv, p.plan.version, p.plan.purpose
            );
            for c in &p.plan.cards {
                println!("  [{}] {}", c.role, c.title);
                for i in &c.items {
                    let due = i
                        .due_minutes
                        .map(|m| format!(" (inom {m} min)"))
                        .unwrap_or_default();
                    let dec = if i.requires_decision { " [beslut]" } else { "" };
                    println!("    {}: {}{due}{dec}", i.id, i.text);
                }
            }
        }
        PlanCmd::Import {
            file,
            role,
            by,
            json,
        } => {
            let source = std::fs::read(&file).map_err(|e| {
                krisledning::Error::invalid(format!("Kan inte läsa {}: {e}", file.display()))
            })?;
            let source = String::from_utf8(source).map_err(|_| {
                krisledning::Error::invalid(format!("{} är inte UTF-8-text.", file.display()))
            })?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let p = store.import_plan(&Actor::new(by, role), &name, &source)?;
            if json {
                print_json(&p)?
            } else {
                println!("Importerad: {} v{}", p.plan.id, p.plan.version)
            }
        }
        PlanCmd::Activate {
            plan_id,
            event,
            by,
            json,
        } => {
            let a = store.activate_plan(&by.actor(), &plan_id, &event)?;
            if json {
                print_json(&a)?
            } else {
                println!("{}", a.id)
            }
        }
        PlanCmd::Check {
            activation_id,
            item_id,
            skip,
            undo,
            reason,
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
            let a = store.check_item(&by.actor(), &activation_id, &item_id, state, reason)?;
            print_activation(&a, json)?;
        }
        PlanCmd::Deactivate {
            activation_id,
            reason,
            by,
            json,
        } => {
            let a = store.deactivate_plan(&by.actor(), &activation_id, &reason)?;
            if json {
                print_json(&a)?
            } else {
                println!("Avaktiverad: {}", a.id)
            }
        }
        PlanCmd::Status { event, json } => {
            store.get_event(&event)?;
            for a in store.event_activations(&event)? {
                print_activation(&a, json)?;
            }
        }
    }
    Ok(())
}
