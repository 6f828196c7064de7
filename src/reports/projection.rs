//! One row per issued report.

use rusqlite::{params, Connection};

use super::commands::IssuedBody;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, exec};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    let b: IssuedBody = body(e)?;
    exec(
        conn,
        "INSERT INTO reports (id, seq, event_id, kind, number, title, issued_at, author, role,
            pdf_sha256, md_sha256, json_sha256, pages, bytes, head_seq, head_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            e.id,
            e.seq,
            e.event_id.unwrap_or(""),
            b.kind.as_str(),
            b.number,
            b.title,
            e.occurred_at,
            e.author,
            e.role,
            b.pdf_sha256,
            b.md_sha256,
            b.json_sha256,
            b.pages,
            b.bytes as i64,
            b.head_seq,
            b.head_hash
        ],
    )
}

/// Timeline line: the report, its number and the head it was made from.
pub fn describe(_: &Connection, e: &Envelope<'_>) -> Result<String> {
    let b: IssuedBody = body(e)?;
    Ok(format!(
        "{} utfärdad ({} sidor, SHA-256 {}…, journal {} poster)",
        b.title,
        b.pages,
        &b.pdf_sha256[..b.pdf_sha256.len().min(12)],
        b.head_seq
    ))
}
