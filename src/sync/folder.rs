//! The sync folder: one subfolder per laptop, named by its device id, written only by that
//! laptop — its pairing card (`kort.json`) and its chain as bundles (`<from>-<to>.krisbunt`,
//! numbers padded so names sort in chain order). Every laptop reads the others' subfolders and
//! imports what it does not hold. The same folder works on a USB stick carried between laptops and
//! in a folder Syncthing replicates in the staff room: one writer per file, so the engine never
//! has to merge a file, and a file half-copied fails its digest and is read again next time.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::bundle::{self, ExportSince};
use super::card::PairingCard;
use crate::device::Device;
use crate::error::{Error, ErrorCode, Result};
use crate::store::Store;

pub const CARD_FILE: &str = "kort.json";
pub const EXTENSION: &str = "krisbunt";

/// What one exchange with the folder did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExchangeReport {
    pub folder: String,
    /// Entries of this laptop written to the folder now.
    #[ts(type = "number")]
    pub exported: i64,
    /// Entries new here from the other laptops' files.
    #[ts(type = "number")]
    pub imported: i64,
    /// Laptops in the folder nobody here has paired: their cards, to pair with by code.
    pub unpaired: Vec<PairingCard>,
    /// Files that could not be read this time (half-copied, damaged), with why.
    pub skipped: Vec<SkippedFile>,
    #[ts(type = "number")]
    pub open_conflicts: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SkippedFile {
    pub file: String,
    pub reason: String,
}

/// `<from>-<to>` of a bundle file's name.
fn span(name: &str) -> Option<(i64, i64)> {
    let stem = name.strip_suffix(&format!(".{EXTENSION}"))?;
    let (a, b) = stem.split_once('-')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

fn bundles(dir: &Path) -> Vec<(i64, i64, PathBuf)> {
    let mut out: Vec<(i64, i64, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let (a, b) = span(&name)?;
            Some((a, b, e.path()))
        })
        .collect();
    out.sort();
    out
}

/// Writes `data` as `path` so that a reader (or Syncthing) never sees it half-written: a hidden
/// temporary name, synced, then renamed.
pub(crate) fn write_whole(path: &Path, data: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("fil"),
        std::process::id()
    ));
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(data)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn folder_error(dir: &Path, e: &std::io::Error) -> Error {
    Error::storage(format!(
        "Synkmappen {} går inte att använda ({e}). Kontrollera att USB-minnet är anslutet och \
         inte skrivskyddat, eller välj en annan mapp.",
        dir.display()
    ))
    .with("path", dir.display())
}

/// Writes this laptop's new entries and card to the folder: what the others will read.
pub fn publish(store: &Store, device: &Device, dir: &Path) -> Result<i64> {
    let own = dir.join(store.device_id());
    std::fs::create_dir_all(&own).map_err(|e| folder_error(dir, &e))?;
    let card = serde_json::to_vec_pretty(&PairingCard::own(store, device)?)?;
    if std::fs::read(own.join(CARD_FILE)).ok().as_deref() != Some(&card[..]) {
        write_whole(&own.join(CARD_FILE), &card)?;
    }
    let written = bundles(&own).last().map_or(0, |(_, to, _)| *to);
    let (head, _) = store.head()?;
    if head <= written {
        return Ok(0);
    }
    // Only this laptop's own chain: each laptop publishes itself, so every file has one writer.
    let since: ExportSince = [(store.device_id().to_string(), written)]
        .into_iter()
        .collect();
    let Some(data) = bundle::export_own(store, device, &since)? else {
        return Ok(0);
    };
    write_whole(
        &own.join(format!("{:010}-{head:010}.{EXTENSION}", written + 1)),
        &data,
    )?;
    Ok(head - written)
}

/// Reads every other laptop's files and imports what is new. A laptop not paired here is listed
/// with its card, not an error: the folder is shared by the whole staff room.
pub fn collect(store: &mut Store, device: &Device, dir: &Path) -> Result<ExchangeReport> {
    let mut report = ExchangeReport {
        folder: dir.display().to_string(),
        exported: 0,
        imported: 0,
        unpaired: Vec::new(),
        skipped: Vec::new(),
        open_conflicts: 0,
    };
    let entries = std::fs::read_dir(dir).map_err(|e| folder_error(dir, &e))?;
    let mut subdirs: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    subdirs.sort();
    for sub in subdirs {
        let Some(id) = sub.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if id == store.device_id() || uuid::Uuid::parse_str(id).is_err() {
            continue;
        }
        let held: i64 = store.connection().query_row(
            "SELECT coalesce(max(seq), 0) FROM journal WHERE device_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        for (_, to, path) in bundles(&sub) {
            if to <= held {
                continue;
            }
            let name = path.display().to_string();
            let data = match std::fs::read(&path) {
                Ok(d) => d,
                Err(e) => {
                    report.skipped.push(SkippedFile {
                        file: name,
                        reason: e.to_string(),
                    });
                    break;
                }
            };
            match bundle::import(store, device, &data) {
                Ok(r) => report.imported += r.new_entries,
                Err(e) if e.code == ErrorCode::NotPaired => {
                    if let Ok(card) = std::fs::read(sub.join(CARD_FILE))
                        .map_err(Error::from)
                        .and_then(|b| PairingCard::parse(&b))
                    {
                        if card.device_id == id {
                            report.unpaired.push(card);
                        }
                    }
                    break;
                }
                Err(e) => {
                    report.skipped.push(SkippedFile {
                        file: name,
                        reason: e.message,
                    });
                    // A later file continues this one: it waits until this one reads.
                    break;
                }
            }
        }
    }
    report.open_conflicts = super::queries::conflicts(store.connection())?.len() as i64;
    Ok(report)
}

/// Publishes, then collects: one exchange with the folder.
pub fn exchange(store: &mut Store, device: &Device, dir: &Path) -> Result<ExchangeReport> {
    let exported = publish(store, device, dir)?;
    let mut report = collect(store, device, dir)?;
    report.exported = exported;
    Ok(report)
}

/// The cards of every laptop in the folder but this one, for pairing.
pub fn cards(store: &Store, dir: &Path) -> Result<Vec<PairingCard>> {
    let entries = std::fs::read_dir(dir).map_err(|e| folder_error(dir, &e))?;
    let mut out = Vec::new();
    for e in entries.flatten() {
        let p = e.path().join(CARD_FILE);
        if e.file_name().to_str() == Some(store.device_id()) {
            continue;
        }
        if let Ok(card) = std::fs::read(&p)
            .map_err(Error::from)
            .and_then(|b| PairingCard::parse(&b))
        {
            if e.file_name().to_str() == Some(card.device_id.as_str()) {
                out.push(card);
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
