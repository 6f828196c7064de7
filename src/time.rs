//! Timestamps are UTC with microseconds in one fixed text form, so the canonical JSON — and therefore
//! the hash — of an entry never depends on how a user typed a time.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::error::{Error, Result};

pub type Ts = DateTime<Utc>;

pub fn format(t: &Ts) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn now_string() -> String {
    format(&Utc::now())
}

/// Accepts RFC 3339 with any offset (what `date -Iseconds` prints), or the Swedish 24-hour form
/// people type (`2026-11-24 14:05`, seconds optional) as this computer's local time, and
/// normalises to UTC. A local time that does not exist (the hour skipped in spring) is refused;
/// one that happens twice (autumn) is the first.
pub fn parse(field: &str, s: &str) -> Result<Ts> {
    use chrono::{Datelike, Timelike};
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| local_wall_time(s.trim()))
        // chrono takes second 60 as a leap second wherever it is written; no other tool reads
        // such a time back, and it would stay in the chain for ever.
        .filter(|t| t.nanosecond() < 1_000_000_000)
        // The fixed text form has four digits for the year; a time outside them would be written
        // as "+10000-…", which nothing reads back, and stay in the journal for ever.
        .filter(|t| (0..=9999).contains(&t.year()))
        .ok_or_else(|| {
            Error::invalid(format!(
                "{field}: \"{}\" är ingen giltig tidpunkt. Skriv den som ÅÅÅÅ-MM-DD TT:MM, t.ex. \
                 2026-11-24 14:05.",
                crate::text::preview(s)
            ))
            .with("field", field)
            .with("value", crate::text::preview(s))
        })
}

fn local_wall_time(s: &str) -> Option<Ts> {
    let naive = [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| chrono::NaiveDateTime::parse_from_str(s, f).ok())?;
    naive
        .and_local_timezone(chrono::Local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// A source of "now": the system clock in the app, a fixed or stepped clock in tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> Ts;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Ts {
        Utc::now()
    }
}

/// A stored time as people read it on paper: this computer's local time, to the minute
/// (`2026-11-24 14:05`). Text that is not a time is shown as it is.
pub fn local_minute(stored: &str) -> String {
    match DateTime::parse_from_rfc3339(stored) {
        Ok(t) => t
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => stored.to_string(),
    }
}

/// A calendar date as people type it (`2027-03-31`), for what is due on a day rather than at a
/// minute: a review, an activity, an exercise held. Years outside 2000–2100 are typing errors.
pub fn parse_date(field: &str, s: &str) -> Result<chrono::NaiveDate> {
    use chrono::Datelike;
    let date = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    if let Some(d) = date.filter(|d| !(2000..=2100).contains(&d.year())) {
        return Err(Error::invalid(format!(
            "{field}: {d} ligger utanför åren 2000–2100. Kontrollera årtalet."
        ))
        .with("field", field)
        .with("value", d.to_string()));
    }
    date.ok_or_else(|| {
        Error::invalid(format!(
            "{field}: \"{}\" är inget giltigt datum. Skriv det som ÅÅÅÅ-MM-DD, t.ex. 2027-03-31.",
            crate::text::preview(s)
        ))
        .with("field", field)
        .with("value", crate::text::preview(s))
    })
}

/// Today's date on this computer's calendar, which is what a review or due date is read against.
pub fn local_date(t: &Ts) -> chrono::NaiveDate {
    t.with_timezone(&chrono::Local).date_naive()
}
