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

/// Characters that change how text is shown without being seen: bidi embeddings, overrides and
/// isolates can make a log line read differently from what is stored ("Trojan Source"), and
/// zero-width characters make two names that look the same differ. Refused in one-line fields;
/// in running text only the bidi controls are refused (joiners are needed by some scripts).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters drawn as nothing, or as a blank that is not a space: fillers (Hangul, braille),
/// joiners, variation selectors, tags and invisible operators. Two names that differ only in
/// these look the same.
pub fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
                | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}'
                | '\u{206A}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}'
        )
}

/// Line and paragraph separators break a line as a newline does.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}')
}

/// Fields limited to this many characters or fewer (names, roles, titles, ids) are one line:
/// a newline in an author name would forge a line in every printed log.
const ONE_LINE_MAX: usize = 255;

fn check_len(field: &str, value: &str, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max {
        return Err(Error::invalid(format!(
            "{field} är för lång: {n} tecken, högst {max} tillåts. Korta texten eller dela upp den."
        ))
        .with("field", field)
        .with("length", n)
        .with("max", max));
    }
    let one_line = max <= ONE_LINE_MAX;
    // A carriage return belongs only before a line feed (a Windows line end): alone it sends a
    // terminal back to the start of the line, and `kris list` would show the rest over the text.
    let lone_cr = value.replace("\r\n", "").contains('\r');
    if let Some(c) = value
        .chars()
        .find(|&c| {
            (c.is_control() && (one_line || !matches!(c, '\n' | '\t' | '\r')))
                || is_bidi_control(c)
                || (one_line && (is_invisible(c) || is_line_break(c)))
        })
        .or(lone_cr.then_some('\r'))
    {
        let what = if is_line_break(c) {
            "en radbrytning; fältet ska vara en rad"
        } else if c.is_control() {
            "otillåtna styrtecken"
        } else {
            "osynliga tecken som kan få texten att se ut som något annat"
        };
        return Err(Error::invalid(format!(
            "{field} innehåller {what} (U+{:04X}). Skriv in texten på nytt i stället för att klistra in den.",
            c as u32
        ))
        .with("field", field)
        .with("char", format!("U+{:04X}", c as u32)));
    }
    Ok(())
}

/// Trims whitespace, and a byte order mark or zero-width space left by a paste, at both ends.
/// Other invisible characters stay where they are (a variation selector ends many emoji).
fn trim(value: &str) -> &str {
    value.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}'))
}

/// Nothing a reader would see: a field of fillers, joiners and the like is empty.
fn looks_empty(value: &str) -> bool {
    value.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

pub fn required(field: &str, value: &str, max: usize) -> Result<String> {
    let v = trim(value);
    if looks_empty(v) {
        return Err(Error::invalid(format!("{field} måste fyllas i.")).with("field", field));
    }
    check_len(field, v, max)?;
    Ok(v.to_string())
}

pub fn optional(field: &str, value: &Option<String>, max: usize) -> Result<Option<String>> {
    match value.as_deref().map(trim) {
        None => Ok(None),
        Some(v) if looks_empty(v) => Ok(None),
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
    let at = happened(optional_time("Tidpunkt", occurred_at)?.unwrap_or(now), now)?;
    let late_reason = optional("Orsak till sen registrering", late_reason, TEXT_MAX)?;
    if at < now - Duration::minutes(LATE_AFTER_MINUTES) && late_reason.is_none() {
        return Err(Error::invalid(format!(
            "Tidpunkten ligger mer än {LATE_AFTER_MINUTES} minuter bakåt. Ange orsak till sen \
             registrering (t.ex. \"loggat i efterhand efter telefonsamtal\")."
        ))
        .with("late_minutes", LATE_AFTER_MINUTES));
    }
    Ok(Occurrence {
        occurred_at: at,
        late_reason,
    })
}

/// A time something happened: neither before the year 2000 nor ahead of the clock. Without the
/// late-entry rule, for what is written down afterwards by its nature (an avvikelse).
pub fn happened(at: Ts, now: Ts) -> Result<Ts> {
    if at.format("%Y").to_string().as_str() < EARLIEST_YEAR {
        return Err(Error::invalid(format!(
            "Tidpunkten {} ligger före år {EARLIEST_YEAR}. Kontrollera datumet.",
            time::format(&at)
        ))
        .with("occurred_at", time::format(&at))
        .with("earliest_year", EARLIEST_YEAR));
    }
    if at > now + Duration::minutes(FUTURE_TOLERANCE_MINUTES) {
        return Err(Error::invalid(format!(
            "Tidpunkten {} ligger mer än {FUTURE_TOLERANCE_MINUTES} minuter i framtiden. Logga det som \
             har hänt; planerade tider anges som ikraftträdande eller uppföljning.",
            time::format(&at)
        ))
        .with("occurred_at", time::format(&at))
        .with("future_minutes", FUTURE_TOLERANCE_MINUTES));
    }
    Ok(at)
}
