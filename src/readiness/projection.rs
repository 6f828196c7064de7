//! Mode history from `mode.changed` entries.

use rusqlite::{params, Connection, OptionalExtension};

use super::commands::ModeChangedBody;
use super::KIND_MODE_CHANGED;
use crate::error::Result;
use crate::journal::Envelope;
use crate::store::registry::{body, exec};

pub fn apply(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    if e.kind == super::KIND_CHECKED {
        let b: super::checklist::CheckedBody = body(e)?;
        return exec(
            conn,
            "INSERT INTO readiness_checks (mode, item_id, seq, done, note, checked_at, checked_by, role)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (mode, item_id) DO UPDATE SET seq = excluded.seq, done = excluded.done,
                note = excluded.note, checked_at = excluded.checked_at,
                checked_by = excluded.checked_by, role = excluded.role",
            params![b.mode.as_str(), b.item_id, e.seq, b.done, b.note, e.occurred_at, e.author, e.role],
        );
    }
    if e.kind == KIND_MODE_CHANGED {
        let b: ModeChangedBody = body(e)?;
        // The writer saw `previous`; another laptop's change meanwhile makes this one a conflict
        // (two mode changes at once), never silently the newer.
        let now: String = conn
            .prepare_cached("SELECT mode FROM mode_history ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| r.get(0))
            .optional()?
            .unwrap_or_else(|| "fred".to_string());
        if now != b.previous.as_str() {
            let name = |m: super::ModeId| {
                super::modes::definition(m)
                    .map_or_else(|_| m.as_str().to_string(), |d| d.name.sv.clone())
            };
            let current = super::ModeId::parse(&now)
                .map(name)
                .unwrap_or_else(|_| now.clone());
            return Err(crate::error::Error::conflict(format!(
                "Beredskapsläget ändrades till {current} på en annan dator medan den här ändrade \
                 det från {} till {}. Fatta ett nytt beslut om läget.",
                name(b.previous),
                name(b.mode)
            ))
            .with("current", now)
            .with("mode", b.mode.as_str()));
        }
        exec(conn,
                "INSERT INTO mode_history (seq, id, mode, previous, basis, decided_by, decided_role, decision_ref,
                    occurred_at, recorded_at, author, role, late_reason, alarm)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    e.seq, e.id, b.mode.as_str(), b.previous.as_str(), b.basis, b.decided_by.name, b.decided_by.role,
                    b.decision_ref, e.occurred_at, e.recorded_at, e.author, e.role, b.late_reason, b.alarm
                ],
            )?;
    }
    Ok(())
}

/// Timeline line: from which mode to which, and on what basis.
pub fn describe(_: &Connection, e: &Envelope<'_>) -> Result<String> {
    let name = |m| super::modes::definition(m).map(|d| d.name.sv.clone());
    if e.kind == super::KIND_CHECKED {
        let b: super::checklist::CheckedBody = body(e)?;
        let def = super::modes::definition(b.mode)?;
        let text = def
            .checklist
            .iter()
            .find(|i| i.id == b.item_id)
            .map_or_else(|| b.item_id.clone(), |i| i.text.sv.clone());
        let state = if b.done { "Uppfyllt" } else { "Inte uppfyllt" };
        let note = b.note.map(|n| format!(" – {n}")).unwrap_or_default();
        return Ok(format!("{} ({}): {state}{note}", text, def.name.sv));
    }
    let b: ModeChangedBody = body(e)?;
    Ok(format!(
        "{}{} → {} – {}",
        if b.alarm { "BEREDSKAPSLARM: " } else { "" },
        name(b.previous)?,
        name(b.mode)?,
        b.basis
    ))
}
