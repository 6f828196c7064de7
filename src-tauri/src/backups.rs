//! Hourly backups of the record while the app runs: checked and signed by the core
//! (`krisledning::backup`) into `sakerhetskopior/` beside the store. Exercise stores are not
//! backed up on the clock, nor a locked record. A failure (a full disk, a stick pulled out) is logged and tried again
//! next hour; the window's Säkerhetskopiera does the same on demand.

use std::time::Duration;

use krisledning::session::Session;
use tauri::{AppHandle, Emitter, Manager};

const EVERY: Duration = Duration::from_secs(3600);

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut interval = tokio::time::interval(EVERY);
        // The first tick is at once: skip it, the store was just opened.
        interval.tick().await;
        loop {
            interval.tick().await;
            let handle = app.clone();
            let made = tauri::async_runtime::spawn_blocking(move || {
                handle.state::<Session>().with_store(|s| {
                    if s.workspace() != "real" {
                        return Ok(None);
                    }
                    let device = krisledning::device::Device::load_or_create()?;
                    let dir = krisledning::backup::default_dir(s.path());
                    krisledning::backup::backup(s, &dir, &device).map(Some)
                })
            })
            .await;
            match made {
                Ok(Ok(Some(info))) => {
                    let _ = app.emit("backup-made", &info);
                }
                // Locked: the key is gone on purpose; the next hour after unlocking backs up.
                Ok(Err(e)) if e.code == krisledning::ErrorCode::Locked => {}
                Ok(Err(e)) => eprintln!(
                    "Krisledning: säkerhetskopian kunde inte göras: {}",
                    e.message
                ),
                _ => {}
            }
        }
    });
}
