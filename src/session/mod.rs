//! The store as a long-running client (the app) holds it: which file is open, the real record or
//! its ÖVNING demo beside it, calls that wait out a store busy in another process, a full check
//! that runs without holding the store, and a close that folds the WAL into the file.
//!
//! Every method may be called from any thread; none should be called on a GUI thread.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::api::{self, Request, WorkspaceKind};
use crate::error::{Error, ErrorCode, Result};
use crate::journal::VerifyReport;
use crate::store::deep::DeepReport;
use crate::store::{Store, Workspace};

mod lock;

pub use lock::LockState;
use lock::{locked_error, Locked};

/// How long a call waits for another process's write lock (a `kris replay` of a million entries
/// takes under a minute) before it gives up and the UI keeps what was typed.
pub const BUSY_PATIENCE: Duration = Duration::from_secs(180);
/// Pause between attempts, with the session unlocked so reads from the window go on.
const BUSY_PAUSE: Duration = Duration::from_millis(250);

/// What the window needs to offer the switch between the record, the demo and the exercises.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkspaceInfo {
    pub current: WorkspaceKind,
    /// The file the window shows now.
    pub current_path: String,
    pub real_path: String,
    pub demo_path: String,
    pub demo_exists: bool,
    /// Where new exercise stores are made.
    pub exercises_dir: String,
    /// The exercise stores there, newest first.
    pub exercises: Vec<crate::workspace::ExerciseFile>,
}

/// The app's Verifiera: the chain, the head seen before, and every projection rebuilt aside.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FullVerifyReport {
    pub chain: VerifyReport,
    /// The chain is shorter than, or differs from, a head this computer saw before.
    pub anchor_warning: Option<String>,
    /// `None` when the chain failed, since a rebuild from a broken chain proves nothing.
    pub deep: Option<DeepReport>,
}

/// What a session tells the window while a call runs.
pub trait Listener: Send + Sync {
    /// `true` when a call starts waiting for another process's lock, `false` when it stops.
    fn busy(&self, waiting: bool);
    /// Entries rebuilt so far in a full check.
    fn progress(&self, done: i64, total: i64);
}

/// A listener for clients that show nothing.
pub struct Silent;

impl Listener for Silent {
    fn busy(&self, _: bool) {}
    fn progress(&self, _: i64, _: i64) {}
}

struct Open {
    store: Result<Store>,
    kind: WorkspaceKind,
    path: PathBuf,
}

pub struct Session {
    real_path: PathBuf,
    open: Mutex<Option<Open>>,
    /// Set while locked: the mode and workspace to show, and reopen on unlock.
    locked: Mutex<Option<lock::Locked>>,
}

/// The demo lives beside the real store, in its own file.
pub fn demo_path(real: &Path) -> PathBuf {
    real.with_file_name("krisledning-ovning-demo.db")
}

/// Opens the store the window starts with. `explicit` is a path the user named (`--db`,
/// `KRIS_DB`): if it does not exist it is an error shown in the window (a USB stick not mounted
/// must not become an empty record). The default path is created empty on first start: the real
/// record never holds invented entries.
pub fn open_real(path: &Path, explicit: bool) -> Result<Store> {
    if path.exists() || explicit {
        return Store::open(path);
    }
    Store::init(path, "Regionen", Workspace::Real)
}

/// Opens an exercise store, refusing a file that is not one: the window must never show the
/// record under an ÖVNING banner, nor write exercise play into it.
pub fn open_exercise(path: &Path) -> Result<Store> {
    // An exercise file may come from a stick or another laptop: checked before anything reads it.
    if path.exists() {
        let problems = crate::store::deep::quick_problems(path)?;
        if !problems.is_empty() {
            return Err(Error::new(
                ErrorCode::NotOurDatabase,
                format!(
                    "{} är skadad ({}). Den öppnas inte; hämta övningen igen.",
                    path.display(),
                    problems.join("; ")
                ),
            )
            .with("path", path.display()));
        }
    }
    let store = Store::open(path)?;
    if store.workspace() != Workspace::Exercise.as_str() {
        return Err(Error::conflict(format!(
            "{} är inte en övningsdatabas och öppnas inte som övning.",
            path.display()
        ))
        .with("path", path.display()));
    }
    Ok(store)
}

/// Opens the demo: the first time, an exercise store made from a shipped scenario, ready to start.
pub fn open_demo(path: &Path) -> Result<Store> {
    if path.exists() {
        let store = open_exercise(path)?;
        if crate::exercise::queries::loaded(store.connection())?.is_some() {
            return Ok(store);
        }
        // A demo from an earlier version (an example event, no scenario): kept, whole, among
        // the exercises, and a new demo made in its place.
        drop(store);
        let kept = crate::workspace::new_path(
            &crate::workspace::folder(path),
            "tidigare-demo",
            chrono::Utc::now(),
        );
        if let Some(dir) = kept.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::rename(path, &kept)?;
    }
    crate::workspace::create(
        path,
        crate::scenario::shipped::DEMO,
        "Region Blekinge (demo)",
        &crate::workspace::control_actor(),
    )
}

impl Session {
    pub fn start(real_path: PathBuf, explicit: bool) -> Session {
        let store = open_real(&real_path, explicit);
        // An encrypted record starts locked: the window shows the lock screen first.
        let locked = match &store {
            Err(e) if e.code == ErrorCode::Locked => Some(Locked {
                mode: None,
                kind: WorkspaceKind::Real,
                path: real_path.clone(),
            }),
            _ => None,
        };
        Session {
            open: Mutex::new(Some(Open {
                store,
                kind: WorkspaceKind::Real,
                path: real_path.clone(),
            })),
            real_path,
            locked: Mutex::new(locked),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Open>> {
        // A panic inside a call poisons the lock but leaves the store consistent: every write is
        // one transaction, rolled back by the unwind.
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A session with no store, for a path that could not even be worked out.
    pub fn failed(e: Error) -> Session {
        Session {
            locked: Mutex::new(None),
            real_path: PathBuf::new(),
            open: Mutex::new(Some(Open {
                store: Err(e),
                kind: WorkspaceKind::Real,
                path: PathBuf::new(),
            })),
        }
    }

    /// Runs `f` once on the open store; a busy store is an error here (see `patiently`).
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        match self.lock().as_mut() {
            None => Err(Error::storage("Krisledning stängs; inget mer sparas.")),
            Some(Open { store: Err(e), .. }) => Err(e.clone()),
            Some(Open { store: Ok(s), .. }) => f(s),
        }
    }

    /// The error the store could not be opened with, if any.
    /// A report file of the open store that the desktop may open (see `reports::files::inside`).
    pub fn report_file(&self, path: &str) -> Result<PathBuf> {
        self.with_store(|s| crate::reports::files::inside(s.path(), Path::new(path)))
    }

    pub fn open_error(&self) -> Option<Error> {
        match self.lock().as_ref()? {
            Open { store: Err(e), .. } => Some(e.clone()),
            _ => None,
        }
    }

    /// Parses and runs one request, waiting out a busy store (see [`BUSY_PATIENCE`]).
    pub fn call_json(&self, raw: &str, listener: &dyn Listener) -> Result<Value> {
        let request = api::parse(raw)?;
        if self.is_locked()
            && !matches!(
                request,
                Request::LockState | Request::Lock | Request::Unlock { .. }
            )
        {
            return Err(locked_error());
        }
        match request {
            Request::LockState => Ok(serde_json::to_value(self.lock_state()?)?),
            Request::Lock => {
                self.lock_now()?;
                Ok(serde_json::to_value(self.lock_state()?)?)
            }
            Request::Unlock { passphrase } => {
                self.unlock(passphrase.expose())?;
                Ok(serde_json::to_value(self.lock_state()?)?)
            }
            Request::SetPassphrase { passphrase } => {
                self.set_passphrase(passphrase.expose())?;
                Ok(serde_json::to_value(self.lock_state()?)?)
            }
            Request::ChangePassphrase { old, new } => {
                crate::vault::change_passphrase(&self.real_path, old.expose(), new.expose())?;
                Ok(serde_json::to_value(self.lock_state()?)?)
            }
            Request::SetIdleLock { minutes } => {
                crate::vault::set_idle_minutes(minutes)?;
                Ok(serde_json::to_value(self.lock_state()?)?)
            }
            Request::Workspace => Ok(serde_json::to_value(self.workspace()?)?),
            Request::OpenWorkspace { kind, path } => {
                self.switch(kind, path.as_deref().map(Path::new))?;
                Ok(serde_json::to_value(self.workspace()?)?)
            }
            Request::CreateExercise { scenario } => {
                let now = self
                    .with_store(|s| Ok(s.now()))
                    .unwrap_or_else(|_| chrono::Utc::now());
                let read = crate::workspace::read_scenario(&scenario)?;
                let dir = crate::workspace::folder(&self.real_path);
                let path = crate::workspace::new_path(&dir, &read.2.id, now);
                let org = self.organisation();
                drop(crate::workspace::create_from(
                    &path,
                    read,
                    &org,
                    &crate::workspace::control_actor(),
                )?);
                self.switch(WorkspaceKind::Exercise, Some(&path))?;
                Ok(serde_json::to_value(self.workspace()?)?)
            }
            Request::ImportExercisePackage { file } => {
                let file = Path::new(&file);
                // Read and checked once: the manifest names the new file, then it is imported.
                let package = crate::workspace::package::read(file)?;
                let dir = crate::workspace::folder(&self.real_path);
                let path = crate::workspace::new_path(
                    &dir,
                    &package.manifest.scenario_id,
                    chrono::Utc::now(),
                );
                drop(crate::workspace::package::import_read(
                    file, package, &path,
                )?);
                self.switch(WorkspaceKind::Exercise, Some(&path))?;
                Ok(serde_json::to_value(self.workspace()?)?)
            }
            Request::FullVerify => Ok(serde_json::to_value(self.full_verify(listener)?)?),
            Request::ListScenarios => Ok(serde_json::to_value(api::scenarios()?)?),
            request => self.patiently(listener, |store| api::call(store, request.clone())),
        }
    }

    /// Runs `f`, and while the store is busy in another process tries again with the session
    /// unlocked in between. A busy error means the transaction never began, so a retry cannot
    /// write anything twice.
    pub fn patiently<T>(
        &self,
        listener: &dyn Listener,
        mut f: impl FnMut(&mut Store) -> Result<T>,
    ) -> Result<T> {
        let deadline = Instant::now() + BUSY_PATIENCE;
        let mut waiting = false;
        let out = loop {
            match self.with_store(&mut f) {
                Err(e) if e.code == ErrorCode::Busy && Instant::now() < deadline => {
                    if !waiting {
                        waiting = true;
                        listener.busy(true);
                    }
                    std::thread::sleep(BUSY_PAUSE);
                }
                other => break other,
            }
        };
        if waiting {
            listener.busy(false);
        }
        out
    }

    pub fn workspace(&self) -> Result<WorkspaceInfo> {
        let demo = demo_path(&self.real_path);
        let (current, current_path) = self
            .lock()
            .as_ref()
            .map_or((WorkspaceKind::Real, self.real_path.clone()), |o| {
                (o.kind, o.path.clone())
            });
        Ok(WorkspaceInfo {
            current,
            current_path: current_path.display().to_string(),
            real_path: self.real_path.display().to_string(),
            demo_exists: demo.exists(),
            demo_path: demo.display().to_string(),
            exercises_dir: crate::workspace::folder(&self.real_path)
                .display()
                .to_string(),
            exercises: crate::workspace::list(&self.real_path),
        })
    }

    /// The organisation of the real record, for naming a new exercise after it.
    fn organisation(&self) -> String {
        Store::open_read_only(&self.real_path)
            .ok()
            .and_then(|s| s.meta("organisation").ok().flatten())
            .unwrap_or_else(|| "Regionen".into())
    }

    /// Closes the open store and opens another. The real store is reopened the way it was
    /// first opened: it exists by then, or its error is shown again.
    pub fn switch(&self, kind: WorkspaceKind, path: Option<&Path>) -> Result<()> {
        let path = match (kind, path) {
            (WorkspaceKind::Real, _) => self.real_path.clone(),
            (WorkspaceKind::Demo, _) => demo_path(&self.real_path),
            (WorkspaceKind::Exercise, Some(p)) => p.to_path_buf(),
            (WorkspaceKind::Exercise, None) => {
                return Err(Error::invalid("Ange vilken övningsdatabas som ska öppnas.")
                    .with("field", "path"))
            }
        };
        if kind != WorkspaceKind::Real && path == self.real_path {
            return Err(Error::conflict(
                "Det är den skarpa databasen; den öppnas aldrig som övning.",
            ));
        }
        let mut guard = self.lock();
        if guard
            .as_ref()
            .is_some_and(|o| o.kind == kind && o.path == path && o.store.is_ok())
        {
            return Ok(());
        }
        // Close first: the files are separate, but one open store at a time keeps the window
        // from ever writing into the one it does not show.
        *guard = None;
        let store = match kind {
            WorkspaceKind::Real => open_real(&self.real_path, true),
            WorkspaceKind::Demo => open_demo(&path),
            WorkspaceKind::Exercise => open_exercise(&path),
        };
        let failed = store.as_ref().err().cloned();
        *guard = Some(Open { store, kind, path });
        match failed {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Chain and anchor under the lock (about a second at a million entries), then the rebuild
    /// with the session unlocked: it reads the file through its own connection, so the window
    /// can go on writing while it runs.
    pub fn full_verify(&self, listener: &dyn Listener) -> Result<FullVerifyReport> {
        let (chain, anchor_warning, path, slices) = self.patiently(listener, |store| {
            Ok((
                store.verify()?,
                store.anchor_warning().map(|e| e.message.clone()),
                store.path().to_path_buf(),
                store.slices(),
            ))
        })?;
        let deep = if chain.failure.is_none() {
            Some(crate::store::deep::deep_verify(
                &path,
                slices,
                &mut |done, total| listener.progress(done, total),
            )?)
        } else {
            None
        };
        Ok(FullVerifyReport {
            chain,
            anchor_warning,
            deep,
        })
    }

    /// The folder the record, its demo and the exercises folder live in: where a watcher sees
    /// other writers.
    pub fn folder(&self) -> Option<PathBuf> {
        self.real_path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
    }

    /// Which store is open and its newest entry: when this moves, what the window shows is old.
    pub fn head(&self) -> Option<(WorkspaceKind, i64)> {
        let guard = self.lock();
        let open = guard.as_ref()?;
        let seq = open.store.as_ref().ok()?.head_seq().ok()?;
        Some((open.kind, seq))
    }

    /// Closes the store: the checkpointer stops, the writer closes last and SQLite folds the WAL
    /// into the file, so a copy of the `.db` alone holds every committed entry.
    pub fn close(&self) {
        *self.lock() = None;
        crate::reports::files::forget_views();
    }
}
