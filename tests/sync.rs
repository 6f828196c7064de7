//! Many laptops, one record: per-device chains folded in one order, bundles checked whole before
//! anything is written, pairing by code, and conflicts listed instead of resolved silently. Each
//! "laptop" is a real store file of its own; they share this process's device key (one computer
//! playing several), which pairing and signatures do not mind.

mod common;

use common::*;
use krisledning::device::Device;
use krisledning::log::CloseEvent;
use krisledning::readiness::{ModeChange, ModeId};
use krisledning::sync::{bundle, PairDevice, PairingCard, ResolveConflict};
use krisledning::{ErrorCode, Store, Workspace};
use proptest::prelude::*;

struct Laptop {
    store: Store,
    _dir: tempfile::TempDir,
}

fn device() -> Device {
    let _ = fixture(); // sets KRIS_DEVICE_DIR to the checked-in test key
    Device::load_or_create().unwrap()
}

fn laptop(org: &str) -> Laptop {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::init(&dir.path().join("k.db"), org, Workspace::Real).unwrap();
    Laptop { store, _dir: dir }
}

fn card(l: &Laptop) -> PairingCard {
    PairingCard::own(&l.store, &device()).unwrap()
}

/// `a` pairs `b`, by the code `b` shows.
fn pair(a: &mut Laptop, b: &Laptop) {
    let c = card(b);
    a.store
        .pair_device(
            &tib(),
            &PairDevice {
                code: c.code(),
                card: c,
            },
        )
        .unwrap();
}

fn bundle_of(l: &Laptop) -> Vec<u8> {
    bundle::export(&l.store, &device(), &Default::default())
        .unwrap()
        .expect("something to send")
}

fn journal_rows(s: &Store) -> i64 {
    s.head_seq().unwrap()
}

fn mode(m: ModeId) -> ModeChange {
    ModeChange {
        mode: m,
        basis: "Regeringsbeslut".into(),
        decided_by: tib(),
        decision_ref: None,
        occurred_at: None,
        late_reason: None,
    }
}

fn conflicts(s: &Store) -> Vec<String> {
    let mut c: Vec<String> = s
        .conflicts()
        .unwrap()
        .into_iter()
        .map(|c| c.entry_id)
        .collect();
    c.sort();
    c
}

#[test]
fn two_laptops_exchange_bundles_and_see_each_others_entries() {
    let (mut a, mut b) = (laptop("Region X"), laptop("Region X"));
    pair(&mut a, &b);
    pair(&mut b, &a);
    let ev = open_event(&mut a.store, "Storm");
    b.store.import_bundle_bytes(&bundle_of(&a)).unwrap();
    b.store
        .log_diary(&tib(), &diary(&ev, "Logistik: elverk 2 på väg"))
        .unwrap();
    let r = a.store.import_bundle_bytes(&bundle_of(&b)).unwrap();
    assert!(r.new_entries >= 2, "{r:?}");
    assert_eq!(dump_projections(&a.store), dump_projections(&b.store));
    let records = a
        .store
        .list_records(&krisledning::log::RecordFilter {
            event_id: Some(ev.clone()),
            ..Default::default()
        })
        .unwrap();
    assert!(records.iter().any(|r| r.text.contains("elverk 2")));
    for s in [&a.store, &b.store] {
        let v = s.verify().unwrap();
        assert!(v.failure.is_none(), "{:?}", v.failure);
        assert_eq!(v.chains.len(), 2);
    }
    // Importing the same bundle again changes nothing.
    let before = dump_projections(&a.store);
    let again = a.store.import_bundle_bytes(&bundle_of(&b)).unwrap();
    assert!(again.already_held);
    assert!(again.chains.iter().all(|c| c.added == 0), "{again:?}");
    assert_eq!(dump_projections(&a.store), before);
}

#[test]
fn a_bundle_from_an_unpaired_laptop_is_refused_with_its_code_and_nothing_is_written() {
    let (a, mut b) = (laptop("Region X"), laptop("Region X"));
    let mut a = a;
    open_event(&mut a.store, "Storm");
    let before = journal_rows(&b.store);
    let err = b.store.import_bundle_bytes(&bundle_of(&a)).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotPaired, "{}", err.message);
    assert_eq!(err.params["code"], card(&a).code());
    assert_eq!(journal_rows(&b.store), before);
}

#[test]
fn pairing_needs_the_code_the_other_laptop_shows_and_the_same_organisation() {
    let (mut a, b, c) = (laptop("Region X"), laptop("Region X"), laptop("Region Y"));
    let wrong = PairDevice {
        card: card(&b),
        code: "000 000".into(),
    };
    let err = a.store.pair_device(&tib(), &wrong).unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert!(
        err.message.contains("Koden stämmer inte"),
        "{}",
        err.message
    );
    let other_org = PairDevice {
        code: card(&c).code(),
        card: card(&c),
    };
    let err = a.store.pair_device(&tib(), &other_org).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict, "{}", err.message);
    // A card changed on the way (another key) no longer matches the code read off the screen.
    let mut swapped = card(&b);
    let code = swapped.code();
    swapped.device_id = uuid::Uuid::now_v7().to_string();
    let err = a
        .store
        .pair_device(
            &tib(),
            &PairDevice {
                card: swapped,
                code,
            },
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert_eq!(a.store.sync_status().unwrap().peers.len(), 0);
}

/// Every way a bundle can be wrong leaves the store exactly as it was.
#[test]
fn tampered_truncated_reordered_and_foreign_bundles_are_refused_with_the_store_unchanged() {
    let (mut a, mut b) = (laptop("Region X"), laptop("Region X"));
    pair(&mut b, &a);
    let ev = open_event(&mut a.store, "Storm");
    for i in 0..5 {
        a.store
            .log_diary(&tib(), &diary(&ev, &format!("Rad {i}")))
            .unwrap();
    }
    let good = bundle_of(&a);
    let before = (journal_rows(&b.store), dump_projections(&b.store));
    let unchanged = |b: &Laptop| {
        assert_eq!((journal_rows(&b.store), dump_projections(&b.store)), before);
    };
    // Tampered: one letter of one entry.
    let text = String::from_utf8(good.clone()).unwrap();
    let tampered = text.replacen("Rad 3", "Rad 9", 1);
    assert!(b.store.import_bundle_bytes(tampered.as_bytes()).is_err());
    unchanged(&b);
    // Truncated anywhere: the end lines are gone, or the digest no longer holds.
    for cut in [1, 10, good.len() / 2, good.len() - 5] {
        let err = b.store.import_bundle_bytes(&good[..cut]).unwrap_err();
        assert_eq!(err.code, ErrorCode::Invalid, "{}", err.message);
        unchanged(&b);
    }
    // Reordered by someone holding the exporter's key: re-signed, still refused by the chain.
    let lines: Vec<&str> = text.lines().collect();
    let mut body: Vec<&str> = lines[..lines.len() - 2].to_vec();
    body.swap(3, 4);
    let resigned = resign(&body.join("\n"));
    let err = b.store.import_bundle_bytes(&resigned).unwrap_err();
    assert!(err.message.contains("ordning"), "{}", err.message);
    unchanged(&b);
    // The same, unchanged and re-signed, goes in: the refusals above were for what changed.
    let ok = resign(&lines[..lines.len() - 2].join("\n"));
    assert!(b.store.import_bundle_bytes(&ok).unwrap().new_entries > 0);
    // Foreign: another organisation's laptop, paired or not, never gets in.
    let mut c = laptop("Region Y");
    open_event(&mut c.store, "Annan region");
    let err = b.store.import_bundle_bytes(&bundle_of(&c)).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict, "{}", err.message);
}

/// A bundle body re-signed with the (shared test) device key, as an insider with the key could.
fn resign(body: &str) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut out = format!("{body}\n").into_bytes();
    let entries = body.lines().count() as i64 - 2;
    let sha = hex::encode(Sha256::digest(&out));
    out.extend_from_slice(format!("{{\"entries\":{entries},\"sha256\":\"{sha}\"}}\n").as_bytes());
    out.extend_from_slice(
        device()
            .sign_line(&format!("krisledning-bunt\n{sha}\n"))
            .as_bytes(),
    );
    out.push(b'\n');
    out
}

#[test]
fn a_chain_passed_on_by_a_paired_laptop_is_accepted_with_its_writers_seal() {
    let (mut a, mut b, mut c) = (laptop("Region X"), laptop("Region X"), laptop("Region X"));
    // C knows only B; B vouches for A by pairing it (its entry travels in B's chain).
    pair(&mut b, &a);
    pair(&mut c, &b);
    let ev = open_event(&mut a.store, "Storm");
    b.store.import_bundle_bytes(&bundle_of(&a)).unwrap();
    let r = c.store.import_bundle_bytes(&bundle_of(&b)).unwrap();
    assert_eq!(r.chains.len(), 2, "{r:?}");
    assert!(c.store.get_event(&ev).is_ok());
    pair(&mut b, &c);
    b.store.import_bundle_bytes(&bundle_of(&c)).unwrap();
    c.store.import_bundle_bytes(&bundle_of(&b)).unwrap();
    assert_eq!(dump_projections(&b.store), dump_projections(&c.store));
}

#[test]
fn two_mode_changes_at_once_converge_to_one_and_list_the_other_as_a_conflict() {
    let (mut a, mut b) = (laptop("Region X"), laptop("Region X"));
    pair(&mut a, &b);
    pair(&mut b, &a);
    a.store.set_mode(&tib(), &mode(ModeId::Skarpt)).unwrap();
    b.store.set_mode(&tib(), &mode(ModeId::Hogsta)).unwrap();
    let (ab, bb) = (bundle_of(&a), bundle_of(&b));
    a.store.import_bundle_bytes(&bb).unwrap();
    b.store.import_bundle_bytes(&ab).unwrap();
    assert_eq!(dump_projections(&a.store), dump_projections(&b.store));
    let open = conflicts(&a.store);
    assert_eq!(open.len(), 1);
    assert_eq!(open, conflicts(&b.store));
    // Resolved by an entry, which travels like any other.
    a.store
        .resolve_conflict(
            &tib(),
            &ResolveConflict {
                entry_id: open[0].clone(),
                note: "Skärpt gäller; nytt beslut om högsta fattas kl 10".into(),
            },
        )
        .unwrap();
    assert!(conflicts(&a.store).is_empty());
    b.store.import_bundle_bytes(&bundle_of(&a)).unwrap();
    assert!(conflicts(&b.store).is_empty());
    assert_eq!(dump_projections(&a.store), dump_projections(&b.store));
    // The store folds the same after a rebuild from its journal.
    let live = dump_projections(&b.store);
    b.store.replay().unwrap();
    assert_eq!(dump_projections(&b.store), live);
    assert!(b
        .store
        .deep_verify(&mut |_, _| {})
        .unwrap()
        .differences
        .is_empty());
}

#[test]
fn two_laptops_sounding_the_beredskapslarm_and_reassessing_one_risk_converge() {
    use krisledning::risk::{NewAssessment, NewRisk, RiskArea};
    use krisledning::war::Beredskapslarm;
    let (mut a, mut b) = (laptop("Region X"), laptop("Region X"));
    pair(&mut a, &b);
    pair(&mut b, &a);
    let risk = a
        .store
        .register_risk(
            &tib(),
            &NewRisk {
                title: "Långvarigt elavbrott".into(),
                area: Some(RiskArea::Driftsakerhet),
                description: "Storm".into(),
                owner: "Förvaltningschef".into(),
                likelihood: 3,
                consequence: 4,
                controls: "Reservkraft".into(),
                review_due: "2027-03-31".into(),
                plans: vec![],
            },
        )
        .unwrap();
    b.store.import_bundle_bytes(&bundle_of(&a)).unwrap();
    let assess = |l: u8, note: &str| NewAssessment {
        risk_id: risk.risk.id.clone(),
        likelihood: l,
        consequence: 4,
        controls: "Reservkraft".into(),
        review_due: "2027-06-30".into(),
        note: note.into(),
        ..Default::default()
    };
    a.store
        .assess_risk(&tib(), &assess(2, "Elverk på plats"))
        .unwrap();
    b.store
        .assess_risk(&tib(), &assess(4, "Stormvarning"))
        .unwrap();
    let larm = Beredskapslarm {
        mode: None,
        basis: "Beredskapslarm via Rakel".into(),
        decided_by: tib(),
        decision_ref: None,
    };
    a.store.beredskapslarm(&tib(), &larm).unwrap();
    b.store.beredskapslarm(&tib(), &larm).unwrap();
    let (ab, bb) = (bundle_of(&a), bundle_of(&b));
    a.store.import_bundle_bytes(&bb).unwrap();
    b.store.import_bundle_bytes(&ab).unwrap();
    assert_eq!(dump_projections(&a.store), dump_projections(&b.store));
    // Both assessments are history; one of the two mode changes is a conflict for the staff,
    // and högsta holds either way.
    assert_eq!(a.store.risk(&risk.risk.id).unwrap().history.len(), 3);
    assert_eq!(conflicts(&a.store).len(), 1);
    assert_eq!(a.store.current_mode().unwrap(), ModeId::Hogsta);
    let live = dump_projections(&b.store);
    b.store.replay().unwrap();
    assert_eq!(dump_projections(&b.store), live);
}

#[test]
fn an_entry_in_an_event_another_laptop_closed_meanwhile_is_a_conflict_not_a_loss() {
    let (mut a, mut b) = (laptop("Region X"), laptop("Region X"));
    pair(&mut a, &b);
    pair(&mut b, &a);
    let ev = open_event(&mut a.store, "Storm");
    b.store.import_bundle_bytes(&bundle_of(&a)).unwrap();
    a.store
        .close_event(
            &tib(),
            &CloseEvent {
                event_id: ev.clone(),
                decision_text: "Åter till normalläge".into(),
                occurred_at: None,
                late_reason: None,
            },
        )
        .unwrap();
    b.store
        .log_diary(&tib(), &diary(&ev, "Sent besked"))
        .unwrap();
    a.store.import_bundle_bytes(&bundle_of(&b)).unwrap();
    b.store.import_bundle_bytes(&bundle_of(&a)).unwrap();
    assert_eq!(dump_projections(&a.store), dump_projections(&b.store));
    let c = a.store.conflicts().unwrap();
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(c[0].summary.contains("Sent besked"), "{c:?}");
    // Nothing lost: the entry is in the journal of both.
    assert_eq!(journal_rows(&a.store), journal_rows(&b.store));
}

#[derive(Debug, Clone)]
enum Step {
    /// Laptop `0` writes something.
    Write(usize, u8),
    /// Laptop `1` imports everything laptop `0` can prove.
    Sync(usize, usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..3, any::<u8>()).prop_map(|(l, w)| Step::Write(l, w)),
        2 => (0usize..3, 0usize..3).prop_map(|(a, b)| Step::Sync(a, b)),
    ]
}

fn write(l: &mut Laptop, what: u8) {
    let events: Vec<_> = l
        .store
        .list_events()
        .unwrap()
        .into_iter()
        .filter(|e| e.status == krisledning::log::EventStatus::Open)
        .collect();
    let s = &mut l.store;
    // Refusals are fine (an event closed, the mode already set): the laptop's user sees them.
    let _ = match (what % 5, events.first()) {
        (0, _) | (_, None) => s
            .open_event(
                &tib(),
                &krisledning::log::OpenEvent {
                    title: format!("Händelse {what}"),
                    ..Default::default()
                },
            )
            .map(|_| ()),
        (1 | 2, Some(e)) => s
            .log_diary(&tib(), &diary(&e.id, &format!("Rad {what}")))
            .map(|_| ()),
        (3, Some(e)) => s
            .close_event(
                &tib(),
                &CloseEvent {
                    event_id: e.id.clone(),
                    decision_text: "Avslutad".into(),
                    occurred_at: None,
                    late_reason: None,
                },
            )
            .map(|_| ()),
        _ => s
            .set_mode(
                &tib(),
                &mode([ModeId::Fred, ModeId::Skarpt, ModeId::Hogsta][what as usize % 3]),
            )
            .map(|_| ()),
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Three laptops write and exchange in any interleaving; once everyone has everything, every
    /// laptop shows the same state (projections and conflicts) and each rebuilds to it.
    #[test]
    fn three_laptops_converge_whatever_the_order(steps in proptest::collection::vec(step(), 1..40)) {
        let mut l: Vec<Laptop> = (0..3).map(|_| laptop("Region X")).collect();
        for i in 0..3 {
            for j in 0..3 {
                if i != j {
                    let other = card(&l[j]);
                    l[i].store.pair_device(&tib(), &PairDevice { code: other.code(), card: other }).unwrap();
                }
            }
        }
        for s in steps {
            match s {
                Step::Write(i, w) => write(&mut l[i], w),
                Step::Sync(from, to) if from != to => {
                    let b = bundle_of(&l[from]);
                    l[to].store.import_bundle_bytes(&b).unwrap();
                }
                Step::Sync(..) => {}
            }
        }
        for _ in 0..2 {
            for from in 0..3 {
                for to in 0..3 {
                    if from != to {
                        let b = bundle_of(&l[from]);
                        l[to].store.import_bundle_bytes(&b).unwrap();
                    }
                }
            }
        }
        let first = (dump_projections(&l[0].store), conflicts(&l[0].store));
        for x in &mut l[1..] {
            prop_assert_eq!(&(dump_projections(&x.store), conflicts(&x.store)), &first);
        }
        for x in &mut l {
            prop_assert!(x.store.verify().unwrap().failure.is_none());
            x.store.replay().unwrap();
            prop_assert_eq!(&(dump_projections(&x.store), conflicts(&x.store)), &first);
        }
    }
}
