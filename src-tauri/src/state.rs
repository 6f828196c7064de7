use std::path::PathBuf;
use std::sync::Mutex;

use krisledning::{Error, ErrorCode, Result, Store, Workspace};

/// The open store, or the reason it could not be opened. A foreign or corrupt file must not stop
/// the window from opening: the UI shows the reason in Swedish and the file is left untouched.
pub struct AppState {
    store: Mutex<std::result::Result<Store, Error>>,
}

fn db_path() -> Result<PathBuf> {
    let mut args = std::env::args();
    args.next(); // the program's own name
    while let Some(a) = args.next() {
        if a == "--db" {
            if let Some(p) = args.next() {
                return Ok(PathBuf::from(p));
            }
        } else if let Some(p) = a.strip_prefix("--db=") {
            return Ok(PathBuf::from(p));
        }
    }
    match std::env::var_os("KRIS_DB") {
        Some(p) if !p.is_empty() => Ok(PathBuf::from(p)),
        _ => krisledning::store::default_path(),
    }
}

/// First start: create the store and fill it with a demo event so the screen is never empty.
fn open_or_create(path: PathBuf) -> Result<Store> {
    if path.exists() {
        return Store::open(&path);
    }
    let mut store = Store::init(&path, "Region Blekinge", Workspace::Real)?;
    if std::env::var_os("KRIS_NO_DEMO").is_none() {
        krisledning::demo::seed(&mut store)?;
    }
    Ok(store)
}

impl AppState {
    pub fn open_from_env() -> Self {
        let store = db_path().and_then(open_or_create);
        if let Err(e) = &store {
            eprintln!("Krisledning: {}", e.message);
        }
        AppState {
            store: Mutex::new(store),
        }
    }

    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self
            .store
            .lock()
            .map_err(|_| Error::new(ErrorCode::Storage, "Internt fel: starta om Krisledning."))?;
        match guard.as_mut() {
            Ok(store) => f(store),
            Err(e) => Err(e.clone()),
        }
    }
}
