//! Signed checkpoints through the real binary: made and checked on this device, refused when
//! altered, when signed by a key nobody gave, when the chain is shorter than the checkpoint, or
//! when it belongs to another store; and the store is never changed by checking.

mod common;

use std::path::Path;

use common::kris_cli as kris;

fn ok(db: &Path, args: &[&str]) -> String {
    let out = kris(db, args);
    assert!(
        out.status.success(),
        "kris {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn refused(db: &Path, args: &[&str]) -> String {
    let out = kris(db, args);
    assert!(!out.status.success(), "kris {args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

fn open_event(db: &Path, title: &str) {
    ok(
        db,
        &[
            "event", "open", "--title", title, "--by", "Anna", "--role", "TiB",
        ],
    );
}

#[test]
fn a_checkpoint_anchors_the_chain_and_names_its_signer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(&db, &["init", "--org", "Region Blekinge"]);
    open_event(&db, "Elavbrott");
    let cp = dir.path().join("cp.txt");
    let cps = cp.display().to_string();
    ok(&db, &["checkpoint", "--out", &cps]);
    assert!(refused(&db, &["checkpoint", "--out", &cps]).contains("finns redan"));
    let text = std::fs::read_to_string(&cp).unwrap();
    assert!(text.starts_with("krisledning/"), "{text}");
    assert!(text.contains("\n\n— krisledning-"), "{text}");

    // The store goes on; the checkpoint still holds (its entry is still there, unchanged).
    open_event(&db, "Vattenläcka");
    let bytes = std::fs::read(&db).unwrap();
    let out = ok(&db, &["verify", "--checkpoint", &cps]);
    assert!(
        out.contains("signerad av krisledning-") && out.contains("den här datorn"),
        "{out}"
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "checking changed nothing"
    );

    // One changed character in the text: the signature no longer holds.
    let altered = dir.path().join("altered.txt");
    std::fs::write(&altered, text.replacen("\n1\n", "\n2\n", 1)).unwrap();
    let e = refused(
        &db,
        &["verify", "--checkpoint", &altered.display().to_string()],
    );
    assert!(e.contains("har ändrats"), "{e}");

    // Another device (its own key directory) does not trust the key until it is given.
    let show = ok(&db, &["device", "show", "--json"]);
    let vkey = serde_json::from_str::<serde_json::Value>(&show).unwrap()["vkey"]
        .as_str()
        .unwrap()
        .to_string();
    let other = tempfile::tempdir().unwrap();
    let run_other = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kris"))
            .arg("--db")
            .arg(&db)
            .args(["verify", "--checkpoint", &cps])
            .args(extra)
            .env("KRIS_DEVICE_DIR", other.path())
            .env_remove("KRIS_DB")
            .output()
            .unwrap()
    };
    let out = run_other(&[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--key"));
    let out = run_other(&["--key", &vkey]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("den här datorn"));
    let out = run_other(&["--key", "inte+en+nyckel"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("ingen verifieringsnyckel"));
}

#[test]
fn a_shorter_chain_or_another_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);
    open_event(&db, "Ett");
    // A copy of the file as it was, then the record moves on and is checkpointed.
    let old = dir.path().join("gammal.db");
    ok(&db, &["replay"]);
    std::fs::copy(&db, &old).unwrap();
    open_event(&db, "Två");
    let cp = dir.path().join("cp.txt").display().to_string();
    ok(&db, &["checkpoint", "--out", &cp]);
    let e = refused(&old, &["verify", "--checkpoint", &cp]);
    assert!(e.contains("KORTARE"), "{e}");
    let foreign = dir.path().join("annan.db");
    ok(&foreign, &["init"]);
    open_event(&foreign, "Ett");
    open_event(&foreign, "Två");
    let e = refused(&foreign, &["verify", "--checkpoint", &cp]);
    assert!(e.contains("annan databas"), "{e}");
}

#[test]
fn a_file_that_is_no_checkpoint_gets_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);
    for (name, data) in [
        ("tom.txt", Vec::new()),
        ("text.txt", b"hej\nhopp\n".to_vec()),
        ("binar.bin", vec![0xff, 0x00, 0xfe]),
        ("stor.txt", vec![b'a'; 100_000]),
        (
            "utan-signatur.txt",
            b"krisledning/x\n1\nAAAA\ntid x\narbetsyta real\n\n".to_vec(),
        ),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, data).unwrap();
        let e = refused(&db, &["verify", "--checkpoint", &p.display().to_string()]);
        assert!(
            e.starts_with("kris: ") && e.lines().count() == 1,
            "{name}: {e}"
        );
    }
}

#[test]
fn processes_starting_at_once_agree_on_one_device_key() {
    let dir = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_kris"))
                .args(["device", "show", "--json"])
                .env("KRIS_DEVICE_DIR", dir.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let keys: std::collections::BTreeSet<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["vkey"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(keys.len(), 1, "{keys:?}");
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "only the key file remains");
}
