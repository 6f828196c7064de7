//! The exercise package (`.kovn`): one tar file holding the scenario as written, the played
//! exercise's whole journal and the reports issued from it, with a manifest naming the SHA-256 of
//! each. Importing checks every member against the manifest, every entry's hash and link, and the
//! scenario against the hash the journal recorded, before a new exercise store is made from it —
//! beside its final name, renamed only when complete.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{remove_db, sibling};
use crate::error::{Error, Result};
use crate::exercise::commands::CreatedBody;
use crate::journal::Entry;
use crate::reports::files::{self, sha256_hex};
use crate::store::{CopyOf, Store, Workspace};

pub const FORMAT: &str = "krisledning/ovningspaket/1";
/// A played exercise is thousands of entries and a few reports; more is not one.
pub const MAX_PACKAGE_BYTES: usize = 256 * 1024 * 1024;

const MANIFEST: &str = "manifest.json";
const SCENARIO: &str = "scenario.toml";
const JOURNAL: &str = "journal.jsonl";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub organisation: String,
    pub title: String,
    pub scenario_id: String,
    pub scenario_sha256: String,
    pub exported_at: String,
    #[ts(type = "number")]
    pub entries: i64,
    pub head_hash: String,
    pub members: Vec<Member>,
}

fn bad(pkg: &Path, why: &str) -> Error {
    Error::invalid(format!(
        "{} är inget giltigt övningspaket: {why}. Inget importerades; be om en ny kopia av paketet.",
        pkg.display()
    ))
    .with("path", pkg.display())
    .with("reason", why)
}

/// The exercise's scenario entry: what it was created from.
fn created(store: &Store) -> Result<CreatedBody> {
    let ex = crate::exercise::queries::require(store.connection())?;
    let body: String =
        store
            .connection()
            .query_row("SELECT body FROM entries WHERE pos = ?1", [ex.seq], |r| {
                r.get(0)
            })?;
    Ok(serde_json::from_str(&body)?)
}

/// Writes the open exercise store as a package to `out`.
pub fn export(store: &Store, out: &Path) -> Result<Manifest> {
    if store.workspace() != Workspace::Exercise.as_str() {
        return Err(Error::conflict(
            "Bara en övningsdatabas kan packas som övningspaket; den skarpa databasen exporteras med `kris export`.",
        ));
    }
    if out.exists() {
        return Err(Error::conflict(format!(
            "{} finns redan; välj ett nytt filnamn för paketet.",
            out.display()
        ))
        .with("path", out.display()));
    }
    let (manifest, members) = store.snapshot(|s| {
        let created = created(s)?;
        let mut journal = Vec::new();
        let mut entries = 0;
        let mut head = crate::journal::GENESIS_HASH.to_string();
        s.journal_entries(None, |e| {
            serde_json::to_writer(&mut journal, &e)?;
            journal.push(b'\n');
            entries += 1;
            head = e.hash;
            Ok(())
        })?;
        let mut members: Vec<(String, Vec<u8>)> = vec![
            (SCENARIO.into(), created.source.into_bytes()),
            (JOURNAL.into(), journal),
        ];
        for event in s.list_events()? {
            for r in crate::reports::queries::list(s.connection(), &event.id)? {
                let kinds = [
                    (Some(r.pdf_sha256.clone()), "pdf"),
                    (r.md_sha256.clone(), "md"),
                    (r.json_sha256.clone(), "json"),
                ];
                for (sha, ext) in kinds {
                    let Some(sha) = sha else { continue };
                    let path = files::checked(s.path(), &sha, ext, &r.title)?;
                    members.push((format!("rapporter/{sha}.{ext}"), std::fs::read(path)?));
                }
            }
        }
        let manifest = Manifest {
            format: FORMAT.into(),
            organisation: s.meta("organisation")?.unwrap_or_default(),
            title: created.scenario.title.clone(),
            scenario_id: created.scenario.id.clone(),
            scenario_sha256: created.sha256.clone(),
            exported_at: crate::time::format(&s.now()),
            entries,
            head_hash: head,
            members: members
                .iter()
                .map(|(name, bytes)| Member {
                    name: name.clone(),
                    sha256: sha256_hex(bytes),
                    bytes: bytes.len() as u64,
                })
                .collect(),
        };
        Ok((manifest, members))
    })?;
    let mut tar = tar::Builder::new(Vec::new());
    let mut add = |name: &str, bytes: &[u8]| -> Result<()> {
        let mut h = tar::Header::new_ustar();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_entry_type(tar::EntryType::Regular);
        h.set_cksum();
        tar.append_data(&mut h, name, bytes)?;
        Ok(())
    };
    add(MANIFEST, &serde_json::to_vec_pretty(&manifest)?)?;
    for (name, bytes) in &members {
        add(name, bytes)?;
    }
    let bytes = tar.into_inner()?;
    let dir = out.parent().filter(|d| !d.as_os_str().is_empty());
    let name = out
        .file_name()
        .ok_or_else(|| Error::invalid(format!("{} är ingen filsökväg.", out.display())))?;
    files::put_named(
        dir.unwrap_or(Path::new(".")),
        &name.to_string_lossy(),
        &bytes,
    )?;
    Ok(manifest)
}

/// A package as read and checked, before anything is written from it.
pub struct Package {
    pub manifest: Manifest,
    pub entries: Vec<Entry>,
    /// Every member but the manifest, by name.
    pub members: BTreeMap<String, Vec<u8>>,
}

/// Reads and checks a package without writing anything: members against the manifest, the
/// journal's chain, the scenario against the journal's record of it.
pub fn read(pkg: &Path) -> Result<Package> {
    let bytes = crate::import::read_bounded(pkg, MAX_PACKAGE_BYTES)?;
    let mut archive = tar::Archive::new(bytes.as_slice());
    let mut members: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let entries = archive
        .entries()
        .map_err(|_| bad(pkg, "filen är ingen tar-fil"))?;
    for entry in entries {
        let mut entry = entry.map_err(|_| bad(pkg, "filen är avkortad eller skadad"))?;
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(bad(pkg, "paketet innehåller något annat än vanliga filer"));
        }
        let name = entry
            .path()
            .map_err(|_| bad(pkg, "ett filnamn går inte att läsa"))?
            .to_string_lossy()
            .into_owned();
        let allowed = matches!(name.as_str(), MANIFEST | SCENARIO | JOURNAL)
            || name
                .strip_prefix("rapporter/")
                .and_then(|f| f.split_once('.'))
                .is_some_and(|(sha, ext)| {
                    sha.len() == 64
                        && sha.bytes().all(|b| b.is_ascii_hexdigit())
                        && matches!(ext, "pdf" | "md" | "json")
                });
        if !allowed {
            return Err(bad(
                pkg,
                &format!("okänd fil i paketet: {}", crate::text::preview(&name)),
            ));
        }
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .map_err(|_| bad(pkg, "filen är avkortad eller skadad"))?;
        if members.insert(name.clone(), data).is_some() {
            return Err(bad(pkg, &format!("{name} finns två gånger")));
        }
    }
    let manifest: Manifest = members
        .remove(MANIFEST)
        .ok_or_else(|| bad(pkg, "manifest.json saknas"))
        .and_then(|m| {
            serde_json::from_slice(&m).map_err(|e| bad(pkg, &format!("manifest.json: {e}")))
        })?;
    if manifest.format != FORMAT {
        return Err(bad(pkg, &format!("formatet är inte {FORMAT}")));
    }
    if manifest.members.len() != members.len() {
        return Err(bad(pkg, "filerna stämmer inte med manifestet"));
    }
    for m in &manifest.members {
        let data = members
            .get(&m.name)
            .ok_or_else(|| bad(pkg, &format!("{} saknas", crate::text::preview(&m.name))))?;
        if data.len() as u64 != m.bytes || sha256_hex(data) != m.sha256 {
            return Err(bad(
                pkg,
                &format!("{} har ändrats (SHA-256 stämmer inte)", m.name),
            ));
        }
        if let Some(sha) = m
            .name
            .strip_prefix("rapporter/")
            .and_then(|f| f.split('.').next())
        {
            if sha != m.sha256 {
                return Err(bad(pkg, &format!("{} bär fel namn", m.name)));
            }
        }
    }
    let journal = members
        .get(JOURNAL)
        .ok_or_else(|| bad(pkg, "journal.jsonl saknas"))?;
    let mut entries = Vec::new();
    for (i, line) in journal.split(|b| *b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let e: Entry = serde_json::from_slice(line)
            .map_err(|e| bad(pkg, &format!("journal.jsonl rad {}: {e}", i + 1)))?;
        entries.push(e);
    }
    // Each laptop's chain in its own order (an exercise run on several laptops holds several).
    let mut heads: std::collections::HashMap<&str, (i64, &str)> = std::collections::HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let (seq, prev) = heads
            .get(e.device_id.as_str())
            .copied()
            .unwrap_or((0, crate::journal::GENESIS_HASH));
        if e.seq != seq + 1 || e.prev_hash != prev || e.computed_hash()? != e.hash {
            return Err(bad(
                pkg,
                &format!(
                    "journalen bryts vid rad {} (löpnummer, länk eller hash)",
                    i + 1
                ),
            ));
        }
        heads.insert(&e.device_id, (e.seq, &e.hash));
    }
    if entries.len() as i64 != manifest.entries
        || entries.last().map(|e| e.hash.as_str()) != Some(manifest.head_hash.as_str())
    {
        return Err(bad(
            pkg,
            "journalens längd eller sista hash stämmer inte med manifestet",
        ));
    }
    let first = entries
        .iter()
        .find(|e| e.kind == crate::exercise::KIND_CREATED)
        .ok_or_else(|| bad(pkg, "journalen har ingen övning"))?;
    let created: CreatedBody = serde_json::from_value(first.body.clone())
        .map_err(|_| bad(pkg, "övningens scenariopost går inte att läsa"))?;
    let scenario = members
        .get(SCENARIO)
        .ok_or_else(|| bad(pkg, "scenario.toml saknas"))?;
    if sha256_hex(scenario) != created.sha256
        || created.sha256 != manifest.scenario_sha256
        || scenario.as_slice() != created.source.as_bytes()
    {
        return Err(bad(pkg, "scenariot är inte det som övningen spelades från"));
    }
    Ok(Package {
        manifest,
        entries,
        members,
    })
}

/// Makes a new exercise store at `out` from a package, after checking all of it.
pub fn import(pkg: &Path, out: &Path) -> Result<(Manifest, Store)> {
    import_read(pkg, read(pkg)?, out)
}

/// As [`import`], from a package already read and checked with [`read`] (`pkg` names it in
/// errors).
pub fn import_read(pkg: &Path, package: Package, out: &Path) -> Result<(Manifest, Store)> {
    if out.exists() {
        return Err(Error::conflict(format!(
            "{} finns redan; ett paket importeras alltid till en ny databasfil.",
            out.display()
        ))
        .with("path", out.display()));
    }
    let Package {
        manifest,
        entries,
        members,
    } = package;
    let tmp = sibling(out, "importeras");
    let made = (|| {
        let copy = entries.first().map(|e| CopyOf {
            device: &e.device_id,
            head: &manifest.head_hash,
        });
        let mut store = Store::init_as(
            &tmp,
            &manifest.organisation,
            Workspace::Exercise,
            &crate::slices::ALL,
            copy,
        )?;
        store.write(|tx| tx.adopt_all(&entries))?;
        let report = store.verify()?;
        if let Some(f) = report.failure {
            return Err(bad(pkg, &f.reason));
        }
        drop(store);
        std::fs::rename(&tmp, out)?;
        for (name, data) in &members {
            if let Some((sha, ext)) = name
                .strip_prefix("rapporter/")
                .and_then(|f| f.split_once('.'))
            {
                files::put_named(&files::folder(out), &format!("{sha}.{ext}"), data)?;
            }
        }
        Store::open(out)
    })();
    if made.is_err() {
        remove_db(&tmp);
    }
    Ok((manifest, made?))
}
