//! An alert as one line of the staff diary, in Swedish: what a TiB would have written down from
//! the alert by hand, with the alert's identity last so it can be traced to its source. The text
//! is cleaned to what the diary accepts and cut to its length, so a valid alert always fits.

use super::model::{Alert, Info};
use crate::domain::validate::{is_invisible, NAME_MAX, TEXT_MAX};
use crate::log::{Channel, NewDiaryEntry};

/// How the entry is dated, decided by the import against the event and the clock.
#[derive(Debug, Clone, Default)]
pub struct When {
    /// None: the time of the import.
    pub occurred_at: Option<String>,
    pub late_reason: Option<String>,
    /// Said in the text when the entry does not carry the alert's own time.
    pub note: Option<String>,
}

pub fn entry(alert: &Alert, event_id: &str, when: When) -> NewDiaryEntry {
    let info = alert.preferred_info();
    let from = info
        .and_then(|i| i.sender_name.as_deref())
        .map(one_line)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| alert.sender.clone());
    NewDiaryEntry {
        event_id: event_id.to_string(),
        text: text(alert, info, when.note.as_deref()),
        channel: Channel::Ovrigt,
        from_party: Some(cut(&from, NAME_MAX)),
        to_party: None,
        occurred_at: when.occurred_at,
        late_reason: when.late_reason,
    }
}

/// A CAP time as people read it, with the sender's offset kept: `2026-11-30 14:00 +01:00`.
pub fn shown(raw: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.format("%Y-%m-%d %H:%M %:z").to_string())
        .unwrap_or_else(|_| raw.to_string())
}

fn text(alert: &Alert, info: Option<&Info>, time_note: Option<&str>) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mark = match alert.status.cap {
        "Actual" => String::new(),
        _ => format!("{} – ", alert.status.sv),
    };
    let kind = match alert.msg_type.cap {
        "Update" => "Uppdatering av CAP-varning",
        "Cancel" => "Återkallad CAP-varning",
        "Ack" => "Kvittens (CAP)",
        "Error" => "Felmeddelande (CAP)",
        _ => "CAP-varning",
    };
    let title = info
        .map(|i| one_line(i.headline.as_deref().unwrap_or(&i.event)))
        .or_else(|| alert.note.as_deref().map(one_line))
        .unwrap_or_else(|| alert.identifier.clone());
    lines.push(format!("{mark}{kind}: {title}"));
    if !alert.references.is_empty() {
        let label = match alert.msg_type.cap {
            "Update" => "Uppdaterar",
            "Cancel" => "Återkallar",
            _ => "Avser",
        };
        let refs: Vec<String> = alert
            .references
            .iter()
            .map(|r| {
                let mut s = format!("varning {}", one_line(&r.identifier));
                if !r.sender.is_empty() {
                    s.push_str(&format!(" från {}", one_line(&r.sender)));
                }
                if !r.sent.is_empty() {
                    s.push_str(&format!(" (skickad {})", shown(&r.sent)));
                }
                s
            })
            .collect();
        lines.push(format!("{label}: {}", refs.join("; ")));
    }
    if let Some(i) = info {
        describe(&mut lines, alert, i);
    }
    // Without an <info> the note was the title; it is not said twice.
    if let Some(note) = alert.note.as_ref().filter(|_| info.is_some()) {
        lines.push(String::new());
        lines.push(format!("Anmärkning: {}", running(note)));
    }
    let mut tail = Vec::new();
    if let Some(note) = time_note {
        tail.push(note.to_string());
    }
    tail.push(alert.identity_line());
    fit(&lines.join("\n"), &tail.join("\n"))
}

fn describe(lines: &mut Vec<String>, alert: &Alert, i: &Info) {
    if i.headline.is_some() {
        lines.push(format!("Händelse: {}", one_line(&i.event)));
    }
    if !i.areas.is_empty() {
        let areas: Vec<String> = i.areas.iter().map(|a| one_line(a)).collect();
        lines.push(format!("Område: {}", areas.join("; ")));
    }
    lines.push(format!(
        "Allvarlighetsgrad: {} · Brådska: {} · Sannolikhet: {}",
        i.severity.sv, i.urgency.sv, i.certainty.sv
    ));
    let categories: Vec<&str> = i.categories.iter().map(|c| c.sv).collect();
    lines.push(format!("Kategori: {}", categories.join(", ")));
    if !i.response_types.is_empty() {
        let r: Vec<&str> = i.response_types.iter().map(|c| c.sv).collect();
        lines.push(format!("Rekommenderad åtgärd: {}", r.join(", ")));
    }
    let times: Vec<String> = [
        ("Gäller från", &i.effective),
        ("Väntas börja", &i.onset),
        ("Upphör att gälla", &i.expires),
    ]
    .iter()
    .filter_map(|(label, t)| t.as_ref().map(|t| format!("{label}: {}", shown(t))))
    .collect();
    if !times.is_empty() {
        lines.push(times.join(" · "));
    }
    if alert.scope.cap != "Public" {
        lines.push(format!("Spridning: {}", alert.scope.sv));
    }
    if !i.language.to_lowercase().starts_with("sv") {
        lines.push(format!(
            "Språk: {} (varningen har ingen svensk text)",
            one_line(&i.language)
        ));
    }
    let others: Vec<String> = alert
        .infos
        .iter()
        .filter(|o| !std::ptr::eq(*o, i))
        .map(|o| one_line(&o.language))
        .collect();
    if !others.is_empty() {
        lines.push(format!("Finns också på: {}", others.join(", ")));
    }
    if let Some(d) = &i.description {
        lines.push(String::new());
        lines.push(running(d));
    }
    if let Some(s) = &i.instruction {
        lines.push(String::new());
        lines.push(format!("Instruktion: {}", running(s)));
    }
    let mut end = Vec::new();
    if let Some(w) = &i.web {
        end.push(format!("Mer information: {}", one_line(w)));
    }
    if let Some(c) = &i.contact {
        end.push(format!("Kontakt: {}", one_line(c)));
    }
    if !end.is_empty() {
        lines.push(String::new());
        lines.extend(end);
    }
}

/// The body cut so that body and tail fit the diary, with a note saying so; the tail (the
/// alert's identity) is always whole, since it is what tells a second import of the alert.
fn fit(body: &str, tail: &str) -> String {
    let body_n = body.chars().count();
    let tail_n = tail.chars().count();
    if body_n + 1 + tail_n <= TEXT_MAX {
        return format!("{body}\n{tail}");
    }
    let note = format!(
        "[Förkortad: varningens text är {body_n} tecken och en dagbokspost rymmer {TEXT_MAX}. \
         Hela texten finns hos avsändaren.]"
    );
    let room = TEXT_MAX.saturating_sub(tail_n + note.chars().count() + 3);
    let kept: String = body.chars().take(room).collect();
    // A word cut in half reads as a different word; end at the last space, if one is near.
    let kept = kept
        .char_indices()
        .rev()
        .take(200)
        .find(|(_, c)| c.is_whitespace())
        .map_or(kept.as_str(), |(at, _)| &kept[..at]);
    format!("{}…\n{note}\n{tail}", kept.trim_end())
}

/// Bidi controls make a line read differently from what is stored; the diary refuses them, so
/// they are dropped (the text then shows in its stored order).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// One line: breaks and control characters become spaces, runs of spaces one, invisible
/// characters go (the diary refuses them in one-line fields).
pub fn one_line(s: &str) -> String {
    let spaced: String = s
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Running text with its paragraphs: one kind of line end, no control character but the tab,
/// the indentation of the XML file gone, at most one blank line in a row.
pub fn running(s: &str) -> String {
    let s = s
        .replace("\r\n", "\n")
        .replace(['\r', '\u{85}', '\u{2028}', '\u{2029}'], "\n");
    let mut out: Vec<String> = Vec::new();
    for line in s.split('\n') {
        let line: String = line
            .chars()
            .filter(|c| !is_bidi_control(*c))
            .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
            .collect();
        let line = line.trim();
        if line.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
        } else {
            out.push(line.to_string());
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// At most `max` characters, with … when cut.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}
