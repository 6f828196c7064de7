//! Reminder timer: every tick it asks the core what is due, emits the list to the window (the
//! in-app list and badge work without any notification service), and shows a desktop notification
//! for what has newly fallen due. With no session bus, notify-rust fails at once; that is logged
//! and ignored, never a crash.

use std::collections::HashSet;
use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};

use krisledning::session::Session;

const TICK: Duration = Duration::from_secs(20);

/// The window's language, for the words of desktop notifications; set by the window.
pub static ENGLISH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
/// The in-app list also shows what falls due within this horizon.
const HORIZON_MINUTES: i64 = 120;

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut notified: HashSet<String> = HashSet::new();
        let mut interval = tokio::time::interval(TICK);
        loop {
            interval.tick().await;
            // On the blocking pool, never on the runtime's own threads; a busy store skips a tick.
            let handle = app.clone();
            let list = tauri::async_runtime::spawn_blocking(move || {
                handle
                    .state::<Session>()
                    .with_store(|s| s.reminders(chrono::Duration::minutes(HORIZON_MINUTES)))
            })
            .await;
            let Ok(Ok(list)) = list else {
                continue;
            };
            let _ = app.emit("reminders", &list);
            let newly = krisledning::reminders::newly_due(&list, &notified);
            let english = ENGLISH.load(std::sync::atomic::Ordering::Relaxed);
            for (summary, body) in krisledning::reminders::notifications(&newly, english) {
                notify(summary, body);
            }
            notified.extend(list.iter().filter(|r| r.overdue).map(|r| r.key.clone()));
        }
    });
}

pub fn notify(summary: String, body: String) {
    // D-Bus calls can block; keep them off the runtime's threads.
    std::thread::spawn(move || {
        if let Err(e) = notify_rust::Notification::new()
            .summary(&summary)
            .body(&body)
            .appname("Krisledning")
            .show()
        {
            eprintln!("Krisledning: skrivbordsnotis kunde inte visas ({e}); påminnelsen finns i appens lista.");
        }
    });
}
