//! Issue 15's figures: a bundle of the first store size (100 000 entries) exported and imported
//! into a new laptop's store. Convergence of five laptops is measured by `scripts/bench-sync.sh`
//! against real Syncthing instances (see docs/sync-engines.md).

use std::time::Instant;

use krisledning::device::Device;
use krisledning::sync::{bundle, PairDevice, PairingCard};
use krisledning::{domain::Actor, Result, Store, Workspace};

use crate::table::{BenchConfig, BenchReport};

pub fn bundle_roundtrip(
    store: &Store,
    size: usize,
    cfg: &BenchConfig,
    report: &mut BenchReport,
) -> Result<()> {
    let device = Device::load_or_create()?;
    let t = Instant::now();
    let data = bundle::export(store, &device, &Default::default())?.unwrap_or_default();
    let export = t.elapsed().as_secs_f64();
    let path = cfg.dir.join("receiver.db");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    let mut receiver = Store::init(&path, "Benchmark", Workspace::Real)?;
    let card = PairingCard::own(store, &device)?;
    receiver.pair_device(
        &Actor::new("Anna Lindqvist", "TiB"),
        &PairDevice {
            code: card.code(),
            card,
        },
    )?;
    let t = Instant::now();
    let r = receiver.import_bundle_bytes(&data)?;
    let import = t.elapsed().as_secs_f64();
    report.push(
        format!(
            "bundle of {size} entries ({:.0} MB): export, then import into a new laptop's store ({} new)",
            data.len() as f64 / 1e6,
            r.new_entries
        ),
        format!("{export:.1} s + {import:.1} s = {:.1} s", export + import),
        "≤ 5 s",
        Some(export + import <= 5.0),
    );
    Ok(())
}
