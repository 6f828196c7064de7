//! What every measurement shares: the configuration, the table of results, percentiles and a
//! fresh store to measure in. Apart from `measure`, so `reports` can use it without a loop.

use std::path::PathBuf;

use krisledning::{Result, Store, Workspace};

pub struct BenchConfig {
    /// Store sizes for search, verify and replay, ascending (e.g. 100 000 and 1 000 000).
    pub sizes: Vec<usize>,
    /// Durable appends timed (≥ 2 000 for the report).
    pub appends: usize,
    pub queries: usize,
    pub dir: PathBuf,
    pub seed: u64,
}

pub struct Row {
    pub what: String,
    pub figure: String,
    pub target: String,
    pub met: Option<bool>,
}

pub struct BenchReport {
    pub rows: Vec<Row>,
}

pub(crate) fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub(crate) fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// The median of timings, in milliseconds.
pub(crate) fn median_of(times: &mut [std::time::Duration]) -> f64 {
    let mut v: Vec<f64> = times.iter().map(|d| ms(*d)).collect();
    pct(&mut v, 0.5)
}

impl BenchReport {
    pub(crate) fn push(
        &mut self,
        what: impl Into<String>,
        figure: impl Into<String>,
        target: impl Into<String>,
        met: Option<bool>,
    ) {
        let row = Row {
            what: what.into(),
            figure: figure.into(),
            target: target.into(),
            met,
        };
        eprintln!(
            "bench: {} — {} (target {})",
            row.what, row.figure, row.target
        );
        self.rows.push(row);
    }

    pub fn markdown(&self) -> String {
        let mut out = String::from("| what | measured | target | met |\n|---|---|---|---|\n");
        for r in &self.rows {
            let met = match r.met {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "–",
            };
            out.push_str(&format!(
                "| {} | {} | {} | {met} |\n",
                r.what, r.figure, r.target
            ));
        }
        out
    }
}

pub(crate) fn fresh(cfg: &BenchConfig, name: &str) -> Result<Store> {
    let path = cfg.dir.join(name);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    Store::init(&path, "Benchmark", Workspace::Exercise)
}
