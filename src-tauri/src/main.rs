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

fn main() {
    let state = AppState::open_from_env();
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![call])
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
