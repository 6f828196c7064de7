//! Live sync in the staff room: the sync folder kept in step with the paired laptops by a
//! Syncthing engine this laptop runs. The engine talks only to laptops paired in the record (by
//! the Syncthing id on their pairing card), so pairing is done once, in Krisledning; the app
//! only holds the engine and calls `reconcile` and `exchange`.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::store::Store;
use crate::syncthing::Engine;

/// Syncthing's own port; a laptop whose port is taken is told so when live sync starts.
pub const LISTEN_PORT: u16 = 22000;

/// The engine's home (identity, configuration, log) for this store: one per store, beside the
/// device key, so an exercise's engine never shares the record's folder.
pub fn engine_home(store: &Store) -> Result<PathBuf> {
    Ok(crate::device::dir()?
        .join("syncthing")
        .join(store.device_id()))
}

/// Starts the engine for `folder` and records its id in the store's settings, so the pairing
/// card carries it.
pub fn start(store: &Store, folder: &Path) -> Result<Engine> {
    let engine = Engine::start(&engine_home(store)?, folder, LISTEN_PORT)?;
    let mut settings = store.sync_settings()?;
    if settings.syncthing_id.as_deref() != Some(engine.device_id().as_str()) {
        settings.syncthing_id = Some(engine.device_id());
        store.set_sync_settings(&settings)?;
    }
    Ok(engine)
}

/// Shares the folder with exactly the laptops paired here that run live sync, and with no one
/// else: a pairing ended in the record ends it in the engine too.
pub fn reconcile(store: &Store, engine: &Engine) -> Result<()> {
    let peers = super::queries::peers(store.connection())?;
    let known: Vec<String> = engine
        .peers_status()?
        .into_iter()
        .map(|p| p.device_id)
        .collect();
    for p in &peers {
        let Some(id) = p.syncthing_id.as_deref() else {
            continue;
        };
        let id = crate::syncthing::device_id::normalize(id)?;
        if p.active && !known.contains(&id) {
            engine.add_peer(&id, &p.name, None)?;
        } else if !p.active && known.contains(&id) {
            engine.remove_peer(&id)?;
        }
    }
    Ok(())
}

/// Publishes this laptop's new entries, tells the engine at once (instead of waiting for its
/// watcher), and reads what the others wrote.
pub fn exchange(
    store: &mut Store,
    engine: Option<&Engine>,
    folder: &Path,
) -> Result<super::ExchangeReport> {
    let report = store.sync_folder(folder)?;
    if let Some(e) = engine {
        if report.exported > 0 {
            e.scan(Some(store.device_id()))?;
        }
    }
    Ok(report)
}
