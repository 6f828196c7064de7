//! The journal format is a contract (docs/journal-format.md): committed test vectors pin the hash
//! of every kind of field, and an independent verifier written from the document alone
//! (docs/verify_export.py) accepts the program's own export and refuses a tampered one.

mod common;

use common::*;
use krisledning::journal::{Envelope, GENESIS_HASH};

const VECTORS: &str = "tests/fixtures/vectors/journal.jsonl";

/// Entries chosen for what can go wrong in canonical form: escapes, non-ASCII, control
/// characters, numbers, null, nesting, key order, the largest seq.
fn vector_bodies() -> Vec<(i64, Option<&'static str>, &'static str, serde_json::Value)> {
    use serde_json::json;
    vec![
        (
            1,
            Some("01900000-0000-7000-8000-00000000e001"),
            "event.opened",
            json!({"title": "Elavbrott Wämö", "event_type": "Elavbrott"}),
        ),
        (
            2,
            Some("01900000-0000-7000-8000-00000000e001"),
            "diary.logged",
            json!({"text": "Citat \"så\" och \\ snedstreck\nny rad\ttab\u{1}", "channel": "telefon"}),
        ),
        (
            3,
            None,
            "resource.added",
            json!({"quantity": 0.5, "big": 1e21, "small": 1e-7, "int": 2, "neg": -3, "zero": 0}),
        ),
        (
            4,
            Some("01900000-0000-7000-8000-00000000e001"),
            "decision.made",
            json!({"b": {"z": [1, "två", null, true, false], "a": {}}, "a": [], "emoji": "🚑", "ÅÄÖ": "nyckel utanför ASCII"}),
        ),
        (
            5,
            None,
            "operator.switched",
            json!({"name": "Anna\u{2028}Lindqvist", "role": "TiB"}),
        ),
    ]
}

fn build_vectors() -> Vec<serde_json::Value> {
    let mut prev = GENESIS_HASH.to_string();
    let mut out = Vec::new();
    for (seq, event, kind, body) in vector_bodies() {
        let body = krisledning::journal::canonical_body(&body).unwrap();
        let id = format!("01900000-0000-7000-8000-{seq:012}");
        let env = Envelope {
            seq,
            id: &id,
            device_id: "01900000-0000-7000-8000-0000000000d1",
            workspace: "real",
            recorded_at: "2026-11-24T02:40:00.000000Z",
            occurred_at: "2026-11-24T02:35:00.000000Z",
            author: "Anna Lindqvist",
            role: "TiB",
            event_id: event,
            kind,
            body: &body,
            prev_hash: &prev,
        };
        let hash = env.hash();
        // The streamed envelope equals the generic RFC 8785 canonicaliser.
        let generic: serde_json::Value = serde_json::from_str(&env.canonical_json()).unwrap();
        assert_eq!(
            serde_json_canonicalizer::to_string(&generic).unwrap(),
            env.canonical_json()
        );
        let mut v = generic;
        v["hash"] = hash.clone().into();
        out.push(v);
        prev = hash;
    }
    out
}

#[test]
fn committed_vectors_pin_the_hash_of_every_field() {
    let built: Vec<String> = build_vectors().iter().map(|v| v.to_string()).collect();
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        std::fs::write(VECTORS, built.join("\n") + "\n").unwrap();
    }
    let committed = std::fs::read_to_string(VECTORS).expect("run UPDATE_VECTORS=1 once");
    let committed: Vec<serde_json::Value> = committed
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let built: Vec<serde_json::Value> = built
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(built.len(), committed.len());
    for (b, c) in built.iter().zip(&committed) {
        assert_eq!(b["hash"], c["hash"], "hash of seq {} changed", c["seq"]);
        assert_eq!(b, c);
    }
}

fn python() -> Option<&'static str> {
    ["python3", "python"].into_iter().find(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn independent(path: &std::path::Path, extra: &[&str]) -> (bool, String) {
    let py = python().expect("python3 runs the independent verifier");
    let out = std::process::Command::new(py)
        .arg("docs/verify_export.py")
        .arg(path)
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn an_independent_verifier_agrees_with_kris_on_vectors_and_a_real_export() {
    let (ok, said) = independent(std::path::Path::new(VECTORS), &[]);
    assert!(ok, "{said}");
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott Wämö");
    f.store
        .decide(&tib(), &decision(&ev, "Reservkraft"))
        .unwrap();
    let mut d = diary(&ev, "Elbolaget ringde: \"6 h\"\nåterkommer 🚑");
    d.from_party = Some("Elbolaget".into());
    f.store.log_diary(&tib(), &d).unwrap();
    f.store
        .add_resource(
            &tib(),
            &krisledning::logistics::resource::NewResource {
                kind: "Bränsle".into(),
                name: "Diesel".into(),
                quantity: 1250.5,
                unit: "l".into(),
                location: "Karlskrona".into(),
                owner: "Regionen".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let path = f.dir.path().join("export.jsonl");
    let mut out = std::fs::File::create(&path).unwrap();
    f.store
        .export(krisledning::export::ExportFormat::Jsonl, None, &mut out)
        .unwrap();
    drop(out);
    let (seq, hash) = head(&f.store);
    let (ok, said) = independent(&path, &["--expect", &format!("{seq}:{hash}")]);
    assert!(ok, "{said}");
    assert_eq!(said.trim(), format!("OK {seq} {hash}"));
    // One character changed in the export: the independent verifier names the entry.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("Reservkraft", "Reservkrafx", 1)).unwrap();
    let (ok, said) = independent(&path, &[]);
    assert!(!ok && said.contains("FEL seq 2"), "{said}");
}
