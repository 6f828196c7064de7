//! Live sync: an exchange with the open store's sync folder whenever this laptop writes (the
//! store's head moves) or a file arrives in the folder (from Syncthing, or a stick), and the
//! Syncthing engine kept running while live sync is on. Event-driven like `watch`: nothing runs
//! while nobody writes. What to publish, import and share is the core's (`krisledning::sync`).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use krisledning::session::Session;
use krisledning::sync::live;
use krisledning::syncthing::Engine;
use notify::{EventKind, RecursiveMode, Watcher};
use tauri::{AppHandle, Emitter, Manager};

/// Files arrive in bursts (a bundle and a card, Syncthing's temp then the rename): one exchange
/// after the burst.
const SETTLE: Duration = Duration::from_millis(300);

static WAKE: OnceLock<Mutex<Sender<()>>> = OnceLock::new();

/// Asks for an exchange: after a write here, a pairing, a change of the sync settings.
pub fn wake() {
    if let Some(tx) = WAKE.get() {
        let _ = tx.lock().map(|tx| tx.send(()));
    }
}

/// A bundle or card finished arriving; never our own temporary names or Syncthing's.
fn is_sync_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    !name.starts_with('.') && (name.ends_with(".krisbunt") || name == "kort.json")
}

struct Live {
    folder: PathBuf,
    _watcher: notify::RecommendedWatcher,
    engine: Option<Engine>,
}

pub fn start(app: AppHandle) {
    let (tx, rx) = mpsc::channel::<()>();
    let _ = WAKE.set(Mutex::new(tx.clone()));
    std::thread::spawn(move || {
        let mut live: Option<Live> = None;
        // The first look: the folder may hold what others wrote while this laptop was off.
        let _ = tx.send(());
        while rx.recv().is_ok() {
            let settle_until = Instant::now() + SETTLE;
            while rx
                .recv_timeout(settle_until.saturating_duration_since(Instant::now()))
                .is_ok()
            {}
            let session = app.state::<Session>();
            let settings = match session.with_store(|s| s.sync_settings()) {
                Ok(s) => s,
                // Locked, or no store open: nothing to exchange until there is.
                Err(_) => continue,
            };
            let Some(folder) = settings.folder.map(PathBuf::from) else {
                live = None;
                continue;
            };
            if live.as_ref().is_none_or(|l| l.folder != folder) {
                live = watch(&folder, tx.clone()).map(|w| Live {
                    folder: folder.clone(),
                    _watcher: w,
                    engine: None,
                });
            }
            let Some(l) = live.as_mut() else { continue };
            if settings.live && l.engine.is_none() {
                match session.with_store(|s| live::start(s, &folder)) {
                    Ok(e) => l.engine = Some(e),
                    Err(e) => {
                        let _ = app.emit("sync-error", &e);
                    }
                }
            } else if !settings.live {
                l.engine = None;
            }
            let engine = l.engine.as_ref();
            let done = session.with_store(|s| {
                if let Some(e) = engine {
                    live::reconcile(s, e)?;
                }
                live::exchange(s, engine, &folder)
            });
            match done {
                Ok(report) => {
                    let _ = app.emit("sync-report", &report);
                }
                Err(e) => {
                    let _ = app.emit("sync-error", &e);
                }
            }
        }
    });
}

fn watch(folder: &Path, tx: Sender<()>) -> Option<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            if matches!(ev.kind, EventKind::Create(_) | EventKind::Modify(_))
                && ev.paths.iter().any(|p| is_sync_file(p))
            {
                let _ = tx.send(());
            }
        }
    })
    .map_err(|e| eprintln!("Krisledning: synkmappen bevakas inte ({e})."))
    .ok()?;
    watcher
        .watch(folder, RecursiveMode::Recursive)
        .map_err(|e| eprintln!("Krisledning: kan inte bevaka {} ({e}).", folder.display()))
        .ok()?;
    Some(watcher)
}
