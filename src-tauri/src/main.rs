//! The desktop shell. It opens the session, forwards every UI request to the core off the GUI
//! thread and shows the window; it holds no business rules.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod backups;
mod exercise;
mod reminders;
mod state;
mod sync;
mod watch;

use krisledning::session::{Listener, Session};
use tauri::{AppHandle, Emitter, Manager, RunEvent};

/// Tells the window what a running call is doing: waiting for another process's lock, or how
/// far a full check has come.
struct Window(AppHandle);

impl Listener for Window {
    fn busy(&self, waiting: bool) {
        let _ = self.0.emit("store-busy", waiting);
    }
    fn progress(&self, done: i64, total: i64) {
        let _ = self.0.emit("verify-progress", (done, total));
    }
}

/// The one IPC entry point: raw JSON in, `{code, message}` or a result out. See
/// `krisledning::api` and `krisledning::session`. Async, and the work on the blocking pool: a
/// long verify or a wait for a lock held by `kris replay` never freezes the window.
#[tauri::command]
async fn call(
    app: AppHandle,
    request: serde_json::Value,
) -> Result<serde_json::Value, krisledning::Error> {
    let raw = request.to_string();
    let request_kind = request;
    let out = tauri::async_runtime::spawn_blocking(move || {
        app.state::<Session>().call_json(&raw, &Window(app.clone()))
    })
    .await
    .map_err(|e| krisledning::Error::storage(format!("Internt fel i anropet: {e}")))?;
    // A control action, a switch or an entry a "met" trigger waits for may change what is due.
    exercise::wake();
    // A new sync folder or live sync switched on takes effect now (writes wake it through the
    // store's watcher).
    if request_kind.get("command").and_then(|c| c.as_str()) == Some("set_sync_settings") {
        sync::wake();
    }
    out
}

/// Start-up benchmark marker: with `KRIS_BENCH_READY` set, prints how long after process start
/// the event list was on screen (`make bench-app` reads the line).
#[tauri::command]
fn ui_ready() {
    if std::env::var_os("KRIS_BENCH_READY").is_some() {
        println!(
            "KRIS_READY {}",
            START.get().map_or(0, |t| t.elapsed().as_millis())
        );
    }
}

/// Opens an issued report or a printout in the desktop's PDF viewer (or spreadsheet, for CSV),
/// where it is printed. Only files the store made; the viewer runs on its own.
#[tauri::command]
fn open_file(app: AppHandle, path: String) -> Result<(), krisledning::Error> {
    let file = app.state::<Session>().report_file(&path)?;
    open::that_detached(&file).map_err(|e| {
        krisledning::Error::storage(format!(
            "Det finns inget program för att visa {} på den här datorn ({e}). Filen ligger kvar där.",
            file.display()
        ))
        .with("path", file.display())
        .with("viewer_error", &e)
    })
}

/// The window says which language it shows, so desktop notifications use it too.
#[tauri::command]
fn set_language(lang: String) {
    reminders::ENGLISH.store(lang == "en", std::sync::atomic::Ordering::Relaxed);
}

static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// JavaScriptCore's JIT costs about 8 MB in the web process (`make bench-app`) and buys nothing
/// a UI of forms and lists needs: the interpreter draws the event list well within the start-up
/// target. Without it there is also no JIT for crafted content to attack. `JSC_useJIT=true`
/// turns it back on. Set before any thread starts, and inherited by the WebKit processes.
fn configure_webkit() {
    if std::env::var_os("JSC_useJIT").is_none() {
        std::env::set_var("JSC_useJIT", "false");
    }
}

/// A logout, a shutdown or Ctrl+C in the terminal of `make run` ends the app the way closing the
/// window does, so the store is closed and its WAL folded into the file: without this, the
/// signal's default action ends the process on the spot.
fn exit_on_signal(app: AppHandle) {
    use tokio::signal::unix::{signal, SignalKind};
    tauri::async_runtime::spawn(async move {
        let (Ok(mut term), Ok(mut int), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
            signal(SignalKind::hangup()),
        ) else {
            eprintln!("Krisledning: kunde inte lyssna på avslutningssignaler.");
            return;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
            _ = hup.recv() => {}
        }
        app.exit(0);
    });
}

fn main() {
    START.get_or_init(std::time::Instant::now);
    configure_webkit();
    let app = tauri::Builder::default()
        .manage(state::start())
        .invoke_handler(tauri::generate_handler![
            call,
            ui_ready,
            set_language,
            open_file
        ])
        .setup(|app| {
            reminders::start(app.handle().clone());
            exit_on_signal(app.handle().clone());
            watch::start(app.handle().clone());
            exercise::start(app.handle().clone());
            backups::start(app.handle().clone());
            sync::start(app.handle().clone());
            Ok(())
        })
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Krisledning kunde inte starta fönstret: {e}");
            std::process::exit(1);
        });
    app.run(|app, event| {
        // Tauri ends the process after this: close the store here, so its WAL is folded into
        // the file and a copy of the .db alone holds every decision.
        if let RunEvent::Exit = event {
            app.state::<Session>().close();
        }
    });
}
