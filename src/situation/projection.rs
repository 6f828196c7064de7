//! The newest version of each section from its entries.

use rusqlite::{params, Connection};

use super::commands::SectionBody;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, exec};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    let b: SectionBody = body(e)?;
    exec(
        conn,
        "INSERT INTO situation_sections
            (scope, section, version, text, author, role, updated_at, next_update_at, entry_id, seq)
         VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (scope, section) DO UPDATE SET version = version + 1, text = excluded.text,
            author = excluded.author, role = excluded.role, updated_at = excluded.updated_at,
            next_update_at = excluded.next_update_at, entry_id = excluded.entry_id, seq = excluded.seq",
        params![
            e.event_id.unwrap_or(""),
            b.section.as_str(),
            b.text,
            e.author,
            e.role,
            e.occurred_at,
            b.next_update_at,
            e.id,
            e.seq
        ],
    )
}

/// Timeline line: the section's name and its new text.
pub fn describe(_: &Connection, e: &Envelope<'_>) -> Result<String> {
    let b: SectionBody = body(e)?;
    Ok(format!(
        "{}: {}",
        super::commands::section_name(b.section),
        b.text
    ))
}
