//! Live sync in the staff room through Syncthing, run by this program as a child process.
//!
//! Krisledning never speaks a network protocol of its own: the core writes each laptop's new
//! entries as signed bundle files into `<folder>/<device_id>/` and imports the other
//! subdirectories; Syncthing replicates that folder between the laptops a person has paired. The
//! same layout works on a USB stick without any engine.
//!
//! [`Engine::start`] gives Syncthing its own home directory (identity, config, index database,
//! `syncthing.log`) and closes it to the internet before its first second: no global discovery,
//! no relays, no NAT traversal, no usage or crash reports, no upgrades. It finds the other laptops
//! by local (LAN) discovery or a given address, listens on one TCP port, and serves its REST API
//! on 127.0.0.1 only, on a free port, with a fresh API key each start (the GUI also has a random
//! password nobody knows, so another user of the computer cannot drive it). A peer is added only
//! by [`Engine::add_peer`], that is when a person pairs; nothing is ever accepted automatically.
//!
//! One engine per home directory: a Syncthing left running by a Krisledning that was killed is
//! asked to shut down before a new one starts. Syncthing runs as a monitor and the server the
//! monitor starts (in a process group of its own): a stop that must kill kills both.

mod config;
pub mod device_id;
mod http;

use std::fs;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::{Error, Result};

/// The folder's id, the same on every laptop, so paired laptops share it.
pub const FOLDER_ID: &str = "krisledning";
/// The folder's name in Syncthing's own screens.
pub const FOLDER_LABEL: &str = "Krisledning";
/// Never replicated: files still being written (`*.tmp`, `*.part`; the core writes a bundle
/// under such a name and renames it when whole) and editors' lock and backup files. `(?d)` lets
/// Syncthing delete them when it removes a directory.
pub const IGNORES: &[&str] = &["(?d)*.tmp", "(?d)*.part", "(?d)*~", "(?d).~*", "(?d).#*"];
/// Seconds Syncthing waits after a change in the folder before it scans (its `fsWatcherDelayS`).
pub const WATCH_DELAY_S: u64 = 1;

/// How long a first start may take (it creates the index database) on a slow, busy laptop.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// Every REST call after start.
const CALL_TIMEOUT: Duration = Duration::from_secs(20);
/// How long Syncthing gets to close its database before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// The Syncthing program: `KRIS_SYNCTHING` if set, else `syncthing` on the `PATH`.
pub fn binary() -> PathBuf {
    std::env::var_os("KRIS_SYNCTHING")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("syncthing"))
}

/// Syncthing's version line (`syncthing v1.19.2-ds1 "Fermium Flea" …`), `None` when it is not
/// installed or does not run.
pub fn version() -> Option<String> {
    let out = Command::new(binary())
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    out.status
        .success()
        .then(|| text.lines().next().unwrap_or("").trim().to_string())
        .filter(|l| l.starts_with("syncthing"))
}

/// Whether live sync can run on this computer.
pub fn installed() -> bool {
    version().is_some()
}

fn not_installed(binary: &Path) -> Error {
    Error::not_found(format!(
        "Syncthing är inte installerat ({} finns inte), så laptoparna synkroniseras inte direkt \
         över nätverket. Installera det med `sudo apt-get install syncthing` och starta om \
         Krisledning. Utbyte med USB-minne (`kris sync run --folder /media/usb/krisledning`) \
         fungerar utan Syncthing.",
        binary.display()
    ))
    .with("program", "syncthing")
}

/// One of the other laptops, as this laptop's Syncthing sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerStatus {
    pub device_id: String,
    pub name: String,
    /// Where it is dialled: `tcp://HOST:PORT` given at pairing and/or `dynamic` (LAN discovery).
    pub addresses: Vec<String>,
    pub connected: bool,
    /// The address of the open connection.
    pub address: Option<String>,
    /// Now while connected; else the last time it was; `None` if never.
    pub last_seen: Option<DateTime<Utc>>,
    /// Whether the sync folder is shared with it (it is, for every peer added by `add_peer`).
    pub shares_folder: bool,
    /// While connected: how much of the folder it has (0–100) and the bytes it still lacks.
    pub completion: Option<f64>,
    pub need_bytes: Option<u64>,
}

/// The sync folder on this laptop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FolderStatus {
    /// Syncthing's word: `idle`, `scanning`, `scan-waiting`, `sync-preparing`, `syncing`,
    /// `cleaning`, `error`, …
    pub state: String,
    /// Idle with nothing left to fetch and no failed file.
    pub in_sync: bool,
    /// What this laptop still has to fetch from the others.
    pub need_bytes: u64,
    pub need_items: u64,
    pub global_files: u64,
    pub local_files: u64,
    /// Files that could not be fetched (full disk, permissions).
    pub pull_errors: u64,
    /// Why the folder stopped, when `state` is `error`.
    pub error: Option<String>,
}

/// A laptop that tried to connect but has not been paired here: shown so a person can pair it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingPeer {
    pub device_id: String,
    pub name: String,
    pub address: String,
    pub time: Option<DateTime<Utc>>,
}

/// A running Syncthing with its home directory and the sync folder.
pub struct Engine {
    child: Option<Child>,
    home: PathBuf,
    folder: PathBuf,
    listen_port: u16,
    gui_port: u16,
    api_key: String,
    device_id: String,
}

/// Everything but the API key.
impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("pid", &self.pid())
            .field("home", &self.home)
            .field("folder", &self.folder)
            .field("listen_port", &self.listen_port)
            .field("gui_port", &self.gui_port)
            .field("device_id", &self.device_id)
            .finish_non_exhaustive()
    }
}

/// Why one attempt at starting did not give a running engine.
enum Attempt {
    /// The program ended at once (a port taken a moment ago, a database still locked): try again.
    Exited(ExitStatus),
    Failed(Error),
}

impl Engine {
    /// Starts Syncthing for the sync `folder` (created if missing) with its state in `home`
    /// (the identity is made on the first start), peers connecting on TCP `listen_port`.
    pub fn start(home: &Path, folder: &Path, listen_port: u16) -> Result<Engine> {
        Self::start_with_binary(&binary(), home, folder, listen_port)
    }

    /// [`Engine::start`] with a given Syncthing program.
    pub fn start_with_binary(
        binary: &Path,
        home: &Path,
        folder: &Path,
        listen_port: u16,
    ) -> Result<Engine> {
        if listen_port == 0 {
            return Err(Error::invalid(
                "Ange en port (1–65535) som de andra datorerna ansluter till, t.ex. 22000.",
            ));
        }
        let home = absolute(home)?;
        let folder = absolute(folder)?;
        create_private_dir(&home)?;
        let config_path = home.join("config.xml");
        if !home.join("cert.pem").exists() || !config_path.exists() {
            generate(binary, &home)?;
        }
        stop_leftover(&config_path);
        let mut last = None;
        for attempt in 0..3 {
            if attempt > 0 {
                std::thread::sleep(Duration::from_secs(1));
            }
            match Self::attempt(binary, &home, &folder, listen_port) {
                Ok(engine) => return Ok(engine),
                Err(Attempt::Failed(e)) => return Err(e),
                Err(Attempt::Exited(status)) => last = Some(status),
            }
        }
        let status = last.map(|s| s.to_string()).unwrap_or_default();
        Err(Error::storage(format!(
            "Syncthing avslutades direkt vid start ({status}), tre gånger. {}",
            log_hint(&home)
        ))
        .with("program", "syncthing"))
    }

    fn attempt(
        binary: &Path,
        home: &Path,
        folder: &Path,
        listen_port: u16,
    ) -> std::result::Result<Engine, Attempt> {
        let gui_port = free_port().map_err(Attempt::Failed)?;
        let api_key = random_hex(24).map_err(Attempt::Failed)?;
        write_config(home, gui_port, &api_key, listen_port).map_err(Attempt::Failed)?;
        // The log of the run before stays beside, for when it ended badly.
        let _ = fs::rename(home.join("syncthing.log"), home.join("syncthing.log.old"));
        let log = fs::File::create(home.join("syncthing.log"))
            .map_err(|e| Attempt::Failed(file_error("Syncthings logg", home, &e)))?;
        let log2 = log
            .try_clone()
            .map_err(|e| Attempt::Failed(file_error("Syncthings logg", home, &e)))?;
        let child = Command::new(binary)
            .arg("serve")
            .arg("--home")
            .arg(home)
            .args([
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
                "--no-default-folder",
                "--logflags=3",
            ])
            .env("STNODEFAULTFOLDER", "1")
            .env("STNOUPGRADE", "1")
            // Skips the benchmark of two SHA-256 packages that otherwise takes about a second of
            // every start (1.5 s → 0.5 s measured); minio is the one it picked on the test machine.
            .env("STHASHING", "minio")
            .env_remove("STGUIADDRESS")
            .env_remove("STGUIAPIKEY")
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log2)
            .spawn()
            .map_err(|e| {
                Attempt::Failed(if e.kind() == std::io::ErrorKind::NotFound {
                    not_installed(binary)
                } else {
                    Error::storage(format!("Syncthing kunde inte startas: {e}."))
                })
            })?;
        let mut engine = Engine {
            child: Some(child),
            home: home.to_path_buf(),
            folder: folder.to_path_buf(),
            listen_port,
            gui_port,
            api_key,
            device_id: String::new(),
        };
        // From here on, an error drops `engine`, which stops the child.
        let status = engine.wait_ready()?;
        engine.device_id = status["myID"].as_str().unwrap_or_default().to_string();
        engine.check_listener().map_err(Attempt::Failed)?;
        engine.ensure_folder().map_err(Attempt::Failed)?;
        Ok(engine)
    }

    /// Waits until the REST API answers; its `/rest/system/status`.
    fn wait_ready(&mut self) -> std::result::Result<Value, Attempt> {
        let started = Instant::now();
        loop {
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    self.child = None;
                    return Err(Attempt::Exited(status));
                }
            }
            let answer = http::request(
                self.gui_port,
                &self.api_key,
                "GET",
                "/rest/system/status",
                None,
                Duration::from_secs(2),
            );
            if let Ok(r) = answer {
                if r.ok() {
                    if let Ok(v) = serde_json::from_str::<Value>(&r.body) {
                        if v["myID"].is_string() {
                            return Ok(v);
                        }
                    }
                }
            }
            if started.elapsed() > START_TIMEOUT {
                return Err(Attempt::Failed(
                    Error::storage(format!(
                        "Syncthing svarade inte inom {} sekunder efter start. {}",
                        START_TIMEOUT.as_secs(),
                        log_hint(&self.home)
                    ))
                    .with("program", "syncthing"),
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Refuses a listening port another program holds: Syncthing itself would run on, unreachable.
    fn check_listener(&self) -> Result<()> {
        let key = format!("tcp://0.0.0.0:{}", self.listen_port);
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            let status = self.call("GET", "/rest/system/status", None)?;
            match status["connectionServiceStatus"].get(&key) {
                Some(s) if s["error"].is_string() => {
                    return Err(Error::storage(format!(
                        "Port {} används redan av ett annat program, så de andra datorerna kan inte \
                         ansluta hit ({}). Välj en annan port för synkroniseringen.",
                        self.listen_port,
                        s["error"].as_str().unwrap_or_default()
                    ))
                    .with("port", self.listen_port));
                }
                Some(_) => return Ok(()),
                None => std::thread::sleep(Duration::from_millis(100)),
            }
        }
        Ok(())
    }

    /// The sync folder exists, is configured as ours (send and receive, watched with a one-second
    /// delay) and ignores files still being written.
    fn ensure_folder(&self) -> Result<()> {
        fs::create_dir_all(self.folder.join(".stfolder"))
            .map_err(|e| file_error("Synkmappen", &self.folder, &e))?;
        let path = self.folder.to_string_lossy();
        let wanted = json!({
            "label": FOLDER_LABEL,
            "path": path,
            "type": "sendreceive",
            "fsWatcherEnabled": true,
            "fsWatcherDelayS": WATCH_DELAY_S,
            // A full rescan now and then, in case a change escaped the watcher (inotify limits).
            "rescanIntervalS": 60,
            "paused": false,
        });
        let url = format!("/rest/config/folders/{FOLDER_ID}");
        let existing = self.call_raw("GET", &url, None)?;
        if existing.status == 404 {
            let mut folder = wanted;
            folder["id"] = json!(FOLDER_ID);
            folder["devices"] = json!([{ "deviceID": self.device_id }]);
            self.call("POST", "/rest/config/folders", Some(&folder))?;
        } else {
            self.check(existing, "GET", &url)?;
            self.call("PATCH", &url, Some(&wanted))?;
        }
        self.call(
            "POST",
            &format!("/rest/db/ignores?folder={FOLDER_ID}"),
            Some(&json!({ "ignore": IGNORES })),
        )?;
        Ok(())
    }

    /// This laptop's Syncthing device id (canonical form), to show on its pairing card.
    pub fn device_id(&self) -> String {
        self.device_id.clone()
    }

    /// Pairs another laptop: it may connect, and the sync folder is shared with it. Both laptops
    /// must add each other. `address` is where to dial it (`HOST:PORT` or `tcp://HOST:PORT`); it
    /// is also looked for on the local network. Adding a paired laptop again updates its name and
    /// address. Returns its id in canonical form.
    pub fn add_peer(&self, device_id: &str, name: &str, address: Option<&str>) -> Result<String> {
        let id = device_id::normalize(device_id)?;
        if id == self.device_id {
            return Err(Error::invalid(
                "Det är den här datorns eget Syncthing-id. Skriv in id:t från den andra datorns \
                 parningskort.",
            ));
        }
        let mut addresses = Vec::new();
        if let Some(a) = address
            .map(str::trim)
            .filter(|a| !a.is_empty() && *a != "dynamic")
        {
            addresses.push(peer_address(a)?);
        }
        addresses.push("dynamic".to_string());
        let name = name.trim();
        let name = if name.is_empty() { &id[..7] } else { name };
        let name: String = name.chars().take(100).collect();
        self.call(
            "POST",
            "/rest/config/devices",
            Some(&json!({
                "deviceID": id,
                "name": name,
                "addresses": addresses,
                "autoAcceptFolders": false,
                "introducer": false,
                "paused": false,
            })),
        )?;
        let url = format!("/rest/config/folders/{FOLDER_ID}");
        let folder = self.call("GET", &url, None)?;
        let mut devices = folder["devices"].as_array().cloned().unwrap_or_default();
        if !devices.iter().any(|d| d["deviceID"] == json!(id)) {
            devices.push(json!({ "deviceID": id }));
            self.call("PATCH", &url, Some(&json!({ "devices": devices })))?;
        }
        Ok(id)
    }

    /// Unpairs a laptop: the folder is no longer shared with it and it may not connect.
    pub fn remove_peer(&self, device_id: &str) -> Result<()> {
        let id = device_id::normalize(device_id)?;
        let path = format!("/rest/config/devices/{id}");
        let known = self.call_raw("GET", &path, None)?;
        if known.status == 404 || id == self.device_id {
            return Err(Error::not_found(format!(
                "Ingen parad dator har Syncthing-id {id}; den är redan borttagen."
            ))
            .with("device_id", &id));
        }
        self.check(known, "GET", &path)?;
        let url = format!("/rest/config/folders/{FOLDER_ID}");
        let folder = self.call("GET", &url, None)?;
        let devices = folder["devices"].as_array().cloned().unwrap_or_default();
        let kept: Vec<Value> = devices
            .iter()
            .filter(|d| d["deviceID"] != json!(id))
            .cloned()
            .collect();
        if kept.len() != devices.len() {
            self.call("PATCH", &url, Some(&json!({ "devices": kept })))?;
        }
        self.call("DELETE", &path, None)?;
        Ok(())
    }

    /// Every paired laptop (not this one), in the order they were paired.
    pub fn peers_status(&self) -> Result<Vec<PeerStatus>> {
        let devices = self.call("GET", "/rest/config/devices", None)?;
        let connections = self.call("GET", "/rest/system/connections", None)?;
        let stats = self.call("GET", "/rest/stats/device", None)?;
        let folder = self.call("GET", &format!("/rest/config/folders/{FOLDER_ID}"), None)?;
        let shared: Vec<&str> = folder["devices"]
            .as_array()
            .map(|d| d.iter().filter_map(|d| d["deviceID"].as_str()).collect())
            .unwrap_or_default();
        let mut out = Vec::new();
        for d in devices.as_array().cloned().unwrap_or_default() {
            let id = d["deviceID"].as_str().unwrap_or_default().to_string();
            if id == self.device_id || id.is_empty() {
                continue;
            }
            let conn = &connections["connections"][&id];
            let connected = conn["connected"].as_bool().unwrap_or(false);
            let last_seen = if connected {
                Some(Utc::now())
            } else {
                stats[&id]["lastSeen"]
                    .as_str()
                    .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                    .map(|t| t.with_timezone(&Utc))
                    .filter(|t| t.timestamp() > 0)
            };
            let shares_folder = shared.contains(&id.as_str());
            let (completion, need_bytes) = if connected && shares_folder {
                let c = self.call(
                    "GET",
                    &format!("/rest/db/completion?folder={FOLDER_ID}&device={id}"),
                    None,
                )?;
                (c["completion"].as_f64(), c["needBytes"].as_u64())
            } else {
                (None, None)
            };
            out.push(PeerStatus {
                name: d["name"].as_str().unwrap_or_default().to_string(),
                addresses: strings(&d["addresses"]),
                connected,
                address: conn["address"]
                    .as_str()
                    .filter(|a| connected && !a.is_empty())
                    .map(str::to_string),
                last_seen,
                shares_folder,
                completion,
                need_bytes,
                device_id: id,
            });
        }
        Ok(out)
    }

    /// Laptops that tried to connect without being paired here.
    pub fn pending_peers(&self) -> Result<Vec<PendingPeer>> {
        let pending = self.call("GET", "/rest/cluster/pending/devices", None)?;
        let mut out: Vec<PendingPeer> = pending
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(id, p)| PendingPeer {
                        device_id: id.clone(),
                        name: p["name"].as_str().unwrap_or_default().to_string(),
                        address: p["address"].as_str().unwrap_or_default().to_string(),
                        time: p["time"]
                            .as_str()
                            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                            .map(|t| t.with_timezone(&Utc)),
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.sort_by(|a, b| a.device_id.cmp(&b.device_id));
        Ok(out)
    }

    /// The sync folder here: in sync, or what is still to fetch.
    pub fn folder_status(&self) -> Result<FolderStatus> {
        let s = self.call("GET", &format!("/rest/db/status?folder={FOLDER_ID}"), None)?;
        let n = |k: &str| s[k].as_u64().unwrap_or(0);
        let state = s["state"].as_str().unwrap_or_default().to_string();
        let error = ["error", "invalid"]
            .iter()
            .filter_map(|k| s[*k].as_str())
            .find(|e| !e.is_empty())
            .map(str::to_string);
        Ok(FolderStatus {
            in_sync: state == "idle" && n("needTotalItems") == 0 && n("pullErrors") == 0,
            state,
            need_bytes: n("needBytes"),
            need_items: n("needTotalItems"),
            global_files: n("globalFiles"),
            local_files: n("localFiles"),
            pull_errors: n("pullErrors"),
            error,
        })
    }

    /// Has Syncthing look at `sub` (a path inside the sync folder, e.g. this laptop's own
    /// subdirectory; `None`: all of it) now, rather than after the watcher's delay; returns when
    /// the scan is done. Call it after writing a bundle: peers then fetch it at once.
    pub fn scan(&self, sub: Option<&str>) -> Result<()> {
        let mut path = format!("/rest/db/scan?folder={FOLDER_ID}");
        if let Some(sub) = sub {
            path.push_str("&sub=");
            path.push_str(&crate::text::percent_encoded(sub.as_bytes()));
        }
        self.call("POST", &path, None)?;
        Ok(())
    }

    /// The process id of Syncthing, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    pub fn listen_port(&self) -> u16 {
        self.listen_port
    }

    /// Syncthing's log of this run (the one before is `syncthing.log.old` beside it).
    pub fn log_path(&self) -> PathBuf {
        self.home.join("syncthing.log")
    }

    /// Asks Syncthing to close its database and exit; kills it if it has not within ten seconds.
    pub fn stop(self) -> Result<()> {
        self.stop_within(STOP_GRACE)
    }

    /// [`Engine::stop`], killing Syncthing if it has not closed its database within `grace`.
    pub fn stop_within(mut self, grace: Duration) -> Result<()> {
        self.shutdown(grace);
        Ok(())
    }

    fn shutdown(&mut self, grace: Duration) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        let _ = http::request(
            self.gui_port,
            &self.api_key,
            "POST",
            "/rest/system/shutdown",
            None,
            Duration::from_secs(2),
        );
        let started = Instant::now();
        while started.elapsed() < grace {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        kill_with_server(&mut child);
    }

    /// A REST call whose answer must be 2xx; its JSON (`null` when empty).
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value> {
        let r = self.call_raw(method, path, body)?;
        self.check(r, method, path)
    }

    fn call_raw(&self, method: &str, path: &str, body: Option<&Value>) -> Result<http::Response> {
        let body = body.map(Value::to_string);
        http::request(
            self.gui_port,
            &self.api_key,
            method,
            path,
            body.as_deref(),
            CALL_TIMEOUT,
        )
        .map_err(|e| {
            Error::storage(format!(
                "Syncthing svarar inte ({e}). Starta om Krisledning; om det upprepas: {}",
                log_hint(&self.home)
            ))
            .with("program", "syncthing")
        })
    }

    fn check(&self, r: http::Response, method: &str, path: &str) -> Result<Value> {
        if !r.ok() {
            return Err(Error::storage(format!(
                "Syncthing avvisade {method} {path} ({}): {}",
                r.status,
                r.body.trim()
            ))
            .with("program", "syncthing")
            .with("status", r.status));
        }
        if r.body.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&r.body).map_err(|e| {
            Error::storage(format!(
                "Syncthing svarade på {method} {path} med något som inte är JSON: {e}"
            ))
        })
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.shutdown(Duration::from_secs(5));
    }
}

/// Kills Syncthing's monitor and the server it started, and waits (at most five seconds) until the
/// server is gone: its database lock goes with it. Killing the monitor alone leaves the server
/// running, orphaned in a process group of its own, with the database locked, and the next start
/// fails with "Error opening database: resource temporarily unavailable" (seen on a loaded CI
/// machine).
fn kill_with_server(child: &mut Child) {
    let servers = children_of(child.id());
    #[cfg(unix)]
    for pid in servers
        .iter()
        .filter_map(|p| rustix::process::Pid::from_raw(*p))
    {
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
    let started = Instant::now();
    while servers.iter().any(|p| alive(*p)) && started.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The processes whose parent is `pid`, from `/proc` (empty where there is none).
fn children_of(pid: u32) -> Vec<i32> {
    let Ok(dir) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|p| proc_stat(*p).is_some_and(|(_, parent)| parent == pid as i32))
        .collect()
}

/// Whether `pid` runs (a zombie holds no file any more).
fn alive(pid: i32) -> bool {
    proc_stat(pid).is_some_and(|(state, _)| state != 'Z')
}

/// The state letter and parent of `pid` from `/proc/PID/stat`, read after the command's name
/// (which may hold spaces and parentheses).
fn proc_stat(pid: i32) -> Option<(char, i32)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let mut rest = stat.get(stat.rfind(')')? + 2..)?.split(' ');
    let state = rest.next()?.chars().next()?;
    Some((state, rest.next()?.parse().ok()?))
}

/// Makes the identity (key and certificate) and a first config, with a GUI password nobody knows.
fn generate(binary: &Path, home: &Path) -> Result<()> {
    let password = random_hex(24)?;
    let mut child = Command::new(binary)
        .arg("generate")
        .arg("--home")
        .arg(home)
        .args([
            "--no-default-folder",
            "--skip-port-probing",
            "--gui-user=krisledning",
            "--gui-password=-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                not_installed(binary)
            } else {
                Error::storage(format!("Syncthing kunde inte startas: {e}."))
            }
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(password.as_bytes());
    }
    let out = child
        .wait_with_output()
        .map_err(|e| Error::storage(format!("Syncthing kunde inte startas: {e}.")))?;
    if !out.status.success() || !home.join("cert.pem").exists() {
        let text = String::from_utf8_lossy(&out.stderr).to_string()
            + &String::from_utf8_lossy(&out.stdout);
        return Err(Error::storage(format!(
            "Syncthing kunde inte skapa datorns identitet i {}: {}",
            home.display(),
            last_lines(&text, 5)
        )));
    }
    Ok(())
}

/// Asks a Syncthing still running from this home (its Krisledning was killed) to exit, and waits
/// until its REST port closes. Nothing happens when none runs.
fn stop_leftover(config_path: &Path) {
    let Ok(xml) = fs::read_to_string(config_path) else {
        return;
    };
    let Some((address, key)) = config::gui_of(&xml) else {
        return;
    };
    let Ok(addr) = address.parse::<SocketAddr>() else {
        return;
    };
    if !addr.ip().is_loopback() {
        return;
    }
    let port = addr.port();
    let asked = http::request(
        port,
        &key,
        "POST",
        "/rest/system/shutdown",
        None,
        Duration::from_secs(2),
    );
    if !asked.is_ok_and(|r| r.ok()) {
        return;
    }
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        let alive = http::request(
            port,
            &key,
            "GET",
            "/rest/system/ping",
            None,
            Duration::from_millis(500),
        );
        if alive.is_err() {
            // The port is closed; give the process a moment to release its database.
            std::thread::sleep(Duration::from_millis(500));
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn write_config(home: &Path, gui_port: u16, api_key: &str, listen_port: u16) -> Result<()> {
    let path = home.join("config.xml");
    let xml =
        fs::read_to_string(&path).map_err(|e| file_error("Syncthings inställningar", &path, &e))?;
    let gui_address = format!("127.0.0.1:{gui_port}");
    let patched = config::patch(
        &xml,
        &config::Settings {
            gui_address: &gui_address,
            api_key,
            listen_port,
        },
    )
    .map_err(|e| {
        Error::storage(format!(
            "Syncthings inställningsfil {} går inte att läsa ({e}). Flytta undan den så skapas en \
             ny vid nästa start; parade datorer måste då paras igen.",
            path.display()
        ))
    })?;
    let tmp = home.join("config.xml.krisledning-tmp");
    write_private(&tmp, patched.as_bytes())
        .map_err(|e| file_error("Syncthings inställningar", &tmp, &e))?;
    fs::rename(&tmp, &path).map_err(|e| file_error("Syncthings inställningar", &path, &e))?;
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn create_private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| file_error("Syncthings katalog", dir, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| file_error("Syncthings katalog", dir, &e))?;
    }
    Ok(())
}

fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|e| file_error("Sökvägen", path, &e))
}

fn file_error(what: &str, path: &Path, e: &std::io::Error) -> Error {
    Error::storage(format!(
        "{what} ({}) går inte att använda: {}.",
        path.display(),
        crate::error::io_reason(e)
    ))
}

fn free_port() -> Result<u16> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| Error::storage(format!("Ingen ledig port på 127.0.0.1 för Syncthing: {e}.")))
}

fn random_hex(bytes: usize) -> Result<String> {
    let mut b = vec![0u8; bytes];
    getrandom::fill(&mut b)
        .map_err(|e| Error::storage(format!("Slumptal saknas i operativsystemet: {e}.")))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// `HOST:PORT` or `tcp://HOST:PORT` as Syncthing wants it. Only TCP: relays and QUIC are off.
fn peer_address(a: &str) -> Result<String> {
    let full = if a.contains("://") {
        a.to_string()
    } else {
        format!("tcp://{a}")
    };
    let rest = ["tcp://", "tcp4://", "tcp6://"]
        .iter()
        .find_map(|s| full.strip_prefix(s));
    match rest {
        Some(host)
            if !host.is_empty() && !host.contains('/') && !host.contains(char::is_whitespace) =>
        {
            Ok(full)
        }
        _ => Err(Error::invalid(format!(
            "”{a}” är ingen adress som Syncthing kan ringa upp här. Skriv datorns IP-adress och \
             port, t.ex. 192.168.1.20:22000, eller lämna fältet tomt så letas datorn upp på det \
             lokala nätet."
        ))
        .with("address", a)),
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(n)..].join(" | ")
}

/// Where to look, with the last lines of Syncthing's log.
fn log_hint(home: &Path) -> String {
    let path = home.join("syncthing.log");
    let tail = fs::read_to_string(&path)
        .map(|t| last_lines(&t, 5))
        .unwrap_or_default();
    if tail.is_empty() {
        format!("Se Syncthings logg {}.", path.display())
    } else {
        format!("Sista raderna i {}: {tail}", path.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peer_addresses_are_tcp_only() {
        assert_eq!(
            peer_address("10.0.0.5:22000").unwrap(),
            "tcp://10.0.0.5:22000"
        );
        assert_eq!(
            peer_address("tcp://[::1]:22001").unwrap(),
            "tcp://[::1]:22001"
        );
        assert_eq!(peer_address("tcp4://host.lan").unwrap(), "tcp4://host.lan");
        for bad in [
            "relay://x:22067",
            "quic://1.2.3.4:22000",
            "tcp://",
            "tcp://a b",
        ] {
            let e = peer_address(bad).unwrap_err();
            assert!(e.message.contains("ingen adress"), "{bad}");
        }
    }

    #[test]
    fn query_values_are_escaped() {
        assert_eq!(
            crate::text::percent_encoded(b"dev-a/0001.bundle"),
            "dev-a/0001.bundle"
        );
        assert_eq!(
            crate::text::percent_encoded("a b&c=ö".as_bytes()),
            "a%20b%26c%3D%C3%B6"
        );
    }

    #[test]
    fn a_missing_program_says_to_install_it_and_that_usb_still_works() {
        let dir = std::env::temp_dir().join(format!("kris-st-missing-{}", std::process::id()));
        let e = Engine::start_with_binary(
            Path::new("/nonexistent/syncthing"),
            &dir.join("home"),
            &dir.join("folder"),
            22000,
        )
        .unwrap_err();
        assert!(
            e.message.contains("apt-get install syncthing"),
            "{}",
            e.message
        );
        assert!(e.message.contains("USB"), "{}", e.message);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn debug_output_hides_the_api_key() {
        let e = Engine {
            child: None,
            home: PathBuf::from("/h"),
            folder: PathBuf::from("/f"),
            listen_port: 22000,
            gui_port: 40000,
            api_key: "hemlig-nyckel".into(),
            device_id: "X".into(),
        };
        let text = format!("{e:?}");
        assert!(!text.contains("hemlig"), "{text}");
        assert!(text.contains("22000"), "{text}");
    }

    #[test]
    fn port_zero_is_refused() {
        let e = Engine::start(Path::new("/tmp/x"), Path::new("/tmp/y"), 0).unwrap_err();
        assert!(e.message.contains("port"));
    }
}
