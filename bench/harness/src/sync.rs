//! Issue 15's figures: a bundle of the first store size (100 000 entries) exported and imported
//! into a new laptop's store, and the convergence of five laptops through real Syncthing
//! instances on loopback ports (see docs/sync-engines.md).

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
    // The bench store is an exercise store: the receiver joins that exercise.
    let workspace = if store.workspace() == Workspace::Exercise.as_str() {
        Workspace::Exercise
    } else {
        Workspace::Real
    };
    let mut receiver = Store::init(&path, "Benchmark", workspace)?;
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

/// Entries each of the five laptops writes per round of the convergence bench: 200 × 5 = 1 000.
pub const PER_LAPTOP: usize = 200;

struct Laptop {
    store: Store,
    folder: std::path::PathBuf,
    home: std::path::PathBuf,
    port: u16,
    engine: Option<krisledning::syncthing::Engine>,
    event: String,
}

fn exchange(l: &mut Laptop) -> Result<()> {
    krisledning::sync::live::exchange(&mut l.store, l.engine.as_ref(), &l.folder.clone())?;
    Ok(())
}

/// Five laptops, each with its own store, sync folder and Syncthing engine on a loopback port,
/// all paired: each writes `per` entries at once, and every laptop exchanges with its folder
/// until it holds all of them. Then one laptop's engine is stopped (a partition), both sides
/// write, and it is started again. Prints p50 and max of the time to converge and the entries
/// lost (must be 0). Skipped, with a row saying so, where Syncthing is not installed.
pub fn convergence(cfg: &BenchConfig, per: usize, report: &mut BenchReport) -> Result<()> {
    if !krisledning::syncthing::installed() {
        report.push(
            "convergence of 5 laptops over Syncthing",
            "not measured: syncthing is not installed",
            "–",
            None,
        );
        return Ok(());
    }
    let device = Device::load_or_create()?;
    let actor = Actor::new("Anna Lindqvist", "TiB");
    let root = cfg.dir.join("sync5");
    let _ = std::fs::remove_dir_all(&root);
    let mut laptops = Vec::new();
    for i in 0..5u16 {
        let dir = root.join(format!("dator{i}"));
        std::fs::create_dir_all(&dir)?;
        let store = Store::init(&dir.join("k.db"), "Benchmark", Workspace::Real)?;
        laptops.push(Laptop {
            store,
            folder: dir.join("synk"),
            home: dir.join("syncthing"),
            port: free_port()?,
            engine: None,
            event: String::new(),
        });
    }
    for l in &mut laptops {
        l.engine = Some(krisledning::syncthing::Engine::start(
            &l.home, &l.folder, l.port,
        )?);
    }
    let ids: Vec<(String, u16)> = laptops
        .iter()
        .map(|l| {
            (
                l.engine.as_ref().map(|e| e.device_id()).unwrap_or_default(),
                l.port,
            )
        })
        .collect();
    let cards: Vec<PairingCard> = laptops
        .iter()
        .map(|l| PairingCard::own(&l.store, &device))
        .collect::<Result<_>>()?;
    for (i, l) in laptops.iter_mut().enumerate() {
        for (j, card) in cards.iter().enumerate() {
            if i != j {
                l.store.pair_device(
                    &actor,
                    &PairDevice {
                        code: card.code(),
                        card: card.clone(),
                    },
                )?;
                let (id, port) = &ids[j];
                if let Some(e) = &l.engine {
                    e.add_peer(id, &format!("dator{j}"), Some(&format!("127.0.0.1:{port}")))?;
                }
            }
        }
        l.event = l
            .store
            .open_event(
                &actor,
                &krisledning::log::OpenEvent {
                    title: format!("Händelse på dator {i}"),
                    ..Default::default()
                },
            )?
            .id;
    }
    // Settle the pairings everywhere first: what is measured is the burst of new entries.
    let mut expect = laptops
        .iter()
        .map(|l| l.store.head_seq())
        .sum::<Result<i64>>()?;
    converge(&mut laptops, expect, std::time::Duration::from_secs(120))?;
    expect += (5 * per) as i64;
    let t0 = Instant::now();
    for l in &mut laptops {
        for k in 0..per {
            l.store.log_diary(
                &actor,
                &krisledning::log::NewDiaryEntry {
                    event_id: l.event.clone(),
                    text: format!("Rad {k}"),
                    ..Default::default()
                },
            )?;
        }
        exchange(l)?;
    }
    measure_convergence(
        &mut laptops,
        expect,
        t0,
        format!(
            "convergence of 5 laptops over Syncthing (loopback ports) after {} new entries",
            5 * per
        ),
        report,
    )?;
    // Partition: laptop 4's engine stops; it and laptop 0 write; it comes back.
    drop(laptops[4].engine.take());
    for i in [0, 4] {
        let l = &mut laptops[i];
        for k in 0..per {
            l.store.log_diary(
                &actor,
                &krisledning::log::NewDiaryEntry {
                    event_id: l.event.clone(),
                    text: format!("Under avbrottet {k}"),
                    ..Default::default()
                },
            )?;
        }
        exchange(l)?;
    }
    expect += (2 * per) as i64;
    let t0 = Instant::now();
    let l4 = &mut laptops[4];
    l4.engine = Some(krisledning::syncthing::Engine::start(
        &l4.home, &l4.folder, l4.port,
    )?);
    measure_convergence(
        &mut laptops,
        expect,
        t0,
        format!(
            "convergence of 5 laptops after a partition heals ({} entries written apart)",
            2 * per
        ),
        report,
    )?;
    Ok(())
}

/// Waits for every laptop to hold `expect` entries and reports p50 and max since `t0`, and the
/// entries lost.
fn measure_convergence(
    laptops: &mut [Laptop],
    expect: i64,
    t0: Instant,
    what: String,
    report: &mut BenchReport,
) -> Result<()> {
    let mut times = converge(laptops, expect, std::time::Duration::from_secs(300))?
        .into_iter()
        .map(|t| t.duration_since(t0).as_secs_f64())
        .collect::<Vec<_>>();
    let missing = count_lost(laptops, expect)?;
    report.push(
        what,
        format!(
            "p50 {:.1} s, max {:.1} s; entries lost: {missing}",
            crate::table::pct(&mut times, 0.5),
            crate::table::pct(&mut times, 1.0)
        ),
        "lost: 0",
        Some(missing == 0),
    );
    Ok(())
}

/// Exchanges on every laptop until each holds `expect` entries; when each got there.
fn converge(
    laptops: &mut [Laptop],
    expect: i64,
    limit: std::time::Duration,
) -> Result<Vec<Instant>> {
    let start = Instant::now();
    let mut done: Vec<Option<Instant>> = vec![None; laptops.len()];
    while done.iter().any(Option::is_none) {
        if start.elapsed() > limit {
            return Err(krisledning::Error::storage(format!(
                "Datorerna nådde inte samma journal inom {} s.",
                limit.as_secs()
            )));
        }
        for (i, l) in laptops.iter_mut().enumerate() {
            if done[i].is_none() {
                exchange(l)?;
                if l.store.head_seq()? >= expect {
                    done[i] = Some(Instant::now());
                }
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Ok(done.into_iter().flatten().collect())
}

/// Entries some laptop lacks, and a check that every chain verifies.
fn count_lost(laptops: &[Laptop], expect: i64) -> Result<i64> {
    let mut lost = 0;
    for l in laptops {
        lost += (expect - l.store.head_seq()?).max(0);
        if l.store.verify()?.failure.is_some() {
            return Err(krisledning::Error::storage("En kedja verifierades inte."));
        }
    }
    Ok(lost)
}

/// A TCP port nobody listens on now: fixed ports collide with a second run on the same machine.
fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}
