//! Property: whatever exercise control does and however the wall clock moves, exercise time never
//! runs backwards, every scheduled inject arrives at most once, in scenario order and never before
//! its time, and nothing arrives after the end or while the clock has never started.

mod common;

use std::path::Path;

use chrono::Duration;
use common::TestClock;
use krisledning::exercise::{ControlAction, ControlInput, ExerciseState};
use krisledning::{Store, Workspace};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    Wait(i64),
    Control(ControlAction, u32),
    Tick,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0i64..900).prop_map(Step::Wait),
        3 => Just(Step::Tick),
        1 => (0usize..6, 1u32..6).prop_map(|(a, n)| {
            let action = [
                ControlAction::Start,
                ControlAction::Pause,
                ControlAction::Resume,
                ControlAction::Speed,
                ControlAction::Jump,
                ControlAction::End,
            ][a];
            Step::Control(action, n)
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn exercise_time_and_injects_hold_under_any_control(steps in prop::collection::vec(step(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.db");
        let clock = TestClock::at(common::t0());
        let mut store = Store::init(&path, "R", Workspace::Exercise).unwrap().with_clock(clock.clone());
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios/kort.toml");
        let text = std::fs::read_to_string(file).unwrap();
        let s = krisledning::scenario::parse("kort.toml", &text, &krisledning::workspace::known_kind).unwrap();
        let leader = krisledning::domain::Actor::new("K", "Övningsledare");
        store.write(|tx| krisledning::exercise::commands::create(tx, &leader, "kort.toml", &text, &s)).unwrap();

        let mut last_t: Option<i64> = None;
        for st in steps {
            match st {
                Step::Wait(secs) => clock.advance(Duration::seconds(secs)),
                Step::Tick => { store.exercise_tick().unwrap(); }
                Step::Control(action, n) => {
                    let input = ControlInput {
                        action: Some(action),
                        speed: Some([1, 2, 5, 10, 60][(n as usize - 1) % 5]),
                        to_seq: Some(n),
                        reason: None,
                    };
                    // Refusals (pause before start, jump past the end) are part of the property:
                    // they must leave everything as it was.
                    let before = common::head(&store);
                    if store.exercise_control(&leader, &input).is_err() {
                        prop_assert_eq!(common::head(&store), before);
                    }
                }
            }
            let v = store.exercise_view().unwrap();
            if let (Some(prev), Some(now)) = (last_t, v.t_ms) {
                prop_assert!(now >= prev, "time ran back: {} → {}", prev, now);
            }
            last_t = v.t_ms.or(last_t);
            if v.state == ExerciseState::Ready {
                prop_assert!(v.delivered.is_empty());
            }
            let seqs: Vec<u32> = v.delivered.iter().rev().filter_map(|d| d.seq).collect();
            let mut sorted = seqs.clone();
            sorted.sort_unstable();
            sorted.dedup();
            prop_assert_eq!(&seqs, &sorted, "once each, in order");
            for d in &v.delivered {
                if let Some(seq) = d.seq {
                    let at = i64::from(s.inject(seq).unwrap().at);
                    prop_assert!(d.at_s >= at, "inject {} came at {} before T+{}", seq, d.at_s, at);
                }
            }
            if v.state == ExerciseState::Ended {
                let n = v.delivered.len();
                clock.advance(Duration::hours(2));
                prop_assert!(store.exercise_tick().unwrap().is_empty());
                prop_assert_eq!(store.exercise_view().unwrap().delivered.len(), n);
            }
        }
        prop_assert!(store.verify().unwrap().failure.is_none());
    }
}
