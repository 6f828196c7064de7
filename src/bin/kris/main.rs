//! `kris`: the command-line client. Same core functions as the app; one line on stderr and a
//! non-zero exit on any error, with nothing written.

use std::path::PathBuf;
use std::process::ExitCode;

#[macro_use]
mod output;
mod beredskap;
mod efter;
mod exercise;
mod logistics;
mod marking;
mod readiness;
mod reports;
mod rsa;
mod seal;
mod staff_room;
mod sync;
mod vault;

use clap::{Args, Parser, Subcommand};
use krisledning::api::Request;
use krisledning::domain::Actor;
use krisledning::export::ExportFormat;
use krisledning::journal::VerifyReport;
use krisledning::log::Event;
use krisledning::log::{
    Channel, CloseEvent, DecisionKind, NewCorrection, NewDecision, NewDiaryEntry, OpenEvent,
    Record, RecordFilter,
};
use krisledning::store::anchor::Anchor;
use krisledning::store::StoreStatus;
use krisledning::{Error, Result, Store, Workspace};

#[derive(Parser)]
#[command(
    name = "kris",
    version,
    about = "Krisledning: beslutslogg och stabsdagbok från kommandoraden"
)]
struct Cli {
    /// Databasfil (standard: ~/.local/share/krisledning/krisledning.db)
    #[arg(long, global = true, env = "KRIS_DB")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Args)]
pub struct By {
    /// Vem som registrerar (namn)
    #[arg(long)]
    pub by: String,
    /// Roll i staben (t.ex. TiB, stabschef)
    #[arg(long)]
    pub role: String,
}

impl By {
    pub fn actor(&self) -> Actor {
        Actor::new(&self.by, &self.role)
    }
}

#[derive(Subcommand)]
enum Cmd {
    /// Skapa databasen
    Init {
        #[arg(long, default_value = "Regionen")]
        org: String,
        /// Skapa en övningsdatabas (ÖVNING) i stället för en skarp
        #[arg(long)]
        exercise: bool,
    },
    /// Händelser: öppna, lista, avsluta
    #[command(subcommand)]
    Event(EventCmd),
    /// Beredskapsläge: visa, byta, historik
    #[command(subcommand)]
    Mode(readiness::ModeCmd),
    /// Beredskapsplaner: bibliotek, import, aktivering, avbockning
    #[command(subcommand)]
    Plan(readiness::PlanCmd),
    /// Riskregistret (risk- och sårbarhetsanalys): risker, bedömningar, riskmatris
    #[command(subcommand)]
    Risk(rsa::RiskCmd),
    /// Kontinuitet: samhällsviktiga tjänster, beroenden, utslagna beroenden i händelser
    #[command(subcommand)]
    Continuity(rsa::ContinuityCmd),
    /// Mål och uppföljning: mål, PDSA-aktiviteter, genomförda övningar, bokslut
    #[command(subcommand)]
    Followup(beredskap::FollowupCmd),
    /// Krigsorganisation: krigsplacering, bemanning per läge, inställelse, beredskapslarm
    #[command(subcommand)]
    War(beredskap::WarCmd),
    /// Resurser och begäranden
    #[command(subcommand)]
    Resource(logistics::ResourceCmd),
    /// Uppdrag
    #[command(subcommand)]
    Task(logistics::TaskCmd),
    /// Personal och bemanning
    #[command(subcommand)]
    Staff(logistics::StaffCmd),
    /// Importera resurser eller kontakter från CSV, eller en CAP-varning till dagboken
    #[command(subcommand)]
    Import(logistics::ImportCmd),
    /// Lägesbilden: visa eller skriv ett avsnitt
    #[command(subcommand)]
    Situation(staff_room::SituationCmd),
    /// Avvikelser i en händelse (också efter att den avslutats)
    #[command(subcommand)]
    Deviation(efter::DeviationCmd),
    /// Erfarenheter: ansvarig, klart senast, avslut och förslag till planrevision
    #[command(subcommand)]
    Lesson(efter::LessonCmd),
    /// Förslag till planrevision, öppna tills en ny planversion importeras
    #[command(subcommand)]
    Proposal(efter::ProposalCmd),
    /// Rapporter: lägesrapport, beslutslogg och stabsdagbok på papper, rapporthistorik
    #[command(subcommand)]
    Report(reports::ReportCmd),
    /// Övningar: scenarier, övningsklocka, inspel, utvärdering, övningspaket
    #[command(subcommand)]
    Exercise(exercise::ExerciseCmd),
    /// Tidslinjen: alla poster av alla slag, senaste först
    Timeline {
        #[command(flatten)]
        args: staff_room::TimelineArgs,
        #[arg(long)]
        json: bool,
    },
    /// Markera en post som betydande (syns i lägesbilden), eller ta bort markeringen med --off
    Flag {
        /// Postens id (se `kris timeline`)
        entry: String,
        #[arg(long)]
        off: bool,
        /// Varför posten är betydande
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Påminnelser: uppföljningar, uppdrag och rapporter som förfaller
    Reminders {
        /// Visa också det som förfaller inom så många timmar
        #[arg(long, default_value_t = 24, value_parser = clap::value_parser!(u32).range(0..=8784))]
        hours: u32,
        #[arg(long)]
        json: bool,
    },
    /// Vem är vid tangentbordet (utan --by: visa; med --by/--role: byt och logga)
    Whoami {
        #[arg(long, requires = "role")]
        by: Option<String>,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Registrera ett beslut
    Decide {
        #[arg(long)]
        event: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        basis: String,
        #[command(flatten)]
        by: By,
        /// inriktning | samordning | verkstallighet | ovrigt
        #[arg(long, default_value = "ovrigt")]
        kind: String,
        #[arg(long)]
        alternatives: Option<String>,
        #[arg(long)]
        mandate: Option<String>,
        #[arg(long)]
        occurred_at: Option<String>,
        #[arg(long)]
        late_reason: Option<String>,
        #[arg(long)]
        takes_effect: Option<String>,
        #[arg(long)]
        follow_up: Option<String>,
        #[arg(long)]
        distribution: Option<String>,
        /// Id för beslut som detta ersätter
        #[arg(long)]
        supersedes: Option<String>,
        /// Klassning över lägets standard: begransat_hemlig | konfidentiell | hemlig | kvalificerat_hemlig
        #[arg(long)]
        marking: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Skriv i stabsdagboken
    Log {
        #[arg(long)]
        event: String,
        #[arg(long)]
        text: String,
        #[command(flatten)]
        by: By,
        /// telefon | rakel | epost | mote | sms | personligen | ovrigt
        #[arg(long, default_value = "ovrigt")]
        channel: String,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        occurred_at: Option<String>,
        #[arg(long)]
        late_reason: Option<String>,
        /// Klassning över lägets standard: begransat_hemlig | konfidentiell | hemlig | kvalificerat_hemlig
        #[arg(long)]
        marking: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Rätta ett beslut eller en anteckning (originalet finns kvar, överstruket)
    Correct {
        entry_id: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Lista beslut och anteckningar
    List {
        #[arg(long)]
        event: Option<String>,
        /// beslut | dagbok | inriktning | samordning | verkstallighet | ovrigt
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Fritextsök i beslut och dagbok
    Search {
        query: String,
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Kontrollera att ingen post har ändrats (hashkedjan), utan att ändra filen
    Verify {
        /// Förankring från en utskrift eller rapport: SEQ:HASH (kedjan måste innehålla den posten)
        #[arg(long)]
        expect: Option<String>,
        /// Bygg också om alla vyer vid sidan av och jämför med det som visas (långsammare)
        #[arg(long)]
        deep: bool,
        /// En signerad kontrollpunkt (från `kris checkpoint`): kedjan måste innehålla dess post
        #[arg(long)]
        checkpoint: Option<PathBuf>,
        /// Verifieringsnyckel för en annan dators signatur (från `kris device show`); flera går
        #[arg(long)]
        key: Vec<String>,
    },
    /// Signerad kontrollpunkt: databasens id, antal poster och huvudhash, signerad av denna dator
    Checkpoint {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Den här datorns signeringsnyckel
    #[command(subcommand)]
    Device(seal::DeviceCmd),
    /// Säkerhetskopiera (kontrollerad och signerad) till en mapp; `backup list` visar dem
    Backup(seal::BackupArgs),
    /// Lås upp en krypterad databas: kontrollerar lösenfrasen och visar hur lång tid det tog
    Unlock,
    /// Kryptera databasen på plats med en ny lösenfras (övningsdatabaser förblir okrypterade)
    Encrypt,
    /// Lösenfras: sätt den första (krypterar) eller byt
    #[command(subcommand)]
    Passphrase(vault::PassphraseCmd),
    /// Återställ från en säkerhetskopia (den nuvarande databasen sparas först); stäng appen först
    Restore {
        file: PathBuf,
        /// Mappen där den nuvarande databasen sparas före återställningen
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Höj en posts klassning (sänks aldrig)
    Mark {
        entry_id: String,
        /// begransat_hemlig | konfidentiell | hemlig | kvalificerat_hemlig
        #[arg(long)]
        marking: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        by: By,
    },
    /// Exemplarförteckning: utskrifter och exporter under exemplarkontroll
    #[command(subcommand)]
    Copies(marking::CopiesCmd),
    /// Buntar: poster mellan platser på ett USB-minne
    #[command(subcommand)]
    Bundle(sync::BundleCmd),
    /// Flera datorer: parning, synkmapp och konflikter
    #[command(subcommand)]
    Sync(sync::SyncCmd),
    /// Bygg om alla vyer från journalen
    Replay,
    /// Exportera journal (jsonl) eller logg (csv)
    Export {
        #[arg(long, default_value = "jsonl")]
        format: String,
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Visa databasens status: antal poster och huvudhash
    Status {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum EventCmd {
    /// Öppna en ny händelse
    Open {
        #[arg(long)]
        title: String,
        #[arg(long = "type")]
        event_type: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        occurred_at: Option<String>,
        #[arg(long)]
        late_reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Lista händelser
    List {
        #[arg(long)]
        json: bool,
    },
    /// Avsluta en händelse med ett beslut
    Close {
        id: String,
        #[arg(long)]
        decision_text: String,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
}

/// Runs one request through `api::call`, the function behind the app's IPC: the CLI and the
/// window send the same typed requests and get the same answers (`--json` prints them as they are).
pub fn call<T: serde::de::DeserializeOwned>(store: &mut Store, request: Request) -> Result<T> {
    let answer = krisledning::api::call(store, request)?;
    serde_json::from_value(answer)
        .map_err(|e| Error::storage(format!("Internt fel: kärnans svar kunde inte läsas ({e}).")))
}

pub fn print_json<T: serde::Serialize>(v: &T) -> Result<()> {
    say!("{}", serde_json::to_string(v)?);
    Ok(())
}

fn print_record(r: &Record) {
    let what = r
        .title
        .as_deref()
        .map(|t| format!("BESLUT {t}: "))
        .unwrap_or_default();
    let mark = if r.corrections.is_empty() {
        ""
    } else {
        " [rättad]"
    };
    let status = if r.superseded_by.is_some() {
        " [ersatt]"
    } else {
        ""
    };
    say!(
        "{}  {}  {} ({})  {}{}{}{}",
        r.id,
        r.occurred_at,
        r.author,
        r.role,
        what,
        r.current_text(),
        mark,
        status
    );
}

fn print_records(records: &[Record], json: bool) -> Result<()> {
    for r in records {
        if json {
            print_json(r)?;
        } else {
            print_record(r);
        }
    }
    Ok(())
}

fn db_path(cli: &Option<PathBuf>) -> Result<PathBuf> {
    match cli {
        Some(p) => Ok(p.clone()),
        None => krisledning::store::default_path(),
    }
}

fn run(cli: Cli) -> Result<()> {
    let path = db_path(&cli.db)?;
    if let Cmd::Init { org, exercise } = &cli.cmd {
        let ws = if *exercise {
            Workspace::Exercise
        } else {
            Workspace::Real
        };
        let store = Store::init(&path, org, ws)?;
        say!("Databas klar: {}", store.path().display());
        return Ok(());
    }
    match cli.cmd {
        Cmd::Device(cmd) => return seal::device(cmd),
        Cmd::Unlock => return vault::unlock(&path),
        Cmd::Encrypt => return vault::encrypt(&path),
        Cmd::Passphrase(cmd) => return vault::passphrase(&path, cmd),
        _ => {}
    }
    // Exercise files and scenarios beside the record need no key to the record.
    if let Cmd::Exercise(cmd) = &cli.cmd {
        if cmd.without_store() {
            let Cmd::Exercise(cmd) = cli.cmd else {
                unreachable!("matched above")
            };
            return exercise::standalone(&path, cmd);
        }
    }
    // Every other command reads the store: an encrypted one is unlocked first.
    vault::ensure_unlocked(&path)?;
    match cli.cmd {
        Cmd::Backup(args) => return seal::backup(&path, args),
        Cmd::Restore { file, to } => {
            vault::ensure_unlocked(&file)?;
            return seal::restore(&path, &file, to);
        }
        _ => {}
    }
    if let Cmd::Exercise(cmd) = cli.cmd {
        let mut store = if cmd.read_only() {
            Store::open_read_only(&path)?
        } else {
            Store::open(&path)?
        };
        return exercise::exercise(&mut store, cmd);
    }
    // Reading never changes the file: a store on read-only media, an archived one or one from a
    // newer version can be listed, searched, exported and verified as it is.
    let read_only = matches!(
        cli.cmd,
        Cmd::Verify { .. }
            | Cmd::Checkpoint { .. }
            | Cmd::Status { .. }
            | Cmd::List { .. }
            | Cmd::Search { .. }
            | Cmd::Export { .. }
            | Cmd::Reminders { .. }
            | Cmd::Whoami { by: None, .. }
            | Cmd::Event(EventCmd::List { .. })
            | Cmd::Mode(
                readiness::ModeCmd::Show { .. }
                    | readiness::ModeCmd::History { .. }
                    | readiness::ModeCmd::Checklist { .. }
            )
            | Cmd::Risk(
                rsa::RiskCmd::List { .. } | rsa::RiskCmd::Matrix { .. } | rsa::RiskCmd::Show { .. }
            )
            | Cmd::Continuity(
                rsa::ContinuityCmd::List { .. }
                    | rsa::ContinuityCmd::Affected { .. }
                    | rsa::ContinuityCmd::Hits { .. }
            )
            | Cmd::Followup(beredskap::FollowupCmd::Show { .. })
            | Cmd::War(beredskap::WarCmd::Staffing { .. })
            | Cmd::Plan(
                readiness::PlanCmd::List { .. }
                    | readiness::PlanCmd::Show { .. }
                    | readiness::PlanCmd::Status { .. }
            )
            | Cmd::Resource(
                logistics::ResourceCmd::List { .. }
                    | logistics::ResourceCmd::Requests { .. }
                    | logistics::ResourceCmd::History { .. }
            )
            | Cmd::Task(logistics::TaskCmd::List { .. })
            | Cmd::Timeline { .. }
            | Cmd::Situation(staff_room::SituationCmd::Show { .. })
            | Cmd::Staff(logistics::StaffCmd::List { .. })
            | Cmd::Deviation(efter::DeviationCmd::List { .. })
            | Cmd::Lesson(efter::LessonCmd::List { .. })
            | Cmd::Copies(marking::CopiesCmd::List { .. })
            | Cmd::Bundle(sync::BundleCmd::Export { .. })
            | Cmd::Sync(
                sync::SyncCmd::Status { .. }
                    | sync::SyncCmd::Peers { .. }
                    | sync::SyncCmd::Card { .. }
            )
            | Cmd::Proposal(efter::ProposalCmd::List { .. })
    );
    let mut store = if read_only {
        Store::open_read_only(&path)?
    } else {
        Store::open(&path)?
    };
    if let Some(w) = store.anchor_warning() {
        eprintln!("kris: VARNING: {}", w.message);
    }
    match cli.cmd {
        Cmd::Init { .. }
        | Cmd::Exercise(_)
        | Cmd::Device(_)
        | Cmd::Unlock
        | Cmd::Encrypt
        | Cmd::Passphrase(_)
        | Cmd::Backup(_)
        | Cmd::Restore { .. } => unreachable!("handled above"),
        Cmd::Mode(cmd) => readiness::mode(&mut store, cmd)?,
        Cmd::Bundle(cmd) => sync::bundle(&mut store, cmd)?,
        Cmd::Sync(cmd) => sync::sync(&mut store, cmd)?,
        Cmd::Plan(cmd) => readiness::plan(&mut store, cmd)?,
        Cmd::Risk(cmd) => rsa::risk(&mut store, cmd)?,
        Cmd::Continuity(cmd) => rsa::continuity(&mut store, cmd)?,
        Cmd::Followup(cmd) => beredskap::followup(&mut store, cmd)?,
        Cmd::War(cmd) => beredskap::war(&mut store, cmd)?,
        Cmd::Resource(cmd) => logistics::resource(&mut store, cmd)?,
        Cmd::Task(cmd) => logistics::task(&mut store, cmd)?,
        Cmd::Staff(cmd) => logistics::staff(&mut store, cmd)?,
        Cmd::Import(cmd) => logistics::import(&mut store, cmd)?,
        Cmd::Reminders { hours, json } => logistics::reminders(&mut store, hours, json)?,
        Cmd::Situation(cmd) => staff_room::situation(&mut store, cmd)?,
        Cmd::Deviation(cmd) => efter::deviation(&mut store, cmd)?,
        Cmd::Lesson(cmd) => efter::lesson(&mut store, cmd)?,
        Cmd::Proposal(cmd) => efter::proposal(&mut store, cmd)?,
        Cmd::Report(cmd) => reports::report(&mut store, cmd)?,
        Cmd::Timeline { args, json } => staff_room::timeline(&mut store, args, json)?,
        Cmd::Flag {
            entry,
            off,
            note,
            by,
            json,
        } => staff_room::flag(&mut store, entry, off, note, by, json)?,
        Cmd::Whoami { by, role, json } => {
            let who = match (by, role) {
                (Some(by), Some(role)) => Some(call::<Actor>(
                    &mut store,
                    Request::SwitchOperator {
                        actor: Actor::new(by, role),
                    },
                )?),
                _ => call(&mut store, Request::CurrentOperator)?,
            };
            match (who, json) {
                (who, true) => print_json(&who)?,
                (Some(a), false) => say!("{} ({})", a.name, a.role),
                (None, false) => say!("Ingen har loggat in vid tangentbordet ännu."),
            }
        }
        Cmd::Event(EventCmd::Open {
            title,
            event_type,
            by,
            occurred_at,
            late_reason,
            json,
        }) => {
            let ev: Event = call(
                &mut store,
                Request::OpenEvent {
                    actor: by.actor(),
                    input: OpenEvent {
                        title,
                        event_type,
                        occurred_at,
                        late_reason,
                    },
                },
            )?;
            if json {
                print_json(&ev)?
            } else {
                say!("{}", ev.id)
            }
        }
        Cmd::Event(EventCmd::List { json }) => {
            for ev in call::<Vec<Event>>(&mut store, Request::ListEvents)? {
                if json {
                    print_json(&ev)?;
                } else {
                    let status = if ev.closing_text.is_some() {
                        "avslutad"
                    } else {
                        "öppen"
                    };
                    say!(
                        "{}  {}  {}  {}  ({} beslut, {} anteckningar)",
                        ev.id,
                        ev.opened_at,
                        status,
                        ev.title,
                        ev.decisions,
                        ev.diary_entries
                    );
                }
            }
        }
        Cmd::Event(EventCmd::Close {
            id,
            decision_text,
            by,
            json,
        }) => {
            let ev: Event = call(
                &mut store,
                Request::CloseEvent {
                    actor: by.actor(),
                    input: CloseEvent {
                        event_id: id,
                        decision_text,
                        ..Default::default()
                    },
                },
            )?;
            if json {
                print_json(&ev)?
            } else {
                say!("Avslutad: {}", ev.id)
            }
        }
        Cmd::Decide {
            event,
            title,
            text,
            basis,
            by,
            kind,
            alternatives,
            mandate,
            occurred_at,
            late_reason,
            takes_effect,
            follow_up,
            distribution,
            supersedes,
            marking,
            json,
        } => {
            let cmd = NewDecision {
                event_id: event,
                kind: DecisionKind::parse(&kind)?,
                title,
                text,
                basis,
                alternatives,
                decided_by: by.actor(),
                mandate,
                occurred_at,
                late_reason,
                takes_effect,
                follow_up_at: follow_up,
                distribution,
                supersedes,
            };
            let rec: Record = call(
                &mut store,
                Request::Decide {
                    actor: by.actor(),
                    input: cmd,
                    marking: marking::parse_opt(marking.as_deref())?,
                },
            )?;
            if json {
                print_json(&rec)?
            } else {
                say!("{}", rec.id)
            }
        }
        Cmd::Log {
            event,
            text,
            by,
            channel,
            from,
            to,
            occurred_at,
            late_reason,
            marking,
            json,
        } => {
            let cmd = NewDiaryEntry {
                event_id: event,
                text,
                channel: Channel::parse(&channel)?,
                from_party: from,
                to_party: to,
                occurred_at,
                late_reason,
            };
            let rec: Record = call(
                &mut store,
                Request::LogDiary {
                    actor: by.actor(),
                    input: cmd,
                    marking: marking::parse_opt(marking.as_deref())?,
                },
            )?;
            if json {
                print_json(&rec)?
            } else {
                say!("{}", rec.id)
            }
        }
        Cmd::Correct {
            entry_id,
            text,
            reason,
            by,
            json,
        } => {
            let rec: Record = call(
                &mut store,
                Request::Correct {
                    actor: by.actor(),
                    input: NewCorrection {
                        target_id: entry_id,
                        text,
                        reason,
                    },
                },
            )?;
            if json {
                print_json(&rec)?
            } else {
                say!("Rättad: {}", rec.id)
            }
        }
        Cmd::List {
            event,
            kind,
            from,
            to,
            json,
        } => {
            let filter = RecordFilter {
                event_id: event,
                kind,
                from,
                to,
            };
            print_records(
                &call::<Vec<Record>>(&mut store, Request::ListRecords { filter })?,
                json,
            )?;
        }
        Cmd::Search { query, event, json } => {
            let found: Vec<Record> = call(
                &mut store,
                Request::Search {
                    query,
                    event_id: event,
                },
            )?;
            print_records(&found, json)?
        }
        Cmd::Verify {
            expect,
            deep,
            checkpoint,
            key,
        } => {
            verify(&mut store, expect.as_deref(), deep)?;
            if let Some(file) = checkpoint {
                seal::verify_checkpoint(&store, &file, &key)?;
            }
        }
        Cmd::Checkpoint { out } => seal::checkpoint(&store, out)?,
        Cmd::Mark {
            entry_id,
            marking,
            reason,
            by,
        } => marking::mark(&mut store, entry_id, &marking, reason, &by)?,
        Cmd::Copies(cmd) => marking::copies(&mut store, cmd)?,
        Cmd::Replay => say!("Återuppbyggt från {} poster", store.replay()?),
        Cmd::Status { json } => {
            let s: StoreStatus = call(&mut store, Request::Status)?;
            if json {
                print_json(&s)?
            } else {
                say!(
                    "{} poster, huvudhash {}\n{} ({})",
                    s.entries,
                    s.head_hash,
                    s.path,
                    if s.encrypted {
                        "krypterad"
                    } else {
                        "okrypterad"
                    }
                )
            }
        }
        Cmd::Export { format, event, out } => export(&store, &format, event.as_deref(), out)?,
    }
    Ok(())
}

/// The chain from the first entry, then the head seen before and the one given, then (with
/// `--deep`) every projection rebuilt aside. The first thing that does not hold is the error.
fn verify(store: &mut Store, expect: Option<&str>, deep: bool) -> Result<()> {
    let expect = expect.map(Anchor::parse).transpose()?;
    let report: VerifyReport = call(store, Request::Verify)?;
    if let Some(f) = report.failure {
        return Err(Error::new(
            krisledning::ErrorCode::ChainBroken,
            format!(
                "FEL seq {}: {} ({} poster före verifierade)",
                f.seq, f.reason, report.entries
            ),
        ));
    }
    if let Some(w) = store.anchor_warning() {
        return Err(w.clone());
    }
    if let Some(a) = &expect {
        if let Some(e) = krisledning::store::anchor::compare(store, a)? {
            return Err(e);
        }
    }
    if deep {
        let mut last = std::time::Instant::now();
        let report = store.deep_verify(&mut |done, total| {
            if last.elapsed().as_secs() >= 2 {
                eprintln!("kris: djupverifiering {done} av {total} poster");
                last = std::time::Instant::now();
            }
        })?;
        if let Some(e) = krisledning::store::deep::as_error(&report) {
            for d in &report.differences {
                eprintln!("kris: {}: {} ({})", d.table, d.row, d.problem);
            }
            return Err(e);
        }
        say!(
            "OK {} {} (djup: {} vyer stämmer med journalen)",
            report.entries,
            &report_head(store)?,
            report.tables
        );
        return Ok(());
    }
    say!("OK {} {}", report.entries, report.head_hash);
    Ok(())
}

fn report_head(store: &Store) -> Result<String> {
    Ok(store.status()?.head_hash)
}

fn export(store: &Store, format: &str, event: Option<&str>, out: Option<PathBuf>) -> Result<()> {
    let format = ExportFormat::parse(format)?;
    match out {
        None => {
            store.export(format, event, &mut output::Stdout)?;
        }
        Some(path) => {
            let n = store.export_to_file(format, event, &path)?;
            eprintln!("{n} poster exporterade till {}", path.display());
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return output::usage_error(e),
    };
    let done = run(cli);
    // Plain copies of an encrypted store's reports, made to be copied out, go with the process.
    krisledning::reports::files::forget_views();
    match done {
        Ok(()) => {
            // What is still buffered must reach its reader too: a full disk behind `>` is an
            // error here, not a silently short file.
            let _ = std::io::Write::flush(&mut output::Stdout);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kris: {}", output::one_line(&e.message));
            ExitCode::FAILURE
        }
    }
}
