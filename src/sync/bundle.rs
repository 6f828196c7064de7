//! Bundles: one file that carries chains from one laptop to another (a USB stick between sites,
//! the sync folder in the staff room). Format (docs/bundle-format.md):
//!
//! ```text
//! KRISLEDNING-BUNT 1
//! {header: created_at, from (the exporter's pairing card), chains [{device_id, from_seq,
//!  to_seq, seal}], entries}
//! {entry} …                       each chain's entries in its own order, chains as listed
//! {"entries": N, "sha256": "…"}   SHA-256 of every byte above this line
//! — name base64(keyhash ‖ signature)   the exporter's signature over that digest
//! ```
//!
//! Each chain's `seal` is a checkpoint (docs/checkpoint-format.md) of its last entry signed by the
//! laptop that wrote the chain, so a laptop can pass on entries it did not write and the receiver
//! still knows who wrote them. Import checks everything — the file's digest and signature, each
//! chain's seal, numbers, links and hashes, organisation, workspace and exercise — inside one write
//! transaction, and writes nothing unless all of it holds. Entries already held are skipped, so
//! importing a bundle twice changes nothing.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::card::PairingCard;
use super::queries;
use crate::device::{Device, Verifier};
use crate::error::{Error, ErrorCode, Result};
use crate::journal::Entry;
use crate::store::{Store, Tx};

pub const MAGIC: &str = "KRISLEDNING-BUNT 1";
/// Larger than any record a staff writes in years (1 M entries is about 600 MB).
pub const MAX_BUNDLE_BYTES: u64 = 2 << 30;
const SIGNED_PREFIX: &str = "krisledning-bunt\n";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ChainPart {
    pub device_id: String,
    #[ts(type = "number")]
    pub from_seq: i64,
    #[ts(type = "number")]
    pub to_seq: i64,
    /// Checkpoint of entry `to_seq`, signed by the laptop that wrote the chain.
    pub seal: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub created_at: String,
    pub from: PairingCard,
    pub chains: Vec<ChainPart>,
    #[ts(type = "number")]
    pub entries: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Footer {
    entries: i64,
    sha256: String,
}

/// Where each chain of an export starts: after these numbers (device id → seq already held by the
/// receiver). Empty exports everything.
pub type ExportSince = BTreeMap<String, i64>;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BundleReport {
    /// The laptop that made the bundle.
    pub from: String,
    pub created_at: String,
    #[ts(type = "number")]
    pub new_entries: i64,
    pub chains: Vec<ChainResult>,
    /// Every entry was already here: nothing changed.
    pub already_held: bool,
    /// Conflicts open after the import.
    #[ts(type = "number")]
    pub open_conflicts: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChainResult {
    pub device_id: String,
    pub name: String,
    #[ts(type = "number")]
    pub added: i64,
    #[ts(type = "number")]
    pub to_seq: i64,
}

pub(super) fn bad(why: &str) -> Error {
    Error::invalid(format!(
        "Bunten går inte att läsa in: {why}. Inget sparades. Be om en ny bunt (den här kan vara \
         avbruten, ändrad eller skadad på vägen)."
    ))
    .with("reason", why)
}

/// Where to start from a file the receiver gave back: a bundle it last received (each chain from
/// after that bundle's end) or a checkpoint of its record (this laptop's chain from after it).
pub fn since_from_file(bytes: &[u8]) -> Result<ExportSince> {
    if bytes.starts_with(MAGIC.as_bytes()) {
        let header_line = bytes
            .split(|b| *b == b'\n')
            .nth(1)
            .ok_or_else(|| bad("rubrikraden saknas"))?;
        let header: Header =
            serde_json::from_slice(header_line).map_err(|e| bad(&format!("rubriken: {e}")))?;
        return Ok(header
            .chains
            .into_iter()
            .map(|c| (c.device_id, c.to_seq))
            .collect());
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Error::invalid("Filen är varken en bunt eller en kontrollpunkt."))?;
    let (c, _, _) = crate::seal::parse(text)?;
    Ok([(c.store_id, c.entries)].into_iter().collect())
}

/// One chain's entries `from..=to`, in order.
fn chain_entries(s: &Store, device: &str, from: i64, to: i64, out: &mut Vec<u8>) -> Result<i64> {
    let mut stmt = s.connection().prepare_cached(
        "SELECT seq, id, device_id, workspace, recorded_at, occurred_at, author, role, event_id,
                kind, body, prev_hash, hash FROM journal
         WHERE device_id = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq",
    )?;
    let mut rows = stmt.query(params![device, from, to])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let entry = crate::journal::entry_from_row(r)?;
        serde_json::to_writer(&mut *out, &entry)?;
        out.push(b'\n');
        n += 1;
    }
    Ok(n)
}

/// A bundle of every chain this store can prove (its own, signed now; others up to the newest
/// seal received), each from after `since`. `None` when there is nothing new to send.
pub fn export(store: &Store, device: &Device, since: &ExportSince) -> Result<Option<Vec<u8>>> {
    build(store, device, since, true)
}

/// A bundle of this laptop's own chain only (what it publishes in the sync folder).
pub fn export_own(store: &Store, device: &Device, since: &ExportSince) -> Result<Option<Vec<u8>>> {
    build(store, device, since, false)
}

fn build(
    store: &Store,
    device: &Device,
    since: &ExportSince,
    relay: bool,
) -> Result<Option<Vec<u8>>> {
    store.snapshot(|s| {
        let from = PairingCard::own(s, device)?;
        let mut parts = Vec::new();
        let (own_seq, _) = s.head()?;
        let start = |d: &str| since.get(d).copied().unwrap_or(0).max(0) + 1;
        if own_seq >= start(s.device_id()) {
            parts.push(ChainPart {
                device_id: s.device_id().to_string(),
                from_seq: start(s.device_id()),
                to_seq: own_seq,
                seal: crate::seal::make_in(s, device)?,
            });
        }
        let mut stmt = s
            .connection()
            .prepare("SELECT device_id, seq, note FROM chain_seals ORDER BY device_id")?;
        let seals = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (dev, seq, note) in seals.into_iter().filter(|_| relay) {
            if dev != s.device_id() && seq >= start(&dev) {
                parts.push(ChainPart {
                    from_seq: start(&dev),
                    device_id: dev,
                    to_seq: seq,
                    seal: note,
                });
            }
        }
        if parts.is_empty() {
            return Ok(None);
        }
        let mut body = Vec::new();
        let mut entries = 0;
        for p in &parts {
            entries += chain_entries(s, &p.device_id, p.from_seq, p.to_seq, &mut body)?;
        }
        let header = Header {
            created_at: crate::time::format(&s.now()),
            from,
            chains: parts,
            entries,
        };
        let mut out = Vec::with_capacity(body.len() + 4096);
        out.extend_from_slice(MAGIC.as_bytes());
        out.push(b'\n');
        serde_json::to_writer(&mut out, &header)?;
        out.push(b'\n');
        out.extend_from_slice(&body);
        let sha = hex::encode(Sha256::digest(&out));
        serde_json::to_writer(
            &mut out,
            &Footer {
                entries,
                sha256: sha.clone(),
            },
        )?;
        out.push(b'\n');
        out.extend_from_slice(
            device
                .sign_line(&format!("{SIGNED_PREFIX}{sha}\n"))
                .as_bytes(),
        );
        out.push(b'\n');
        Ok(Some(out))
    })
}

/// A bundle as read: every line in place, the digest matching. Nothing trusted yet.
pub struct Parsed {
    pub header: Header,
    pub entries: Vec<Entry>,
    sha256: String,
    signature: String,
}

pub fn parse(bytes: &[u8]) -> Result<Parsed> {
    if bytes.len() as u64 > MAX_BUNDLE_BYTES {
        return Err(bad("filen är större än någon bunt"));
    }
    if !bytes.starts_with(format!("{MAGIC}\n").as_bytes()) {
        return Err(bad("filen börjar inte som en Krisledning-bunt"));
    }
    let body = bytes
        .strip_suffix(b"\n")
        .ok_or_else(|| bad("filen slutar mitt i en rad (avbruten kopiering?)"))?;
    // The last two lines: the footer and the signature. Without them the file was cut short.
    let sig_at = body
        .iter()
        .rposition(|b| *b == b'\n')
        .ok_or_else(|| bad("slutraderna saknas (avbruten kopiering?)"))?;
    let footer_at = body[..sig_at]
        .iter()
        .rposition(|b| *b == b'\n')
        .ok_or_else(|| bad("slutraderna saknas (avbruten kopiering?)"))?;
    let signature = std::str::from_utf8(&body[sig_at + 1..])
        .map_err(|_| bad("signaturraden är inte text"))?
        .to_string();
    let footer: Footer = serde_json::from_slice(&body[footer_at + 1..sig_at])
        .map_err(|_| bad("slutraden saknas eller är skadad (avbruten kopiering?)"))?;
    let signed = &bytes[..footer_at + 1];
    let sha = hex::encode(Sha256::digest(signed));
    if sha != footer.sha256 {
        return Err(bad("innehållet stämmer inte med buntens kontrollsumma"));
    }
    let mut lines = signed[..signed.len() - 1].split(|b| *b == b'\n');
    lines.next();
    let header: Header =
        serde_json::from_slice(lines.next().ok_or_else(|| bad("rubriken saknas"))?)
            .map_err(|e| bad(&format!("rubriken: {e}")))?;
    let mut entries = Vec::with_capacity(header.entries.clamp(0, 1 << 20) as usize);
    for (i, line) in lines.enumerate() {
        let e: Entry = serde_json::from_slice(line)
            .map_err(|e| bad(&format!("post {} går inte att läsa: {e}", i + 1)))?;
        entries.push(e);
    }
    if entries.len() as i64 != header.entries || footer.entries != header.entries {
        return Err(bad("antalet poster stämmer inte med rubriken"));
    }
    Ok(Parsed {
        header,
        entries,
        sha256: sha,
        signature,
    })
}

fn not_paired(card: &PairingCard) -> Error {
    Error::new(
        ErrorCode::NotPaired,
        format!(
            "{} är inte parad med den här databasen, så dess poster tas inte emot. Para datorn \
             först: jämför koden {} med den som visas på {} (Synkronisering → Min kod). Inget \
             sparades.",
            card.name,
            card.code(),
            card.name
        ),
    )
    .with("name", &card.name)
    .with("code", card.code())
    .with("device_id", &card.device_id)
}

/// The keys chains are checked with: this laptop's own and every paired laptop's.
fn keys(tx: &Tx<'_>, own_id: &str, own: &Device) -> Result<HashMap<String, Verifier>> {
    let mut keys: HashMap<String, Verifier> = queries::trusted(tx)?.into_iter().collect();
    keys.insert(own_id.to_string(), own.verifier());
    Ok(keys)
}

/// Checks one chain part against its seal and key; returns its entries.
fn check_part<'e>(
    part: &ChainPart,
    entries: &'e [Entry],
    key: &Verifier,
    workspace: &str,
) -> Result<&'e [Entry]> {
    let (c, text, sigs) = crate::seal::parse(&part.seal)
        .map_err(|e| bad(&format!("kedjans sigill: {}", e.message)))?;
    if !sigs.iter().any(|l| key.verifies(&text, l)) {
        return Err(bad(&format!(
            "sigillet för kedjan från {} är inte signerat med den datorns nyckel",
            key.name
        )));
    }
    if c.store_id != part.device_id || c.entries != part.to_seq || c.workspace != workspace {
        return Err(bad("sigillet gäller en annan kedja än den bunten bär"));
    }
    if part.from_seq < 1 || part.to_seq < part.from_seq {
        return Err(bad("kedjans omfång är orimligt"));
    }
    let last = entries.last().map(|e| e.hash.as_str());
    let in_order = entries
        .iter()
        .zip(part.from_seq..)
        .all(|(e, seq)| e.seq == seq && e.device_id == part.device_id);
    if !in_order || entries.len() as i64 != part.to_seq - part.from_seq + 1 {
        return Err(bad(
            "posterna ligger inte i kedjans ordning (omkastade, saknade eller från fel dator)",
        ));
    }
    if last != Some(c.head_hash.as_str()) {
        return Err(bad("kedjans sista post är inte den som sigillet gäller"));
    }
    Ok(entries)
}

/// Imports a bundle into `store`: all of it, or — when anything does not hold — nothing.
pub fn import(store: &mut Store, device: &Device, bytes: &[u8]) -> Result<BundleReport> {
    let parsed = parse(bytes)?;
    let own_card = PairingCard::own(store, device)?;
    let from = &parsed.header.from;
    from.check()
        .map_err(|e| bad(&format!("avsändarens kort: {}", e.message)))?;
    from.same_record_as(&own_card)?;
    let workspace = store.workspace().to_string();
    let own_id = store.device_id().to_string();
    // Each part's entries, by position in the file.
    let mut at = 0usize;
    let mut slices = Vec::with_capacity(parsed.header.chains.len());
    for p in &parsed.header.chains {
        let len = usize::try_from(p.to_seq - p.from_seq + 1)
            .map_err(|_| bad("kedjans omfång är orimligt"))?;
        let end = at
            .checked_add(len)
            .filter(|e| *e <= parsed.entries.len())
            .ok_or_else(|| bad("rubrikens kedjor stämmer inte med posterna"))?;
        slices.push(at..end);
        at = end;
    }
    if at != parsed.entries.len() {
        return Err(bad("rubrikens kedjor stämmer inte med posterna"));
    }
    let report = store.write_bulk(|tx| {
        let mut keys = keys(tx, &own_id, device)?;
        let signer = keys
            .get(&from.device_id)
            .filter(|k| from.device_id == own_id || from.verifier().is_ok_and(|v| v.key == k.key))
            .ok_or_else(|| not_paired(from))?;
        if !signer.verifies(
            &format!("{SIGNED_PREFIX}{}\n", parsed.sha256),
            &parsed.signature,
        ) {
            return Err(bad("avsändarens signatur stämmer inte med innehållet"));
        }
        let mut done = vec![false; parsed.header.chains.len()];
        let mut results = Vec::new();
        let mut new_entries = 0i64;
        // Rounds: a chain from a laptop paired by an entry in this bundle is checked once that
        // entry is in.
        loop {
            let mut batch: Vec<Entry> = Vec::new();
            let mut sealed = Vec::new();
            for (i, part) in parsed.header.chains.iter().enumerate() {
                if done[i] {
                    continue;
                }
                let Some(key) = keys.get(&part.device_id) else {
                    continue;
                };
                let entries =
                    check_part(part, &parsed.entries[slices[i].clone()], key, &workspace)?;
                let (held, _) = tx.chain_head(&part.device_id)?;
                if part.from_seq > held + 1 {
                    return Err(bad(&format!(
                        "poster {}–{} från {} saknas här; läs in den tidigare bunten först",
                        held + 1,
                        part.from_seq - 1,
                        key.name
                    )));
                }
                batch.extend(entries.iter().cloned());
                let head_hash = entries.last().map(|e| e.hash.clone()).unwrap_or_default();
                sealed.push((i, held, head_hash));
                done[i] = true;
            }
            if sealed.is_empty() {
                break;
            }
            let before = tx.rows();
            tx.adopt_all(&batch)?;
            new_entries += tx.rows() - before;
            for (i, held, head_hash) in sealed {
                let part = &parsed.header.chains[i];
                keep_seal(tx, part, &head_hash)?;
                // What this chain grew by here: entries already held (this laptop's own, or
                // passed on before) are not counted again.
                let added = tx.chain_head(&part.device_id)?.0 - held;
                results.push(ChainResult {
                    device_id: part.device_id.clone(),
                    name: keys
                        .get(&part.device_id)
                        .map_or_else(|| part.device_id.clone(), |k| k.name.clone()),
                    added,
                    to_seq: part.to_seq,
                });
            }
            keys = self::keys(tx, &own_id, device)?;
        }
        if let Some(i) = done.iter().position(|d| !d) {
            let part = &parsed.header.chains[i];
            return Err(Error::new(
                ErrorCode::NotPaired,
                format!(
                    "Bunten bär poster från en dator som varken är parad här eller parad av en \
                     parad dator (enhet {}). Inget sparades; para den datorn först.",
                    crate::text::preview(&part.device_id)
                ),
            )
            .with("device_id", crate::text::preview(&part.device_id)));
        }
        Ok(BundleReport {
            from: from.name.clone(),
            created_at: parsed.header.created_at.clone(),
            new_entries,
            chains: results,
            already_held: new_entries == 0,
            open_conflicts: queries::conflicts(tx)?.len() as i64,
        })
    })?;
    Ok(report)
}

/// Keeps the newest seal of a chain (whose last entry, `head_hash`, `check_part` matched to it), so
/// this laptop can pass the chain on.
fn keep_seal(tx: &Tx<'_>, part: &ChainPart, head_hash: &str) -> Result<()> {
    let held: Option<i64> = tx
        .prepare_cached("SELECT seq FROM chain_seals WHERE device_id = ?1")?
        .query_row([&part.device_id], |r| r.get(0))
        .optional()?;
    if held.is_none_or(|h| h < part.to_seq) {
        tx.prepare_cached(
            "INSERT INTO chain_seals (device_id, seq, hash, note) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (device_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
                note = excluded.note",
        )?
        .execute(params![part.device_id, part.to_seq, head_hash, part.seal])?;
    }
    Ok(())
}
