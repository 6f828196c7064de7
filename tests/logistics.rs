//! Resources, requests, tasks, staff, CSV import and reminders on real SQLite files.

mod common;

use std::collections::HashSet;

use chrono::Duration;
use common::*;
use krisledning::domain::Actor;
use krisledning::logistics::request::{NewRequest, RequestDecision};
use krisledning::logistics::resource::{NewResource, ResourceChange};
use krisledning::logistics::task::NewTask;
use krisledning::logistics::{Priority, RequestStatus, ResourceStatus, TaskStatus};
use krisledning::reminders::{newly_due, notifications, ReminderKind};
use krisledning::ErrorCode;

fn csv(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/csv")
            .join(name),
    )
    .unwrap()
}

fn generator(name: &str) -> NewResource {
    NewResource {
        kind: "Reservkraft".into(),
        name: name.into(),
        quantity: 1.0,
        unit: "st".into(),
        location: "Förråd Karlskrona".into(),
        owner: "Region Blekinge".into(),
        ..Default::default()
    }
}

fn request(event_id: &str, quantity: f64) -> NewRequest {
    NewRequest {
        event_id: event_id.into(),
        what: "Mobilt reservelverk".into(),
        kind: "Reservkraft".into(),
        quantity,
        unit: "st".into(),
        needed_by: None,
        priority: Priority::Hog,
        justification: "Avdelning 12 saknar reservkraft".into(),
        requester: Actor::new("Avdelning 12", "Vårdenhetschef"),
    }
}

fn decision_of(
    id: &str,
    outcome: RequestStatus,
    approved: Option<f64>,
    reason: Option<&str>,
) -> RequestDecision {
    RequestDecision {
        request_id: id.into(),
        outcome,
        approved_quantity: approved,
        reason: reason.map(Into::into),
    }
}

#[test]
fn requests_go_through_every_outcome_and_link_to_a_task_and_decision() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott Karlskrona");
    let d = f
        .store
        .decide(
            &tib(),
            &decision(&ev, "Reservkraft prioriteras till vården"),
        )
        .unwrap();
    let task = f
        .store
        .add_task(
            &tib(),
            &NewTask {
                event_id: ev.clone(),
                title: "Reservkraft Karlskrona".into(),
                owner: "Logistik".into(),
                decision_id: Some(d.id.clone()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        task.decision_title.as_deref(),
        Some("Reservkraft prioriteras till vården"),
        "a task links back to its decision"
    );

    // In part: two asked, one granted, with a reason.
    let r = f.store.make_request(&tib(), &request(&ev, 2.0)).unwrap();
    assert_eq!(r.status, RequestStatus::Ny);
    assert_eq!(
        f.store
            .assign_request(&tib(), &r.id, &task.id)
            .unwrap_err()
            .code,
        ErrorCode::Conflict,
        "undecided requests cannot be assigned"
    );
    assert_eq!(
        f.store
            .decide_request(
                &tib(),
                &decision_of(&r.id, RequestStatus::Delvis, Some(1.0), None)
            )
            .unwrap_err()
            .code,
        ErrorCode::Invalid
    );
    assert_eq!(
        f.store
            .decide_request(
                &tib(),
                &decision_of(&r.id, RequestStatus::Delvis, Some(2.0), Some("x"))
            )
            .unwrap_err()
            .code,
        ErrorCode::Invalid
    );
    let r = f
        .store
        .decide_request(
            &tib(),
            &decision_of(
                &r.id,
                RequestStatus::Delvis,
                Some(1.0),
                Some("Bara ett elverk ledigt"),
            ),
        )
        .unwrap();
    assert_eq!(
        (r.status, r.approved_quantity, r.decided_by.as_deref()),
        (RequestStatus::Delvis, Some(1.0), Some("Anna Lindqvist"))
    );
    assert_eq!(
        f.store
            .decide_request(
                &tib(),
                &decision_of(&r.id, RequestStatus::Godkand, None, None)
            )
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    let r = f.store.assign_request(&tib(), &r.id, &task.id).unwrap();
    assert_eq!(r.task_id.as_deref(), Some(task.id.as_str()));

    // Approved in full, and denied (a reason is required).
    let full = f.store.make_request(&tib(), &request(&ev, 3.0)).unwrap();
    let full = f
        .store
        .decide_request(
            &tib(),
            &decision_of(&full.id, RequestStatus::Godkand, None, None),
        )
        .unwrap();
    assert_eq!(full.approved_quantity, Some(3.0));
    let denied = f.store.make_request(&tib(), &request(&ev, 10.0)).unwrap();
    assert_eq!(
        f.store
            .decide_request(
                &tib(),
                &decision_of(&denied.id, RequestStatus::Avslagen, None, None)
            )
            .unwrap_err()
            .message,
        "Ange skäl för avslag."
    );
    let denied = f
        .store
        .decide_request(
            &tib(),
            &decision_of(
                &denied.id,
                RequestStatus::Avslagen,
                None,
                Some("Inga fler elverk i länet"),
            ),
        )
        .unwrap();
    assert_eq!(
        (denied.status, denied.approved_quantity),
        (RequestStatus::Avslagen, Some(0.0))
    );
    assert_eq!(f.store.list_requests(Some(&ev)).unwrap().len(), 3);

    // The board: a generator goes from available to assigned to the task, and is released again.
    let g = f
        .store
        .add_resource(&tib(), &generator("Elverk 1"))
        .unwrap();
    assert_eq!(g.status, ResourceStatus::Tillganglig);
    let g = f
        .store
        .change_resource(
            &tib(),
            &ResourceChange {
                resource_id: g.id.clone(),
                status: Some(ResourceStatus::Tilldelad),
                event_id: Some(ev.clone()),
                task_id: Some(task.id.clone()),
                location: Some("Avdelning 12".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (g.status, g.task_id.as_deref(), g.location.as_str()),
        (
            ResourceStatus::Tilldelad,
            Some(task.id.as_str()),
            "Avdelning 12"
        )
    );
    let g = f
        .store
        .change_resource(
            &tib(),
            &ResourceChange {
                resource_id: g.id.clone(),
                status: Some(ResourceStatus::UrFunktion),
                note: Some("Startar inte".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((g.status, g.task_id), (ResourceStatus::UrFunktion, None));
    let history = f.store.resource_history(&g.id).unwrap();
    assert_eq!(
        history.iter().map(|p| p.status).collect::<Vec<_>>(),
        [
            ResourceStatus::Tillganglig,
            ResourceStatus::Tilldelad,
            ResourceStatus::UrFunktion
        ]
    );
    let err = f
        .store
        .change_resource(
            &tib(),
            &ResourceChange {
                resource_id: g.id.clone(),
                status: Some(ResourceStatus::Tillganglig),
                task_id: Some(task.id.clone()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);

    let t = f
        .store
        .set_task_status(
            &tib(),
            &task.id,
            TaskStatus::Pagar,
            Some("Elverk på väg".into()),
        )
        .unwrap();
    assert_eq!(t.status, TaskStatus::Pagar);
    assert_eq!(
        f.store
            .set_task_status(&tib(), &task.id, TaskStatus::Pagar, None)
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );

    let live = dump_projections(&f.store);
    f.store.replay().unwrap();
    assert_eq!(
        dump_projections(&f.store),
        live,
        "replay rebuilds resources, requests and tasks exactly"
    );
    assert_eq!(
        krisledning::journal::verify(f.store.connection())
            .unwrap()
            .failure,
        None
    );
}

#[test]
fn resources_import_from_excel_csv_with_bom_semicolons_and_decimal_commas() {
    let mut f = fixture();
    let report = f
        .store
        .import_resources(&tib(), &csv("resurser.csv"))
        .unwrap();
    assert_eq!(
        (report.imported, report.errors.len()),
        (3, 0),
        "{:?}",
        report.errors
    );
    let all = f.store.list_resources().unwrap();
    let diesel = all.iter().find(|r| r.name == "Diesel MK1").unwrap();
    assert_eq!(
        (diesel.quantity, diesel.unit.as_str(), diesel.status),
        (12500.5, "liter", ResourceStatus::Tillganglig)
    );
    let iva = all.iter().find(|r| r.name == "IVA-platser").unwrap();
    assert_eq!(iva.status, ResourceStatus::UrFunktion);
    assert_eq!(head(&f.store).0, 3, "one journal entry per row");
}

#[test]
fn a_bad_row_imports_nothing_and_every_bad_row_is_named() {
    let mut f = fixture();
    let before = head(&f.store);
    let report = f
        .store
        .import_resources(&tib(), &csv("resurser-fel.csv"))
        .unwrap();
    assert_eq!(report.imported, 0);
    let rows: Vec<(usize, &str)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.message.as_str()))
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0].0, 3);
    assert!(
        rows[0].1.contains("antal: \"mycket\" är inget tal"),
        "{rows:?}"
    );
    assert_eq!(rows[1].0, 4);
    assert!(
        rows[1].1.contains("Okänd resursstatus \"på verkstad\""),
        "{rows:?}"
    );

    let latin1 = f
        .store
        .import_resources(&tib(), &csv("resurser-latin1.csv"))
        .unwrap();
    assert_eq!(latin1.imported, 0);
    assert_eq!(latin1.errors[0].row, 1);
    assert!(
        latin1.errors[0].message.contains("CSV UTF-8"),
        "{:?}",
        latin1.errors
    );

    let contacts = f
        .store
        .import_contacts(&tib(), &csv("kontakter-fel.csv"))
        .unwrap();
    let rows: Vec<usize> = contacts.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, [2, 3]);
    assert_eq!(head(&f.store), before, "nothing was written");
    assert!(f.store.list_resources().unwrap().is_empty());
}

#[test]
fn contacts_import_and_roster_and_operator_switch() {
    let mut f = fixture();
    let report = f
        .store
        .import_contacts(&tib(), &csv("kontakter.csv"))
        .unwrap();
    assert_eq!(report.imported, 2, "{:?}", report.errors);
    let staff = f.store.list_staff().unwrap();
    let anna = staff.iter().find(|s| s.name == "Anna Lindqvist").unwrap();
    assert_eq!(anna.roles, ["TiB", "Stabschef"]);
    assert_eq!(anna.rakel_id.as_deref(), Some("2401234"));
    let ev = open_event(&mut f.store, "Särskild händelse");
    let roster = f
        .store
        .roster_assign(&tib(), &ev, &anna.id, "Stabschef")
        .unwrap();
    assert_eq!(
        (roster[0].role.as_str(), roster[0].staff.name.as_str()),
        ("Stabschef", "Anna Lindqvist")
    );
    assert_eq!(
        f.store
            .roster_assign(&tib(), &ev, &anna.id, "Stabschef")
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );

    assert_eq!(f.store.current_operator().unwrap(), None);
    f.store
        .switch_operator(&Actor::new("Maria Berg", "Stabschef"))
        .unwrap();
    assert_eq!(
        f.store.current_operator().unwrap(),
        Some(Actor::new("Maria Berg", "Stabschef"))
    );
    let live = dump_projections(&f.store);
    f.store.replay().unwrap();
    assert_eq!(dump_projections(&f.store), live);
}

#[test]
fn reminders_fall_due_at_the_right_time_on_a_controlled_clock() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Vattenavbrott");
    let mut d = decision(&ev, "Nödvatten");
    d.follow_up_at = Some(krisledning::time::format(&(t0() + Duration::minutes(30))));
    f.store.decide(&tib(), &d).unwrap();
    f.store
        .add_task(
            &tib(),
            &NewTask {
                event_id: ev.clone(),
                title: "Tankbil till Wämö".into(),
                owner: "Logistik".into(),
                due: Some(krisledning::time::format(&(t0() + Duration::hours(2)))),
                ..Default::default()
            },
        )
        .unwrap();
    let due = |f: &Fixture| f.store.reminders(Duration::zero()).unwrap();
    assert!(due(&f).is_empty(), "nothing is due at the start");
    let soon = f.store.reminders(Duration::hours(3)).unwrap();
    assert_eq!(
        soon.iter().map(|r| r.kind).collect::<Vec<_>>(),
        [ReminderKind::FollowUp, ReminderKind::TaskDue]
    );
    assert!(soon.iter().all(|r| !r.overdue));

    let mut notified = HashSet::new();
    f.clock.advance(Duration::minutes(29));
    assert!(
        newly_due(&due(&f), &notified).is_empty(),
        "one minute before the follow-up"
    );
    f.clock.advance(Duration::minutes(1));
    let now_due = due(&f);
    let fire: Vec<_> = newly_due(&now_due, &notified)
        .into_iter()
        .map(|r| r.key.clone())
        .collect();
    assert_eq!(fire.len(), 1);
    assert!(fire[0].starts_with("follow_up:"));
    notified.extend(fire);
    assert!(
        newly_due(&due(&f), &notified).is_empty(),
        "notified once, not on every tick"
    );

    f.clock.advance(Duration::minutes(90));
    let fire: Vec<_> = newly_due(&due(&f), &notified)
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(fire, [ReminderKind::TaskDue]);

    // Reports: fred's cadence is 24 h; in skärpt (8 h) the first report is due 8 h after opening.
    f.store
        .set_mode(
            &tib(),
            &krisledning::readiness::ModeChange {
                mode: krisledning::readiness::ModeId::Skarpt,
                basis: "Regeringsbeslut".into(),
                decided_by: Actor::new("Erik", "Regiondirektör"),
                ..Default::default()
            },
        )
        .unwrap();
    f.clock.advance(Duration::hours(6));
    let reports: Vec<_> = due(&f)
        .into_iter()
        .filter(|r| r.kind == ReminderKind::ReportDue)
        .collect();
    assert_eq!(reports.len(), 1);
    assert_eq!(
        reports[0].due_at,
        krisledning::time::format(&(t0() + Duration::hours(8)))
    );
    // Closing the event ends its reminders; restarting changes nothing, they come from the store.
    let path = f.path.clone();
    drop(f.store);
    let store = krisledning::Store::open(&path)
        .unwrap()
        .with_clock(f.clock.clone());
    assert_eq!(
        store.reminders(Duration::zero()).unwrap().len(),
        3,
        "reminders survive a restart"
    );
}

#[test]
fn many_reminders_falling_due_at_once_make_one_notification() {
    let mut f = fixture();
    for i in 0..5 {
        open_event(&mut f.store, &format!("Händelse {i}"));
    }
    // Fred: a lägesrapport every 24 hours, so all five fall due together.
    f.clock.advance(Duration::hours(25));
    let list = f.store.reminders(Duration::zero()).unwrap();
    let newly = newly_due(&list, &HashSet::new());
    assert_eq!(newly.len(), 5);
    let shown = notifications(&newly, false);
    assert_eq!(shown.len(), 1, "one summary, not five notifications");
    assert_eq!(shown[0].0, "Krisledning: 5 påminnelser har förfallit");
    assert!(shown[0].1.contains("Lägesrapport ska lämnas"));
    assert!(shown[0]
        .1
        .ends_with("… och 2 till. Hela listan finns i appen."));
    // A few are shown one by one, each with its event.
    let few = notifications(&newly[..2], false);
    assert_eq!(few.len(), 2);
    assert!(few[0].0.starts_with("Krisledning: Händelse "));
    // A window in English gets its notifications in English.
    let english = notifications(&newly, true);
    assert_eq!(english[0].0, "Krisledning: 5 reminders are due");
    assert!(english[0].1.contains("Situation report due"));
    assert!(english[0]
        .1
        .ends_with("… and 2 more. The full list is in the app."));
}

/// A decimal comma in a comma-separated file splits a number into two cells: the row has more
/// cells than the header, and the numbers would land in the wrong columns. Refused, with a hint.
#[test]
fn a_row_wider_than_the_header_is_refused_not_cut() {
    let mut f = fixture();
    let before = head(&f.store);
    let csv = "typ,namn,antal,enhet,plats,ägare\nDrivmedel,Diesel,12500,5,liter,Förråd,Regionen\n";
    let report = f.store.import_resources(&tib(), csv.as_bytes()).unwrap();
    assert_eq!(report.imported, 0);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].row, 2);
    assert!(
        report.errors[0].message.contains("komma"),
        "{:?}",
        report.errors
    );
    assert_eq!(head(&f.store), before);
}
