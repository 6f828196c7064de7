//! `kris resource|task|staff|import|reminders|whoami`: logistics, staff and reminders, and the
//! imports (CSV, CAP alerts).

use clap::Subcommand;
use krisledning::api::Request;
use krisledning::domain::Actor;
use krisledning::import::ImportReport;
use krisledning::log::Record;
use krisledning::logistics::request::{NewRequest, Request as ResourceRequest, RequestDecision};
use krisledning::logistics::resource::{NewResource, Resource, ResourceChange, ResourcePoint};
use krisledning::logistics::task::{NewTask, Task};
use krisledning::logistics::{Priority, RequestStatus, ResourceStatus, TaskStatus};
use krisledning::reminders::Reminder;
use krisledning::staff::{NewStaff, RosterEntry, StaffMember};
use krisledning::{Error, ErrorCode, Result, Store};

use crate::{call, print_json, By};

#[derive(Subcommand)]
pub enum ResourceCmd {
    /// Registrera en resurs
    Add {
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        quantity: f64,
        #[arg(long)]
        unit: String,
        #[arg(long)]
        location: String,
        #[arg(long)]
        owner: String,
        #[arg(long)]
        notes: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Lista resurser
    List {
        #[arg(long)]
        json: bool,
    },
    /// Ändra status, antal eller plats (tillganglig, begard, tilldelad, ur_funktion)
    Status {
        id: String,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        quantity: Option<f64>,
        #[arg(long)]
        location: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Begär resurser till en händelse
    Request {
        #[arg(long)]
        event: String,
        #[arg(long)]
        what: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        quantity: f64,
        #[arg(long)]
        unit: String,
        /// lag | normal | hog | akut
        #[arg(long, default_value = "normal")]
        priority: String,
        #[arg(long)]
        justification: String,
        #[arg(long)]
        needed_by: Option<String>,
        /// Beställare (enhet eller person); standard är den som registrerar
        #[arg(long)]
        requester: Option<String>,
        #[arg(long)]
        requester_role: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Besluta om en begäran: godkand | delvis --approved N | avslagen --reason R
    DecideRequest {
        id: String,
        #[arg(long)]
        outcome: String,
        #[arg(long)]
        approved: Option<f64>,
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Knyt en godkänd begäran (--request) eller en resurs (--resource) till ett uppdrag
    Assign {
        #[arg(
            long,
            conflicts_with = "resource",
            required_unless_present = "resource"
        )]
        request: Option<String>,
        #[arg(long)]
        resource: Option<String>,
        #[arg(long)]
        task: String,
        #[arg(long)]
        event: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Lista begäranden
    Requests {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Visa en resurs historik
    History {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum TaskCmd {
    /// Skapa ett uppdrag
    Add {
        #[arg(long)]
        event: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        owner: String,
        #[arg(long)]
        description: Option<String>,
        #[arg(long)]
        due: Option<String>,
        /// Beslutet som beordrade uppdraget
        #[arg(long)]
        decision: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Lista uppdrag
    List {
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Ändra status: ny | pagar | klar | avbruten
    Status {
        id: String,
        status: String,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum StaffCmd {
    /// Lägg till en person
    Add {
        #[arg(long)]
        name: String,
        /// Roller, kommaseparerade
        #[arg(long, value_delimiter = ',')]
        roles: Vec<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        rakel: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        organisation: Option<String>,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Lista personal
    List {
        #[arg(long)]
        json: bool,
    },
    /// Sätt en person i en händelses bemanning
    Roster {
        #[arg(long)]
        event: String,
        #[arg(long)]
        staff: String,
        /// Rollen personen har i händelsen (t.ex. stabschef)
        #[arg(long = "as", id = "staff_role")]
        staff_role: String,
        #[command(flatten)]
        by: By,
    },
}

#[derive(Subcommand)]
pub enum ImportCmd {
    /// Resurser från CSV: typ;namn;antal;enhet;plats;ägare[;status][;anteckning]
    Resources {
        file: std::path::PathBuf,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// Kontakter från CSV: namn;roller[;telefon][;rakel][;epost][;organisation]
    Contacts {
        file: std::path::PathBuf,
        #[command(flatten)]
        by: By,
        #[arg(long)]
        json: bool,
    },
    /// En CAP 1.2-varning (XML, t.ex. från SMHI eller länsstyrelsen) som en post i händelsens dagbok
    Cap {
        file: std::path::PathBuf,
        #[arg(long)]
        event: String,
        #[command(flatten)]
        by: By,
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

fn change_resource(store: &mut Store, by: &By, input: ResourceChange) -> Result<Resource> {
    call(
        store,
        Request::ChangeResource {
            actor: by.actor(),
            input,
        },
    )
}

pub fn resource(store: &mut Store, cmd: ResourceCmd) -> Result<()> {
    match cmd {
        ResourceCmd::Add {
            kind,
            name,
            quantity,
            unit,
            location,
            owner,
            notes,
            by,
            json,
        } => {
            let r: Resource = call(
                store,
                Request::AddResource {
                    actor: by.actor(),
                    input: NewResource {
                        kind,
                        name,
                        quantity,
                        unit,
                        location,
                        owner,
                        status: None,
                        notes,
                    },
                },
            )?;
            out(json, &r, |r| r.id.clone())
        }
        ResourceCmd::List { json } => {
            for r in call::<Vec<Resource>>(store, Request::ListResources)? {
                out(json, &r, |r| {
                    format!(
                        "{}  {:<12} {:<30} {} {}  {}  {}",
                        r.id,
                        r.status.as_str(),
                        r.name,
                        r.quantity,
                        r.unit,
                        r.location,
                        r.owner
                    )
                })?;
            }
            Ok(())
        }
        ResourceCmd::Status {
            id,
            status,
            quantity,
            location,
            note,
            by,
            json,
        } => {
            let status = status.map(|s| ResourceStatus::parse(&s)).transpose()?;
            let change = ResourceChange {
                resource_id: id,
                status,
                quantity,
                location,
                note,
                ..Default::default()
            };
            let r = change_resource(store, &by, change)?;
            out(json, &r, |r| format!("{} {}", r.status.as_str(), r.name))
        }
        ResourceCmd::Request {
            event,
            what,
            kind,
            quantity,
            unit,
            priority,
            justification,
            needed_by,
            requester,
            requester_role,
            by,
            json,
        } => {
            let requester = Actor::new(
                requester.unwrap_or_else(|| by.by.clone()),
                requester_role.unwrap_or_else(|| by.role.clone()),
            );
            let input = NewRequest {
                event_id: event,
                what,
                kind,
                quantity,
                unit,
                needed_by,
                priority: Priority::parse(&priority)?,
                justification,
                requester,
            };
            let r: ResourceRequest = call(
                store,
                Request::MakeRequest {
                    actor: by.actor(),
                    input,
                },
            )?;
            out(json, &r, |r| r.id.clone())
        }
        ResourceCmd::DecideRequest {
            id,
            outcome,
            approved,
            reason,
            by,
            json,
        } => {
            let input = RequestDecision {
                request_id: id,
                outcome: RequestStatus::parse(&outcome)?,
                approved_quantity: approved,
                reason,
            };
            let r: ResourceRequest = call(
                store,
                Request::DecideRequest {
                    actor: by.actor(),
                    input,
                },
            )?;
            out(json, &r, |r| {
                format!(
                    "{} {}",
                    r.status.as_str(),
                    r.approved_quantity.unwrap_or_default()
                )
            })
        }
        ResourceCmd::Assign {
            request: Some(request),
            task,
            by,
            json,
            ..
        } => {
            let r: ResourceRequest = call(
                store,
                Request::AssignRequest {
                    actor: by.actor(),
                    request_id: request,
                    task_id: task.clone(),
                },
            )?;
            out(json, &r, |r| {
                format!("Begäran {} knuten till uppdrag {task}", r.id)
            })
        }
        ResourceCmd::Assign {
            resource,
            task,
            event,
            by,
            json,
            ..
        } => {
            let id = resource.ok_or_else(|| Error::invalid("Ange --request eller --resource."))?;
            let event = match event {
                Some(e) => e,
                None => call::<Task>(store, Request::GetTask { id: task.clone() })?.event_id,
            };
            let change = ResourceChange {
                resource_id: id,
                status: Some(ResourceStatus::Tilldelad),
                event_id: Some(event),
                task_id: Some(task),
                ..Default::default()
            };
            let r = change_resource(store, &by, change)?;
            out(json, &r, |r| format!("{} tilldelad", r.name))
        }
        ResourceCmd::Requests { event, json } => {
            for r in call::<Vec<ResourceRequest>>(store, Request::ListRequests { event_id: event })?
            {
                out(json, &r, |r| {
                    format!(
                        "{}  {:<9} {:<7} {} {} {}  ({} {})",
                        r.id,
                        r.status.as_str(),
                        r.priority.as_str(),
                        r.quantity,
                        r.unit,
                        r.what,
                        r.requester,
                        r.requester_role
                    )
                })?;
            }
            Ok(())
        }
        ResourceCmd::History { id, json } => {
            for p in call::<Vec<ResourcePoint>>(store, Request::ResourceHistory { id })? {
                out(json, &p, |p| {
                    format!(
                        "{}  {:<12} {} {}  {}",
                        p.at,
                        p.status.as_str(),
                        p.quantity,
                        p.location,
                        p.note.clone().unwrap_or_default()
                    )
                })?;
            }
            Ok(())
        }
    }
}

pub fn task(store: &mut Store, cmd: TaskCmd) -> Result<()> {
    match cmd {
        TaskCmd::Add {
            event,
            title,
            owner,
            description,
            due,
            decision,
            by,
            json,
        } => {
            let t: Task = call(
                store,
                Request::AddTask {
                    actor: by.actor(),
                    input: NewTask {
                        event_id: event,
                        title,
                        description,
                        owner,
                        due,
                        decision_id: decision,
                    },
                },
            )?;
            out(json, &t, |t| t.id.clone())
        }
        TaskCmd::List { event, json } => {
            for t in call::<Vec<Task>>(store, Request::ListTasks { event_id: event })? {
                out(json, &t, |t| {
                    format!(
                        "{}  {:<8} {}  ({}){}",
                        t.id,
                        t.status.as_str(),
                        t.title,
                        t.owner,
                        t.due
                            .as_deref()
                            .map(|d| format!(" senast {d}"))
                            .unwrap_or_default()
                    )
                })?;
            }
            Ok(())
        }
        TaskCmd::Status {
            id,
            status,
            note,
            by,
            json,
        } => {
            let t: Task = call(
                store,
                Request::SetTaskStatus {
                    actor: by.actor(),
                    task_id: id,
                    status: TaskStatus::parse(&status)?,
                    note,
                },
            )?;
            out(json, &t, |t| format!("{} {}", t.status.as_str(), t.title))
        }
    }
}

pub fn staff(store: &mut Store, cmd: StaffCmd) -> Result<()> {
    match cmd {
        StaffCmd::Add {
            name,
            roles,
            phone,
            rakel,
            email,
            organisation,
            by,
            json,
        } => {
            let s: StaffMember = call(
                store,
                Request::AddStaff {
                    actor: by.actor(),
                    input: NewStaff {
                        name,
                        roles,
                        phone,
                        rakel_id: rakel,
                        email,
                        organisation,
                    },
                },
            )?;
            out(json, &s, |s| s.id.clone())
        }
        StaffCmd::List { json } => {
            for s in call::<Vec<StaffMember>>(store, Request::ListStaff)? {
                out(json, &s, |s| {
                    format!(
                        "{}  {}  [{}]  {}",
                        s.id,
                        s.name,
                        s.roles.join(", "),
                        s.phone.clone().unwrap_or_default()
                    )
                })?;
            }
            Ok(())
        }
        StaffCmd::Roster {
            event,
            staff,
            staff_role,
            by,
        } => {
            let roster: Vec<RosterEntry> = call(
                store,
                Request::RosterAssign {
                    actor: by.actor(),
                    event_id: event,
                    staff_id: staff,
                    role: staff_role,
                },
            )?;
            for r in roster {
                say!("{}  {}", r.role, r.staff.name);
            }
            Ok(())
        }
    }
}

pub fn import(store: &mut Store, cmd: ImportCmd) -> Result<()> {
    let (file, by, json, resources) = match cmd {
        ImportCmd::Resources { file, by, json } => (file, by, json, true),
        ImportCmd::Contacts { file, by, json } => (file, by, json, false),
        ImportCmd::Cap {
            file,
            event,
            by,
            json,
        } => return import_cap(store, &file, event, &by, json),
    };
    let bytes = krisledning::import::read_bounded(&file, krisledning::import::MAX_CSV_BYTES)?;
    // Bytes that are not UTF-8 arrive as U+FFFD, which the import names by row.
    let csv = String::from_utf8_lossy(&bytes).into_owned();
    let actor = by.actor();
    let report: ImportReport = call(
        store,
        if resources {
            Request::ImportResources { actor, csv }
        } else {
            Request::ImportContacts { actor, csv }
        },
    )?;
    if json {
        print_json(&report)?;
    }
    if report.errors.is_empty() {
        if !json {
            say!(
                "{} rader importerade från {}",
                report.imported,
                file.display()
            );
        }
        return Ok(());
    }
    for e in &report.errors {
        eprintln!("{}: rad {}: {}", file.display(), e.row, e.message);
    }
    Err(Error::new(
        ErrorCode::Invalid,
        format!("Inget importerades: {} rader har fel.", report.errors.len()),
    ))
}

fn import_cap(
    store: &mut Store,
    file: &std::path::Path,
    event_id: String,
    by: &By,
    json: bool,
) -> Result<()> {
    let bytes = krisledning::import::read_bounded(file, krisledning::cap::MAX_CAP_BYTES)?;
    let xml = krisledning::cap::decode(&bytes)?;
    let rec: Record = call(
        store,
        Request::ImportCap {
            actor: by.actor(),
            event_id,
            xml,
        },
    )?;
    if json {
        return print_json(&rec);
    }
    say!(
        "CAP-varningen i {} är importerad som dagbokspost {} ({}):",
        file.display(),
        rec.id,
        rec.occurred_at
    );
    for line in rec.text.lines().take(3) {
        say!("  {line}");
    }
    Ok(())
}

pub fn reminders(store: &mut Store, hours: u32, json: bool) -> Result<()> {
    let horizon_minutes = hours.saturating_mul(60);
    for r in call::<Vec<Reminder>>(store, Request::Reminders { horizon_minutes })? {
        out(json, &r, |r| {
            format!(
                "{}{}  {}  [{}]",
                if r.overdue { "NU " } else { "   " },
                r.due_at,
                r.title,
                r.event_title
            )
        })?;
    }
    Ok(())
}
