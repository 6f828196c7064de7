//! The import itself: one alert, one diary line in one event, written through the log's own
//! command, so every rule of the diary and of the event (open, not before its start) holds.

use chrono::Duration;
use rusqlite::OptionalExtension;

use super::model::Alert;
use super::to_diary::{self, When};
use crate::domain::validate::{FUTURE_TOLERANCE_MINUTES, LATE_AFTER_MINUTES};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::log::queries::get_event;
use crate::log::Record;
use crate::store::{Store, Tx};
use crate::time::{self, Ts};

impl Store {
    /// Imports a CAP 1.2 alert given as its XML text into the event's diary.
    pub fn import_cap(&mut self, actor: &Actor, event_id: &str, xml: &str) -> Result<Record> {
        // Read and checked before the write lock is taken: a refused file never waits for it,
        // nor holds it.
        let alert = super::parse::alert(xml)?;
        self.write(|tx| import(tx, actor, event_id, &alert))
    }
}

pub fn import(tx: &mut Tx<'_>, actor: &Actor, event_id: &str, alert: &Alert) -> Result<Record> {
    let event = get_event(tx, event_id)?;
    if let Some((id, recorded_at)) = earlier(tx, event_id, alert)? {
        return Err(Error::conflict(format!(
            "Varningen {} från {} (skickad {}) är redan importerad i den här händelsen, som \
             dagbokspost {id} ({recorded_at}). Inget importerades.",
            alert.identifier, alert.sender, alert.sent
        ))
        .with("cap", "duplicate")
        .with("identifier", &alert.identifier)
        .with("sender", &alert.sender)
        .with("sent", &alert.sent)
        .with("record_id", id)
        .with("recorded_at", recorded_at));
    }
    let opened = time::parse("Händelsens start", &event.opened_at)?;
    let entry = to_diary::entry(alert, event_id, when(alert, opened, tx.now()));
    crate::log::commands::log_diary(tx, actor, &entry)
}

/// The alert's own time when the diary can take it: not before the event opened (the event
/// guard refuses that) and not ahead of the clock (the diary refuses that). Otherwise the time
/// of the import, with the alert's time said in the text.
fn when(alert: &Alert, opened: Ts, now: Ts) -> When {
    let sent = to_diary::shown(&alert.sent);
    if alert.sent_at < opened {
        return When {
            note: Some(format!(
                "Varningen skickades {sent}, före händelsens start; posten har importens tid."
            )),
            ..When::default()
        };
    }
    if alert.sent_at > now + Duration::minutes(FUTURE_TOLERANCE_MINUTES) {
        return When {
            note: Some(format!(
                "Varningen är daterad {sent}, senare än datorns klocka; posten har importens tid."
            )),
            ..When::default()
        };
    }
    let late = alert.sent_at < now - Duration::minutes(LATE_AFTER_MINUTES);
    When {
        occurred_at: Some(time::format(&alert.sent_at)),
        late_reason: late
            .then(|| format!("Importerad CAP-varning; tidpunkten är varningens sändtid ({sent}).")),
        note: None,
    }
}

/// A diary line of this event that ends with the alert's identity: the same alert imported
/// before. Read from the original text, which a correction never changes.
fn earlier(tx: &Tx<'_>, event_id: &str, alert: &Alert) -> Result<Option<(String, String)>> {
    let suffix = format!("\n{}", alert.identity_line());
    Ok(tx
        .query_row(
            "SELECT id, recorded_at FROM records
             WHERE event_id = ?1 AND record_type = 'diary' AND substr(text, -?2) = ?3
             ORDER BY seq LIMIT 1",
            rusqlite::params![event_id, suffix.chars().count() as i64, suffix],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}
