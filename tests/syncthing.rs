//! Live sync through real Syncthing instances on loopback ports, each with its own home and sync
//! folder in a temporary directory: paired laptops get each other's bundle files, a laptop nobody
//! paired gets nothing, and kill -9 in the middle of a transfer, a stop and a restart lose nothing.
//! Every test is skipped, with a notice, when `syncthing` is not installed.
//!
//! The tests run one at a time (each starts several Syncthing processes), with generous timeouts:
//! they check correctness, not speed. `measure_*` (ignored) prints the figures of
//! docs/sync-engines.md: `cargo test --test syncthing -- --ignored --nocapture`.

use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use krisledning::syncthing::{self, Engine};
use tempfile::TempDir;

const TIMEOUT: Duration = Duration::from_secs(60);

static SERIAL: Mutex<()> = Mutex::new(());

/// The lock that runs these tests one at a time, or `None` (and a notice) without Syncthing.
fn guard(test: &str) -> Option<MutexGuard<'static, ()>> {
    if !syncthing::installed() {
        eprintln!(
            "NOTICE: {test} skipped: `syncthing` is not installed (apt-get install syncthing)."
        );
        return None;
    }
    Some(SERIAL.lock().unwrap_or_else(|e| e.into_inner()))
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One laptop: its engine and where its state lives, so it can be restarted.
struct Laptop {
    name: &'static str,
    home: PathBuf,
    folder: PathBuf,
    port: u16,
    /// Syncthing's device id, kept while the engine is stopped.
    id: String,
    engine: Option<Engine>,
}

impl Laptop {
    fn start(root: &Path, name: &'static str) -> Laptop {
        let mut l = Laptop {
            name,
            home: root.join(name).join("syncthing"),
            folder: root.join(name).join("synk"),
            port: free_port(),
            id: String::new(),
            engine: None,
        };
        l.restart();
        l
    }

    fn restart(&mut self) {
        self.engine = None;
        let engine = Engine::start(&self.home, &self.folder, self.port)
            .unwrap_or_else(|e| panic!("{} did not start: {}", self.name, e.message));
        self.id = engine.device_id();
        self.engine = Some(engine);
    }

    fn engine(&self) -> &Engine {
        self.engine.as_ref().expect("engine running")
    }

    fn id(&self) -> String {
        self.id.clone()
    }

    /// Writes a bundle as the core does (`sync::folder::write_whole`): under a hidden temporary
    /// name, then renamed when whole.
    fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.folder.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, bytes).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
    }

    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        std::fs::read(self.folder.join(rel)).ok()
    }
}

/// Both laptops add each other, with their loopback addresses.
fn pair(a: &Laptop, b: &Laptop) {
    let addr = |l: &Laptop| format!("127.0.0.1:{}", l.port);
    a.engine()
        .add_peer(&b.id(), b.name, Some(&addr(b)))
        .unwrap();
    b.engine()
        .add_peer(&a.id(), a.name, Some(&addr(a)))
        .unwrap();
}

/// Waits until `rel` at `laptop` has exactly `bytes`; how long it took.
fn arrives(laptop: &Laptop, rel: &str, bytes: &[u8], timeout: Duration) -> Duration {
    let started = Instant::now();
    loop {
        if laptop.read(rel).as_deref() == Some(bytes) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < timeout,
            "{rel} did not reach {} within {timeout:?}; its folder: {:?}; log {}",
            laptop.name,
            laptop.engine.as_ref().map(|e| e.folder_status()),
            laptop.home.join("syncthing.log").display()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn eventually(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let started = Instant::now();
    while !ok() {
        assert!(
            started.elapsed() < timeout,
            "{what}: not within {timeout:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn connected(a: &Laptop, b: &Laptop) -> bool {
    let id = b.id();
    a.engine()
        .peers_status()
        .unwrap()
        .iter()
        .any(|p| p.device_id == id && p.connected)
}

/// Bytes that differ from run to run and do not compress (Syncthing compresses metadata only).
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn paired_laptops_get_each_others_bundles_and_a_stranger_gets_nothing() {
    let Some(_g) = guard("paired_laptops_get_each_others_bundles") else {
        return;
    };
    let root = TempDir::new().unwrap();
    let a = Laptop::start(root.path(), "a");
    let b = Laptop::start(root.path(), "b");
    let c = Laptop::start(root.path(), "c");
    let stranger = Laptop::start(root.path(), "stranger");
    pair(&a, &b);
    pair(&a, &c);
    pair(&b, &c);
    // The stranger knows A's id and address, but A never paired it.
    stranger
        .engine()
        .add_peer(&a.id(), "a", Some(&format!("127.0.0.1:{}", a.port)))
        .unwrap();

    // A bundle half written (never renamed) stays where it is.
    std::fs::create_dir_all(a.folder.join("dev-a")).unwrap();
    std::fs::write(a.folder.join("dev-a/.0002.krisbunt.4711.tmp"), b"half").unwrap();
    let one = noise(10_000, 1);
    a.write("dev-a/0001.krisbunt", &one);
    arrives(&b, "dev-a/0001.krisbunt", &one, TIMEOUT);
    arrives(&c, "dev-a/0001.krisbunt", &one, TIMEOUT);
    let two = noise(20_000, 2);
    b.write("dev-b/0001.krisbunt", &two);
    arrives(&a, "dev-b/0001.krisbunt", &two, TIMEOUT);
    arrives(&c, "dev-b/0001.krisbunt", &two, TIMEOUT);
    let kort = br#"{"device_id":"dev-c","name":"Logistik"}"#;
    c.write("dev-c/kort.json", kort);
    arrives(&a, "dev-c/kort.json", kort, TIMEOUT);
    arrives(&b, "dev-c/kort.json", kort, TIMEOUT);

    for l in [&a, &b, &c] {
        eventually(&format!("{} in sync", l.name), TIMEOUT, || {
            l.engine().folder_status().unwrap().in_sync
        });
        let status = l.engine().folder_status().unwrap();
        assert_eq!(status.global_files, 3, "{}: {status:?}", l.name);
        assert!(
            !l.folder.join("dev-a/.0002.krisbunt.4711.tmp").exists() || l.name == "a",
            "a temporary file was replicated to {}",
            l.name
        );
        // The files can arrive through one peer before the other connection is up: wait for
        // both connections, then hold them to everything below.
        eventually(&format!("{} connected to both", l.name), TIMEOUT, || {
            let peers = l.engine().peers_status().unwrap();
            peers.len() == 2 && peers.iter().all(|p| p.connected)
        });
        let peers = l.engine().peers_status().unwrap();
        assert_eq!(peers.len(), 2, "{}: {peers:?}", l.name);
        assert!(
            peers.iter().all(|p| p.connected && p.shares_folder),
            "{peers:?}"
        );
        assert!(peers.iter().all(|p| p.last_seen.is_some()), "{peers:?}");
    }
    eventually("A sees B and C complete", TIMEOUT, || {
        a.engine()
            .peers_status()
            .unwrap()
            .iter()
            .all(|p| p.completion == Some(100.0) && p.need_bytes == Some(0))
    });

    // The stranger knocked at A and was turned away: it is listed for a person to pair, and it
    // holds nothing of the staff's.
    let stranger_id = stranger.id();
    eventually("A lists the stranger as pending", TIMEOUT, || {
        a.engine()
            .pending_peers()
            .unwrap()
            .iter()
            .any(|p| p.device_id == stranger_id)
    });
    assert!(!a
        .engine()
        .peers_status()
        .unwrap()
        .iter()
        .any(|p| p.device_id == stranger_id));
    let peers = stranger.engine().peers_status().unwrap();
    assert!(!peers[0].connected, "{peers:?}");
    for rel in ["dev-a", "dev-b", "dev-c"] {
        assert!(
            !stranger.folder.join(rel).exists(),
            "{rel} reached the stranger"
        );
    }
    assert_eq!(stranger.engine().folder_status().unwrap().global_files, 0);
}

#[test]
fn a_bundle_travels_through_a_laptop_paired_with_both() {
    let Some(_g) = guard("a_bundle_travels_through_a_laptop_paired_with_both") else {
        return;
    };
    let root = TempDir::new().unwrap();
    let a = Laptop::start(root.path(), "a");
    let hub = Laptop::start(root.path(), "hub");
    let c = Laptop::start(root.path(), "c");
    pair(&a, &hub);
    pair(&hub, &c);
    let bytes = noise(5_000, 3);
    a.write("dev-a/0001.krisbunt", &bytes);
    a.engine().scan(Some("dev-a")).unwrap();
    arrives(&c, "dev-a/0001.krisbunt", &bytes, TIMEOUT);
    // C never heard of A: it got A's file from the hub.
    assert!(c
        .engine()
        .peers_status()
        .unwrap()
        .iter()
        .all(|p| p.device_id == hub.id()));
}

#[test]
fn kill_9_in_the_middle_of_a_transfer_then_restart_converges() {
    let Some(_g) = guard("kill_9_in_the_middle_of_a_transfer") else {
        return;
    };
    let root = TempDir::new().unwrap();
    let a = Laptop::start(root.path(), "a");
    let mut b = Laptop::start(root.path(), "b");
    pair(&a, &b);
    eventually("A and B connected", TIMEOUT, || connected(&a, &b));

    let big = noise(96 * 1024 * 1024, 4);
    a.write("dev-a/big.krisbunt", &big);
    // Syncthing pulls into `.syncthing.<name>.tmp` beside the file and renames it when whole.
    let dir = b.folder.join("dev-a");
    let started = Instant::now();
    let mid_transfer = loop {
        let partial = std::fs::read_dir(&dir)
            .map(|d| {
                d.flatten().any(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(".syncthing.big")
                })
            })
            .unwrap_or(false);
        if partial && !dir.join("big.krisbunt").exists() {
            break true;
        }
        if dir.join("big.krisbunt").exists() || started.elapsed() > TIMEOUT {
            break false;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    // The monitor and the server it started, which does the transfer: kill -9 on both.
    let pids = processes_of(&b.home);
    for pid in &pids {
        unsafe { libc::kill(*pid as i32, libc::SIGKILL) };
    }
    assert!(mid_transfer, "the transfer was not caught half way");
    // While B is down, A writes more.
    let small = noise(1_000, 5);
    a.write("dev-a/after.krisbunt", &small);
    eventually("B's Syncthing gone", TIMEOUT, || {
        processes_of(&b.home).is_empty()
    });
    assert!(!dir.join("big.krisbunt").exists());

    b.restart();
    arrives(&b, "dev-a/after.krisbunt", &small, TIMEOUT);
    arrives(&b, "dev-a/big.krisbunt", &big, Duration::from_secs(180));
    eventually("B in sync", TIMEOUT, || {
        b.engine().folder_status().unwrap().in_sync
    });
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".syncthing."))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn a_stopped_laptop_catches_up_both_ways_after_restart() {
    let Some(_g) = guard("a_stopped_laptop_catches_up") else {
        return;
    };
    let root = TempDir::new().unwrap();
    let a = Laptop::start(root.path(), "a");
    let mut b = Laptop::start(root.path(), "b");
    pair(&a, &b);
    let first = noise(1_000, 6);
    a.write("dev-a/0001.krisbunt", &first);
    arrives(&b, "dev-a/0001.krisbunt", &first, TIMEOUT);

    // The partition: B's engine is stopped; both sides keep writing.
    b.engine.take().unwrap().stop().unwrap();
    let mut written_a = Vec::new();
    let mut written_b = Vec::new();
    for i in 2..=6 {
        let x = noise(2_000 + i, 10 + i as u64);
        a.write(&format!("dev-a/{i:04}.krisbunt"), &x);
        written_a.push((format!("dev-a/{i:04}.krisbunt"), x));
        let y = noise(3_000 + i, 20 + i as u64);
        b.write(&format!("dev-b/{i:04}.krisbunt"), &y);
        written_b.push((format!("dev-b/{i:04}.krisbunt"), y));
    }
    eventually("A sees B gone", TIMEOUT, || !connected(&a, &b));
    assert!(b.read("dev-a/0002.krisbunt").is_none());
    assert!(a.read("dev-b/0002.krisbunt").is_none());

    // The heal.
    b.restart();
    for (rel, bytes) in &written_a {
        arrives(&b, rel, bytes, TIMEOUT);
    }
    for (rel, bytes) in &written_b {
        arrives(&a, rel, bytes, TIMEOUT);
    }
    for l in [&a, &b] {
        eventually("in sync", TIMEOUT, || {
            l.engine().folder_status().unwrap().in_sync
        });
        assert_eq!(l.engine().folder_status().unwrap().global_files, 11);
    }
}

#[test]
fn a_syncthing_left_by_a_killed_app_is_stopped_and_the_identity_kept() {
    let Some(_g) = guard("a_syncthing_left_by_a_killed_app") else {
        return;
    };
    let root = TempDir::new().unwrap();
    let home = root.path().join("home");
    let folder = root.path().join("synk");
    let port = free_port();
    let first = Engine::start(&home, &folder, port).unwrap();
    let id = first.device_id();
    let old = first.pid().unwrap();
    // The app dies without stopping its child: Drop never runs.
    std::mem::forget(first);
    let second = Engine::start(&home, &folder, port).unwrap();
    assert_eq!(second.device_id(), id, "the identity is kept across starts");
    assert_ne!(second.pid().unwrap(), old);
    let gone = std::fs::read_to_string(format!("/proc/{old}/stat"))
        .map(|s| s.contains(") Z "))
        .unwrap_or(true);
    assert!(gone, "the old Syncthing still runs");
    assert!(second.folder_status().is_ok());
}

/// The processes still alive whose command line names `home`: Syncthing runs as a monitor and the
/// process it starts, and both hold the home (the second its index database).
fn processes_of(home: &Path) -> Vec<u32> {
    let needle = home.to_string_lossy().into_owned();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            // A zombie has an empty command line and holds no file.
            let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            String::from_utf8_lossy(&cmd).contains(&needle)
        })
        .collect()
}

#[test]
fn a_hung_syncthing_is_killed_whole_and_leaves_no_process_behind() {
    let Some(_g) = guard("a_hung_syncthing_is_killed_whole") else {
        return;
    };
    let root = TempDir::new().unwrap();
    let home = root.path().join("home");
    let folder = root.path().join("synk");
    let port = free_port();
    let engine = Engine::start(&home, &folder, port).unwrap();
    let running = processes_of(&home);
    assert!(
        running.len() >= 2,
        "Syncthing runs as a monitor and its server: {running:?}"
    );
    // Frozen: it answers no shutdown request, as a Syncthing hung on a dying disk.
    for pid in &running {
        unsafe { libc::kill(*pid as i32, libc::SIGSTOP) };
    }
    engine.stop_within(Duration::from_millis(500)).unwrap();
    // At once, not eventually: the next start must find the database free. Killing the monitor
    // alone left the server to the kernel's whims, and the next start failed when it lingered.
    assert_eq!(
        processes_of(&home),
        Vec::<u32>::new(),
        "a Syncthing process outlived the stop and holds the home's database"
    );
    let again = Engine::start(&home, &folder, port).unwrap();
    assert!(again.folder_status().is_ok());
}

#[test]
fn pairing_refuses_own_and_mistyped_ids_and_unpairing_removes_the_peer() {
    let Some(_g) = guard("pairing_refuses_own_and_mistyped_ids") else {
        return;
    };
    let root = TempDir::new().unwrap();
    let a = Laptop::start(root.path(), "a");
    let b = Laptop::start(root.path(), "b");
    let e = a.engine().add_peer(&a.id(), "jag", None).unwrap_err();
    assert!(e.message.contains("eget"), "{}", e.message);
    let mut typo = b.id().into_bytes();
    typo[3] = if typo[3] == b'A' { b'B' } else { b'A' };
    let e = a
        .engine()
        .add_peer(&String::from_utf8(typo).unwrap(), "b", None)
        .unwrap_err();
    assert!(e.message.contains("inget giltigt"), "{}", e.message);
    let e = a
        .engine()
        .add_peer(&b.id(), "b", Some("quic://1.2.3.4:1"))
        .unwrap_err();
    assert!(e.message.contains("ingen adress"), "{}", e.message);

    // Lower case and spaces, as read aloud: the canonical id comes back.
    let spoken = b.id().to_lowercase().replace('-', " ");
    assert_eq!(a.engine().add_peer(&spoken, "  ", None).unwrap(), b.id());
    let peers = a.engine().peers_status().unwrap();
    assert_eq!(peers.len(), 1);
    assert_eq!(
        peers[0].name,
        &b.id()[..7],
        "a blank name becomes the id's start"
    );
    assert_eq!(peers[0].addresses, vec!["dynamic".to_string()]);
    // Again, with a name and an address: updated, not doubled.
    a.engine()
        .add_peer(&b.id(), "Logistik", Some("127.0.0.1:22999"))
        .unwrap();
    let peers = a.engine().peers_status().unwrap();
    assert_eq!(peers.len(), 1);
    assert_eq!(peers[0].name, "Logistik");
    assert_eq!(
        peers[0].addresses,
        vec!["tcp://127.0.0.1:22999".to_string(), "dynamic".to_string()]
    );
    assert!(peers[0].shares_folder);

    a.engine().remove_peer(&b.id()).unwrap();
    assert!(a.engine().peers_status().unwrap().is_empty());
    let e = a.engine().remove_peer(&b.id()).unwrap_err();
    assert_eq!(e.code, krisledning::ErrorCode::NotFound);
}

#[test]
fn a_port_another_program_holds_is_refused_with_a_reason() {
    let Some(_g) = guard("a_port_another_program_holds") else {
        return;
    };
    let root = TempDir::new().unwrap();
    let taken = TcpListener::bind((Ipv4Addr::UNSPECIFIED, 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let e = Engine::start(&root.path().join("h"), &root.path().join("f"), port).unwrap_err();
    assert!(
        e.message.contains(&format!("Port {port} används redan")),
        "{}",
        e.message
    );
}

#[test]
fn nothing_reaches_for_the_internet_and_the_gui_is_locked() {
    let Some(_g) = guard("nothing_reaches_for_the_internet") else {
        return;
    };
    let root = TempDir::new().unwrap();
    let a = Laptop::start(root.path(), "a");
    // Relays, global discovery and NAT traversal would have started within this time.
    std::thread::sleep(Duration::from_secs(3));
    let log = std::fs::read_to_string(a.engine().log_path()).unwrap();
    for expected in [
        "Using discovery mechanism: IPv4 local broadcast discovery".to_string(),
        format!("TCP listener ([::]:{}) starting", a.port),
    ] {
        assert!(log.contains(&expected), "{expected} not in\n{log}");
    }
    for never in [
        "global discovery",
        "Relay listener",
        "QUIC listener",
        "NAT service",
        "syncthing.net",
        "usage report",
    ] {
        assert!(!log.contains(never), "{never} in\n{log}");
    }
    let config = std::fs::read_to_string(a.home.join("config.xml")).unwrap();
    for expected in [
        "<globalAnnounceEnabled>false</globalAnnounceEnabled>",
        "<relaysEnabled>false</relaysEnabled>",
        "<natEnabled>false</natEnabled>",
        "<urAccepted>-1</urAccepted>",
        "<crashReportingEnabled>false</crashReportingEnabled>",
        "<localAnnounceEnabled>true</localAnnounceEnabled>",
    ] {
        assert!(config.contains(expected), "{expected} not in config.xml");
    }
    let folder = a.folder.to_string_lossy().to_string();
    assert!(config.contains(&format!("path=\"{folder}\"")), "{config}");
    assert!(config.contains("fsWatcherDelayS=\"1\""), "{config}");
    assert!(!config.contains("<autoAcceptFolders>true"), "{config}");
    // The REST API and GUI answer on 127.0.0.1 only, and not without the key or the password.
    let gui = config
        .split("<gui ")
        .nth(1)
        .and_then(|g| g.split("<address>").nth(1))
        .and_then(|a| a.split('<').next())
        .unwrap()
        .to_string();
    assert!(gui.starts_with("127.0.0.1:"), "{gui}");
    for path in ["/", "/rest/system/status"] {
        let answer = get_without_key(&gui, path);
        assert!(
            answer.starts_with("HTTP/1.0 401") || answer.starts_with("HTTP/1.0 403"),
            "{path} answered without a key: {answer}"
        );
    }
}

fn get_without_key(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

// ---- Figures for docs/sync-engines.md ----

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The resident memory of every process of one engine: the monitor and the server it started.
fn rss_kib(home: &Path) -> u64 {
    processes_of(home)
        .into_iter()
        .map(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/status"))
                .unwrap_or_default()
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or(0)
        })
        .sum()
}

/// One writer and `peers` paired laptops (all pairs paired); 20 bundles of 64 kB, each timed
/// from its rename into place until every peer has it whole.
/// With `scan`, the writer asks Syncthing to scan its subdirectory at once (`Engine::scan`)
/// instead of waiting for the watcher.
fn fan_out(peers: usize, runs: usize, scan: bool) -> Vec<Duration> {
    let root = TempDir::new().unwrap();
    let names = ["w", "p1", "p2", "p3", "p4", "p5", "p6"];
    let laptops: Vec<Laptop> = names[..=peers]
        .iter()
        .map(|n| Laptop::start(root.path(), n))
        .collect();
    for i in 0..laptops.len() {
        for j in i + 1..laptops.len() {
            pair(&laptops[i], &laptops[j]);
        }
    }
    for l in &laptops[1..] {
        eventually("connected", TIMEOUT, || connected(&laptops[0], l));
    }
    // One bundle first, so every index exchange is done before the clock runs.
    let warm = noise(100, 99);
    laptops[0].write("dev-w/0000.krisbunt", &warm);
    for l in &laptops[1..] {
        arrives(l, "dev-w/0000.krisbunt", &warm, TIMEOUT);
    }
    let mut times = Vec::new();
    for run in 1..=runs {
        let bytes = noise(64 * 1024, run as u64 + 100);
        let rel = format!("dev-w/{run:04}.krisbunt");
        let t0 = Instant::now();
        laptops[0].write(&rel, &bytes);
        if scan {
            laptops[0].engine().scan(Some("dev-w")).unwrap();
        }
        let mut pending: Vec<&Laptop> = laptops[1..].iter().collect();
        while !pending.is_empty() {
            pending.retain(|l| l.read(&rel).as_deref() != Some(&bytes[..]));
            assert!(t0.elapsed() < TIMEOUT, "run {run} stuck");
            std::thread::sleep(Duration::from_millis(2));
        }
        times.push(t0.elapsed());
        // Let the watcher settle so runs do not merge into one scan.
        std::thread::sleep(Duration::from_millis(1500));
    }
    times.sort();
    times
}

#[test]
#[ignore = "measurement: prints the figures of docs/sync-engines.md"]
fn measure_fan_out_idle_memory_and_heal() {
    let Some(_g) = guard("measure_fan_out_idle_memory_and_heal") else {
        return;
    };
    println!("{}", syncthing::version().unwrap_or_default());
    for (peers, scan) in [(2, false), (4, false), (2, true), (4, true)] {
        let t = fan_out(peers, 20, scan);
        let how = if scan { "scan at once" } else { "watcher only" };
        println!(
            "fan-out to {peers} peers ({how}), {} runs: p50 {:.0} ms, max {:.0} ms, min {:.0} ms",
            t.len(),
            percentile(&t, 0.5).as_secs_f64() * 1000.0,
            t[t.len() - 1].as_secs_f64() * 1000.0,
            t[0].as_secs_f64() * 1000.0
        );
    }

    let root = TempDir::new().unwrap();
    let a = Laptop::start(root.path(), "a");
    let mut b = Laptop::start(root.path(), "b");
    pair(&a, &b);
    eventually("connected", TIMEOUT, || connected(&a, &b));
    std::thread::sleep(Duration::from_secs(30));
    println!(
        "idle RSS after 30 s, one peer (monitor + server): {} KiB and {} KiB",
        rss_kib(&a.home),
        rss_kib(&b.home)
    );

    // Partition and heal: B stops, A writes 100 bundles, B restarts.
    let mut heal = Vec::new();
    for round in 0..5u64 {
        b.engine.take().unwrap().stop().unwrap();
        let mut written = Vec::new();
        for i in 0..100u64 {
            let rel = format!("dev-a/r{round}-{i:04}.krisbunt");
            let bytes = noise(4_096, round * 1000 + i + 7);
            a.write(&rel, &bytes);
            written.push((rel, bytes));
        }
        std::thread::sleep(Duration::from_secs(3));
        let t0 = Instant::now();
        b.restart();
        let started = t0.elapsed();
        for (rel, bytes) in &written {
            arrives(&b, rel, bytes, TIMEOUT);
        }
        heal.push((started, t0.elapsed()));
    }
    for (started, all) in heal {
        println!(
            "heal: B restarted in {:.0} ms; all 100 bundles written while it was down present after {:.0} ms",
            started.as_secs_f64() * 1000.0,
            all.as_secs_f64() * 1000.0
        );
    }
}

#[test]
#[ignore = "measurement: prints the figures of docs/sync-engines.md"]
fn measure_start_times() {
    let Some(_g) = guard("measure_start_times") else {
        return;
    };
    let root = TempDir::new().unwrap();
    for i in 0..5 {
        let home = root.path().join(format!("h{i}"));
        let folder = root.path().join(format!("f{i}"));
        let port = free_port();
        let t0 = Instant::now();
        let e = Engine::start(&home, &folder, port).unwrap();
        let first = t0.elapsed();
        e.stop().unwrap();
        let t1 = Instant::now();
        let e = Engine::start(&home, &folder, port).unwrap();
        let again = t1.elapsed();
        let t2 = Instant::now();
        e.stop().unwrap();
        println!(
            "start: first (identity, database) {:.0} ms; again {:.0} ms; stop {:.0} ms",
            first.as_secs_f64() * 1000.0,
            again.as_secs_f64() * 1000.0,
            t2.elapsed().as_secs_f64() * 1000.0
        );
    }
}
