//! Many laptops, one record: pairing laptops by their device keys, bundles that carry chains with
//! proof of who wrote them (a file on a USB stick), a sync folder every laptop writes its own
//! chain into (on a stick, or replicated in the staff room by Syncthing), and the conflicts a
//! merge turns up, resolved by an entry. The store keeps each laptop's chain and folds them in
//! one order (`store::fold`); this slice decides whose chains are let in.

pub mod bundle;
pub mod card;
pub mod commands;
pub mod folder;
pub mod live;
pub mod projection;
pub mod queries;
pub mod settings;

pub use bundle::{BundleReport, ExportSince};
pub use card::PairingCard;
pub use commands::{PairDevice, ResolveConflict, UnpairDevice};
pub use folder::ExchangeReport;
pub use queries::{Conflict, Peer, SyncStatus};
pub use settings::SyncSettings;

use crate::store::{Migration, Slice};

pub const KIND_PAIRED: &str = "device.paired";
pub const KIND_UNPAIRED: &str = "device.unpaired";
pub const KIND_CONFLICT_RESOLVED: &str = "conflict.resolved";

/// A conflict in a closed event is still resolved in its review.
pub const AFTER_CLOSE: &[&str] = &[KIND_CONFLICT_RESOLVED];

pub const SLICE: Slice = Slice {
    name: "sync",
    migrations: &[Migration {
        name: "sync",
        sql: include_str!("schema/0001_sync.sql"),
    }],
    kinds: &[KIND_PAIRED, KIND_UNPAIRED, KIND_CONFLICT_RESOLVED],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};

use std::path::Path;

use crate::device::Device;
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::Store;

/// A bundle written to a file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct BundleExport {
    pub path: String,
    #[ts(type = "number")]
    pub entries: i64,
    pub chains: Vec<bundle::ChainPart>,
}

fn device() -> Result<Device> {
    Device::load_or_create()
}

fn read_file(path: &Path, max: u64, what: &str) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::not_found(format!(
            "Kan inte läsa {what} {} ({e}). Kontrollera sökvägen och att USB-minnet är anslutet.",
            path.display()
        ))
        .with("path", path.display())
    })?;
    if meta.len() > max {
        return Err(Error::invalid(format!(
            "{} är för stor för att vara en {what}.",
            path.display()
        ))
        .with("path", path.display()));
    }
    Ok(std::fs::read(path)?)
}

impl Store {
    /// This laptop's card and code, who is paired, every chain held and the open conflicts.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let card = PairingCard::own(self, &device()?)?;
        Ok(SyncStatus {
            code: card.code(),
            card,
            // Another laptop's entry pairing this one travels here too; it is not a peer.
            peers: queries::peers(self.connection())?
                .into_iter()
                .filter(|p| p.device_id != self.device_id())
                .collect(),
            chains: queries::chains(self.connection(), self.device_id())?,
            conflicts: queries::conflicts_with(self.connection(), Some(self.slices()))?,
        })
    }

    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        queries::conflicts_with(self.connection(), Some(self.slices()))
    }

    pub fn pair_device(&mut self, actor: &Actor, cmd: &PairDevice) -> Result<SyncStatus> {
        let own = PairingCard::own(self, &device()?)?;
        self.write(|tx| commands::pair(tx, actor, &own, cmd))?;
        self.sync_status()
    }

    pub fn unpair_device(&mut self, actor: &Actor, cmd: &UnpairDevice) -> Result<SyncStatus> {
        self.write(|tx| commands::unpair(tx, actor, cmd))?;
        self.sync_status()
    }

    pub fn resolve_conflict(&mut self, actor: &Actor, cmd: &ResolveConflict) -> Result<SyncStatus> {
        self.write(|tx| commands::resolve(tx, actor, cmd))?;
        self.sync_status()
    }

    /// Writes a bundle of every chain this store can prove to `out`, from after what `since` (a
    /// bundle or checkpoint the receiver gave back) says it holds.
    pub fn export_bundle(&self, out: &Path, since: Option<&Path>) -> Result<BundleExport> {
        let since = match since {
            Some(p) => bundle::since_from_file(&read_file(p, bundle::MAX_BUNDLE_BYTES, "filen")?)?,
            None => ExportSince::new(),
        };
        let Some(data) = bundle::export(self, &device()?, &since)? else {
            return Err(Error::conflict(
                "Det finns inga poster efter den angivna punkten: ingen bunt behövs.",
            ));
        };
        let parsed = bundle::parse(&data)?;
        if out.exists() {
            return Err(Error::conflict(format!(
                "{} finns redan. Välj ett nytt filnamn; en bunt skriver aldrig över en fil.",
                out.display()
            ))
            .with("path", out.display()));
        }
        folder::write_whole(out, &data)?;
        Ok(BundleExport {
            path: out.display().to_string(),
            entries: parsed.header.entries,
            chains: parsed.header.chains,
        })
    }

    pub fn import_bundle(&mut self, path: &Path) -> Result<BundleReport> {
        let data = read_file(path, bundle::MAX_BUNDLE_BYTES, "bunten")?;
        self.import_bundle_bytes(&data)
    }

    /// As [`Store::import_bundle`], from the bundle's bytes.
    pub fn import_bundle_bytes(&mut self, data: &[u8]) -> Result<BundleReport> {
        bundle::import(self, &device()?, data)
    }

    /// One exchange with a sync folder (a USB stick, or the folder Syncthing replicates).
    pub fn sync_folder(&mut self, folder: &Path) -> Result<ExchangeReport> {
        folder::exchange(self, &device()?, folder)
    }

    /// The laptops in a sync folder, by their cards, for pairing.
    pub fn folder_cards(&self, folder: &Path) -> Result<Vec<PairingCard>> {
        folder::cards(self, folder)
    }

    /// Writes this laptop's pairing card to `out` (a new file, e.g. on a stick), for the other
    /// laptop to read in; returns the card.
    pub fn write_card(&self, out: &Path) -> Result<PairingCard> {
        let card = PairingCard::own(self, &device()?)?;
        if out.exists() {
            return Err(Error::conflict(format!(
                "{} finns redan. Välj ett nytt filnamn; kortet skriver aldrig över en fil.",
                out.display()
            ))
            .with("path", out.display()));
        }
        folder::write_whole(out, &serde_json::to_vec_pretty(&card)?)?;
        Ok(card)
    }

    /// A pairing card read from a file (on a stick, from the sync folder).
    pub fn read_card(&self, path: &Path) -> Result<PairingCard> {
        PairingCard::parse(&read_file(
            path,
            card::MAX_CARD_BYTES as u64,
            "parningskortet",
        )?)
    }
}
