use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::Result;

/// `prev_hash` of the first entry: 32 zero bytes.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// JCS writes numbers as IEEE doubles, so `seq` stays within the integers a double holds exactly;
/// beyond this the spliced envelope and the RFC 8785 form would differ.
pub const MAX_SEQ: i64 = (1 << 53) - 1;

/// One stored journal entry, as read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
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

/// Writes a JSON string exactly as JCS does. Most strings need no escaping: pass them through.
fn json_str(s: &str, out: &mut impl FnMut(&[u8])) {
    if s.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out(serde_json::to_string(s)
            .expect("strings always serialise")
            .as_bytes());
    } else {
        out(b"\"");
        out(s.as_bytes());
        out(b"\"");
    }
}

impl Envelope<'_> {
    /// Streams the JCS text of the envelope. Keys are written in JCS order (all ASCII, so UTF-16
    /// order is byte order) and strings escaped as JCS (= serde_json) does; the body is spliced in
    /// as stored. Splicing instead of re-canonicalising keeps `kris verify` fast, and any edit to a
    /// stored body — canonical or not — still changes the hash. A property test pins this to the
    /// generic canonicaliser.
    fn write(&self, out: &mut impl FnMut(&[u8])) {
        out(b"{\"author\":");
        json_str(self.author, out);
        out(b",\"body\":");
        out(self.body.as_bytes());
        out(b",\"device_id\":");
        json_str(self.device_id, out);
        out(b",\"event_id\":");
        match self.event_id {
            Some(e) => json_str(e, out),
            None => out(b"null"),
        }
        out(b",\"id\":");
        json_str(self.id, out);
        out(b",\"kind\":");
        json_str(self.kind, out);
        out(b",\"occurred_at\":");
        json_str(self.occurred_at, out);
        out(b",\"prev_hash\":");
        json_str(self.prev_hash, out);
        out(b",\"recorded_at\":");
        json_str(self.recorded_at, out);
        out(b",\"role\":");
        json_str(self.role, out);
        out(b",\"seq\":");
        out(self.seq.to_string().as_bytes());
        out(b",\"workspace\":");
        json_str(self.workspace, out);
        out(b"}");
    }

    pub fn canonical_json(&self) -> String {
        let mut buf = Vec::with_capacity(self.body.len() + 512);
        self.write(&mut |b| buf.extend_from_slice(b));
        String::from_utf8(buf).expect("built from UTF-8 pieces")
    }

    /// SHA-256 of the canonical JSON, lower-case hex, without building the text.
    pub fn hash_hex(&self) -> [u8; 64] {
        let mut h = Sha256::new();
        self.write(&mut |b| h.update(b));
        let mut hex = [0u8; 64];
        hex::encode_to_slice(h.finalize(), &mut hex).expect("64 hex digits for 32 bytes");
        hex
    }

    pub fn hash(&self) -> String {
        String::from_utf8(self.hash_hex().to_vec()).expect("hex is ASCII")
    }
}

impl Entry {
    /// The hash of this entry's content, computed afresh: equal to `hash` for an entry nobody
    /// changed. The body is put back into canonical form first, as it was stored.
    pub fn computed_hash(&self) -> Result<String> {
        let body = canonical_body(&self.body)?;
        Ok(self.envelope(&body).hash())
    }

    /// The envelope of this entry with `body` as its canonical body text.
    pub fn envelope<'a>(&'a self, body: &'a str) -> Envelope<'a> {
        Envelope {
            seq: self.seq,
            id: &self.id,
            device_id: &self.device_id,
            workspace: &self.workspace,
            recorded_at: &self.recorded_at,
            occurred_at: &self.occurred_at,
            author: &self.author,
            role: &self.role,
            event_id: self.event_id.as_deref(),
            kind: &self.kind,
            body,
            prev_hash: &self.prev_hash,
        }
    }
}
