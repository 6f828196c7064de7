//! Readiness modes and emergency plans on real SQLite files.

mod common;

use chrono::Duration;
use common::*;
use krisledning::domain::Actor;
use krisledning::plans::{ActivationStatus, ItemState, PlanSource};
use krisledning::readiness::ModeChange;
use krisledning::readiness::{modes, ModeId};
use krisledning::ErrorCode;

fn fixture_file(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/plans")
            .join(name),
    )
    .unwrap()
}

fn director() -> Actor {
    Actor::new("Erik Johansson", "Regiondirektör")
}

fn change(mode: ModeId) -> ModeChange {
    ModeChange {
        mode,
        basis: "Regeringens beslut om höjd beredskap".into(),
        decided_by: director(),
        decision_ref: Some("Fö2026/01234".into()),
        ..Default::default()
    }
}

#[test]
fn shipped_modes_and_plans_are_valid_and_complete() {
    let defs = modes::definitions().unwrap();
    assert_eq!(defs.iter().map(|d| d.id).collect::<Vec<_>>(), ModeId::ALL);
    assert!(
        defs.windows(2)
            .all(|w| w[0].report_every_hours > w[1].report_every_hours),
        "cadence tightens with the mode"
    );
    let plans = krisledning::plans::library::shipped().unwrap();
    for id in [
        "regional-sarskild-handelse",
        "it-avbrott",
        "elavbrott",
        "vattenavbrott",
        "brand-utrymning",
        "hot-och-vald",
        "pandemi",
        "hojd-beredskap",
        "forstarkt-bemanning",
    ] {
        let plan = plans
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("missing shipped plan {id}"));
        assert!(plan.items().count() >= 5, "{id} is a real plan, not a stub");
    }
}

#[test]
fn a_mode_change_is_a_logged_decision_and_proposals_follow_the_mode_file() {
    let mut f = fixture();
    assert_eq!(f.store.mode_status().unwrap().current.id, ModeId::Fred);
    assert!(f.store.mode_status().unwrap().proposals.is_empty());
    let status = f.store.set_mode(&tib(), &change(ModeId::Skarpt)).unwrap();
    assert_eq!(status.current.id, ModeId::Skarpt);
    let proposed: Vec<String> = status.proposals.iter().map(|p| p.plan_id.clone()).collect();
    assert_eq!(
        proposed,
        modes::definition(ModeId::Skarpt).unwrap().propose_plans
    );
    let last = status.last_change.unwrap();
    assert_eq!(
        (last.previous, last.mode, last.decided_by.as_str()),
        (ModeId::Fred, ModeId::Skarpt, "Erik Johansson")
    );
    assert_eq!(last.author, "Anna Lindqvist");
    let kind: String = f
        .store
        .connection()
        .query_row(
            "SELECT kind FROM journal ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kind, "mode.changed");

    f.store.set_mode(&tib(), &change(ModeId::Krig)).unwrap();
    let history = f.store.mode_history().unwrap();
    assert_eq!(
        history.iter().map(|h| h.mode).collect::<Vec<_>>(),
        [ModeId::Krig, ModeId::Skarpt]
    );
    assert_eq!(
        f.store
            .set_mode(&tib(), &change(ModeId::Krig))
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    let before = head(&f.store);
    let mut no_basis = change(ModeId::Fred);
    no_basis.basis = " ".into();
    assert_eq!(
        f.store.set_mode(&tib(), &no_basis).unwrap_err().message,
        "Underlag måste fyllas i."
    );
    assert_eq!(head(&f.store), before);
}

#[test]
fn activation_tracks_items_progress_and_overdue_and_replays() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "IT-avbrott Blekingesjukhuset");
    let a = f.store.activate_plan(&tib(), "it-avbrott", &ev).unwrap();
    assert_eq!(
        (a.done, a.overdue, a.status),
        (0, 0, ActivationStatus::Active)
    );
    assert_eq!(
        f.store
            .activate_plan(&tib(), "it-avbrott", &ev)
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );

    let a = f
        .store
        .check_item(&tib(), &a.id, "tib-omfattning", ItemState::Done, None, None)
        .unwrap();
    assert_eq!(a.done, 1);
    let card = a.cards.iter().find(|c| c.role == "TiB").unwrap();
    assert_eq!((card.done, card.total), (1, 4));
    let item = &card.items[0];
    assert_eq!(
        (item.state, item.by.as_deref()),
        (ItemState::Done, Some("Anna Lindqvist"))
    );

    assert_eq!(
        f.store
            .check_item(&tib(), &a.id, "sv-planerat", ItemState::Skipped, None, None)
            .unwrap_err()
            .code,
        ErrorCode::Invalid
    );
    f.store
        .check_item(
            &tib(),
            &a.id,
            "sv-planerat",
            ItemState::Skipped,
            Some("Inga planerade operationer i natt".into()),
            None,
        )
        .unwrap();
    assert_eq!(
        f.store
            .check_item(&tib(), &a.id, "finns-inte", ItemState::Done, None, None)
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    assert_eq!(
        f.store
            .check_item(&tib(), &a.id, "tib-omfattning", ItemState::Done, None, None)
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    let a = f
        .store
        .check_item(&tib(), &a.id, "tib-omfattning", ItemState::Open, None, None)
        .unwrap();
    // The skipped item is not counted as done (it was, before issue 11): a plan whose items were
    // skipped has not been carried out.
    assert_eq!((a.done, a.skipped), (0, 1), "unchecking reopens the item");

    // 30 minutes on: items due within 15 and 30 minutes are overdue; those with no limit never are.
    f.clock.advance(Duration::minutes(31));
    let a = f.store.activation(&a.id).unwrap();
    let overdue: Vec<&str> = a
        .cards
        .iter()
        .flat_map(|c| &c.items)
        .filter(|i| i.overdue)
        .map(|i| i.id.as_str())
        .collect();
    assert!(
        overdue.contains(&"tib-omfattning")
            && overdue.contains(&"tib-stabslage")
            && overdue.contains(&"it-isolera"),
        "{overdue:?}"
    );
    assert!(!overdue.contains(&"it-bevara"));
    assert_eq!(a.overdue as usize, overdue.len());

    let live = dump_projections(&f.store);
    f.store.replay().unwrap();
    assert_eq!(dump_projections(&f.store), live);

    assert_eq!(
        f.store.deactivate_plan(&tib(), &a.id, "").unwrap_err().code,
        ErrorCode::Invalid
    );
    let a = f
        .store
        .deactivate_plan(&tib(), &a.id, "Systemen åter i drift")
        .unwrap();
    assert_eq!((a.status, a.overdue), (ActivationStatus::Deactivated, 0));
    assert_eq!(
        f.store
            .check_item(&tib(), &a.id, "it-bevara", ItemState::Done, None, None)
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    assert_eq!(f.store.event_activations(&ev).unwrap().len(), 1);
}

#[test]
fn mode_proposals_show_where_a_plan_already_runs() {
    let mut f = fixture();
    f.store.set_mode(&tib(), &change(ModeId::Skarpt)).unwrap();
    let ev = open_event(&mut f.store, "Höjd beredskap");
    f.store
        .activate_plan(&tib(), "hojd-beredskap", &ev)
        .unwrap();
    let status = f.store.mode_status().unwrap();
    let p = status
        .proposals
        .iter()
        .find(|p| p.plan_id == "hojd-beredskap")
        .unwrap();
    assert_eq!(p.active_in, vec![ev]);
}

#[test]
fn an_imported_plan_with_an_error_names_file_line_and_field_and_imports_nothing() {
    let mut f = fixture();
    let before = (head(&f.store), f.store.plan_library().unwrap().len());
    let cases = [
        (
            "fel-roll.toml",
            "fel-roll.toml:9: cards.role: rollen \"Logistik\" finns inte i roles",
        ),
        (
            "fel-lage.toml",
            "fel-lage.toml:5: unknown variant `undantagstillstand`",
        ),
        (
            "dubbel-punkt.toml",
            "dubbel-punkt.toml:13: items.id: \"a\" används redan i planen",
        ),
        (
            "fel-typ.toml",
            "fel-typ.toml:2: invalid type: string \"ett\", expected u32",
        ),
    ];
    for (file, expected) in cases {
        let err = f
            .store
            .import_plan(&tib(), file, &fixture_file(file))
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Invalid, "{file}");
        assert!(
            err.message.starts_with(expected),
            "{file}: got {}",
            err.message
        );
    }
    let err = f
        .store
        .import_plan(&tib(), "stor.toml", &"#".repeat(300 * 1024))
        .unwrap_err();
    assert!(err.message.contains("för stor"));
    assert_eq!(
        (head(&f.store), f.store.plan_library().unwrap().len()),
        before
    );
}

#[test]
fn a_new_plan_version_leaves_a_running_activation_unchanged() {
    let mut f = fixture();
    let imported = f
        .store
        .import_plan(
            &tib(),
            "egen-plan-v1.toml",
            &fixture_file("egen-plan-v1.toml"),
        )
        .unwrap();
    assert_eq!(
        (imported.plan.version, imported.source),
        (1, PlanSource::Imported)
    );
    let ev = open_event(&mut f.store, "Vattenavbrott Karlskrona");
    let running = f
        .store
        .activate_plan(&tib(), "reservvatten-karlskrona", &ev)
        .unwrap();
    assert_eq!(
        f.store
            .import_plan(
                &tib(),
                "egen-plan-v1.toml",
                &fixture_file("egen-plan-v1.toml")
            )
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    f.store
        .import_plan(
            &tib(),
            "egen-plan-v2.toml",
            &fixture_file("egen-plan-v2.toml"),
        )
        .unwrap();
    assert_eq!(
        f.store
            .library_plan("reservvatten-karlskrona")
            .unwrap()
            .plan
            .version,
        2
    );
    let still = f.store.activation(&running.id).unwrap();
    assert_eq!(still.plan_version, 1);
    assert_eq!(still.cards[0].items[1].text, "Beställ tankbil");
    // A shipped plan cannot be shadowed by a file claiming the same version.
    let fake = fixture_file("egen-plan-v1.toml").replace("reservvatten-karlskrona", "it-avbrott");
    assert_eq!(
        f.store
            .import_plan(&tib(), "fake.toml", &fake)
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    let live = dump_projections(&f.store);
    f.store.replay().unwrap();
    assert_eq!(dump_projections(&f.store), live);
}

#[test]
fn a_broken_mode_file_names_file_line_and_field() {
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/modes/skarpt.toml"),
    )
    .unwrap();
    let broken = src.replace("colour = \"#b54708\"", "colour = \"orange\"");
    let err = modes::parse_mode(
        "assets/modes/skarpt.toml",
        &broken,
        &["hojd-beredskap", "forstarkt-bemanning"],
    )
    .unwrap_err();
    let line = broken
        .lines()
        .position(|l| l.starts_with("colour"))
        .unwrap()
        + 1;
    assert_eq!(
        err.message,
        format!("assets/modes/skarpt.toml:{line}: colour: ange färgen som #rrggbb")
    );
    let err = modes::parse_mode("assets/modes/skarpt.toml", &src, &["hojd-beredskap"]).unwrap_err();
    assert!(
        err.message
            .contains("propose_plans: planen \"forstarkt-bemanning\" finns inte"),
        "{}",
        err.message
    );
    let err = modes::parse_mode(
        "assets/modes/fred.toml",
        &src,
        &["hojd-beredskap", "forstarkt-bemanning"],
    )
    .unwrap_err();
    assert!(
        err.message.contains("stämmer inte med filnamnet fred.toml"),
        "{}",
        err.message
    );
}

#[test]
fn an_item_that_requires_a_decision_is_done_by_one() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "IT-avbrott");
    let other = open_event(&mut f.store, "Annan händelse");
    let a = f.store.activate_plan(&tib(), "it-avbrott", &ev).unwrap();
    let refused = f
        .store
        .check_item(&tib(), &a.id, "tib-stabslage", ItemState::Done, None, None)
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Invalid);
    assert!(
        refused.message.contains("kräver beslut"),
        "{}",
        refused.message
    );
    // A decision of another event does not count.
    let elsewhere = f
        .store
        .decide(&tib(), &decision(&other, "Stabsläge"))
        .unwrap();
    let wrong = f
        .store
        .check_item(
            &tib(),
            &a.id,
            "tib-stabslage",
            ItemState::Done,
            None,
            Some(elsewhere.id),
        )
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::NotFound);
    let linked = f.store.decide(&tib(), &decision(&ev, "Stabsläge")).unwrap();
    let a2 = f
        .store
        .check_item(
            &tib(),
            &a.id,
            "tib-stabslage",
            ItemState::Done,
            None,
            Some(linked.id.clone()),
        )
        .unwrap();
    let item = a2
        .cards
        .iter()
        .flat_map(|c| &c.items)
        .find(|i| i.id == "tib-stabslage")
        .unwrap();
    assert_eq!(item.decision_id.as_deref(), Some(linked.id.as_str()));
    // Deciding from the item writes the decision and ticks the item in one transaction.
    let before = head(&f.store).0;
    let a3 = f
        .store
        .decide_item(&tib(), &a.id, "tib-imy", &decision(&ev, "Anmälan till IMY"))
        .unwrap();
    assert_eq!(head(&f.store).0, before + 2);
    let item = a3
        .cards
        .iter()
        .flat_map(|c| &c.items)
        .find(|i| i.id == "tib-imy")
        .unwrap();
    assert_eq!(item.state, ItemState::Done);
    assert!(item.decision_id.is_some());
    // A decision that fails validation leaves neither entry.
    let mut bad = decision(&ev, "");
    bad.title = String::new();
    let before = head(&f.store).0;
    assert!(f
        .store
        .decide_item(&tib(), &a.id, "sv-planerat", &bad)
        .is_err());
    assert_eq!(head(&f.store).0, before);
}
