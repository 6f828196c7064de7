//! `kris risk …` and `kris continuity …`: the risk register with its matrix, and the critical
//! services with their dependencies — through the same requests as the window.

use clap::Subcommand;
use krisledning::api::Request;
use krisledning::continuity::{
    AffectedService, Dependency, DependencyHit, NewHit, NewService, RestoreHit, Service,
};
use krisledning::risk::queries::RiskFilter;
use krisledning::risk::{CloseRisk, NewAssessment, NewRisk, RiskArea, RiskDetail, RiskRegister};
use krisledning::time::local_minute;
use krisledning::{Result, Store};

use crate::{call, print_json, By};

#[derive(clap::Args)]
pub struct Scoring {
    /// Sannolikhet 1–5
    #[arg(long)]
    likelihood: u8,
    /// Konsekvens 1–5
    #[arg(long)]
    consequence: u8,
    /// Befintliga åtgärder
    #[arg(long)]
    controls: String,
    /// Omprövas senast (ÅÅÅÅ-MM-DD)
    #[arg(long)]
    review: String,
}

#[derive(Subcommand)]
pub enum RiskCmd {
    /// Lista riskregistret, högsta risk först
    List {
        /// Bara ett område (t.ex. driftsakerhet, it_sakerhet, hot_och_vald)
        #[arg(long)]
        area: Option<String>,
        /// Också avslutade risker
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Riskmatrisen 5×5: antal öppna risker per ruta
    Matrix {
        #[arg(long)]
        json: bool,
    },
    /// Visa en risk med alla bedömningar
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Registrera en risk med första bedömningen
    Add {
        #[arg(long)]
        title: String,
        /// Säkerhetsområde, t.ex. brandsakerhet, driftsakerhet, civilt_forsvar
        #[arg(long)]
        area: String,
        #[arg(long)]
        description: String,
        /// Riskägare i linjeorganisationen
        #[arg(long)]
        owner: String,
        #[command(flatten)]
        scoring: Scoring,
        /// Plan som hanterar risken (kan upprepas)
        #[arg(long = "plan")]
        plans: Vec<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Ny bedömning av en risk (motivering krävs)
    Assess {
        id: String,
        #[command(flatten)]
        scoring: Scoring,
        #[arg(long)]
        note: String,
        /// Ny riskägare
        #[arg(long)]
        owner: Option<String>,
        /// Ersätter planerna (kan upprepas)
        #[arg(long = "plan")]
        plans: Vec<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Avsluta en risk som inte längre är aktuell
    Close {
        id: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
}

fn print_detail(d: &RiskDetail, json: bool) -> Result<()> {
    if json {
        return print_json(d);
    }
    let r = &d.risk;
    say!(
        "{}  {} ({}), ägare {}{}",
        r.id,
        r.title,
        r.area.label(),
        r.owner,
        r.closed
            .as_ref()
            .map(|c| format!(" [avslutad {}: {}]", local_minute(&c.at), c.reason))
            .unwrap_or_default()
    );
    say!("  {}", r.description);
    if !r.plans.is_empty() {
        let plans: Vec<&str> = r.plans.iter().map(|p| p.title.as_str()).collect();
        say!("  Planer: {}", plans.join(", "));
    }
    for a in &d.history {
        say!(
            "  {}  S{} × K{} = {} ({})  {}: {}  omprövas {}\n      Åtgärder: {}",
            local_minute(&a.assessed_at),
            a.likelihood,
            a.consequence,
            a.score,
            a.level.label(),
            a.assessed_by,
            a.note,
            a.review_due,
            a.controls
        );
    }
    Ok(())
}

pub fn risk(store: &mut Store, cmd: RiskCmd) -> Result<()> {
    match cmd {
        RiskCmd::List { area, all, json } => {
            let filter = RiskFilter {
                area: area.as_deref().map(RiskArea::parse).transpose()?,
                include_closed: Some(all),
            };
            let reg: RiskRegister = call(store, Request::RiskRegister { filter })?;
            for r in &reg.risks {
                if json {
                    print_json(r)?;
                } else {
                    say!(
                        "{}  {:>2} {:<10} {}  ({}, {}){}{}",
                        r.id,
                        r.current.score,
                        r.current.level.label(),
                        r.title,
                        r.area.label(),
                        r.owner,
                        if r.review_overdue {
                            "  OMPRÖVNING FÖRSENAD"
                        } else {
                            ""
                        },
                        if r.closed.is_some() {
                            "  [avslutad]"
                        } else {
                            ""
                        }
                    );
                }
            }
        }
        RiskCmd::Matrix { json } => {
            let reg: RiskRegister = call(
                store,
                Request::RiskRegister {
                    filter: RiskFilter::default(),
                },
            )?;
            if json {
                return print_json(&reg.heat_map);
            }
            for row in reg.heat_map.chunks(5) {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| format!("{:>3}", c.risk_ids.len()))
                    .collect();
                say!("S{} |{}", row[0].likelihood, cells.join(""));
            }
            say!("    +---------------\n      K1 K2 K3 K4 K5");
        }
        RiskCmd::Show { id, json } => print_detail(&call(store, Request::GetRisk { id })?, json)?,
        RiskCmd::Add {
            title,
            area,
            description,
            owner,
            scoring,
            plans,
            by,
            json,
        } => {
            let input = NewRisk {
                title,
                area: Some(RiskArea::parse(&area)?),
                description,
                owner,
                likelihood: scoring.likelihood,
                consequence: scoring.consequence,
                controls: scoring.controls,
                review_due: scoring.review,
                plans,
            };
            let d = call(
                store,
                Request::RegisterRisk {
                    actor: by.actor(),
                    input,
                },
            )?;
            print_detail(&d, json)?
        }
        RiskCmd::Assess {
            id,
            scoring,
            note,
            owner,
            plans,
            by,
            json,
        } => {
            let input = NewAssessment {
                risk_id: id,
                likelihood: scoring.likelihood,
                consequence: scoring.consequence,
                controls: scoring.controls,
                review_due: scoring.review,
                note,
                owner,
                plans: (!plans.is_empty()).then_some(plans),
            };
            let d = call(
                store,
                Request::AssessRisk {
                    actor: by.actor(),
                    input,
                },
            )?;
            print_detail(&d, json)?
        }
        RiskCmd::Close {
            id,
            reason,
            by,
            json,
        } => {
            let d = call(
                store,
                Request::CloseRisk {
                    actor: by.actor(),
                    input: CloseRisk {
                        risk_id: id,
                        reason,
                    },
                },
            )?;
            print_detail(&d, json)?
        }
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum ContinuityCmd {
    /// Lista samhällsviktiga tjänster, kortast MTO först
    List {
        #[arg(long)]
        json: bool,
    },
    /// Registrera en tjänst (eller revidera med --revise ID)
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        owner: String,
        /// Maximal tolerabel avbrottstid i timmar
        #[arg(long)]
        mto: u32,
        /// Beroende: el, vatten, it, personal, leveranser, transporter (kan upprepas)
        #[arg(long = "dep", required = true)]
        deps: Vec<String>,
        /// Reservrutin
        #[arg(long)]
        reserve: String,
        #[arg(long = "plan")]
        plans: Vec<String>,
        #[arg(long)]
        revise: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Registrera ett utslaget beroende i en händelse
    Hit {
        #[arg(long)]
        event: String,
        #[arg(long)]
        dep: String,
        #[arg(long)]
        note: String,
        /// Sedan när (standard: nu)
        #[arg(long)]
        since: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Återställ ett utslaget beroende
    Restore {
        hit_id: String,
        #[arg(long)]
        note: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// En händelses utslagna beroenden (också återställda), med id för `restore`
    Hits {
        #[arg(long)]
        event: String,
        #[arg(long)]
        json: bool,
    },
    /// Tjänster som påverkas av utslagna beroenden i öppna händelser
    Affected {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn print_hit(h: &DependencyHit, json: bool) -> Result<()> {
    if json {
        return print_json(h);
    }
    say!(
        "{}  {} utslaget sedan {}: {} ({} {} beroende){}",
        h.id,
        h.dependency.label(),
        local_minute(&h.since),
        h.note,
        h.services,
        if h.services == 1 {
            "tjänst"
        } else {
            "tjänster"
        },
        h.restored_at
            .as_deref()
            .map(|r| format!(" – återställt {}", local_minute(r)))
            .unwrap_or_default()
    );
    Ok(())
}

pub fn continuity(store: &mut Store, cmd: ContinuityCmd) -> Result<()> {
    match cmd {
        ContinuityCmd::List { json } => {
            for s in call::<Vec<Service>>(store, Request::ListServices)? {
                if json {
                    print_json(&s)?;
                } else {
                    let deps: Vec<&str> = s.dependencies.iter().map(|d| d.label()).collect();
                    say!(
                        "{}  {}  MTO {} h  [{}]  ansvarig {}{}",
                        s.id,
                        s.name,
                        s.mto_hours,
                        deps.join(", "),
                        s.owner,
                        if s.hit_in.is_empty() {
                            ""
                        } else {
                            "  PÅVERKAD"
                        }
                    );
                }
            }
        }
        ContinuityCmd::Add {
            name,
            owner,
            mto,
            deps,
            reserve,
            plans,
            revise,
            by,
            json,
        } => {
            let input = NewService {
                service_id: revise,
                name,
                owner,
                mto_hours: mto,
                dependencies: deps
                    .iter()
                    .map(|d| Dependency::parse(d))
                    .collect::<Result<_>>()?,
                reserve,
                plans,
            };
            let s: Service = call(
                store,
                Request::RecordService {
                    actor: by.actor(),
                    input,
                },
            )?;
            if json {
                print_json(&s)?
            } else {
                say!("{}  {} (version {})", s.id, s.name, s.versions)
            }
        }
        ContinuityCmd::Hit {
            event,
            dep,
            note,
            since,
            by,
            json,
        } => {
            let input = NewHit {
                event_id: event,
                dependency: Some(Dependency::parse(&dep)?),
                note,
                since,
            };
            let h = call(
                store,
                Request::DependencyHit {
                    actor: by.actor(),
                    input,
                },
            )?;
            print_hit(&h, json)?
        }
        ContinuityCmd::Restore {
            hit_id,
            note,
            by,
            json,
        } => {
            let h = call(
                store,
                Request::RestoreDependency {
                    actor: by.actor(),
                    input: RestoreHit { hit_id, note },
                },
            )?;
            print_hit(&h, json)?
        }
        ContinuityCmd::Hits { event, json } => {
            let hits: Vec<DependencyHit> =
                call(store, Request::DependencyHits { event_id: event })?;
            for h in &hits {
                print_hit(h, json)?;
            }
        }
        ContinuityCmd::Affected { event, json } => {
            let list: Vec<AffectedService> =
                call(store, Request::AffectedServices { event_id: event })?;
            for a in &list {
                if json {
                    print_json(a)?;
                } else {
                    let deps: Vec<&str> = a.dependencies.iter().map(|d| d.label()).collect();
                    say!(
                        "{}  {} ({}): {} utslaget sedan {}, MTO {} h {} {}",
                        a.service_id,
                        a.name,
                        a.event_title,
                        deps.join(", "),
                        local_minute(&a.since),
                        a.mto_hours,
                        if a.mto_exceeded {
                            "ÖVERSKRIDEN"
                        } else {
                            "nås"
                        },
                        local_minute(&a.mto_at)
                    );
                }
            }
        }
    }
    Ok(())
}
