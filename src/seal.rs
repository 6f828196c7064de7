//! Signed checkpoints (kontrollpunkter): the store's identity, entry count and head hash at a
//! time, signed with this device's key, as a C2SP signed note in the spirit of tlog-checkpoint
//! (see docs/checkpoint-format.md). A checkpoint handed out (printed, mailed, on a USB stick)
//! anchors the record without trusting the laptop: `kris verify --checkpoint` shows that the chain
//! still holds that entry unchanged, and which device signed it.

use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::device::{Device, Verifier};
use crate::error::{Error, ErrorCode, Result};
use crate::store::Store;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;
const ORIGIN: &str = "krisledning/";
/// A checkpoint is a few lines; anything larger is not one.
pub const MAX_CHECKPOINT_BYTES: usize = 16 * 1024;

/// A checkpoint as read, before its signature is trusted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Checkpoint {
    pub store_id: String,
    #[ts(type = "number")]
    pub entries: i64,
    pub head_hash: String,
    pub time: String,
    pub workspace: String,
}

/// What checking a checkpoint against the store found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SealReport {
    pub checkpoint: Checkpoint,
    /// The device whose key verified the signature.
    pub signed_by: String,
    /// This computer's own key signed it.
    pub own_device: bool,
    /// Entries in the store now (at least the checkpoint's).
    #[ts(type = "number")]
    pub entries_now: i64,
}

/// The note text (everything the signature covers).
fn body(c: &Checkpoint) -> Result<String> {
    let head = hex::decode(&c.head_hash).map_err(|_| Error::storage("Huvudhashen är inte hex."))?;
    Ok(format!(
        "{ORIGIN}{}\n{}\n{}\ntid {}\narbetsyta {}\n",
        c.store_id,
        c.entries,
        B64.encode(head),
        c.time,
        c.workspace
    ))
}

/// A checkpoint of the store as it is now, signed by `device`.
pub fn make(store: &Store, device: &Device) -> Result<String> {
    store.snapshot(|s| make_in(s, device))
}

/// As [`make`], for a caller already reading inside a snapshot (a report being typeset), so the
/// checkpoint names exactly the journal the report was read from.
pub fn make_in(s: &Store, device: &Device) -> Result<String> {
    let status = s.status()?;
    let c = Checkpoint {
        store_id: s.identity()?,
        entries: status.entries,
        head_hash: status.head_hash,
        time: crate::time::format(&s.now()),
        workspace: status.workspace,
    };
    let text = body(&c)?;
    Ok(format!("{text}\n{}\n", device.sign_line(&text)))
}

fn bad(why: &str) -> Error {
    Error::invalid(format!(
        "Filen är ingen giltig kontrollpunkt: {why}. Ta fram den igen med `kris checkpoint`."
    ))
    .with("reason", why)
}

/// Splits a note into its text and signature lines and reads the text.
pub fn parse(note: &str) -> Result<(Checkpoint, String, Vec<String>)> {
    if note.len() > MAX_CHECKPOINT_BYTES {
        return Err(bad("den är för stor"));
    }
    let (text, sigs) = note
        .split_once("\n\n")
        .ok_or_else(|| bad("raden mellan text och signatur saknas"))?;
    let text = format!("{text}\n");
    let lines: Vec<&str> = text.lines().collect();
    let [origin, entries, head, time, workspace] = lines[..] else {
        return Err(bad("texten har inte fem rader"));
    };
    let store_id = origin
        .strip_prefix(ORIGIN)
        .filter(|id| uuid::Uuid::parse_str(id).is_ok())
        .ok_or_else(|| bad("första raden är inte krisledning/<databasens id>"))?;
    let entries: i64 = entries
        .parse()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| bad("andra raden är inget antal poster"))?;
    let head = B64
        .decode(head)
        .ok()
        .filter(|h| h.len() == 32)
        .ok_or_else(|| bad("tredje raden är ingen huvudhash"))?;
    let time = time
        .strip_prefix("tid ")
        .ok_or_else(|| bad("fjärde raden är ingen tid"))?;
    let workspace = workspace
        .strip_prefix("arbetsyta ")
        .ok_or_else(|| bad("femte raden är ingen arbetsyta"))?;
    let sigs: Vec<String> = sigs
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    if sigs.is_empty() || sigs.iter().any(|l| !l.starts_with("— ")) {
        return Err(bad("signaturraden saknas eller är felskriven"));
    }
    Ok((
        Checkpoint {
            store_id: store_id.to_string(),
            entries,
            head_hash: hex::encode(head),
            time: time.to_string(),
            workspace: workspace.to_string(),
        },
        text,
        sigs,
    ))
}

/// Checks a checkpoint: a signature by one of `trusted` (this device's key is always trusted),
/// the same store, and the chain still holding the checkpoint's entry unchanged.
pub fn verify(store: &Store, note: &str, own: &Device, trusted: &[Verifier]) -> Result<SealReport> {
    let (c, text, sigs) = parse(note)?;
    let own_v = own.verifier();
    let signer = std::iter::once(&own_v)
        .chain(trusted)
        .find(|v| sigs.iter().any(|l| v.verifies(&text, l)));
    let Some(signer) = signer else {
        // Who the lines say signed: a name and the key hash in front of the signature.
        let claimed: Vec<(&str, Vec<u8>)> = sigs
            .iter()
            .filter_map(|l| {
                let (name, sig) = l.strip_prefix("— ")?.split_once(' ')?;
                Some((name, B64.decode(sig.trim()).ok()?.get(..4)?.to_vec()))
            })
            .collect();
        let names: Vec<&str> = claimed.iter().map(|(n, _)| *n).collect();
        let known = std::iter::once(&own_v)
            .chain(trusted)
            .any(|v| claimed.iter().any(|(n, h)| *n == v.name && h[..] == v.hash));
        let why = if known {
            "signaturen stämmer inte med texten: kontrollpunkten har ändrats".to_string()
        } else {
            format!(
                "den är signerad av {} som den här datorn inte känner; ange dess verifieringsnyckel med --key",
                names.join(", ")
            )
        };
        return Err(Error::new(
            ErrorCode::AnchorMismatch,
            format!("Kontrollpunkten godtas inte: {why}."),
        )
        .with("signers", names.join(", ")));
    };
    let report = store.verify()?;
    if let Some(f) = report.failure {
        return Err(Error::new(
            ErrorCode::ChainBroken,
            format!("Kedjan bryts vid post {}: {}.", f.seq, f.reason),
        )
        .with("seq", f.seq));
    }
    let id = store.identity()?;
    if id != c.store_id {
        return Err(Error::new(
            ErrorCode::AnchorMismatch,
            format!(
                "Kontrollpunkten gäller en annan databas ({}), inte denna ({id}).",
                c.store_id
            ),
        )
        .with("store_id", &c.store_id));
    }
    let (own, _) = store.head()?;
    if c.entries > own {
        return Err(Error::new(
            ErrorCode::AnchorMismatch,
            format!(
                "KEDJAN ÄR KORTARE än kontrollpunkten: {} poster nu, {} när {} signerade den {}. Poster har tagits bort eller gått förlorade.",
                own, c.entries, signer.name, c.time
            ),
        )
        .with("entries", own)
        .with("expected_seq", c.entries));
    }
    if c.entries > 0 {
        let hash: String = store.connection().query_row(
            "SELECT hash FROM journal WHERE device_id = ?1 AND seq = ?2",
            rusqlite::params![c.store_id, c.entries],
            |r| r.get(0),
        )?;
        if hash != c.head_hash {
            return Err(Error::new(
                ErrorCode::AnchorMismatch,
                format!(
                    "Post {} är inte den som {} signerade {}: journalen har skrivits om.",
                    c.entries, signer.name, c.time
                ),
            )
            .with("expected_seq", c.entries)
            .with("expected_hash", &c.head_hash));
        }
    }
    Ok(SealReport {
        signed_by: signer.name.clone(),
        own_device: signer.name == own_v.name && signer.hash == own_v.hash,
        entries_now: report.entries,
        checkpoint: c,
    })
}
