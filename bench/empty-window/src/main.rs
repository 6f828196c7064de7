//! An empty Tauri 2 window: the baseline that `make bench-app` measures the app against.

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("empty-window: {e}");
            std::process::exit(1);
        });
}
