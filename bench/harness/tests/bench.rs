//! Every benchmark runs once on tiny data in `make test`, so `make bench` cannot rot.

#[test]
fn the_benchmark_harness_runs_end_to_end_on_tiny_data() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = krisledning_bench::BenchConfig {
        sizes: vec![300, 600],
        appends: 5,
        queries: 3,
        dir: dir.path().to_path_buf(),
        seed: 7,
    };
    let report = krisledning_bench::run(&cfg).unwrap();
    let md = report.markdown();
    for what in [
        "append one decision",
        "search one word, 600 entries",
        "search prefix",
        "verify chain, 600 entries",
        "deep verify",
        "replay all projections",
        "unlock an encrypted store",
        "encrypted vs plain",
        "backup, checked and signed (encrypted)",
        "bundle of 300 entries",
        "convergence of 5 laptops",
    ] {
        assert!(md.contains(what), "missing {what} in\n{md}");
    }
    // The generated store is real: it verifies and holds what was asked for.
    let store = krisledning::Store::open(&dir.path().join("bulk.db")).unwrap();
    let v = krisledning::journal::verify(store.connection()).unwrap();
    assert_eq!((v.failure, v.entries), (None, 600));
}

#[test]
fn generated_data_is_the_same_for_the_same_seed() {
    let texts = |seed| {
        let mut rng = krisledning_bench::data::Rng::new(seed);
        (0..5)
            .map(|_| krisledning_bench::data::sentence(&mut rng, 6))
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(42), texts(42));
    assert_ne!(texts(42), texts(43));
    assert!(
        texts(42)
            .iter()
            .any(|s| s.chars().any(|c| "åäöÅÄÖ".contains(c))),
        "Swedish letters in the data"
    );
}

/// `make bench` and `make bench-app` each replace only their own section of the figures.
#[test]
fn each_benchmark_target_keeps_the_others_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("benchmarks.md");
    let record = |name: &str, body: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scripts/bench-record.sh"
        ))
        .arg(name)
        .env("BENCH_OUT", &out)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(body.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success());
        std::fs::read_to_string(&out).unwrap()
    };
    record("core", "core 1\n");
    record("app", "app 1\n");
    let text = record("core", "core 2\n");
    assert!(text.contains("core 2") && text.contains("app 1"), "{text}");
    assert!(!text.contains("core 1"), "{text}");
}
