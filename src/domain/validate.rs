//! Field rules shared by every command. Limits are generous for real use and stop pasted garbage
//! (a 10 MB text) before it reaches the journal, where it could never be removed again.

use chrono::Duration;

use crate::error::{Error, Result};
use crate::time::{self, Ts};

pub const TITLE_MAX: usize = 200;
pub const NAME_MAX: usize = 120;
pub const TEXT_MAX: usize = 20_000;
/// An entry may describe the past; one this far back must say why it was logged late (JESIP).
pub const LATE_AFTER_MINUTES: i64 = 10;
/// No entry in a crisis record happened before this year: an earlier date is a typing error.
pub const EARLIEST_YEAR: &str = "2000";
/// Clocks drift; a stated time further ahead than this is a typing error, not a plan.
pub const FUTURE_TOLERANCE_MINUTES: i64 = 5;

pub use crate::text::preview;

fn check_len(field: &str, value: &str, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max {
        return Err(Error::invalid(format!(
            "{field} är för lång: {n} tecken, högst {max} tillåts. Korta texten eller dela upp den."
        )));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(Error::invalid(format!(
            "{field} innehåller otillåtna styrtecken."
        )));
    }
    Ok(())
}

pub fn required(field: &str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(format!("{field} måste fyllas i.")));
    }
    check_len(field, v, max)?;
    Ok(v.to_string())
}

pub fn optional(field: &str, value: &Option<String>, max: usize) -> Result<Option<String>> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => {
            check_len(field, v, max)?;
            Ok(Some(v.to_string()))
        }
    }
}

pub fn optional_time(field: &str, value: &Option<String>) -> Result<Option<Ts>> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => time::parse(field, v).map(Some),
    }
}

/// When it happened, checked against when it is recorded: not in the future, and with a reason
/// when logged late.
pub struct Occurrence {
    pub occurred_at: Ts,
    pub late_reason: Option<String>,
}

pub fn occurrence(
    occurred_at: &Option<String>,
    late_reason: &Option<String>,
    now: Ts,
) -> Result<Occurrence> {
    let at = optional_time("Tidpunkt", occurred_at)?.unwrap_or(now);
    if at.format("%Y").to_string().as_str() < EARLIEST_YEAR {
        return Err(Error::invalid(format!(
            "Tidpunkten {} ligger före år {EARLIEST_YEAR}. Kontrollera datumet.",
            time::format(&at)
        )));
    }
    if at > now + Duration::minutes(FUTURE_TOLERANCE_MINUTES) {
        return Err(Error::invalid(format!(
            "Tidpunkten {} ligger mer än {FUTURE_TOLERANCE_MINUTES} minuter i framtiden. Logga det som \
             har hänt; planerade tider anges som ikraftträdande eller uppföljning.",
            time::format(&at)
        )));
    }
    let late_reason = optional("Orsak till sen registrering", late_reason, TEXT_MAX)?;
    if at < now - Duration::minutes(LATE_AFTER_MINUTES) && late_reason.is_none() {
        return Err(Error::invalid(format!(
            "Tidpunkten ligger mer än {LATE_AFTER_MINUTES} minuter bakåt. Ange orsak till sen \
             registrering (t.ex. \"loggat i efterhand efter telefonsamtal\")."
        )));
    }
    Ok(Occurrence {
        occurred_at: at,
        late_reason,
    })
}
