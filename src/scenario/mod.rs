//! Exercise scenarios (övningsscenarier): the master events list an exercise is played from —
//! background, objectives, the starting state, timed injects (inspel), contingency injects and the
//! actions the staff is expected to take. The format is TOML, documented in
//! `docs/scenario-format.md`; the parsed scenario is written whole into the exercise's journal, so
//! a played exercise explains itself without the file.

mod parse;
pub mod shipped;

pub use parse::{parse, MAX_SCENARIO_BYTES};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::domain::mode::ModeId;
use crate::log::Channel;
use crate::logistics::resource::NewResource;
use crate::situation::Section;
use crate::staff::NewStaff;

pub const FORMAT: &str = "krisledning/scenario/1";
/// No exercise is played for longer than a day; a longer offset is a typing error.
pub const MAX_OFFSET_SECONDS: u32 = 24 * 3600;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Scenario {
    pub id: String,
    pub version: u32,
    pub title: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    pub background: String,
    pub objectives: Vec<String>,
    /// Planned playing time, in seconds of exercise time.
    pub duration: u32,
    /// Roles the staff is expected to fill.
    pub participants: Vec<String>,
    pub start: Start,
    pub injects: Vec<Inject>,
    pub contingencies: Vec<Contingency>,
    pub expected: Vec<Expected>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Start {
    pub mode: ModeId,
    /// Why the organisation is in that mode when play starts (the mode change's basis).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode_basis: Option<String>,
    pub events: Vec<StartEvent>,
    /// Added through the same request as the resource board's.
    pub resources: Vec<NewResource>,
    pub staff: Vec<NewStaff>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StartEvent {
    pub title: String,
    pub event_type: String,
    /// Lägesbild sections as they stand when play starts.
    pub situation: Vec<StartSection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StartSection {
    pub section: Section,
    pub text: String,
}

/// What the staff receives: a message on a channel, from someone, to a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Message {
    pub channel: Channel,
    pub from: String,
    /// The role it is addressed to.
    pub to: String,
    pub text: String,
    /// For exercise control only: what the inject is meant to provoke, how to play the sender.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Inject {
    pub seq: u32,
    /// Exercise time it is due, in seconds after the start (T+).
    pub at: u32,
    #[serde(flatten)]
    #[ts(flatten)]
    pub message: Message,
    /// Expected actions this inject is meant to prompt.
    pub expects: Vec<String>,
}

crate::str_enum!(
    /// Who sends a contingency inject once its trigger holds.
    #[derive(Default)]
    Fire, "Okänt sätt att skicka", {
        /// Exercise control decides and presses the button.
        #[default]
        Control = "control" | "ovningsledning",
        /// Sent by the exercise clock as soon as the trigger holds.
        Auto = "auto",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// The expected action was not taken by its deadline.
    Missed(String),
    /// The expected action was taken (a consequence of what the staff did).
    Met(String),
}

impl Trigger {
    pub fn action(&self) -> &str {
        match self {
            Self::Missed(a) | Self::Met(a) => a,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Contingency {
    pub id: String,
    pub trigger: Trigger,
    pub fire: Fire,
    #[serde(flatten)]
    #[ts(flatten)]
    pub message: Message,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Expected {
    pub id: String,
    pub text: String,
    /// Exercise time by which it should be done (T+, seconds).
    pub by: u32,
    /// Only entries written after this inject was delivered count.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<u32>,
    #[serde(rename = "match")]
    pub matcher: Matcher,
}

/// Which journal entry shows the action was taken: its kind, fields its body must hold (a subset,
/// nested tables compared the same way) and words its text must contain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Matcher {
    pub kind: String,
    #[ts(optional, type = "Record<string, unknown>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<String>,
}

impl Matcher {
    /// Whether an entry of `kind` with this (JSON) body shows the action.
    pub fn matches(&self, kind: &str, body: &Value) -> bool {
        kind == self.kind
            && self.body.as_ref().is_none_or(|want| subset(want, body))
            && self.contains.as_ref().is_none_or(|words| {
                // Word stems anywhere, as search folds them: "reservkraft" finds "Reservkraften".
                let hay = crate::text::search_words(&strings(body)).join(" ");
                crate::text::search_words(words)
                    .iter()
                    .all(|w| hay.contains(w.as_str()))
            })
    }
}

fn subset(want: &Value, have: &Value) -> bool {
    match (want, have) {
        (Value::Object(w), Value::Object(h)) => w
            .iter()
            .all(|(k, v)| h.get(k).is_some_and(|hv| subset(v, hv))),
        (Value::String(w), Value::String(h)) => crate::text::fold(w) == crate::text::fold(h),
        (w, h) => w == h,
    }
}

fn strings(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(strings).collect::<Vec<_>>().join(" "),
        Value::Object(o) => o.values().map(strings).collect::<Vec<_>>().join(" "),
        _ => String::new(),
    }
}

/// `T+01:05` for 3900 seconds; seconds are shown only when there are any.
pub fn t_plus(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "+" };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
    if sec == 0 {
        format!("T{sign}{h:02}:{m:02}")
    } else {
        format!("T{sign}{h:02}:{m:02}:{sec:02}")
    }
}

/// Reads `T+00:20`, `T+1:05:30` or `00:20` as seconds after the start.
pub fn parse_offset(s: &str) -> Option<u32> {
    let s = s.trim();
    let s = s
        .strip_prefix("T+")
        .or_else(|| s.strip_prefix("t+"))
        .unwrap_or(s);
    let parts: Vec<&str> = s.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    if n[1] >= 60 || n.get(2).is_some_and(|s| *s >= 60) {
        return None;
    }
    let total = n[0] * 3600 + n[1] * 60 + n.get(2).copied().unwrap_or(0);
    (total <= MAX_OFFSET_SECONDS).then_some(total)
}

impl Scenario {
    pub fn expected(&self, id: &str) -> Option<&Expected> {
        self.expected.iter().find(|e| e.id == id)
    }

    pub fn inject(&self, seq: u32) -> Option<&Inject> {
        self.injects.iter().find(|i| i.seq == seq)
    }

    pub fn contingency(&self, id: &str) -> Option<&Contingency> {
        self.contingencies.iter().find(|c| c.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_and_print_the_same() {
        assert_eq!(parse_offset("T+00:20"), Some(1200));
        assert_eq!(parse_offset("T+1:05:30"), Some(3930));
        assert_eq!(parse_offset("02:00"), Some(7200));
        assert_eq!(t_plus(1200), "T+00:20");
        assert_eq!(t_plus(3930), "T+01:05:30");
        assert_eq!(t_plus(-60), "T-00:01");
        for bad in [
            "T+",
            "T+1",
            "T+00:60",
            "T+25:00",
            "T+aa:bb",
            "T+00:00:61",
            "T+-1:00",
        ] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_matcher_wants_a_subset_of_the_body() {
        let m = Matcher {
            kind: "decision.made".into(),
            body: Some(serde_json::json!({"kind": "inriktning"})),
            contains: Some("reservkraft".into()),
        };
        let body = serde_json::json!({"kind": "inriktning", "title": "Reservkraft prioriteras", "text": "x"});
        assert!(m.matches("decision.made", &body));
        assert!(!m.matches("diary.logged", &body));
        let other = serde_json::json!({"kind": "samordning", "title": "Reservkraft"});
        assert!(!m.matches("decision.made", &other));
        let no_word = serde_json::json!({"kind": "inriktning", "title": "Vatten"});
        assert!(!m.matches("decision.made", &no_word));
        // Several words: each anywhere, in any case, å ä ö as typed or not.
        let m = Matcher {
            kind: "diary.logged".into(),
            body: None,
            contains: Some("vardcentralen STÄNGS".into()),
        };
        let body = serde_json::json!({"text": "Vårdcentralen i Ronneby stängs kl 16"});
        assert!(m.matches("diary.logged", &body));
    }
}
