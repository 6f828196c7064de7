//! The exercise clock's timer: it sleeps until the core says the next inject is due (or until a
//! call, a workspace switch or another writer may have changed that), then asks the core to
//! deliver what is due. Delivered injects go to the window (`injects`) and, as a desktop
//! notification, to the participant; with no notification service the window alone shows them.
//! Nothing runs while no exercise is running.

use std::sync::OnceLock;

use krisledning::exercise::queries::DeliveredInject;
use krisledning::session::Session;
use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::Notify;

fn wake_signal() -> &'static Notify {
    static WAKE: OnceLock<Notify> = OnceLock::new();
    WAKE.get_or_init(Notify::new)
}

/// Something may have moved the next due time: a control action, a switch, another writer.
pub fn wake() {
    wake_signal().notify_one();
}

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            let handle = app.clone();
            let next = tauri::async_runtime::spawn_blocking(move || {
                handle
                    .state::<Session>()
                    .with_store(|s| s.exercise_next_due())
            })
            .await;
            let wait = match next {
                Ok(Ok(Some(at))) => Some((at - chrono::Utc::now()).to_std().unwrap_or_default()),
                _ => None,
            };
            match wait {
                Some(d) => {
                    tokio::select! {
                        _ = tokio::time::sleep(d) => {}
                        _ = wake_signal().notified() => {}
                    }
                }
                None => wake_signal().notified().await,
            }
            let handle = app.clone();
            let delivered = tauri::async_runtime::spawn_blocking(move || {
                handle.state::<Session>().with_store(|s| s.exercise_tick())
            })
            .await;
            match delivered {
                Ok(Ok(list)) if !list.is_empty() => {
                    let _ = app.emit("injects", &list);
                    announce(&list);
                }
                // Due but not delivered (another process holds the lock, or the store failed):
                // try again shortly, never in a tight loop.
                _ if wait.is_some_and(|d| d.is_zero()) => {
                    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                }
                _ => {}
            }
        }
    });
}

fn announce(list: &[DeliveredInject]) {
    let english = crate::reminders::ENGLISH.load(std::sync::atomic::Ordering::Relaxed);
    let summary = if english {
        "EXERCISE – inject"
    } else {
        "ÖVNING – inspel"
    };
    for inject in list {
        crate::reminders::notify(summary.to_string(), inject.line());
    }
}
