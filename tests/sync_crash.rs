//! Real processes: `kris sync run` killed with SIGKILL at many moments while it imports a large
//! chain, and a second process writing while sync runs. Afterwards the store holds a whole prefix
//! or all of what it was sent — never a half entry, never a lost local entry — and the next run
//! completes it.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use krisledning::{Store, Workspace};

fn kris(db: &Path, dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kris"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KRIS_DB")
        .env("KRIS_DEVICE_DIR", dir.join("enhet"))
        .env("KRIS_ANCHOR_DIR", dir.join("ankare"));
    c
}

fn ok(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap()
}

#[test]
fn kill_9_during_sync_loses_nothing_and_the_next_run_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::env::set_var("KRIS_ANCHOR_DIR", d.join("ankare"));
    std::env::set_var("KRIS_DEVICE_DIR", d.join("enhet"));
    // Laptop A: a long chain, published to the folder.
    let (a, folder) = (d.join("a.db"), d.join("synk"));
    let mut store = Store::init(&a, "R", Workspace::Real).unwrap();
    common::bulk(&mut store, 4000);
    drop(store);
    ok(kris(
        &a,
        d,
        &["sync", "run", "--folder", folder.to_str().unwrap()],
    )
    .stdout(Stdio::piped()));
    let a_status = json(&ok(&mut kris(&a, d, &["sync", "status", "--json"])));
    let a_entries = a_status["chains"][0]["entries"].as_i64().unwrap();
    let card = folder
        .join(a_status["card"]["device_id"].as_str().unwrap())
        .join("kort.json");
    // Laptop B, paired with A, with entries of its own.
    let seed = d.join("b-seed.db");
    drop(Store::init(&seed, "R", Workspace::Real).unwrap());
    ok(&mut kris(
        &seed,
        d,
        &[
            "sync",
            "pair",
            card.to_str().unwrap(),
            "--code",
            a_status["code"].as_str().unwrap(),
            "--by",
            "Bo",
            "--role",
            "Logistik",
        ],
    ));
    let own = ok(&mut kris(
        &seed,
        d,
        &[
            "event", "open", "--title", "Egen", "--by", "Bo", "--role", "Logistik",
        ],
    ));
    assert!(!own.trim().is_empty());
    let b_own = {
        let s = Store::open(&seed).unwrap();
        common::head(&s)
    };
    let mut outcomes = (0, 0);
    for (i, delay) in [0u64, 10, 40, 80, 150, 250, 400, 700]
        .into_iter()
        .enumerate()
    {
        let b = d.join(format!("b{i}.db"));
        std::fs::copy(&seed, &b).unwrap();
        let mut child = kris(
            &b,
            d,
            &["sync", "run", "--folder", folder.to_str().unwrap()],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let store = Store::open(&b).unwrap();
        // B's own entries are whole; A's chain is either absent or whole (one transaction).
        assert_eq!(common::head(&store), b_own, "after a kill at {delay} ms");
        assert!(store.verify().unwrap().failure.is_none());
        let rows = store.head_seq().unwrap();
        assert!(
            rows == b_own.0 || rows == b_own.0 + a_entries,
            "{rows} after {delay} ms"
        );
        if rows == b_own.0 {
            outcomes.0 += 1;
        } else {
            outcomes.1 += 1;
        }
        drop(store);
        // The next run brings everything, and a deep check of the views holds.
        ok(&mut kris(
            &b,
            d,
            &["sync", "run", "--folder", folder.to_str().unwrap()],
        ));
        let store = Store::open(&b).unwrap();
        assert_eq!(store.head_seq().unwrap(), b_own.0 + a_entries);
        assert!(store
            .deep_verify(&mut |_, _| {})
            .unwrap()
            .differences
            .is_empty());
    }
    eprintln!(
        "killed before the commit: {}, after: {}",
        outcomes.0, outcomes.1
    );
}

#[test]
fn a_laptop_keeps_writing_while_its_sync_runs_in_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::env::set_var("KRIS_ANCHOR_DIR", d.join("ankare"));
    std::env::set_var("KRIS_DEVICE_DIR", d.join("enhet"));
    let (a, b, folder) = (d.join("a.db"), d.join("b.db"), d.join("synk"));
    let mut sa = Store::init(&a, "R", Workspace::Real).unwrap();
    common::bulk(&mut sa, 2000);
    drop(sa);
    drop(Store::init(&b, "R", Workspace::Real).unwrap());
    let f = folder.to_str().unwrap();
    ok(&mut kris(&a, d, &["sync", "run", "--folder", f]));
    for (x, y) in [(&a, &b), (&b, &a)] {
        let s = json(&ok(&mut kris(x, d, &["sync", "status", "--json"])));
        let card = d.join(format!("{}.kort", s["card"]["device_id"].as_str().unwrap()));
        std::fs::write(&card, serde_json::to_vec(&s["card"]).unwrap()).unwrap();
        ok(&mut kris(
            y,
            d,
            &[
                "sync",
                "pair",
                card.to_str().unwrap(),
                "--code",
                s["code"].as_str().unwrap(),
                "--by",
                "Bo",
                "--role",
                "TiB",
            ],
        ));
    }
    let ev = ok(&mut kris(
        &b,
        d,
        &[
            "event", "open", "--title", "Storm", "--by", "Bo", "--role", "TiB",
        ],
    ));
    let ev = ev.trim().to_string();
    // B's writer and B's sync at once, in two processes.
    let script = format!(
        "for i in $(seq 1 40); do {} --db '{}' log --event {ev} --text \"rad $i\" --by Bo --role TiB >/dev/null || exit 1; done",
        env!("CARGO_BIN_EXE_kris"),
        b.display()
    );
    let writer = Command::new("bash")
        .arg("-c")
        .arg(script)
        .env_remove("KRIS_DB")
        .env("KRIS_DEVICE_DIR", d.join("enhet"))
        .env("KRIS_ANCHOR_DIR", d.join("ankare"))
        .spawn()
        .unwrap();
    ok(&mut kris(&b, d, &["sync", "run", "--folder", f]));
    assert!(writer.wait_with_output().unwrap().status.success());
    ok(&mut kris(&b, d, &["sync", "run", "--folder", f]));
    ok(&mut kris(&a, d, &["sync", "run", "--folder", f]));
    ok(&mut kris(&b, d, &["sync", "run", "--folder", f]));
    let (sa, sb) = (Store::open(&a).unwrap(), Store::open(&b).unwrap());
    // Nothing lost on either side: A's 2 001 entries, B's pairing, event and 40 lines.
    assert_eq!(sa.head_seq().unwrap(), sb.head_seq().unwrap());
    assert_eq!(common::dump_projections(&sa), common::dump_projections(&sb));
    assert!(sb.verify().unwrap().failure.is_none());
}
