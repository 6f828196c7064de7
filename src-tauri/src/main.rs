//! The desktop shell. It opens the store, forwards every UI request to the core and shows the
//! window; it holds no business rules.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod reminders;
mod state;

use state::AppState;

/// The one IPC entry point: raw JSON in, `{code, message}` or a result out. See `krisledning::api`.
#[tauri::command]
fn call(
    state: tauri::State<'_, AppState>,
    request: serde_json::Value,
) -> Result<serde_json::Value, krisledning::Error> {
    state.with_store(|store| krisledning::api::call_json(store, &request.to_string()))
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

fn main() {
    START.get_or_init(std::time::Instant::now);
    configure_webkit();
    let state = AppState::open_from_env();
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![call, ui_ready])
        .setup(|app| {
            reminders::start(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Krisledning kunde inte starta fönstret: {e}");
            std::process::exit(1);
        });
}
