//! Live update without polling: the kernel tells us when the store's files change (this window,
//! `kris` in a terminal, or later a sync), and the window hears `store-changed` with the new head
//! only when the head really moved. Nothing runs while nobody writes.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use krisledning::session::Session;
use notify::{EventKind, RecursiveMode, Watcher};
use tauri::{AppHandle, Emitter, Manager};

/// A commit touches the WAL several times within milliseconds: one look after the burst.
const SETTLE: Duration = Duration::from_millis(80);

/// The database and its WAL; never `-shm`, which readers write too (watching it would wake us by
/// our own reads).
fn is_store_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name.ends_with(".db") || name.ends_with(".db-wal")
}

pub fn start(app: AppHandle) {
    let Some(dir) = app.state::<Session>().folder() else {
        return;
    };
    std::thread::spawn(move || {
        let (tx, rx) = mpsc::channel();
        let mut watcher = match notify::recommended_watcher(
            move |res: notify::Result<notify::Event>| {
                if let Ok(ev) = res {
                    if matches!(ev.kind, EventKind::Modify(_) | EventKind::Create(_))
                        && ev.paths.iter().any(|p| is_store_file(p))
                    {
                        let _ = tx.send(());
                    }
                }
            },
        ) {
            Ok(w) => w,
            Err(e) => {
                eprintln!("Krisledning: ser inte ändringar från andra program ({e}); fönstret uppdateras när du själv sparar.");
                return;
            }
        };
        if let Err(e) = watcher.watch(&dir, RecursiveMode::Recursive) {
            eprintln!("Krisledning: kan inte bevaka {} ({e}).", dir.display());
            return;
        }
        let mut last = app.state::<Session>().head();
        while rx.recv().is_ok() {
            let settle_until = Instant::now() + SETTLE;
            while rx
                .recv_timeout(settle_until.saturating_duration_since(Instant::now()))
                .is_ok()
            {}
            let head = app.state::<Session>().head();
            if head != last {
                last = head;
                let _ = app.emit("store-changed", head.map(|(_, seq)| seq));
                crate::exercise::wake();
                crate::sync::wake();
            }
        }
    });
}
