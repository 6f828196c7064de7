//! Issue 14's figures: unlocking (Argon2id), a durable append into an encrypted store against a
//! plain one in the same run, verify of the largest store encrypted against plain, converting it,
//! and a checked, signed backup of it.

use std::path::Path;
use std::time::Instant;

use krisledning::domain::Actor;
use krisledning::log::OpenEvent;
use krisledning::{crypt, vault, Result, Store, Workspace};

use crate::data::{self, Rng};
use crate::table::{median_of, ms, pct, BenchConfig, BenchReport};

const PASS: &str = "bänktest med lång lösenfras";

fn clean(path: &Path) {
    for ext in ["", "-wal", "-shm", ".nyckel"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
}

/// Unlock time (median of five) on a small encrypted store, and a durable decision into it
/// against one into a plain store, interleaved.
pub fn unlock_and_append(cfg: &BenchConfig, report: &mut BenchReport) -> Result<()> {
    let (plain_path, enc_path) = (cfg.dir.join("plain.db"), cfg.dir.join("encrypted.db"));
    clean(&plain_path);
    clean(&enc_path);
    drop(Store::init(&enc_path, "Benchmark", Workspace::Real)?);
    vault::encrypt(&enc_path, PASS)?;
    let mut times = Vec::new();
    for _ in 0..5 {
        crypt::lock(&enc_path)?;
        let t = Instant::now();
        crypt::unlock(&enc_path, PASS)?;
        times.push(t.elapsed());
    }
    let unlock = median_of(&mut times);
    report.push(
        "unlock an encrypted store (Argon2id m=64 MiB, t=3, p=4; median of 5)",
        format!("{unlock:.0} ms"),
        "≤ 1 000 ms",
        Some(unlock <= 1000.0),
    );

    let actor = Actor::new("Anna Lindqvist", "TiB");
    let mut plain = Store::init(&plain_path, "Benchmark", Workspace::Real)?;
    let mut enc = Store::open(&enc_path)?;
    let open = OpenEvent {
        title: "Bänktest".into(),
        ..Default::default()
    };
    let (ev_plain, ev_enc) = (
        plain.open_event(&actor, &open)?.id,
        enc.open_event(&actor, &open)?.id,
    );
    let mut rng = Rng::new(cfg.seed);
    let (mut p, mut e) = (Vec::new(), Vec::new());
    for _ in 0..cfg.appends {
        let mut cmd = data::decision(&mut rng, &ev_plain, &actor);
        let t = Instant::now();
        plain.decide(&actor, &cmd)?;
        p.push(ms(t.elapsed()));
        cmd.event_id = ev_enc.clone();
        let t = Instant::now();
        enc.decide(&actor, &cmd)?;
        e.push(ms(t.elapsed()));
    }
    let (p99, e99) = (pct(&mut p, 0.99), pct(&mut e, 0.99));
    report.push(
        format!(
            "append one decision, durable, encrypted vs plain ({} each)",
            cfg.appends
        ),
        format!(
            "encrypted p50 {:.3} ms, p99 {e99:.3} ms; plain p50 {:.3} ms, p99 {p99:.3} ms; ratio p99 {:.2}×",
            pct(&mut e, 0.5),
            pct(&mut p, 0.5),
            e99 / p99
        ),
        "encrypted p99 ≤ 1.5 × plain",
        Some(e99 <= 1.5 * p99),
    );
    Ok(())
}

/// The largest store (`bulk`, plain) copied encrypted; verify of each, and a backup of each.
pub fn large(bulk: &Store, size: usize, cfg: &BenchConfig, report: &mut BenchReport) -> Result<()> {
    let enc_path = cfg.dir.join("bulk-encrypted.db");
    clean(&enc_path);
    let t = Instant::now();
    vault::encrypted_copy(bulk.path(), &enc_path, PASS)?;
    report.push(
        format!("encrypt a copy of the store (sqlcipher_export), {size} entries"),
        format!("{:.1} s", t.elapsed().as_secs_f64()),
        "–",
        None,
    );
    let enc = Store::open_read_only(&enc_path)?;
    let time_verify = |s: &Store| -> Result<f64> {
        let t = Instant::now();
        krisledning::journal::verify(s.connection())?;
        Ok(t.elapsed().as_secs_f64())
    };
    let (plain_s, enc_s) = (time_verify(bulk)?, time_verify(&enc)?);
    report.push(
        format!("verify chain encrypted vs plain, {size} entries"),
        format!(
            "encrypted {enc_s:.2} s, plain {plain_s:.2} s; ratio {:.2}×",
            enc_s / plain_s
        ),
        "encrypted ≤ 2 × plain",
        Some(enc_s <= 2.0 * plain_s),
    );
    std::env::set_var("KRIS_DEVICE_DIR", cfg.dir.join("enhet"));
    let device = krisledning::device::Device::load_or_create()?;
    for (label, store) in [("plain", bulk), ("encrypted", &enc)] {
        let dir = cfg.dir.join(format!("backups-{label}"));
        let _ = std::fs::remove_dir_all(&dir);
        let t = Instant::now();
        let b = krisledning::backup::backup(store, &dir, &device)?;
        let secs = t.elapsed().as_secs_f64();
        report.push(
            format!("backup, checked and signed ({label}), {size} entries"),
            format!("{secs:.1} s, {:.0} MB", b.bytes as f64 / 1e6),
            "–",
            None,
        );
    }
    Ok(())
}
