use std::time::Instant;

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::data::{self, Rng, WORDS};
use crate::table::{fresh, ms, pct};
pub use crate::table::{BenchConfig, BenchReport};
use krisledning::domain::Actor;
use krisledning::log::OpenEvent;
use krisledning::{Result, Store};

/// Durable append of one decision against a raw INSERT + COMMIT of the same bytes, same pragmas,
/// interleaved so both see the same disk and cache conditions.
fn append(cfg: &BenchConfig, report: &mut BenchReport) -> Result<()> {
    let mut store = fresh(cfg, "append.db")?;
    let actor = Actor::new("Anna Lindqvist", "TiB");
    let ev = store.open_event(
        &actor,
        &OpenEvent {
            title: "Bänktest".into(),
            ..Default::default()
        },
    )?;
    let raw_path = cfg.dir.join("raw.db");
    let _ = std::fs::remove_file(&raw_path);
    let raw = Connection::open(&raw_path)?;
    raw.pragma_update(None, "journal_mode", "WAL")?;
    raw.pragma_update(None, "synchronous", "FULL")?;
    raw.execute_batch("CREATE TABLE raw (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")?;
    let mut rng = Rng::new(cfg.seed);
    let (mut ours, mut floor) = (Vec::new(), Vec::new());
    for _ in 0..cfg.appends {
        let cmd = data::decision(&mut rng, &ev.id, &actor);
        let t = Instant::now();
        let rec = store.decide(&actor, &cmd)?;
        ours.push(ms(t.elapsed()));
        let bytes = serde_json::to_string(&rec)?;
        let t = Instant::now();
        raw.execute_batch("BEGIN IMMEDIATE")?;
        raw.execute("INSERT INTO raw (body) VALUES (?1)", [&bytes])?;
        raw.execute_batch("COMMIT")?;
        floor.push(ms(t.elapsed()));
    }
    let (p50, p99, r50, r99) = (
        pct(&mut ours, 0.5),
        pct(&mut ours, 0.99),
        pct(&mut floor, 0.5),
        pct(&mut floor, 0.99),
    );
    report.push(
        format!("append one decision, durable ({} appends)", cfg.appends),
        format!("p50 {p50:.3} ms, p99 {p99:.3} ms; raw INSERT+COMMIT p50 {r50:.3} ms, p99 {r99:.3} ms; ratio p99 {:.2}×", p99 / r99),
        "p99 ≤ 3 × raw and ≤ 1 ms",
        Some(p99 <= 3.0 * r99 && p99 <= 1.0),
    );
    Ok(())
}

fn search(store: &Store, size: usize, cfg: &BenchConfig, report: &mut BenchReport) -> Result<()> {
    let mut rng = Rng::new(cfg.seed ^ 0x5EA7C4);
    for (label, words) in [("one word", 1), ("two words", 2), ("prefix", 0)] {
        let mut times = Vec::with_capacity(cfg.queries);
        for _ in 0..cfg.queries {
            let q = match words {
                0 => rng.pick(WORDS).chars().take(4).collect::<String>(),
                n => (0..n)
                    .map(|_| rng.pick(WORDS))
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            let t = Instant::now();
            std::hint::black_box(store.search(&q, None)?);
            times.push(ms(t.elapsed()));
        }
        let p99 = pct(&mut times, 0.99);
        report.push(
            format!("search {label}, {size} entries"),
            format!("p50 {:.2} ms, p99 {p99:.2} ms", pct(&mut times, 0.5)),
            if size >= 1_000_000 {
                "p99 ≤ 20 ms"
            } else {
                "–"
            },
            (size >= 1_000_000).then_some(p99 <= 20.0),
        );
    }
    Ok(())
}

fn verify(store: &Store, size: usize, report: &mut BenchReport) -> Result<()> {
    let t = Instant::now();
    let r = krisledning::journal::verify(store.connection())?;
    let secs = t.elapsed().as_secs_f64();
    // The floor: SHA-256 alone over the same number of canonical bytes.
    let bytes: i64 = store
        .connection()
        .query_row(
            "SELECT sum(length(CAST(body AS BLOB))) + count(*) * 420 FROM journal",
            [],
            |r| r.get::<_, Option<i64>>(0),
        )?
        .unwrap_or(0);
    let buf = vec![0x5Au8; 1 << 20];
    let t = Instant::now();
    let mut left = bytes.max(1) as usize;
    let mut h = Sha256::new();
    while left > 0 {
        let n = left.min(buf.len());
        h.update(&buf[..n]);
        left -= n;
    }
    std::hint::black_box(h.finalize());
    let sha = t.elapsed().as_secs_f64();
    report.push(
        format!("verify chain, {size} entries"),
        format!("{secs:.2} s ({:.0} entries/s); SHA-256 alone over the same {:.0} MB: {sha:.2} s ({:.2} GB/s)", r.entries as f64 / secs, bytes as f64 / 1e6, bytes as f64 / sha / 1e9),
        if size >= 1_000_000 { "≤ 1.5 s and ≤ 1.5 × SHA-256 alone" } else { "–" },
        (size >= 1_000_000).then_some(secs <= 1.5 && secs <= 1.5 * sha),
    );
    Ok(())
}

/// The full check behind `kris verify --deep` and the app's Verifiera: every projection rebuilt
/// aside and compared with the live tables.
fn deep_verify(store: &Store, size: usize, report: &mut BenchReport) -> Result<()> {
    let t = Instant::now();
    let r = store.deep_verify(&mut |_, _| {})?;
    let secs = t.elapsed().as_secs_f64();
    assert!(
        r.differences.is_empty(),
        "the generated store differs from its rebuild"
    );
    report.push(
        format!(
            "deep verify (rebuild aside and compare {} views), {size} entries",
            r.tables
        ),
        format!("{secs:.1} s ({:.0} entries/s)", r.entries as f64 / secs),
        if size >= 1_000_000 { "≤ 30 s" } else { "–" },
        (size >= 1_000_000).then_some(secs <= 30.0),
    );
    Ok(())
}

/// p50 and p99 of one request through `api::call_json`, the path every window request takes
/// (parse, query, serialise), `cfg.queries` times.
fn screen(
    store: &mut Store,
    cfg: &BenchConfig,
    report: &mut BenchReport,
    what: String,
    request: &dyn Fn(usize) -> String,
) -> Result<()> {
    let mut times = Vec::with_capacity(cfg.queries);
    for i in 0..cfg.queries {
        let raw = request(i);
        let t = Instant::now();
        std::hint::black_box(krisledning::api::call_json(store, &raw)?);
        times.push(ms(t.elapsed()));
    }
    let p99 = pct(&mut times, 0.99);
    report.push(
        what,
        format!("p50 {:.2} ms, p99 {p99:.2} ms", pct(&mut times, 0.5)),
        "p99 ≤ 50 ms",
        Some(p99 <= 50.0),
    );
    Ok(())
}

/// Each screen's data at the largest size (issue 11): the event list, a timeline page, the
/// lägesbild of an event and of the organisation, a Ctrl+K query.
fn screens(
    store: &mut Store,
    size: usize,
    cfg: &BenchConfig,
    report: &mut BenchReport,
) -> Result<()> {
    let events = store.list_events()?;
    let n = events.len();
    screen(
        store,
        cfg,
        report,
        format!("screen: event list ({n} events), {size} entries"),
        &|_| r#"{"command":"list_events"}"#.into(),
    )?;
    screen(
        store,
        cfg,
        report,
        format!("screen: timeline, first page across all events, {size} entries"),
        &|_| r#"{"command":"timeline","args":{"filter":{}}}"#.into(),
    )?;
    let ids: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
    screen(
        store,
        cfg,
        report,
        format!("screen: timeline of an event, first page, {size} entries"),
        &|i| {
            format!(
                r#"{{"command":"timeline","args":{{"filter":{{"event_id":"{}"}}}}}}"#,
                ids[i % ids.len()]
            )
        },
    )?;
    screen(
        store,
        cfg,
        report,
        format!("screen: timeline, decisions only across events, {size} entries"),
        &|_| r#"{"command":"timeline","args":{"filter":{"kinds":["decision"]}}}"#.into(),
    )?;
    screen(
        store,
        cfg,
        report,
        format!("screen: lägesbild of an event, {size} entries"),
        &|i| {
            format!(
                r#"{{"command":"situation","args":{{"event_id":"{}"}}}}"#,
                ids[i % ids.len()]
            )
        },
    )?;
    screen(
        store,
        cfg,
        report,
        format!("screen: lägesbild of the organisation ({n} open events), {size} entries"),
        &|_| r#"{"command":"situation","args":{"event_id":null}}"#.into(),
    )?;
    let mut rng = Rng::new(cfg.seed ^ 0xC7A1);
    let queries: Vec<String> = (0..cfg.queries)
        .map(|_| rng.pick(WORDS).chars().take(4).collect())
        .collect();
    screen(
        store,
        cfg,
        report,
        format!("screen: Ctrl+K query (a 4-letter prefix), {size} entries"),
        &|i| {
            format!(
                r#"{{"command":"find","args":{{"query":"{}"}}}}"#,
                queries[i]
            )
        },
    )?;
    Ok(())
}

/// An event with 100 000 entries beside one with 10: the first timeline page of each.
fn big_event(cfg: &BenchConfig, report: &mut BenchReport) -> Result<()> {
    let mut store = fresh(cfg, "big-event.db")?;
    data::generate_event(&mut store, 10, cfg.seed)?;
    let small = store.list_events()?[0].id.clone();
    data::generate_event(&mut store, 100_000, cfg.seed)?;
    let big = store
        .list_events()?
        .into_iter()
        .find(|e| e.id != small)
        .map(|e| e.id)
        .unwrap_or_default();
    for (label, id) in [("10", &small), ("100 000", &big)] {
        screen(
            &mut store,
            cfg,
            report,
            format!("screen: timeline first page, event with {label} entries"),
            &|_| format!(r#"{{"command":"timeline","args":{{"filter":{{"event_id":"{id}"}}}}}}"#),
        )?;
    }
    Ok(())
}

pub fn run(cfg: &BenchConfig) -> Result<BenchReport> {
    std::fs::create_dir_all(&cfg.dir)?;
    let mut report = BenchReport { rows: Vec::new() };
    append(cfg, &mut report)?;
    crate::protect::unlock_and_append(cfg, &mut report)?;
    crate::reports::reports(cfg, &mut report)?;
    let mut store = fresh(cfg, "bulk.db")?;
    let mut have = 0;
    for &size in &cfg.sizes {
        let t = Instant::now();
        data::generate(&mut store, size - have, cfg.seed)?;
        have = size;
        eprintln!(
            "bench: generated {size} entries in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        search(&store, size, cfg, &mut report)?;
        verify(&store, size, &mut report)?;
        if size == cfg.sizes[0] {
            crate::sync::bundle_roundtrip(&store, size, cfg, &mut report)?;
        }
    }
    crate::sync::convergence(cfg, crate::sync::PER_LAPTOP.min(cfg.appends), &mut report)?;
    screens(&mut store, have, cfg, &mut report)?;
    big_event(cfg, &mut report)?;
    deep_verify(&store, have, &mut report)?;
    crate::protect::large(&store, have, cfg, &mut report)?;
    let t = Instant::now();
    let n = store.replay()?;
    let secs = t.elapsed().as_secs_f64();
    report.push(
        format!("replay all projections, {n} entries"),
        format!("{secs:.1} s ({:.0} entries/s)", n as f64 / secs),
        "–",
        None,
    );
    Ok(report)
}
