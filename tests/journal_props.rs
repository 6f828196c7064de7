//! Random command sequences against a real file: whatever happens, the chain verifies and a
//! replay rebuilds exactly the live state. Rejected commands leave no trace.

mod common;

use chrono::Duration;
use common::*;
use krisledning::journal::verify;
use krisledning::log::{CloseEvent, DecisionKind, NewCorrection};
use krisledning::time::Clock;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Open(String),
    Decide {
        event: usize,
        title: String,
        kind: usize,
        late_minutes: i64,
        supersede: Option<usize>,
    },
    Log {
        event: usize,
        text: String,
    },
    Correct {
        record: usize,
        text: String,
    },
    Close {
        event: usize,
    },
    Tick(i64),
}

fn words() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[A-Za-zÅÄÖåäö0-9 .,:-]{0,30}").unwrap()
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        words().prop_map(Op::Open),
        (
            0usize..4,
            words(),
            0usize..4,
            0i64..30,
            proptest::option::of(0usize..6)
        )
            .prop_map(|(event, title, kind, late_minutes, supersede)| Op::Decide {
                event,
                title,
                kind,
                late_minutes,
                supersede
            }),
        (0usize..4, words()).prop_map(|(event, text)| Op::Log { event, text }),
        (0usize..8, words()).prop_map(|(record, text)| Op::Correct { record, text }),
        (0usize..4).prop_map(|event| Op::Close { event }),
        (0i64..120).prop_map(Op::Tick),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn chain_verifies_and_replay_equals_live(ops in proptest::collection::vec(op(), 1..40)) {
        let mut f = fixture();
        let (mut events, mut records): (Vec<String>, Vec<String>) = (vec![], vec![]);
        let mut accepted = 0i64;
        for op in ops {
            let before = head(&f.store);
            let pick = |v: &Vec<String>, i: usize| v.get(i % v.len().max(1)).cloned().unwrap_or_default();
            let result: Result<(), krisledning::Error> = match op {
                Op::Open(title) => f.store.open_event(&tib(), &krisledning::log::OpenEvent { title, ..Default::default() })
                    .map(|e| events.push(e.id)),
                Op::Decide { event, title, kind, late_minutes, supersede } => {
                    let mut d = decision(&pick(&events, event), &title);
                    d.kind = DecisionKind::ALL[kind];
                    d.occurred_at = Some(krisledning::time::format(&(f.clock.now() - Duration::minutes(late_minutes))));
                    if late_minutes > 15 { d.late_reason = Some("Loggat i efterhand".into()); }
                    d.supersedes = supersede.map(|i| pick(&records, i));
                    f.store.decide(&tib(), &d).map(|r| records.push(r.id))
                }
                Op::Log { event, text } => f.store.log_diary(&tib(), &diary(&pick(&events, event), &text)).map(|r| records.push(r.id)),
                Op::Correct { record, text } => f.store
                    .correct(&tib(), &NewCorrection { target_id: pick(&records, record), text, reason: "Rättelse".into() })
                    .map(|_| ()),
                Op::Close { event } => f.store
                    .close_event(&tib(), &CloseEvent { event_id: pick(&events, event), decision_text: "Återgång till normal verksamhet".into(), ..Default::default() })
                    .map(|_| ()),
                Op::Tick(m) => { f.clock.advance(Duration::minutes(m)); continue; }
            };
            let after = head(&f.store);
            match result {
                Ok(()) => { accepted += 1; prop_assert_eq!(after.0, before.0 + 1); }
                Err(_) => prop_assert_eq!(after, before, "a rejected command must not write"),
            }
        }
        let report = verify(f.store.connection()).unwrap();
        prop_assert_eq!(report.failure, None);
        prop_assert_eq!(report.entries, accepted);
        let live = dump_projections(&f.store);
        f.store.replay().unwrap();
        prop_assert_eq!(dump_projections(&f.store), live);
    }
}
