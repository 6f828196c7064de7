//! Issue 12's targets: a lägesrapport for an event with 10 000 entries (≤ 1 s) and the decision log
//! of 10 000 decisions as PDF (≤ 3 s), each the median of five runs, with the file size.

use std::time::Instant;

use krisledning::domain::Actor;
use krisledning::log::RecordType;
use krisledning::report::{issue, log_print};
use krisledning::{Result, Store};

use crate::data;
use crate::table::{fresh, median_of, BenchConfig, BenchReport};

const RUNS: usize = 5;

pub fn reports(cfg: &BenchConfig, report: &mut BenchReport) -> Result<()> {
    let actor = Actor::new("Anna Lindqvist", "TiB");
    // 10 000 in `make bench`; the smoke test in `make test` runs it on its tiny sizes.
    let entries = cfg.sizes.first().copied().unwrap_or(10_000).min(10_000);
    {
        let mut store = fresh(cfg, "report-event.db")?;
        data::generate_event(&mut store, entries, cfg.seed)?;
    }
    // Report nr 1 each time, on a copy of the same store: later numbers would cover less.
    let source = cfg.dir.join("report-event.db");
    let mut times = Vec::new();
    let mut size = (0, 0);
    for run in 0..RUNS {
        let copy = cfg.dir.join(format!("report-event-{run}.db"));
        let _ = std::fs::remove_dir_all(krisledning::reports::files::folder(&copy));
        std::fs::copy(&source, &copy)?;
        let mut store = Store::open(&copy)?;
        let event = store.list_events()?[0].id.clone();
        let t = Instant::now();
        let issued = issue::issue_situation(&mut store, &actor, &event, None)?;
        times.push(t.elapsed());
        size = (issued.bytes, issued.pages);
    }
    let p50 = median_of(&mut times);
    report.push(
        format!("lägesrapport nr 1 issued (PDF+MD+JSON), event with {entries} entries"),
        format!(
            "{p50:.0} ms p50 of {RUNS}; PDF {} kB, {} pages",
            size.0 / 1024,
            size.1
        ),
        "≤ 1 000 ms",
        Some(p50 <= 1000.0),
    );

    let mut store = fresh(cfg, "decision-log.db")?;
    let decisions = entries;
    let event = data::generate_decisions(&mut store, decisions, cfg.seed)?;
    let sel = log_print::LogSelection {
        event_id: event,
        record_type: RecordType::Decision,
        from: None,
        to: None,
    };
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        bytes = log_print::pdf(&store, &actor, &sel)?.len();
        times.push(t.elapsed());
    }
    let p50 = median_of(&mut times);
    report.push(
        format!("beslutslogg PDF, {decisions} decisions"),
        format!("{p50:.0} ms p50 of {RUNS}; PDF {} kB", bytes / 1024),
        "≤ 3 000 ms",
        Some(p50 <= 3000.0),
    );
    Ok(())
}
