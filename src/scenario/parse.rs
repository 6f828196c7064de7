//! The scenario file as written, checked field by field; every error names file, line and field.

use std::collections::HashSet;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::*;
use crate::domain::validate::{is_invisible, NAME_MAX, TEXT_MAX, TITLE_MAX};
use crate::error::{Error, Result};
use crate::logistics::ResourceStatus;
use crate::plans::format::{line_of, located, parse_toml};

/// A scenario is a few hundred lines a person wrote; anything larger is not one.
pub const MAX_SCENARIO_BYTES: usize = 512 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    format: Spanned<String>,
    id: Spanned<String>,
    version: Spanned<u32>,
    title: Spanned<String>,
    title_en: Option<String>,
    duration: Spanned<String>,
    background: Spanned<String>,
    objectives: Spanned<Vec<String>>,
    #[serde(default)]
    participants: Vec<String>,
    start: RawStart,
    injects: Spanned<Vec<RawInject>>,
    #[serde(default)]
    contingencies: Vec<RawContingency>,
    #[serde(default)]
    expected: Vec<RawExpected>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStart {
    mode: ModeId,
    mode_basis: Option<String>,
    #[serde(default)]
    events: Vec<RawEvent>,
    #[serde(default)]
    resources: Vec<RawResource>,
    #[serde(default)]
    staff: Vec<RawStaff>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    title: Spanned<String>,
    event_type: Option<String>,
    #[serde(default)]
    situation: Vec<RawSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    section: Section,
    text: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResource {
    kind: Spanned<String>,
    name: Spanned<String>,
    quantity: Spanned<f64>,
    unit: Spanned<String>,
    location: Spanned<String>,
    owner: Spanned<String>,
    #[serde(default)]
    status: Option<ResourceStatus>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStaff {
    name: Spanned<String>,
    roles: Spanned<Vec<String>>,
    phone: Option<String>,
    organisation: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInject {
    seq: Spanned<u32>,
    at: Spanned<String>,
    #[serde(default)]
    channel: Channel,
    from: Spanned<String>,
    to: Spanned<String>,
    text: Spanned<String>,
    expects: Option<Spanned<Vec<String>>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrigger {
    missed: Option<String>,
    met: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContingency {
    id: Spanned<String>,
    trigger: Spanned<RawTrigger>,
    #[serde(default)]
    fire: Fire,
    #[serde(default)]
    channel: Channel,
    from: Spanned<String>,
    to: Spanned<String>,
    text: Spanned<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMatch {
    kind: Spanned<String>,
    body: Option<Spanned<toml::Table>>,
    contains: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpected {
    id: Spanned<String>,
    text: Spanned<String>,
    by: Spanned<String>,
    after: Option<Spanned<u32>>,
    #[serde(rename = "match")]
    matcher: RawMatch,
}

struct Check<'a> {
    file: &'a str,
    source: &'a str,
}

impl Check<'_> {
    fn err(&self, span: Range<usize>, field: &str, msg: &str) -> Error {
        let line = line_of(self.source, span.start);
        located(self.file, self.source, Some(span), field, msg)
            .with("file", self.file)
            .with("line", line)
            .with("field", field)
    }

    fn text(&self, v: &Spanned<String>, field: &str, max: usize) -> Result<String> {
        let t = v.get_ref().trim();
        if t.is_empty() {
            return Err(self.err(v.span(), field, "får inte vara tomt"));
        }
        if t.chars().count() > max {
            return Err(self.err(v.span(), field, &format!("högst {max} tecken")));
        }
        Ok(t.to_string())
    }

    fn offset(&self, v: &Spanned<String>, field: &str) -> Result<u32> {
        parse_offset(v.get_ref()).ok_or_else(|| {
            self.err(
                v.span(),
                field,
                &format!(
                    "\"{}\" är ingen övningstid; skriv T+TT:MM (högst T+24:00)",
                    crate::text::preview(v.get_ref())
                ),
            )
        })
    }

    fn id(&self, v: &Spanned<String>, field: &str, seen: &mut HashSet<String>) -> Result<String> {
        let id = v.get_ref();
        let ok = !id.is_empty()
            && id.len() <= 32
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            return Err(self.err(
                v.span(),
                field,
                "använd bara A–Z, a–z, 0–9, - och _ (högst 32 tecken)",
            ));
        }
        if !seen.insert(id.clone()) {
            return Err(self.err(v.span(), field, &format!("{id} finns redan")));
        }
        Ok(id.clone())
    }

    fn message(
        &self,
        channel: Channel,
        from: &Spanned<String>,
        to: &Spanned<String>,
        text: &Spanned<String>,
        note: &Option<String>,
        table: &str,
    ) -> Result<Message> {
        Ok(Message {
            channel,
            from: self.text(from, &format!("{table}.from"), NAME_MAX)?,
            to: self.text(to, &format!("{table}.to"), NAME_MAX)?,
            text: self.text(text, &format!("{table}.text"), TEXT_MAX)?,
            note: note
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        })
    }
}

/// Parses and checks a scenario. `known_kind` says whether an entry kind exists in this program,
/// so an expected action can never wait for an entry that cannot be written.
pub fn parse(file: &str, source: &str, known_kind: &dyn Fn(&str) -> bool) -> Result<Scenario> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.len() > MAX_SCENARIO_BYTES {
        return Err(Error::invalid(format!(
            "{file}: filen är för stor ({} kB, högst {} kB). Ett scenario är text som en människa skrivit.",
            source.len() / 1024,
            MAX_SCENARIO_BYTES / 1024
        ))
        .with("file", file));
    }
    if let Some((at, c)) = source
        .char_indices()
        .find(|&(_, c)| (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || is_invisible(c))
    {
        let line = line_of(source, at);
        return Err(Error::invalid(format!(
            "{file}:{line}: otillåtet osynligt tecken eller styrtecken (U+{:04X}). Ta bort det och läs in filen igen.",
            c as u32
        ))
        .with("file", file)
        .with("line", line)
        .with("char", format!("U+{:04X}", c as u32)));
    }
    let raw: Raw = parse_toml(file, source)?;
    let ck = Check { file, source };
    if raw.format.get_ref() != FORMAT {
        return Err(ck.err(
            raw.format.span(),
            "format",
            &format!("ska vara \"{FORMAT}\""),
        ));
    }
    let id = raw.id.get_ref();
    if id.is_empty()
        || id.len() > 64
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(ck.err(
            raw.id.span(),
            "id",
            "använd bara a–z, 0–9 och bindestreck (högst 64 tecken)",
        ));
    }
    if *raw.version.get_ref() == 0 {
        return Err(ck.err(raw.version.span(), "version", "måste vara 1 eller högre"));
    }
    let duration = ck.offset(&raw.duration, "duration")?;
    if duration == 0 {
        return Err(ck.err(
            raw.duration.span(),
            "duration",
            "övningen måste pågå en stund",
        ));
    }
    let objectives: Vec<String> = raw
        .objectives
        .get_ref()
        .iter()
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty())
        .collect();
    if objectives.is_empty() {
        return Err(ck.err(
            raw.objectives.span(),
            "objectives",
            "ange minst ett övningsmål",
        ));
    }

    let start = start(&ck, raw.start)?;

    // Expected actions first: injects and contingencies refer to them.
    let mut seen = HashSet::new();
    let mut expected = Vec::new();
    for e in &raw.expected {
        let by = ck.offset(&e.by, "expected.by")?;
        if by > duration {
            return Err(ck.err(
                e.by.span(),
                "expected.by",
                "senare än övningens slut (duration)",
            ));
        }
        let kind = e.matcher.kind.get_ref();
        if !known_kind(kind) || kind.starts_with("exercise.") || kind == "inject.delivered" {
            return Err(ck.err(
                e.matcher.kind.span(),
                "expected.match.kind",
                &format!(
                    "\"{}\" är ingen posttyp som staben skriver (t.ex. decision.made, diary.logged, plan.activated, mode.changed)",
                    crate::text::preview(kind)
                ),
            ));
        }
        let body = match &e.matcher.body {
            None => None,
            Some(t) => Some(serde_json::to_value(t.get_ref()).map_err(|_| {
                ck.err(
                    t.span(),
                    "expected.match.body",
                    "kan inte jämföras med en post",
                )
            })?),
        };
        expected.push(Expected {
            id: ck.id(&e.id, "expected.id", &mut seen)?,
            text: ck.text(&e.text, "expected.text", TITLE_MAX)?,
            by,
            after: e.after.as_ref().map(|a| *a.get_ref()),
            matcher: Matcher {
                kind: kind.clone(),
                body,
                contains: e
                    .matcher
                    .contains
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            },
        });
    }
    let known: HashSet<&str> = expected.iter().map(|e| e.id.as_str()).collect();

    if raw.injects.get_ref().is_empty() {
        return Err(ck.err(raw.injects.span(), "injects", "ange minst ett inspel"));
    }
    let mut injects: Vec<Inject> = Vec::new();
    for i in raw.injects.get_ref() {
        let seq = *i.seq.get_ref();
        let at = ck.offset(&i.at, "injects.at")?;
        if let Some(prev) = injects.last() {
            if seq <= prev.seq {
                return Err(ck.err(
                    i.seq.span(),
                    "injects.seq",
                    &format!("löpnumren ska öka (föregående är {})", prev.seq),
                ));
            }
            if at < prev.at {
                return Err(ck.err(
                    i.at.span(),
                    "injects.at",
                    &format!(
                        "inspelet kommer före inspel {} ({}); ordna dem efter tid",
                        prev.seq,
                        t_plus(prev.at.into())
                    ),
                ));
            }
        } else if seq == 0 {
            return Err(ck.err(i.seq.span(), "injects.seq", "löpnumret börjar på 1"));
        }
        if at > duration {
            return Err(ck.err(
                i.at.span(),
                "injects.at",
                "senare än övningens slut (duration)",
            ));
        }
        let expects = i
            .expects
            .as_ref()
            .map_or(&[][..], |e| e.get_ref().as_slice());
        if let Some(missing) = expects.iter().find(|x| !known.contains(x.as_str())) {
            return Err(ck.err(
                i.expects.as_ref().map_or(i.seq.span(), |e| e.span()),
                "injects.expects",
                &format!("det finns ingen förväntad åtgärd {missing} under [[expected]]"),
            ));
        }
        injects.push(Inject {
            seq,
            at,
            message: ck.message(i.channel, &i.from, &i.to, &i.text, &i.note, "injects")?,
            expects: expects.to_vec(),
        });
    }
    for e in &raw.expected {
        if let Some(after) = &e.after {
            if !injects.iter().any(|i| i.seq == *after.get_ref()) {
                return Err(ck.err(
                    after.span(),
                    "expected.after",
                    &format!("det finns inget inspel {}", after.get_ref()),
                ));
            }
        }
    }

    let mut ids = HashSet::new();
    let mut contingencies = Vec::new();
    for c in &raw.contingencies {
        let t = c.trigger.get_ref();
        let trigger = match (&t.missed, &t.met) {
            (Some(a), None) => Trigger::Missed(a.clone()),
            (None, Some(a)) => Trigger::Met(a.clone()),
            _ => {
                return Err(ck.err(
                    c.trigger.span(),
                    "contingencies.trigger",
                    "ange precis ett villkor: { missed = \"A1\" } eller { met = \"A1\" }",
                ))
            }
        };
        if !known.contains(trigger.action()) {
            return Err(ck.err(
                c.trigger.span(),
                "contingencies.trigger",
                &format!(
                    "det finns ingen förväntad åtgärd {} under [[expected]]",
                    crate::text::preview(trigger.action())
                ),
            ));
        }
        contingencies.push(Contingency {
            id: ck.id(&c.id, "contingencies.id", &mut ids)?,
            trigger,
            fire: c.fire,
            message: ck.message(c.channel, &c.from, &c.to, &c.text, &c.note, "contingencies")?,
        });
    }

    Ok(Scenario {
        id: id.clone(),
        version: *raw.version.get_ref(),
        title: ck.text(&raw.title, "title", TITLE_MAX)?,
        title_en: raw
            .title_en
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
        background: ck.text(&raw.background, "background", TEXT_MAX)?,
        objectives,
        duration,
        participants: raw
            .participants
            .into_iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        start,
        injects,
        contingencies,
        expected,
    })
}

fn start(ck: &Check<'_>, raw: RawStart) -> Result<Start> {
    let mut events = Vec::new();
    for e in &raw.events {
        let mut situation = Vec::new();
        for s in &e.situation {
            situation.push(StartSection {
                section: s.section,
                text: ck.text(&s.text, "start.events.situation.text", TEXT_MAX)?,
            });
        }
        events.push(StartEvent {
            title: ck.text(&e.title, "start.events.title", TITLE_MAX)?,
            event_type: e
                .event_type
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .unwrap_or("Övrigt")
                .to_string(),
            situation,
        });
    }
    let mut resources = Vec::new();
    for r in &raw.resources {
        let q = *r.quantity.get_ref();
        if !q.is_finite() || q < 0.0 {
            return Err(ck.err(
                r.quantity.span(),
                "start.resources.quantity",
                "ange ett antal, 0 eller mer",
            ));
        }
        resources.push(NewResource {
            kind: ck.text(&r.kind, "start.resources.kind", NAME_MAX)?,
            name: ck.text(&r.name, "start.resources.name", NAME_MAX)?,
            quantity: q,
            unit: ck.text(&r.unit, "start.resources.unit", NAME_MAX)?,
            location: ck.text(&r.location, "start.resources.location", NAME_MAX)?,
            owner: ck.text(&r.owner, "start.resources.owner", NAME_MAX)?,
            status: Some(r.status.unwrap_or(ResourceStatus::Tillganglig)),
            notes: None,
        });
    }
    let mut staff = Vec::new();
    for s in &raw.staff {
        if s.roles.get_ref().iter().all(|r| r.trim().is_empty()) {
            return Err(ck.err(s.roles.span(), "start.staff.roles", "ange minst en roll"));
        }
        staff.push(NewStaff {
            name: ck.text(&s.name, "start.staff.name", NAME_MAX)?,
            roles: s.roles.get_ref().clone(),
            phone: s.phone.clone(),
            rakel_id: None,
            email: None,
            organisation: s.organisation.clone(),
        });
    }
    Ok(Start {
        mode: raw.mode,
        mode_basis: raw
            .mode_basis
            .map(|b| b.trim().to_string())
            .filter(|b| !b.is_empty()),
        events,
        resources,
        staff,
    })
}
