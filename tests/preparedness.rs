//! Före and höjd beredskap on real SQLite files: the risk register and its heat map, continuity
//! and the services an event hits, goals and the year counted from the record, the war
//! organisation with its gaps, the beredskapslarm, the readiness checklists, and the bokslut
//! against its golden text (through pdftotext, as a reader sees it).

mod common;

use chrono::Duration;
use common::*;
use krisledning::continuity::{Dependency, NewHit, NewService, RestoreHit};
use krisledning::domain::Actor;
use krisledning::error::ErrorCode;
use krisledning::followup::{
    AssessGoal, GoalOutcome, MovePhase, NewActivity, NewExerciseHeld, NewGoal, Phase,
};
use krisledning::readiness::{CheckReadiness, ModeChange, ModeId};
use krisledning::risk::queries::RiskFilter;
use krisledning::risk::{CloseRisk, NewAssessment, NewRisk, RiskArea, RiskLevel};
use krisledning::staff::NewStaff;
use krisledning::war::{Beredskapslarm, NewPlacement, ReportForDuty, StaffingState};
use krisledning::Store;

fn chef() -> Actor {
    Actor::new("Maria Svensson", "Säkerhetschef")
}

fn director() -> Actor {
    Actor::new("Erik Johansson", "Regiondirektör")
}

fn risk(title: &str, area: RiskArea, l: u8, c: u8) -> NewRisk {
    NewRisk {
        title: title.into(),
        area: Some(area),
        description: format!("{title}: beskrivning"),
        owner: "Förvaltningschef Blekingesjukhuset".into(),
        likelihood: l,
        consequence: c,
        controls: "Reservrutiner finns".into(),
        review_due: "2027-03-31".into(),
        plans: vec!["elavbrott".into()],
    }
}

fn reassess(id: &str, l: u8, c: u8, note: &str) -> NewAssessment {
    NewAssessment {
        risk_id: id.into(),
        likelihood: l,
        consequence: c,
        controls: "Reservkraft provkörd".into(),
        review_due: "2027-06-30".into(),
        note: note.into(),
        ..Default::default()
    }
}

fn code<T: std::fmt::Debug>(r: krisledning::Result<T>) -> ErrorCode {
    r.expect_err("refused").code
}

fn cell(reg: &krisledning::risk::RiskRegister, l: u8, c: u8) -> usize {
    reg.heat_map
        .iter()
        .find(|h| h.likelihood == l && h.consequence == c)
        .unwrap()
        .risk_ids
        .len()
}

fn replay_matches(store: &mut Store) {
    let live = dump_projections(store);
    store.replay().unwrap();
    assert_eq!(dump_projections(store), live);
    let report = store.deep_verify(&mut |_, _| {}).unwrap();
    assert!(report.differences.is_empty(), "{:?}", report.differences);
}

#[test]
fn the_risk_register_keeps_every_assessment_and_draws_the_open_risks_on_the_matrix() {
    let mut f = fixture();
    let el = f
        .store
        .register_risk(
            &chef(),
            &risk("Långvarigt elavbrott", RiskArea::Driftsakerhet, 3, 4),
        )
        .unwrap();
    assert_eq!(el.risk.current.score, 12);
    assert_eq!(el.risk.current.level, RiskLevel::Hog);
    assert_eq!(el.risk.plans[0].plan_id, "elavbrott");
    let hot = f
        .store
        .register_risk(
            &chef(),
            &risk("Hot mot personal", RiskArea::HotOchVald, 4, 2),
        )
        .unwrap();
    let reg = f.store.risk_register(&RiskFilter::default()).unwrap();
    assert_eq!(reg.heat_map.len(), 25);
    assert_eq!(
        (reg.heat_map[0].likelihood, reg.heat_map[0].consequence),
        (5, 1),
        "the top row is likelihood 5"
    );
    assert_eq!((cell(&reg, 3, 4), cell(&reg, 4, 2)), (1, 1));
    assert_eq!(reg.risks[0].id, el.risk.id, "highest score first");

    f.clock.advance(Duration::days(1));
    let moved = f
        .store
        .assess_risk(
            &chef(),
            &reassess(&el.risk.id, 2, 4, "Reservkraft installerad"),
        )
        .unwrap();
    assert_eq!(moved.history.len(), 2);
    assert_eq!(moved.history[0].note, "Registrerad");
    assert_eq!(moved.risk.current.score, 8);
    let reg = f.store.risk_register(&RiskFilter::default()).unwrap();
    assert_eq!((cell(&reg, 3, 4), cell(&reg, 2, 4)), (0, 1));

    // Out of range, an impossible date, an unknown plan: refused, nothing written.
    let before = head(&f.store);
    assert_eq!(
        code(
            f.store
                .assess_risk(&chef(), &reassess(&el.risk.id, 6, 4, "x"))
        ),
        ErrorCode::Invalid
    );
    let mut bad = reassess(&el.risk.id, 2, 4, "x");
    bad.review_due = "2027-02-30".into();
    assert_eq!(code(f.store.assess_risk(&chef(), &bad)), ErrorCode::Invalid);
    let mut bad = risk("X", RiskArea::Skalskydd, 1, 1);
    bad.plans = vec!["finns-inte".into()];
    assert_eq!(
        code(f.store.register_risk(&chef(), &bad)),
        ErrorCode::NotFound
    );
    bad.plans.clear();
    bad.area = None;
    assert_eq!(
        code(f.store.register_risk(&chef(), &bad)),
        ErrorCode::Invalid
    );
    assert_eq!(head(&f.store), before);

    // Closed: off the matrix, in the list only when asked for, and not reassessed.
    f.store
        .close_risk(
            &chef(),
            &CloseRisk {
                risk_id: hot.risk.id.clone(),
                reason: "Verksamheten flyttad".into(),
            },
        )
        .unwrap();
    let reg = f.store.risk_register(&RiskFilter::default()).unwrap();
    assert_eq!((reg.open, cell(&reg, 4, 2)), (1, 0));
    let all = f
        .store
        .risk_register(&RiskFilter {
            include_closed: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.risks.len(), 2);
    assert_eq!(
        code(
            f.store
                .assess_risk(&chef(), &reassess(&hot.risk.id, 1, 1, "x"))
        ),
        ErrorCode::Conflict
    );

    // Ctrl+K finds a risk by a word of its area or owner, closed ones too.
    let hits = f.store.find("driftsäk").unwrap();
    assert!(hits
        .iter()
        .any(|h| h.kind == krisledning::find::HitKind::Risk && h.id == el.risk.id));
    assert!(f
        .store
        .find("hot personal")
        .unwrap()
        .iter()
        .any(|h| h.id == hot.risk.id));

    // The review date passes.
    assert!(!f.store.risk(&el.risk.id).unwrap().risk.review_overdue);
    f.clock.advance(Duration::days(365));
    assert!(f.store.risk(&el.risk.id).unwrap().risk.review_overdue);
    assert_eq!(
        f.store
            .risk_register(&RiskFilter::default())
            .unwrap()
            .review_overdue,
        1
    );
    replay_matches(&mut f.store);
}

fn service(name: &str, mto: u32, deps: &[Dependency]) -> NewService {
    NewService {
        service_id: None,
        name: name.into(),
        owner: "Verksamhetschef".into(),
        mto_hours: mto,
        dependencies: deps.to_vec(),
        reserve: "Reservkraft och pappersrutiner".into(),
        plans: vec!["elavbrott".into()],
    }
}

#[test]
fn a_dependency_down_in_an_open_event_lights_up_the_services_that_need_it() {
    let mut f = fixture();
    let dialys = f
        .store
        .record_service(
            &chef(),
            &service("Dialys", 4, &[Dependency::El, Dependency::Vatten]),
        )
        .unwrap();
    f.store
        .record_service(&chef(), &service("Lönekörning", 72, &[Dependency::It]))
        .unwrap();
    let ev = open_event(&mut f.store, "Storm – elavbrott");
    assert!(f.store.affected_services(None).unwrap().is_empty());
    let hit = f
        .store
        .dependency_hit(
            &tib(),
            &NewHit {
                event_id: ev.clone(),
                dependency: Some(Dependency::El),
                note: "Elavbrott Karlskrona".into(),
                since: None,
            },
        )
        .unwrap();
    assert_eq!(hit.services, 1);
    let hit_again = f.store.dependency_hit(
        &tib(),
        &NewHit {
            event_id: ev.clone(),
            dependency: Some(Dependency::El),
            note: "igen".into(),
            since: None,
        },
    );
    assert_eq!(code(hit_again), ErrorCode::Conflict);
    let affected = f.store.affected_services(Some(&ev)).unwrap();
    assert_eq!(affected.len(), 1);
    assert_eq!(affected[0].service_id, dialys.id);
    assert_eq!(affected[0].dependencies, vec![Dependency::El]);
    assert!(!affected[0].mto_exceeded);
    let picture = f.store.situation(Some(&ev)).unwrap();
    assert_eq!(picture.affected_services.len(), 1);
    assert_eq!(picture.dependency_hits.len(), 1);
    assert_eq!(f.store.services().unwrap()[0].hit_in, vec![ev.clone()]);
    assert!(f
        .store
        .find("dialys")
        .unwrap()
        .iter()
        .any(|h| h.kind == krisledning::find::HitKind::Service && h.id == dialys.id));

    // The MTO becomes a reminder as it nears, and overdue once it has passed.
    let due = |store: &Store| {
        store
            .reminders(Duration::hours(1))
            .unwrap()
            .into_iter()
            .filter(|r| r.kind == krisledning::reminders::ReminderKind::MtoDue)
            .collect::<Vec<_>>()
    };
    assert!(due(&f.store).is_empty());
    f.clock.advance(Duration::hours(3) + Duration::minutes(30));
    let r = due(&f.store);
    assert_eq!(
        (r.len(), r[0].overdue, r[0].subject.as_str()),
        (1, false, "Dialys")
    );
    f.clock.advance(Duration::hours(1) + Duration::minutes(30));
    assert!(f.store.affected_services(None).unwrap()[0].mto_exceeded);
    assert!(due(&f.store)[0].overdue);

    // A revision keeps the id and replaces the dependencies.
    let mut rev = service("Dialys", 6, &[Dependency::Vatten]);
    rev.service_id = Some(dialys.id.clone());
    let revised = f.store.record_service(&chef(), &rev).unwrap();
    assert_eq!((revised.versions, revised.mto_hours), (2, 6));
    assert!(f.store.affected_services(None).unwrap().is_empty());
    rev.dependencies = vec![Dependency::El];
    f.store.record_service(&chef(), &rev).unwrap();
    assert_eq!(f.store.affected_services(None).unwrap().len(), 1);

    f.store
        .restore_dependency(
            &tib(),
            &RestoreHit {
                hit_id: hit.id.clone(),
                note: "Nätet åter".into(),
            },
        )
        .unwrap();
    assert!(f.store.affected_services(None).unwrap().is_empty());
    assert_eq!(
        code(
            f.store
                .record_service(&chef(), &service("dialys", 8, &[Dependency::It]))
        ),
        ErrorCode::Conflict,
        "a second service of the same name"
    );
    assert_eq!(
        code(f.store.affected_services(Some("okand"))),
        ErrorCode::NotFound
    );
    // An outage still open when the event closes can be restored afterwards.
    let hit = f
        .store
        .dependency_hit(
            &tib(),
            &NewHit {
                event_id: ev.clone(),
                dependency: Some(Dependency::Vatten),
                note: "Vattenläcka".into(),
                since: None,
            },
        )
        .unwrap();
    f.store
        .close_event(
            &tib(),
            &krisledning::log::CloseEvent {
                event_id: ev.clone(),
                decision_text: "Åter i normal drift".into(),
                ..Default::default()
            },
        )
        .unwrap();
    f.store
        .restore_dependency(
            &tib(),
            &RestoreHit {
                hit_id: hit.id,
                note: "Läckan lagad".into(),
            },
        )
        .unwrap();
    let bad = service("Noll", 0, &[Dependency::El]);
    assert_eq!(
        code(f.store.record_service(&chef(), &bad)),
        ErrorCode::Invalid
    );
    assert_eq!(
        code(f.store.record_service(&chef(), &service("Inget", 4, &[]))),
        ErrorCode::Invalid
    );
    replay_matches(&mut f.store);
}

fn person(store: &mut Store, name: &str) -> String {
    store
        .add_staff(
            &tib(),
            &NewStaff {
                name: name.into(),
                roles: vec!["Stabschef".into()],
                ..Default::default()
            },
        )
        .unwrap()
        .id
}

fn place(staff_id: &str, function: &str, replacement: Option<&str>) -> NewPlacement {
    NewPlacement {
        staff_id: staff_id.into(),
        function: Some(function.into()),
        place: Some("Ledningsplats Karlskrona".into()),
        shift: Some("A".into()),
        replacement_id: replacement.map(Into::into),
        elsewhere: None,
    }
}

fn state(s: &krisledning::war::Staffing, function: &str) -> StaffingState {
    s.functions
        .iter()
        .find(|f| f.function == function)
        .unwrap()
        .state
}

#[test]
fn the_war_organisation_shows_its_gaps_and_a_beredskapslarm_puts_it_in_force_at_once() {
    let mut f = fixture();
    let anna = person(&mut f.store, "Anna Berg");
    let bo = person(&mut f.store, "Bo Ek");
    let cecilia = person(&mut f.store, "Cecilia Holm");
    let s = f.store.staffing(Some(ModeId::Hogsta)).unwrap();
    assert_eq!(state(&s, "Stabschef"), StaffingState::Vakant);
    assert_eq!(s.unplaced.len(), 3);

    let s = f
        .store
        .place_staff(&chef(), &place(&anna, "Stabschef", None))
        .unwrap();
    assert_eq!(s.mode, ModeId::Fred, "the answer shows the current mode");
    let s = f.store.staffing(Some(ModeId::Hogsta)).unwrap();
    assert_eq!(state(&s, "Stabschef"), StaffingState::Sarbar);
    f.store
        .place_staff(&chef(), &place(&anna, "stabschef", Some(&bo)))
        .unwrap();
    let s = f.store.staffing(Some(ModeId::Hogsta)).unwrap();
    assert_eq!(
        state(&s, "Stabschef"),
        StaffingState::Bemannad,
        "functions fold case"
    );
    // The replacement turns out to be krigsplacerad by Försvarsmakten: a gap again.
    f.store
        .place_staff(
            &chef(),
            &NewPlacement {
                staff_id: bo.clone(),
                elsewhere: Some("Försvarsmakten".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let s = f.store.staffing(Some(ModeId::Hogsta)).unwrap();
    assert_eq!(state(&s, "Stabschef"), StaffingState::Sarbar);
    let people = &s
        .functions
        .iter()
        .find(|f| f.function == "Stabschef")
        .unwrap()
        .people;
    assert_eq!(
        people[0].replacement_gap,
        Some(krisledning::war::ReplacementGap::Elsewhere {
            organisation: "Försvarsmakten".into()
        })
    );
    assert_eq!(s.elsewhere.len(), 1);
    assert_eq!(s.unplaced.len(), 1);
    // A second holder of the function covers the first; as a replacement, no gap either.
    f.store
        .place_staff(&chef(), &place(&cecilia, "Stabschef", Some(&anna)))
        .unwrap();
    let s = f.store.staffing(Some(ModeId::Hogsta)).unwrap();
    assert_eq!(state(&s, "Stabschef"), StaffingState::Bemannad);
    let cecilias = s
        .functions
        .iter()
        .find(|f| f.function == "Stabschef")
        .unwrap();
    assert!(cecilias
        .people
        .iter()
        .all(|p| p.staff_id != cecilia || p.replacement_gap.is_none()));
    f.store
        .unplace_staff(
            &chef(),
            &krisledning::war::Unplace {
                staff_id: cecilia.clone(),
                reason: "Placeras om".into(),
            },
        )
        .unwrap();
    assert_eq!(
        state(
            &f.store.staffing(Some(ModeId::Hogsta)).unwrap(),
            "Stabschef"
        ),
        StaffingState::Sarbar
    );

    // Both or neither, oneself as replacement, a stranger: refused.
    let mut elsewhere_with_stand_in = place(&cecilia, "TiB", Some(&anna));
    elsewhere_with_stand_in.function = None;
    elsewhere_with_stand_in.place = None;
    elsewhere_with_stand_in.elsewhere = Some("Hemvärnet".into());
    assert_eq!(
        code(f.store.place_staff(&chef(), &elsewhere_with_stand_in)),
        ErrorCode::Invalid
    );
    let mut both = place(&cecilia, "TiB", None);
    both.elsewhere = Some("Hemvärnet".into());
    assert_eq!(
        code(f.store.place_staff(&chef(), &both)),
        ErrorCode::Invalid
    );
    assert_eq!(
        code(
            f.store
                .place_staff(&chef(), &place(&cecilia, "TiB", Some(&cecilia)))
        ),
        ErrorCode::Invalid
    );
    assert_eq!(
        code(f.store.place_staff(&chef(), &place("okand", "TiB", None))),
        ErrorCode::NotFound
    );

    // Inställelse only when the war organisation is in force.
    let report = ReportForDuty {
        staff_id: anna.clone(),
        ..Default::default()
    };
    assert_eq!(
        code(f.store.report_for_duty(&tib(), &report)),
        ErrorCode::Conflict
    );

    // A beredskapslarm from fred: högsta, an event, the mode's plans running, in one entry run.
    let before = f.store.status().unwrap().entries;
    let larm = f
        .store
        .beredskapslarm(
            &tib(),
            &Beredskapslarm {
                mode: None,
                basis: "Regeringen har beslutat om beredskapslarm (Rakel 04:12)".into(),
                decided_by: director(),
                decision_ref: Some("Fö2026/0999".into()),
            },
        )
        .unwrap();
    assert_eq!(larm.status.current.id, ModeId::Hogsta);
    assert_eq!(larm.status.current.leading_body.sv, "Regionstyrelsen");
    let plans = &larm.status.current.propose_plans;
    assert_eq!(larm.activations.len(), plans.len());
    assert!(larm.activations.iter().all(|a| a.event_id == larm.event.id));
    assert_eq!(
        f.store.status().unwrap().entries,
        before + 2 + plans.len() as i64
    );
    let history = f.store.mode_history().unwrap();
    assert!(history[0].alarm);
    assert_eq!(history[0].leading_body.sv, "Regionstyrelsen");
    let s = f.store.staffing(None).unwrap();
    assert!(s.in_force && s.current);
    f.clock.advance(Duration::minutes(30));
    let s = f.store.report_for_duty(&tib(), &report).unwrap();
    assert_eq!((s.placed, s.reported), (1, 1));
    assert_eq!(
        code(f.store.report_for_duty(&tib(), &report)),
        ErrorCode::Conflict
    );
    // Nobody reports for duty before the larm that called them in.
    let early = ReportForDuty {
        staff_id: cecilia.clone(),
        at: Some(krisledning::time::format(&(t0() - Duration::hours(1)))),
        ..Default::default()
    };
    f.store
        .place_staff(&chef(), &place(&cecilia, "TiB", None))
        .unwrap();
    assert_eq!(
        code(f.store.report_for_duty(&tib(), &early)),
        ErrorCode::Invalid
    );
    // Somebody placed elsewhere does not report here.
    let elsewhere = ReportForDuty {
        staff_id: bo.clone(),
        ..Default::default()
    };
    assert_eq!(
        code(f.store.report_for_duty(&tib(), &elsewhere)),
        ErrorCode::Conflict
    );
    // A larm for a mode without the war organisation is refused.
    let skarpt = Beredskapslarm {
        mode: Some(ModeId::Skarpt),
        basis: "x".into(),
        decided_by: director(),
        decision_ref: None,
    };
    assert_eq!(
        code(f.store.beredskapslarm(&tib(), &skarpt)),
        ErrorCode::Invalid
    );

    // A second larm cannot lower or repeat the mode.
    let again = Beredskapslarm {
        mode: Some(ModeId::Hogsta),
        ..skarpt.clone()
    };
    assert_eq!(
        code(f.store.beredskapslarm(&tib(), &again)),
        ErrorCode::Conflict
    );
    // On to krig: the reports stand; back to fred: no longer in force.
    f.store
        .set_mode(
            &director(),
            &ModeChange {
                mode: ModeId::Krig,
                basis: "Krig".into(),
                decided_by: director(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(f.store.staffing(None).unwrap().reported, 1);
    f.store
        .set_mode(
            &director(),
            &ModeChange {
                mode: ModeId::Fred,
                basis: "Fred".into(),
                decided_by: director(),
                ..Default::default()
            },
        )
        .unwrap();
    let s = f.store.staffing(Some(ModeId::Hogsta)).unwrap();
    assert!(!s.in_force);
    assert_eq!(s.reported, 0);

    // Decisions name the body that led when they were made.
    let d = f
        .store
        .decide(&tib(), &decision(&larm.event.id, "Återgång till fred"))
        .unwrap();
    let v = krisledning::api::call_json(
        &mut f.store,
        &serde_json::json!({"command": "list_records", "args": {"filter": {"event_id": larm.event.id, "kind": "decision"}}}).to_string(),
    )
    .unwrap();
    let rec = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == d.id.as_str())
        .unwrap();
    assert_eq!(rec["mode"], "fred");
    replay_matches(&mut f.store);
}

#[test]
fn the_readiness_checklist_is_checked_per_mode_and_unchecking_says_why() {
    let mut f = fixture();
    let lists = f.store.readiness_checklists().unwrap();
    assert_eq!(lists.len(), 4);
    assert!(lists.iter().all(|l| l.total > 0 && l.done == 0));
    let item = lists[2].lines[0].id.clone();
    let check = |done: bool, note: Option<&str>| CheckReadiness {
        mode: ModeId::Hogsta,
        item_id: item.clone(),
        done,
        note: note.map(Into::into),
    };
    let l = f
        .store
        .check_readiness(&chef(), &check(true, None))
        .unwrap();
    assert_eq!(l.done, 1);
    assert_eq!(l.lines[0].checked_by.as_deref(), Some("Maria Svensson"));
    assert_eq!(
        code(f.store.check_readiness(&chef(), &check(false, None))),
        ErrorCode::Invalid
    );
    let l = f
        .store
        .check_readiness(&chef(), &check(false, Some("Två har slutat")))
        .unwrap();
    assert_eq!(
        (l.done, l.lines[0].note.as_deref()),
        (0, Some("Två har slutat"))
    );
    let mut unknown = check(true, None);
    unknown.item_id = "finns-inte".into();
    assert_eq!(
        code(f.store.check_readiness(&chef(), &unknown)),
        ErrorCode::NotFound
    );
    replay_matches(&mut f.store);
}

/// A year of preparedness work: the content of the bokslut.
fn a_year(f: &mut Fixture) {
    let el = f
        .store
        .register_risk(
            &chef(),
            &risk("Långvarigt elavbrott", RiskArea::Driftsakerhet, 3, 4),
        )
        .unwrap();
    f.store
        .register_risk(
            &chef(),
            &risk("Intrång i journalsystemet", RiskArea::ItSakerhet, 2, 5),
        )
        .unwrap();
    f.clock.advance(Duration::days(2));
    f.store
        .assess_risk(
            &chef(),
            &reassess(&el.risk.id, 2, 4, "Reservkraft installerad"),
        )
        .unwrap();
    let goal = f
        .store
        .set_goal(
            &chef(),
            &NewGoal {
                year: 2026,
                title: "Alla vårdcentraler har aktuell kontinuitetsplan".into(),
                measure: "Andel vårdcentraler med plan reviderad under året".into(),
                target: "100 %".into(),
                owner: "Primärvårdsdirektör".into(),
            },
        )
        .unwrap();
    let goal = f
        .store
        .add_goal_activity(
            &chef(),
            &NewActivity {
                goal_id: goal.id.clone(),
                text: "Workshop med verksamhetscheferna".into(),
                owner: "Beredskapssamordnare".into(),
                due: "2026-12-15".into(),
            },
        )
        .unwrap();
    f.store
        .move_phase(
            &chef(),
            &MovePhase {
                activity_id: goal.activities[0].id.clone(),
                phase: Phase::Genomfora,
                note: "Workshop hållen 2026-11-25".into(),
            },
        )
        .unwrap();
    f.store
        .record_exercise_held(
            &chef(),
            &NewExerciseHeld {
                title: "Storm över Blekinge".into(),
                held_on: "2026-10-14".into(),
                form: "Ledningsövning".into(),
                participants: 14,
                summary: "Stabsmetodiken fungerade; sambandet brast.".into(),
                source: Some("ovning-1".into()),
            },
        )
        .unwrap();
    let ev = open_event(&mut f.store, "IT-avbrott Blekingesjukhuset");
    f.store
        .decide(&tib(), &decision(&ev, "Regional särskild händelse"))
        .unwrap();
}

#[test]
fn the_year_is_counted_from_the_record_and_pdsa_moves_only_forward() {
    let mut f = fixture();
    a_year(&mut f);
    let y = f.store.follow_up(2026).unwrap();
    assert_eq!(y.counts.exercises_held, 1);
    assert_eq!((y.counts.events_opened, y.counts.decisions), (1, 1));
    assert_eq!(
        (y.counts.risks_registered, y.counts.risks_reassessed),
        (2, 1)
    );
    assert_eq!(y.events.len(), 1);
    assert_eq!(y.goals[0].activities[0].phase, Phase::Genomfora);
    assert_eq!(y.risks.len(), 2);
    assert!(y
        .risks
        .iter()
        .all(|r| r.movement == krisledning::followup::year::Movement::Ny));
    // Next year the same risks have a starting point.
    let next = f.store.follow_up(2027).unwrap();
    assert_eq!(next.counts, krisledning::followup::YearCounts::default());
    assert_eq!(
        next.risks[0].movement,
        krisledning::followup::year::Movement::Oforandrad
    );
    assert_eq!(code(f.store.follow_up(1850)), ErrorCode::Invalid);

    let activity = y.goals[0].activities[0].id.clone();
    let back = MovePhase {
        activity_id: activity.clone(),
        phase: Phase::Planera,
        note: "tillbaka".into(),
    };
    assert_eq!(
        code(f.store.move_phase(&chef(), &back)),
        ErrorCode::Conflict
    );
    let skip = MovePhase {
        phase: Phase::Agera,
        note: "hoppar".into(),
        ..back.clone()
    };
    assert_eq!(
        code(f.store.move_phase(&chef(), &skip)),
        ErrorCode::Conflict
    );
    for phase in [Phase::Studera, Phase::Agera, Phase::Planera] {
        let g = f
            .store
            .move_phase(
                &chef(),
                &MovePhase {
                    activity_id: activity.clone(),
                    phase,
                    note: format!("{} klar", phase.label()),
                },
            )
            .unwrap();
        assert_eq!(g.activities[0].phase, phase, "agera leads to a new turn");
    }
    let g = f
        .store
        .assess_goal(
            &chef(),
            &AssessGoal {
                goal_id: y.goals[0].id.clone(),
                outcome: Some(GoalOutcome::Delvis),
                note: "8 av 10".into(),
            },
        )
        .unwrap();
    assert_eq!(g.outcome, Some(GoalOutcome::Delvis));

    // The same exercise store twice, and an exercise not yet held: refused.
    let again = NewExerciseHeld {
        title: "Storm".into(),
        held_on: "2026-10-14".into(),
        form: "Ledningsövning".into(),
        participants: 1,
        summary: "x".into(),
        source: Some("ovning-1".into()),
    };
    assert_eq!(
        code(f.store.record_exercise_held(&chef(), &again)),
        ErrorCode::Conflict
    );
    let future = NewExerciseHeld {
        held_on: "2027-05-01".into(),
        source: None,
        ..again
    };
    assert_eq!(
        code(f.store.record_exercise_held(&chef(), &future)),
        ErrorCode::Invalid
    );
    let nobody = NewExerciseHeld {
        held_on: "2026-10-01".into(),
        participants: 0,
        ..future
    };
    assert_eq!(
        code(f.store.record_exercise_held(&chef(), &nobody)),
        ErrorCode::Invalid
    );
    replay_matches(&mut f.store);
}

#[test]
fn the_bokslut_reads_as_its_golden_text() {
    swedish_time();
    let mut f = fixture();
    a_year(&mut f);
    let bytes = krisledning::report::bokslut::pdf(&f.store, &chef(), 2026).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bokslut.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let text = pdf_lines(&path);
    assert!(text.contains("Säkerhets- och krisberedskapsbokslut 2026"));
    check_golden("bokslut.txt", &normalise(&text));
    // Written through the print folder, as the window does.
    let printed =
        krisledning::report::bokslut::print_to_folder(&mut f.store, &chef(), 2026, None).unwrap();
    assert!(std::path::Path::new(&printed.path).exists());
    assert_eq!(
        code(krisledning::report::bokslut::print_to_folder(
            &mut f.store,
            &chef(),
            3000,
            None
        )),
        ErrorCode::Invalid
    );
}

#[test]
fn an_exercise_store_is_recorded_as_held_once_and_read_without_a_byte_changed() {
    use krisledning::exercise::{ControlAction, ControlInput};
    let mut f = fixture();
    // The exercise is played on the system clock; the record reads it afterwards.
    *f.clock.0.lock().unwrap() = chrono::Utc::now() + Duration::hours(1);
    let path = f.dir.path().join("ovning.db");
    let control = Actor::new("Karin Ek", "Övningsledare");
    drop(
        krisledning::workspace::create(
            &path,
            "storm-elavbrott",
            "Region Blekinge",
            &krisledning::workspace::control_actor(),
        )
        .unwrap(),
    );
    let call = |store: &mut Store, p: &std::path::Path| {
        krisledning::api::call(
            store,
            krisledning::api::Request::RecordExerciseFromStore {
                actor: chef(),
                path: p.display().to_string(),
            },
        )
    };
    let control_action = |action| {
        let mut ex = Store::open(&path).unwrap();
        ex.exercise_control(
            &control,
            &ControlInput {
                action: Some(action),
                ..Default::default()
            },
        )
        .unwrap();
    };
    // Not started, then running: nothing to record yet.
    assert_eq!(
        call(&mut f.store, &path).unwrap_err().code,
        ErrorCode::Conflict
    );
    control_action(ControlAction::Start);
    assert_eq!(
        call(&mut f.store, &path).unwrap_err().code,
        ErrorCode::Conflict
    );
    control_action(ControlAction::End);
    let before = std::fs::read(&path).unwrap();
    let held = call(&mut f.store, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), before, "read-only");
    assert!(held["summary"]
        .as_str()
        .unwrap()
        .contains("Förväntade åtgärder"));
    assert!(held["source"].as_str().is_some());
    assert_eq!(
        call(&mut f.store, &path).unwrap_err().code,
        ErrorCode::Conflict
    );
    // The real record is not an exercise.
    let real = f.path.clone();
    let other = fixture();
    let mut other_store = other.store;
    assert_eq!(
        call(&mut other_store, &real).unwrap_err().code,
        ErrorCode::Invalid
    );
    let year: i32 = held["held_on"].as_str().unwrap()[..4].parse().unwrap();
    // The open store itself, a file that is no store, and an altered exercise store: refused,
    // each naming the file.
    let own = f.path.clone();
    assert_eq!(
        call(&mut f.store, &own).unwrap_err().code,
        ErrorCode::Invalid
    );
    let junk = f.dir.path().join("inte-en-databas.db");
    std::fs::write(&junk, b"hej").unwrap();
    let err = call(&mut f.store, &junk).unwrap_err();
    assert!(err.message.starts_with("Övningsfilen"), "{}", err.message);
    let forged = f.dir.path().join("andrad.db");
    std::fs::copy(&path, &forged).unwrap();
    {
        let c = rusqlite::Connection::open(&forged).unwrap();
        c.execute_batch(
            "DROP TRIGGER journal_no_update; UPDATE journal SET author = 'Någon annan' WHERE n = 2;",
        )
        .unwrap();
    }
    let err = call(&mut f.store, &forged).unwrap_err();
    assert!(
        err.message.contains("håller inte vid kontroll"),
        "{}",
        err.message
    );
    assert_eq!(f.store.follow_up(year).unwrap().counts.exercises_held, 1);
}

#[test]
fn boksluts_printed_in_the_same_second_are_each_kept_under_their_own_name() {
    swedish_time();
    let mut f = fixture();
    a_year(&mut f);
    f.store
        .set_mode(
            &director(),
            &ModeChange {
                mode: ModeId::Hogsta,
                basis: "Regeringsbeslut".into(),
                decided_by: director(),
                ..Default::default()
            },
        )
        .unwrap();
    let order = krisledning::report::copies::CopyOrder {
        copies: 1,
        recipients: "Regionstyrelsen".into(),
    };
    // The test clock stands still: every printout has the same timestamp in its name.
    let mut paths = Vec::new();
    for _ in 0..3 {
        let p = krisledning::report::bokslut::print_to_folder(
            &mut f.store,
            &chef(),
            2026,
            Some(&order),
        )
        .unwrap();
        paths.push(p.path);
    }
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 3, "{paths:?}");
    for (i, p) in paths.iter().enumerate() {
        let text = pdftotext(std::path::Path::new(p));
        assert!(text.contains("REG.NR"), "{p}");
        assert!(std::path::Path::new(p).exists(), "copy {i}");
    }
    assert_eq!(
        krisledning::marking::queries::register(f.store.connection())
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn one_reserve_named_for_two_functions_covers_neither() {
    let mut f = fixture();
    let (tib_person, chef_person, reserve) = (
        person(&mut f.store, "Anna Berg"),
        person(&mut f.store, "Bo Ek"),
        person(&mut f.store, "Cecilia Holm"),
    );
    f.store
        .place_staff(&chef(), &place(&tib_person, "TiB", Some(&reserve)))
        .unwrap();
    let s = f.store.staffing(Some(ModeId::Hogsta)).unwrap();
    assert_eq!(state(&s, "TiB"), StaffingState::Bemannad);
    f.store
        .place_staff(&chef(), &place(&chef_person, "Stabschef", Some(&reserve)))
        .unwrap();
    let s = f.store.staffing(Some(ModeId::Hogsta)).unwrap();
    assert_eq!(state(&s, "TiB"), StaffingState::Sarbar);
    assert_eq!(state(&s, "Stabschef"), StaffingState::Sarbar);
    let tib_row = &s
        .functions
        .iter()
        .find(|f| f.function == "TiB")
        .unwrap()
        .people[0];
    assert_eq!(
        tib_row.replacement_gap,
        Some(krisledning::war::ReplacementGap::Shared {
            functions: vec!["Stabschef".into()]
        })
    );
}
