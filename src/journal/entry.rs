use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::Result;

/// `prev_hash` of the first entry: 32 zero bytes.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// JCS writes numbers as IEEE doubles, so `seq` stays within the integers a double holds exactly;
/// beyond this the spliced envelope and the RFC 8785 form would differ.
pub const MAX_SEQ: i64 = (1 << 53) - 1;

/// One stored journal entry, as read back.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Entry {
    pub seq: i64,
    pub id: String,
    pub device_id: String,
    pub workspace: String,
    pub recorded_at: String,
    pub occurred_at: String,
    pub author: String,
    pub role: String,
    pub event_id: Option<String>,
    pub kind: String,
    #[ts(type = "unknown")]
    pub body: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

/// Every field of an entry but its hash, borrowed. The hash is SHA-256 over the RFC 8785 (JCS)
/// form of this object.
#[derive(Debug, Clone, Copy)]
pub struct Envelope<'a> {
    pub seq: i64,
    pub id: &'a str,
    pub device_id: &'a str,
    pub workspace: &'a str,
    pub recorded_at: &'a str,
    pub occurred_at: &'a str,
    pub author: &'a str,
    pub role: &'a str,
    pub event_id: Option<&'a str>,
    pub kind: &'a str,
    /// Already in canonical (JCS) form, exactly as stored.
    pub body: &'a str,
    pub prev_hash: &'a str,
}

/// Canonical JSON (RFC 8785) of a body. Stored bodies are always in this form.
pub fn canonical_body<T: Serialize>(body: &T) -> Result<String> {
    Ok(serde_json_canonicalizer::to_string(body)?)
}

impl Envelope<'_> {
    /// The JCS text of the envelope. Keys are written in JCS order (all ASCII, so UTF-16 order is
    /// byte order) and strings through serde_json, whose escaping equals JCS's; the body is spliced
    /// in as stored. Splicing instead of re-canonicalising keeps `kris verify` fast, and any edit to a
    /// stored body — canonical or not — still changes the hash. A property test pins this to the
    /// generic canonicaliser.
    pub fn canonical_json(&self) -> String {
        let s = |v: &str| serde_json::to_string(v).expect("strings always serialise");
        let mut out = String::with_capacity(self.body.len() + 512);
        out.push_str("{\"author\":");
        out.push_str(&s(self.author));
        out.push_str(",\"body\":");
        out.push_str(self.body);
        out.push_str(",\"device_id\":");
        out.push_str(&s(self.device_id));
        out.push_str(",\"event_id\":");
        out.push_str(&self.event_id.map_or_else(|| "null".to_string(), s));
        out.push_str(",\"id\":");
        out.push_str(&s(self.id));
        out.push_str(",\"kind\":");
        out.push_str(&s(self.kind));
        out.push_str(",\"occurred_at\":");
        out.push_str(&s(self.occurred_at));
        out.push_str(",\"prev_hash\":");
        out.push_str(&s(self.prev_hash));
        out.push_str(",\"recorded_at\":");
        out.push_str(&s(self.recorded_at));
        out.push_str(",\"role\":");
        out.push_str(&s(self.role));
        out.push_str(",\"seq\":");
        out.push_str(&self.seq.to_string());
        out.push_str(",\"workspace\":");
        out.push_str(&s(self.workspace));
        out.push('}');
        out
    }

    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.canonical_json().as_bytes()))
    }
}

impl Entry {
    pub fn envelope_body(&self) -> Result<String> {
        canonical_body(&self.body)
    }
}
