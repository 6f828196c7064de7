//! The `kris` contract that scripts depend on, run as a real process on a real file.

mod common;

use std::path::Path;
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    common::kris_cli(db, args)
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "kris {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(!out.status.success(), "kris {args:?} should fail");
    assert!(out.stdout.is_empty(), "nothing on stdout when failing");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line on stderr: {err}"
    );
    err
}

const BY: [&str; 4] = ["--by", "Anna Lindqvist", "--role", "TiB"];

fn with_by<'a>(args: &[&'a str]) -> Vec<&'a str> {
    args.iter().copied().chain(BY).collect()
}

#[test]
fn the_documented_flow_works_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert!(ok(&db, &["init", "--org", "Region Blekinge"]).contains("Databas klar"));
    let ev = ok(
        &db,
        &with_by(&[
            "event",
            "open",
            "--title",
            "IT-avbrott Blekingesjukhuset",
            "--type",
            "IT-avbrott",
        ]),
    )
    .trim()
    .to_string();
    assert_eq!(ev.len(), 36, "prints the new event id: {ev}");
    let json: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &with_by(&["event", "open", "--title", "Elavbrott", "--json"]),
    ))
    .unwrap();
    assert_eq!(json["status"], "open");

    let d = ok(
        &db,
        &with_by(&[
            "decide",
            "--event",
            &ev,
            "--title",
            "Stab sammankallas",
            "--text",
            "Stab 04:00",
            "--basis",
            "IT-jour",
            "--kind",
            "inriktning",
            "--alternatives",
            "Vänta",
            "--mandate",
            "Delegation 4.2",
            "--follow-up",
            "2099-01-01T10:00:00+01:00",
        ]),
    )
    .trim()
    .to_string();
    ok(
        &db,
        &with_by(&[
            "log",
            "--event",
            &ev,
            "--text",
            "Akuten på papper",
            "--channel",
            "telefon",
        ]),
    );
    assert!(ok(
        &db,
        &with_by(&["correct", &d, "--text", "Stab 04:30", "--reason", "Fel tid"])
    )
    .contains(&d));

    let lines: Vec<serde_json::Value> = ok(&db, &["list", "--event", &ev, "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], d.as_str());
    assert_eq!(lines[0]["corrections"][0]["text"], "Stab 04:30");
    assert_eq!(
        lines[0]["follow_up_at"], "2099-01-01T09:00:00.000000Z",
        "times are stored in UTC"
    );
    assert_eq!(
        ok(&db, &["list", "--kind", "dagbok", "--json"])
            .lines()
            .count(),
        1
    );
    assert!(ok(&db, &["search", "papper"]).contains("Akuten på papper"));

    let verify = ok(&db, &["verify"]);
    let parts: Vec<&str> = verify.split_whitespace().collect();
    assert_eq!(parts.len(), 3, "{verify}");
    assert_eq!((parts[0], parts[1], parts[2].len()), ("OK", "5", 64));

    let out = dir.path().join("logg.csv");
    ok(
        &db,
        &[
            "export",
            "--format",
            "csv",
            "--event",
            &ev,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("\u{feff}seq;id;händelse"));
    assert_eq!(csv.lines().count(), 3);
    let jsonl = ok(&db, &["export", "--format", "jsonl"]);
    assert_eq!(jsonl.lines().count(), 5);
    assert!(!dir.path().join("logg.tmp-export").exists());

    ok(
        &db,
        &with_by(&[
            "event",
            "close",
            &ev,
            "--decision-text",
            "Systemen åter i drift",
        ]),
    );
    let events = ok(&db, &["event", "list", "--json"]);
    assert!(events.contains("\"status\":\"closed\""));
}

#[test]
fn errors_are_one_plain_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert!(fails(&db, &["event", "list"]).contains("kris init"));
    assert!(!db.exists());
    ok(&db, &["init"]);
    let ev = ok(&db, &with_by(&["event", "open", "--title", "Test"]))
        .trim()
        .to_string();
    let before = ok(&db, &["verify"]);
    assert!(fails(
        &db,
        &with_by(&["decide", "--event", &ev, "--title", "", "--text", "x", "--basis", "y"])
    )
    .contains("Rubrik måste fyllas i"));
    assert!(fails(
        &db,
        &with_by(&[
            "decide", "--event", &ev, "--title", "t", "--text", "x", "--basis", "y", "--kind",
            "kupp"
        ])
    )
    .contains("Okänd beslutstyp"));
    assert!(fails(
        &db,
        &with_by(&[
            "log",
            "--event",
            &ev,
            "--text",
            "x",
            "--occurred-at",
            "igår"
        ])
    )
    .contains("ingen giltig tidpunkt"));
    assert!(fails(
        &db,
        &with_by(&["log", "--event", "finns-inte", "--text", "x"])
    )
    .contains("ingen händelse"));
    assert!(fails(&db, &["export", "--format", "xml"]).contains("Okänt exportformat"));
    assert_eq!(
        ok(&db, &["verify"]),
        before,
        "no failed command wrote anything"
    );
}

#[test]
fn export_to_a_missing_folder_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);
    let target = dir.path().join("saknas/export.jsonl");
    assert!(fails(&db, &["export", "--out", target.to_str().unwrap()]).contains("Fil-fel"));
    assert!(!target.exists());
}
