//! Exercises on real SQLite files with a clock the test steps: scenario validation, injects in
//! order, control actions, contingency injects, the evaluation of a scripted response, the
//! package round trip, and the real record left byte for byte as it was.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Duration;
use common::TestClock;
use krisledning::domain::Actor;
use krisledning::exercise::{ControlAction, ControlInput, ExerciseState, HotwashInput, Outcome};
use krisledning::log::{DecisionKind, NewDiaryEntry};
use krisledning::readiness::{ModeChange, ModeId};
use krisledning::scenario;
use krisledning::workspace;
use krisledning::{Store, Workspace};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios")
}

fn control() -> Actor {
    Actor::new("Karin Ek", "Övningsledare")
}

fn act(action: ControlAction) -> ControlInput {
    ControlInput {
        action: Some(action),
        ..Default::default()
    }
}

struct Play {
    _dir: tempfile::TempDir,
    store: Store,
    clock: Arc<TestClock>,
}

/// An exercise store made from a scenario (a fixture path or a shipped name), on a test clock.
fn play(scenario: &str) -> Play {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ovning.db");
    drop(workspace::create(&path, scenario, "Region Test", &workspace::control_actor()).unwrap());
    // The store was just made on the system clock; the test clock takes over from there.
    let now =
        chrono::DurationRound::duration_trunc(chrono::Utc::now(), Duration::seconds(1)).unwrap();
    let clock = TestClock::at(now + Duration::seconds(2));
    let store = Store::open(&path).unwrap().with_clock(clock.clone());
    Play {
        _dir: dir,
        store,
        clock,
    }
}

fn kort() -> Play {
    play(&fixtures().join("kort.toml").display().to_string())
}

impl Play {
    /// Control presses Starta; returns what arrived with it.
    fn start(&mut self) -> Vec<String> {
        self.control(ControlAction::Start)
    }

    fn control(&mut self, action: ControlAction) -> Vec<String> {
        self.store
            .exercise_control(&control(), &act(action))
            .unwrap()
            .into_iter()
            .map(|d| d.key)
            .collect()
    }

    fn minutes(&mut self, m: i64) -> Vec<String> {
        self.clock.advance(Duration::minutes(m));
        self.store
            .exercise_tick()
            .unwrap()
            .into_iter()
            .map(|d| d.key)
            .collect()
    }

    fn event(&self) -> String {
        self.store.list_events().unwrap()[0].id.clone()
    }
}

#[test]
fn every_invalid_fixture_is_refused_naming_file_line_and_field() {
    let dir = fixtures().join("invalid");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = text
            .lines()
            .next()
            .unwrap()
            .strip_prefix("# expect: ")
            .unwrap();
        let name = format!("invalid/{}", path.file_name().unwrap().to_string_lossy());
        let err = scenario::parse(&name, &text, &workspace::known_kind).unwrap_err();
        assert!(
            err.message.contains(expect),
            "{name}: wanted {expect:?}, got {:?}",
            err.message
        );
        seen += 1;
    }
    assert!(seen >= 12, "only {seen} fixtures");
    // And the valid one next to them parses.
    let text = std::fs::read_to_string(fixtures().join("kort.toml")).unwrap();
    let s = scenario::parse("kort.toml", &text, &workspace::known_kind).unwrap();
    assert_eq!(s.injects.len(), 4);
    assert_eq!(s.expected[0].by, 30 * 60);
}

#[test]
fn a_scenario_file_too_large_or_not_text_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("stor.toml");
    std::fs::write(&big, vec![b'#'; scenario::MAX_SCENARIO_BYTES + 10]).unwrap();
    let e = workspace::read_scenario(&big.display().to_string()).unwrap_err();
    assert!(e.message.contains("för stor"), "{}", e.message);
    let bin = dir.path().join("bin.toml");
    std::fs::write(&bin, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let e = workspace::read_scenario(&bin.display().to_string()).unwrap_err();
    assert!(e.message.contains("UTF-8"), "{}", e.message);
    let e = workspace::read_scenario("finns-inte").unwrap_err();
    assert!(
        e.message.contains("storm-elavbrott"),
        "names the shipped ones: {}",
        e.message
    );
}

#[test]
fn every_shipped_scenario_is_valid_and_runs_headless_delivering_its_injects_in_order() {
    let shipped = scenario::shipped::all(&workspace::known_kind).unwrap();
    assert_eq!(shipped.len(), 3);
    for (file, s) in shipped {
        assert!(
            (2 * 3600..=4 * 3600).contains(&s.duration),
            "{file}: 2–4 hours of play"
        );
        let name = file.rsplit('/').next().unwrap().trim_end_matches(".toml");
        let mut p = play(name);
        assert_eq!(p.store.exercise_view().unwrap().state, ExerciseState::Ready);
        // Before the start nothing arrives, however long the staff waits.
        assert!(p.minutes(600).is_empty(), "{file}");
        let at_start = p
            .store
            .exercise_control(&control(), &act(ControlAction::Start))
            .unwrap();
        // A minute at a time through the whole scenario: each inject arrives in its minute.
        let mut order: Vec<u32> = at_start.iter().filter_map(|d| d.seq).collect();
        assert!(at_start.iter().all(|d| d.at == "T+00:00"));
        for minute in 0..=(s.duration / 60) as i64 {
            for key in p.minutes(if minute == 0 { 0 } else { 1 }) {
                if let Ok(seq) = key.parse::<u32>() {
                    let inject = s.inject(seq).unwrap();
                    assert_eq!(
                        i64::from(inject.at) / 60,
                        minute,
                        "{file}: inject {seq} arrived at T+{minute} min"
                    );
                    order.push(seq);
                }
            }
        }
        let want: Vec<u32> = s.injects.iter().map(|i| i.seq).collect();
        assert_eq!(order, want, "{file}: every inject once, in order");
        assert!(p.store.verify().unwrap().failure.is_none());
    }
}

#[test]
fn pause_speed_and_jump_move_the_clock_and_each_is_an_entry() {
    let mut p = kort();
    let c = control();
    assert_eq!(p.start(), ["1"], "T+00:00 arrives with the start");
    assert!(p.minutes(0).is_empty(), "and once only");
    p.store
        .exercise_control(&c, &act(ControlAction::Pause))
        .unwrap();
    assert!(p.minutes(60).is_empty(), "a paused clock delivers nothing");
    assert_eq!(
        p.store.exercise_next_due().unwrap(),
        None,
        "and wakes no timer"
    );
    p.store
        .exercise_control(&c, &act(ControlAction::Resume))
        .unwrap();
    assert!(p.minutes(9).is_empty());
    assert_eq!(
        p.minutes(1),
        ["2"],
        "T+00:10, the hour of pause not counted"
    );
    let speed = ControlInput {
        speed: Some(10),
        ..act(ControlAction::Speed)
    };
    p.store.exercise_control(&c, &speed).unwrap();
    // At ×10 the next ten minutes of play take one minute.
    assert_eq!(
        p.store.exercise_next_due().unwrap(),
        Some(p.store.now() + Duration::minutes(1))
    );
    assert_eq!(p.minutes(1), ["3"]);
    let jump = ControlInput {
        to_seq: Some(4),
        ..act(ControlAction::Jump)
    };
    let came = p.store.exercise_control(&c, &jump).unwrap();
    // T+00:30 passed on the way with no inriktningsbeslut: the automatic contingency comes too.
    let keys: Vec<&str> = came.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(keys, ["4", "K1"]);
    let again = p.store.exercise_control(&c, &jump).unwrap_err();
    assert!(again.message.contains("redan kommit"), "{}", again.message);
    p.store
        .exercise_control(&c, &act(ControlAction::End))
        .unwrap();
    let e = p
        .store
        .exercise_control(&c, &act(ControlAction::Resume))
        .unwrap_err();
    assert!(e.message.contains("avslutad"), "{}", e.message);
    let bad_speed = ControlInput {
        speed: Some(0),
        ..act(ControlAction::Speed)
    };
    assert!(p.store.exercise_control(&c, &bad_speed).is_err());

    let view = p.store.exercise_control_view().unwrap();
    let actions: Vec<ControlAction> = view.clock.iter().map(|r| r.action).collect();
    use ControlAction::*;
    assert_eq!(actions, [Start, Pause, Resume, Speed, Jump, End]);
    assert!(view.clock.iter().all(|r| r.author == "Karin Ek"));
    assert_eq!(view.clock[4].to_seq, Some(4));
    // The delivered inject entries carry no control note: participants read them.
    let notes: i64 = p
        .store
        .connection()
        .query_row(
            "SELECT count(*) FROM journal WHERE kind = 'inject.delivered' AND body LIKE '%inriktningsbeslut.%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(notes, 0);
    assert_eq!(
        view.msel[0].note.as_deref(),
        Some("Ska leda till inriktningsbeslut.")
    );
}

#[test]
fn evaluation_counts_met_late_and_missed_on_a_scripted_response() {
    let mut p = kort();
    let c = control();
    let tib = common::tib();
    p.start();
    let ev = p.event();
    // T+00:05 a decision of the wrong kind does not count; T+00:12 the plan, in time for T+00:20.
    p.minutes(5);
    let mut d = common::decision(&ev, "Samordning med kommunerna");
    d.kind = DecisionKind::Samordning;
    p.store.decide(&tib, &d).unwrap();
    p.minutes(7);
    p.store.activate_plan(&tib, "it-avbrott", &ev).unwrap();
    // The "met" trigger of K2 holds now; control sends it.
    let view = p.store.exercise_control_view().unwrap();
    let k2 = view.contingencies.iter().find(|c| c.id == "K2").unwrap();
    assert!(k2.ready, "K2 waits for A2, which is done");
    p.store.exercise_fire(&c, "K2").unwrap();
    assert!(p.store.exercise_fire(&c, "K2").is_err(), "once only");
    // T+00:35 the inriktningsbeslut, five minutes late; K1 came at T+00:30.
    let came = p.minutes(23);
    assert!(came.contains(&"K1".to_string()), "{came:?}");
    let mut d = common::decision(&ev, "Inriktning: vården går över till reservrutiner");
    d.kind = DecisionKind::Inriktning;
    p.store.decide(&tib, &d).unwrap();
    // The IT call never reaches the diary; the mode is never raised. A diary line without the
    // words does not count.
    p.store
        .log_diary(
            &tib,
            &NewDiaryEntry {
                event_id: ev.clone(),
                text: "Samtal med akuten".into(),
                ..Default::default()
            },
        )
        .unwrap();
    p.minutes(20);
    p.store
        .exercise_control(&c, &act(ControlAction::End))
        .unwrap();

    let e = p.store.exercise_evaluation().unwrap();
    let by_id = |id: &str| e.actions.iter().find(|a| a.id == id).unwrap();
    assert_eq!(by_id("A1").outcome, Outcome::Late);
    assert_eq!(by_id("A1").evidence.as_ref().unwrap().at, "T+00:35");
    assert!(by_id("A1")
        .evidence
        .as_ref()
        .unwrap()
        .summary
        .contains("Inriktning"));
    assert_eq!(by_id("A2").outcome, Outcome::Met);
    assert_eq!(by_id("A2").evidence.as_ref().unwrap().at, "T+00:12");
    assert_eq!(by_id("A3").outcome, Outcome::Missed);
    assert_eq!(by_id("A4").outcome, Outcome::Missed);
    assert_eq!((e.met, e.late, e.missed, e.pending), (1, 1, 2, 0));
    assert_eq!(e.contingencies_fired, 2);
    assert_eq!(e.injects_delivered, 4);

    // Control overrules A4: the mode was raised by phone, outside the app.
    p.store
        .exercise_assess(
            &c,
            "A4",
            Outcome::NotApplicable,
            "Läget höjdes inte i detta spel.",
        )
        .unwrap();
    p.store
        .exercise_hotwash(
            &c,
            &HotwashInput {
                text: "Inriktningsbeslutet dröjde: oklart vem som fattar det.".into(),
                kind: None,
            },
        )
        .unwrap();
    let e = p.store.exercise_evaluation().unwrap();
    let a4 = e.actions.iter().find(|a| a.id == "A4").unwrap();
    assert_eq!(
        (a4.outcome, a4.recorded),
        (Outcome::NotApplicable, Outcome::Missed)
    );
    assert_eq!((e.met, e.late, e.missed, e.not_applicable), (1, 1, 1, 1));
    assert_eq!(e.hotwash.len(), 1);
    assert!(p
        .store
        .exercise_assess(&c, "A9", Outcome::Met, "x")
        .is_err());
}

#[test]
fn a_mode_change_and_a_diary_line_with_the_words_meet_their_actions_in_time() {
    let mut p = kort();
    let tib = common::tib();
    p.start();
    p.minutes(2);
    let ev = p.event();
    p.store
        .log_diary(
            &tib,
            &NewDiaryEntry {
                event_id: ev,
                text: "Samtal från IT-DRIFTEN: journalen är nere".into(),
                ..Default::default()
            },
        )
        .unwrap();
    p.store
        .set_mode(
            &tib,
            &ModeChange {
                mode: ModeId::Skarpt,
                basis: "Regeringsbeslut".into(),
                decided_by: tib.clone(),
                ..Default::default()
            },
        )
        .unwrap();
    let e = p.store.exercise_evaluation().unwrap();
    let outcome = |id: &str| e.actions.iter().find(|a| a.id == id).unwrap().outcome;
    assert_eq!(outcome("A3"), Outcome::Met);
    assert_eq!(outcome("A4"), Outcome::Met);
    assert_eq!(outcome("A1"), Outcome::Pending, "deadline still ahead");
}

#[test]
fn exercise_entries_are_refused_in_the_real_record() {
    let mut f = common::fixture();
    let text = std::fs::read_to_string(fixtures().join("kort.toml")).unwrap();
    let s = scenario::parse("kort.toml", &text, &workspace::known_kind).unwrap();
    let before = common::head(&f.store);
    let e = f
        .store
        .write(|tx| krisledning::exercise::commands::create(tx, &control(), "kort.toml", &text, &s))
        .unwrap_err();
    assert!(e.message.contains("skarpa databasen"), "{}", e.message);
    assert_eq!(common::head(&f.store), before);
    let e = f.store.exercise_view().unwrap_err();
    assert!(e.message.contains("ingen övning"), "{}", e.message);
    assert!(f.store.exercise_tick().unwrap().is_empty());
}

#[test]
fn a_second_exercise_is_never_written_into_the_same_store() {
    let mut p = kort();
    let text = std::fs::read_to_string(fixtures().join("kort.toml")).unwrap();
    let s = scenario::parse("kort.toml", &text, &workspace::known_kind).unwrap();
    let e = p
        .store
        .write(|tx| krisledning::exercise::commands::create(tx, &control(), "kort.toml", &text, &s))
        .unwrap_err();
    assert!(e.message.contains("redan övningen"), "{}", e.message);
    let dir = tempfile::tempdir().unwrap();
    let taken = dir.path().join("x.db");
    std::fs::write(&taken, b"").unwrap();
    let e = workspace::create(&taken, "storm-elavbrott", "R", &control())
        .err()
        .unwrap();
    assert!(e.message.contains("finns redan"), "{}", e.message);
    assert_eq!(std::fs::read(&taken).unwrap(), b"", "left as it was");
}

#[test]
fn the_starting_state_is_in_place_before_play() {
    let p = kort();
    let events = p.store.list_events().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].title, "IT-avbrott i vården");
    assert_eq!(p.store.list_resources().unwrap().len(), 1);
    let picture = p.store.situation(Some(&events[0].id)).unwrap();
    assert!(format!("{picture:?}").contains("Journalsystemet svarar inte."));
    assert_eq!(p.store.workspace(), "exercise");
}

fn sha(path: &Path) -> String {
    krisledning::reports::files::sha256_hex(&std::fs::read(path).unwrap())
}

#[test]
fn the_package_round_trip_verifies_every_hash_and_refuses_a_changed_byte() {
    let mut p = kort();
    let c = control();
    p.start();
    p.minutes(15);
    let ev = p.event();
    p.store
        .decide(&common::tib(), &common::decision(&ev, "Reservrutiner"))
        .unwrap();
    p.control(ControlAction::End);
    krisledning::report::issue::issue_after_action(&mut p.store, &c, &ev, None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("ovning.kovn");
    let manifest = workspace::package::export(&p.store, &pkg).unwrap();
    assert_eq!(manifest.entries, common::head(&p.store).0);
    assert!(manifest.members.iter().any(|m| m.name.ends_with(".pdf")));
    assert!(
        workspace::package::export(&p.store, &pkg).is_err(),
        "never over a file"
    );

    let out = dir.path().join("granskning.db");
    let at_export = common::head(&p.store);
    let projections = common::dump_projections(&p.store);
    // The original goes on after the export, and this computer remembers its longer chain.
    p.store
        .exercise_hotwash(
            &c,
            &HotwashInput {
                text: "Efter exporten".into(),
                kind: None,
            },
        )
        .unwrap();
    let original = p.store.path().to_path_buf();
    p.store = Store::open(&original).unwrap().with_clock(p.clock.clone());
    let (_, copy) = workspace::package::import(&pkg, &out).unwrap();
    // The copy holds the original's chain as exported and writes its own beside it.
    let chains = copy.verify().unwrap().chains;
    assert!(
        chains
            .iter()
            .any(|c| (c.entries, c.head_hash.clone()) == at_export),
        "{chains:?}"
    );
    assert_eq!(common::head(&copy).0, 0);
    assert_eq!(common::dump_projections(&copy), projections);
    // A copy made on the same computer is remembered apart: neither looks cut short.
    assert!(
        copy.anchor_warning().is_none(),
        "{:?}",
        copy.anchor_warning()
    );
    drop(copy);
    let copy = Store::open(&out).unwrap();
    assert!(copy.anchor_warning().is_none());
    assert!(Store::open(&original).unwrap().anchor_warning().is_none());
    let reports = krisledning::report::issue::history(&copy, &ev).unwrap();
    krisledning::report::issue::file(
        &copy,
        &reports[0].id,
        krisledning::report::issue::ReportFormat::Pdf,
    )
    .unwrap();
    assert!(
        workspace::package::import(&pkg, &out).is_err(),
        "never over a store"
    );

    // A changed byte anywhere, a cut-off file, a foreign file: refused, nothing made.
    let bytes = std::fs::read(&pkg).unwrap();
    let journal_at = bytes
        .windows(b"Reservrutiner".len())
        .position(|w| w == b"Reservrutiner")
        .unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("changed", {
            let mut b = bytes.clone();
            b[journal_at] = b'r';
            b
        }),
        ("cut", bytes[..bytes.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("foreign", b"SQLite format 3\0 not a package".to_vec()),
    ];
    for (what, data) in cases {
        let bad = dir.path().join(format!("{what}.kovn"));
        std::fs::write(&bad, data).unwrap();
        let target = dir.path().join(format!("{what}.db"));
        let e = workspace::package::import(&bad, &target).err().unwrap();
        assert!(
            e.message.contains("Inget importerades"),
            "{what}: {}",
            e.message
        );
        assert!(!target.exists(), "{what}: no store made");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("importeras"))
            .collect();
        assert!(leftovers.is_empty(), "{what}: no temporary left");
    }
    // A forger who edits the journal and rewrites the manifest to match still breaks the chain.
    let mut members: Vec<(String, Vec<u8>)> = Vec::new();
    let mut archive = tar::Archive::new(bytes.as_slice());
    for e in archive.entries().unwrap() {
        let mut e = e.unwrap();
        let name = e.path().unwrap().to_string_lossy().into_owned();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut data).unwrap();
        members.push((name, data));
    }
    let forged = String::from_utf8(members[2].1.clone())
        .unwrap()
        .replace("Reservrutiner", "Inga reservrutiner");
    assert_eq!(members[2].0, "journal.jsonl");
    members[2].1 = forged.into_bytes();
    let mut manifest: serde_json::Value = serde_json::from_slice(&members[0].1).unwrap();
    for m in manifest["members"].as_array_mut().unwrap() {
        if m["name"] == "journal.jsonl" {
            m["sha256"] = krisledning::reports::files::sha256_hex(&members[2].1).into();
            m["bytes"] = members[2].1.len().into();
        }
    }
    members[0].1 = serde_json::to_vec(&manifest).unwrap();
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in &members {
        let mut h = tar::Header::new_ustar();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, name, data.as_slice()).unwrap();
    }
    let forged_pkg = dir.path().join("forged.kovn");
    std::fs::write(&forged_pkg, b.into_inner().unwrap()).unwrap();
    let e = workspace::package::import(&forged_pkg, &dir.path().join("forged.db"))
        .err()
        .unwrap();
    assert!(e.message.contains("journalen bryts"), "{}", e.message);
    assert!(!dir.path().join("forged.db").exists());
}

#[test]
fn two_processes_playing_one_exercise_deliver_every_inject_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ovning.db");
    let fixture = fixtures().join("kort.toml").display().to_string();
    let out = common::kris_cli(
        &db,
        &[
            "exercise",
            "create",
            &fixture,
            "--out",
            &db.display().to_string(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = common::kris_cli(&db, &["exercise", "start"]);
    assert!(out.status.success());
    // Two laptops' worth of timers on one file, each at ×3600: the hour of play takes a second.
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_kris"))
            .arg("--db")
            .arg(&db)
            .args(["exercise", "run", "--speed", "3600"])
            .env_remove("KRIS_DB")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = Store::open_read_only(&db).unwrap();
    let keys: Vec<String> = store
        .exercise_view()
        .unwrap()
        .delivered
        .into_iter()
        .rev()
        .map(|d| d.key)
        .collect();
    let scheduled: Vec<&String> = keys.iter().filter(|k| k.parse::<u32>().is_ok()).collect();
    assert_eq!(
        scheduled,
        ["1", "2", "3", "4"],
        "each once, in order: {keys:?}"
    );
    assert_eq!(keys.iter().filter(|k| *k == "K1").count(), 1, "{keys:?}");
    assert!(store.verify().unwrap().failure.is_none());
}

#[test]
fn the_real_record_is_byte_for_byte_unchanged_by_an_exercise_in_the_window() {
    use krisledning::session::{Session, Silent};
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("krisledning.db");
    {
        let mut store = Store::init(&real, "Region Test", Workspace::Real).unwrap();
        common::open_event(&mut store, "Skarp händelse");
    }
    let before = sha(&real);
    let s = Session::start(real.clone(), true);
    let call = |raw: &str| s.call_json(raw, &Silent);
    call(r#"{"command":"create_exercise","args":{"scenario":"storm-elavbrott"}}"#).unwrap();
    let info = s.workspace().unwrap();
    assert_eq!(info.current, krisledning::api::WorkspaceKind::Exercise);
    assert!(info.current_path.contains("ovningar"));
    assert_eq!(info.exercises.len(), 1);
    call(r#"{"command":"exercise_control","args":{"actor":{"name":"K","role":"Övningsledare"},"input":{"action":"start"}}}"#).unwrap();
    call(r#"{"command":"exercise_control","args":{"actor":{"name":"K","role":"Övningsledare"},"input":{"action":"jump","to_seq":3}}}"#).unwrap();
    let events = call(r#"{"command":"list_events"}"#).unwrap();
    let ev = events[0]["id"].as_str().unwrap().to_string();
    call(&format!(
        r#"{{"command":"decide","args":{{"actor":{{"name":"A","role":"TiB"}},"input":{{"event_id":"{ev}","title":"Övningsbeslut","text":"t","basis":"b","decided_by":{{"name":"A","role":"TiB"}}}}}}}}"#
    ))
    .unwrap();
    // The real store cannot be opened as an exercise.
    let real_s = real.display().to_string().replace('\\', "\\\\");
    let e = call(&format!(
        r#"{{"command":"open_workspace","args":{{"kind":"exercise","path":"{real_s}"}}}}"#
    ))
    .unwrap_err();
    assert!(e.message.contains("skarpa"), "{}", e.message);
    call(r#"{"command":"open_workspace","args":{"kind":"real"}}"#).unwrap();
    let st = call(r#"{"command":"status"}"#).unwrap();
    assert_eq!(st["workspace"], "real");
    s.close();
    assert_eq!(
        sha(&real),
        before,
        "the record's file is byte for byte the same"
    );
    let store = Store::open_read_only(&real).unwrap();
    assert_eq!(store.list_events().unwrap().len(), 1);
}

#[test]
fn the_demo_is_a_shipped_scenario_ready_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("krisledning.db");
    let demo = krisledning::session::open_demo(&krisledning::session::demo_path(&real)).unwrap();
    let v = demo.exercise_view().unwrap();
    assert_eq!(v.scenario_id, scenario::shipped::DEMO);
    assert_eq!(v.state, ExerciseState::Ready);
    assert!(v.delivered.is_empty());
    assert!(
        !demo.list_events().unwrap().is_empty(),
        "a living picture from the start"
    );
    assert!(!real.exists(), "the real store is not made by the demo");
}

#[test]
fn a_demo_from_an_earlier_version_is_kept_among_the_exercises_and_a_new_one_made() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("krisledning.db");
    let demo = krisledning::session::demo_path(&real);
    {
        let mut old = Store::init(&demo, "Region Blekinge (demo)", Workspace::Exercise).unwrap();
        common::open_event(&mut old, "IT-avbrott Blekingesjukhuset");
    }
    let store = krisledning::session::open_demo(&demo).unwrap();
    assert_eq!(
        store.exercise_view().unwrap().scenario_id,
        scenario::shipped::DEMO
    );
    let kept = workspace::list(&real);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let old = Store::open_read_only(Path::new(&kept[0].path)).unwrap();
    assert_eq!(
        old.list_events().unwrap()[0].title,
        "IT-avbrott Blekingesjukhuset"
    );
}
