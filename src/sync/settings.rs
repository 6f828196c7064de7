//! Where a store exchanges entries: its sync folder, and whether this laptop keeps the folder in
//! step with the staff room's other laptops (live sync through Syncthing). A setting of this
//! computer for one store — the record and each exercise have their own folder — kept beside the
//! device key, never in the record.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncSettings {
    /// The sync folder (a USB stick's folder, or a local folder Syncthing replicates).
    pub folder: Option<String>,
    /// Keep the folder in step over the local network (Syncthing), exchanging as files arrive.
    #[serde(default)]
    pub live: bool,
    /// This laptop's Syncthing device id, written by the app once its engine has started: it goes
    /// on the pairing card, so paired laptops' engines accept it.
    #[serde(default)]
    pub syncthing_id: Option<String>,
}

fn file(store: &Store) -> Result<PathBuf> {
    Ok(crate::device::dir()?.join(format!("synk-{}.json", store.device_id())))
}

impl Store {
    pub fn sync_settings(&self) -> Result<SyncSettings> {
        let path = file(self)?;
        match std::fs::read(&path) {
            Ok(b) if b.len() <= 16 * 1024 => Ok(serde_json::from_slice(&b).unwrap_or_default()),
            _ => Ok(SyncSettings::default()),
        }
    }

    pub fn set_sync_settings(&self, settings: &SyncSettings) -> Result<SyncSettings> {
        let mut settings = settings.clone();
        // The engine's identity is the app's to record, not the window's to change.
        if settings.syncthing_id.is_none() {
            settings.syncthing_id = self.sync_settings()?.syncthing_id;
        }
        if let Some(f) = settings.folder.as_deref().map(str::trim) {
            if f.is_empty() {
                settings.folder = None;
            } else {
                let dir = std::path::Path::new(f);
                std::fs::create_dir_all(dir).map_err(|e| {
                    Error::invalid(format!(
                        "Synkmappen {f} går inte att skapa eller använda ({e}). Välj en mapp du \
                         kan skriva i, t.ex. på USB-minnet."
                    ))
                    .with("field", "folder")
                })?;
                if dir == self.path().parent().unwrap_or(dir) {
                    return Err(Error::invalid(
                        "Välj en egen mapp för synkningen, inte mappen där databasen ligger.",
                    )
                    .with("field", "folder"));
                }
                settings.folder = Some(f.to_string());
            }
        }
        if settings.live && settings.folder.is_none() {
            return Err(
                Error::invalid("Välj en synkmapp innan synkning i nätverket slås på.")
                    .with("field", "folder"),
            );
        }
        let path = file(self)?;
        if let Some(d) = path.parent() {
            std::fs::create_dir_all(d)?;
        }
        super::folder::write_whole(&path, &serde_json::to_vec_pretty(&settings)?)?;
        Ok(settings)
    }
}
