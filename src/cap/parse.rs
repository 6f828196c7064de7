//! CAP 1.2 XML to a checked `Alert`. quick-xml expands no entity by itself; on top of that a
//! DOCTYPE is refused the moment it is seen (CAP never has one, and it is where billion laughs and
//! external entities live), and a reference to any entity but the five XML predefines is refused
//! rather than left out, so what is imported is exactly what the file says.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::model::{Alert, Info, Reference};
use super::vocab::{self, Vocab, Word};
use super::{not_cap, MAX_CAP_BYTES, NAMESPACE};
use crate::error::{Error, Result};
use crate::text::preview;

/// An alert is `alert/info/area/geocode/value` at its deepest; a signature or extension adds a few
/// levels. Far deeper is not an alert, and is refused before it costs anything.
const MAX_DEPTH: usize = 32;

/// Identifiers and senders end up on one line of the diary and in its duplicate check.
const MAX_ID_CHARS: usize = 255;

/// One element's text, and where it starts in the file (for the line in an error).
#[derive(Debug, Clone)]
struct Value {
    text: String,
    pos: usize,
}

/// The elements directly under `<alert>`, `<info>` or `<area>`, in file order.
#[derive(Debug, Default)]
struct Block {
    name: &'static str,
    pos: usize,
    values: Vec<(String, Value)>,
}

/// An `<info>` and its `<area>`s.
struct InfoBlock {
    block: Block,
    areas: Vec<Block>,
}

struct Frame {
    name: String,
    /// In the CAP namespace, as are all its ancestors: only such elements are read.
    cap: bool,
    pos: usize,
}

/// Line of a byte position, counting from 1.
fn line(input: &str, pos: usize) -> usize {
    let end = pos.min(input.len());
    input.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Reads and checks an alert. Nothing about the store is asked here, so a refusal never waits for
/// the write lock.
pub fn alert(xml: &str) -> Result<Alert> {
    if xml.len() > MAX_CAP_BYTES {
        return Err(not_cap(
            "size",
            format!(
                "den är {} kB; en CAP-varning är några kB och högst {} kB tas emot.",
                xml.len() / 1024,
                MAX_CAP_BYTES / 1024
            ),
        )
        .with("size_kb", xml.len() / 1024)
        .with("max_kb", MAX_CAP_BYTES / 1024));
    }
    let body = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let start = body.trim_start();
    if start.is_empty() {
        return Err(not_cap("empty", "filen är tom."));
    }
    if !start.starts_with('<') {
        let first = preview(start.lines().next().unwrap_or_default());
        return Err(not_cap(
            "not_xml",
            format!("den är inte XML (den börjar med \"{first}\")."),
        )
        .with("start", first));
    }
    let (alert, infos) = read(body)?;
    check(body, alert, infos)
}

/// The XML pass: well-formed, no DTD, no unknown entity, root `<alert>` in the CAP 1.2 namespace.
fn read(input: &str) -> Result<(Block, Vec<InfoBlock>)> {
    let mut reader = NsReader::from_str(input);
    let mut stack: Vec<Frame> = Vec::new();
    let mut alert = Block {
        name: "alert",
        ..Block::default()
    };
    let mut infos: Vec<InfoBlock> = Vec::new();
    let mut text = String::new();
    let mut root_seen = false;
    loop {
        let pos = reader.buffer_position() as usize;
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (owned_ns(ns), event),
            Err(e) => return Err(xml_error(input, reader.error_position() as usize, &e)),
        };
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::DocType(_) => {
                let line = line(input, pos);
                return Err(Error::invalid(format!(
                    "Filen innehåller en DOCTYPE-deklaration (rad {line}), vilket en CAP-varning \
                     aldrig har. Den vägras eftersom en DTD kan användas för att läsa filer på \
                     datorn eller få programmet att hänga (XXE, \"billion laughs\"). Inget \
                     importerades."
                ))
                .with("cap", "doctype")
                .with("line", line));
            }
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name().into_inner().to_string();
                if stack.is_empty() {
                    if root_seen {
                        return Err(trailing(input, pos));
                    }
                    root_seen = true;
                    let qname = e.name().into_inner().to_string();
                    if name != "alert" || ns.as_deref() != Some(NAMESPACE) {
                        return Err(wrong_root(input, pos, &qname, ns.as_deref()));
                    }
                    alert.pos = pos;
                }
                if stack.len() >= MAX_DEPTH {
                    let line = line(input, pos);
                    return Err(not_cap(
                        "depth",
                        format!(
                            "elementen är nästlade djupare än {MAX_DEPTH} nivåer (rad {line}); en \
                             CAP-varning är bara några nivåer djup."
                        ),
                    )
                    .with("line", line)
                    .with("max", MAX_DEPTH));
                }
                let cap = ns.as_deref() == Some(NAMESPACE) && stack.last().is_none_or(|f| f.cap);
                stack.push(Frame { name, cap, pos });
                text.clear();
                opened(&stack, &mut infos);
                if empty {
                    if let Some(frame) = stack.pop() {
                        closed(&stack, frame, String::new(), &mut alert, &mut infos);
                    }
                }
            }
            Event::End(_) => {
                // quick-xml refuses an end tag nothing opened; should that ever change, a
                // hostile file gets a refusal, not a panic.
                let Some(frame) = stack.pop() else {
                    return Err(trailing(input, pos));
                };
                closed(
                    &stack,
                    frame,
                    std::mem::take(&mut text),
                    &mut alert,
                    &mut infos,
                );
            }
            Event::Text(t) => outside_or(&stack, input, pos, &t.xml10_content(), &mut text)?,
            Event::CData(t) => outside_or(&stack, input, pos, &t.xml10_content(), &mut text)?,
            Event::GeneralRef(r) => {
                let c = reference(input, pos, &r)?;
                outside_or(&stack, input, pos, c.encode_utf8(&mut [0; 4]), &mut text)?;
            }
            Event::Eof => {
                if let Some(open) = stack.last() {
                    let line = line(input, open.pos);
                    return Err(not_cap(
                        "truncated",
                        format!(
                            "filen tar slut innan <{}> (öppnad på rad {line}) är stängd. Är \
                             filen avkortad?",
                            open.name
                        ),
                    )
                    .with("element", &open.name)
                    .with("line", line));
                }
                if !root_seen {
                    return Err(not_cap("empty", "filen innehåller inget XML-element."));
                }
                return Ok((alert, infos));
            }
            // The XML declaration, comments and processing instructions carry nothing CAP reads.
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
}

fn owned_ns(ns: ResolveResult<'_>) -> Option<String> {
    match ns {
        ResolveResult::Bound(n) => Some(n.into_inner().to_string()),
        ResolveResult::Unbound | ResolveResult::Unknown(_) => None,
    }
}

/// Text inside the root is kept for the element it is in; outside it only whitespace may stand.
fn outside_or(stack: &[Frame], input: &str, pos: usize, s: &str, text: &mut String) -> Result<()> {
    if stack.is_empty() {
        if s.trim().is_empty() {
            return Ok(());
        }
        return Err(trailing(input, pos));
    }
    if stack.last().is_some_and(|f| f.cap) {
        text.push_str(s);
    }
    Ok(())
}

/// `&name;` in text: a character reference or one of the five predefined entities, nothing else.
fn reference(input: &str, pos: usize, r: &quick_xml::events::BytesRef<'_>) -> Result<char> {
    let name: &str = r;
    let line = line(input, pos);
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(c),
            _ => Err(not_cap(
                "char_ref",
                format!(
                    "teckenreferensen &{};, rad {line}, är inget giltigt tecken.",
                    preview(name)
                ),
            )
            .with("entity", preview(name))
            .with("line", line)),
        };
    }
    match name {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        _ => Err(not_cap(
            "entity",
            format!(
                "okänd entitetsreferens &{};, rad {line}. Bara &amp; &lt; &gt; &quot; &apos; och \
                 teckenreferenser (&#…;) är tillåtna; andra entiteter kräver en DTD, som vägras.",
                preview(name)
            ),
        )
        .with("entity", preview(name))
        .with("line", line)),
    }
}

fn trailing(input: &str, pos: usize) -> Error {
    let line = line(input, pos);
    not_cap(
        "trailing",
        format!("det står något utanför <alert> på rad {line}; en varning är ett enda <alert>."),
    )
    .with("line", line)
}

fn wrong_root(input: &str, pos: usize, qname: &str, ns: Option<&str>) -> Error {
    let line = line(input, pos);
    let found = match ns {
        Some(ns) => format!("<{qname}> i namnrymden \"{}\"", preview(ns)),
        None => format!("<{qname}> utan namnrymd"),
    };
    let hint = if ns.is_some_and(|n| n.starts_with("urn:oasis:names:tc:emergency:cap:")) {
        " Bara CAP 1.2 kan importeras."
    } else {
        ""
    };
    not_cap(
        "namespace",
        format!(
            "rotelementet (rad {line}) är {found}, men en CAP 1.2-varning är <alert> i namnrymden \
             {NAMESPACE}.{hint}"
        ),
    )
    .with("element", preview(qname))
    .with("namespace", preview(ns.unwrap_or_default()))
    .with("line", line)
}

fn xml_error(input: &str, pos: usize, e: &quick_xml::Error) -> Error {
    use quick_xml::errors::{IllFormedError as I, SyntaxError as S};
    let what = match e {
        quick_xml::Error::Syntax(
            S::UnclosedTag
            | S::UnclosedComment
            | S::UnclosedCData
            | S::UnclosedPI
            | S::UnclosedXmlDecl
            | S::UnclosedDoctype
            | S::UnclosedSingleQuotedAttributeValue
            | S::UnclosedDoubleQuotedAttributeValue,
        ) => "filen tar slut mitt i en tagg (är den avkortad?)".to_string(),
        quick_xml::Error::Syntax(_) => "ett tecken som inte hör hemma i XML".to_string(),
        quick_xml::Error::IllFormed(I::MismatchedEndTag { expected, found }) => {
            format!("</{found}> stänger inte <{expected}>")
        }
        quick_xml::Error::IllFormed(I::UnmatchedEndTag(tag)) => {
            format!("</{tag}> stänger inget öppet element")
        }
        quick_xml::Error::IllFormed(I::UnclosedReference) => {
            "ett &-tecken som inte avslutas med semikolon (skriv & som &amp;)".to_string()
        }
        quick_xml::Error::InvalidAttr(_) => "ett felskrivet attribut".to_string(),
        quick_xml::Error::Namespace(_) => "en felaktig namnrymdsdeklaration".to_string(),
        _ => "felaktig XML".to_string(),
    };
    let line = line(input, pos);
    not_cap(
        "xml",
        format!("XML-fel på rad {line} (byte {pos}): {what}."),
    )
    .with("line", line)
    .with("position", pos)
    .with("xml_error", e)
}

/// Opening `<info>` or `<area>` starts its block.
fn opened(stack: &[Frame], infos: &mut Vec<InfoBlock>) {
    let Some(frame) = stack.last().filter(|f| f.cap) else {
        return;
    };
    match (stack.len(), frame.name.as_str()) {
        (2, "info") => infos.push(InfoBlock {
            block: Block {
                name: "info",
                pos: frame.pos,
                values: Vec::new(),
            },
            areas: Vec::new(),
        }),
        (3, "area") if stack[1].name == "info" => {
            if let Some(info) = infos.last_mut() {
                info.areas.push(Block {
                    name: "area",
                    pos: frame.pos,
                    values: Vec::new(),
                });
            }
        }
        _ => {}
    }
}

/// Closing an element directly under `<alert>`, `<info>` or `<area>` records its text there.
fn closed(
    parents: &[Frame],
    frame: Frame,
    text: String,
    alert: &mut Block,
    infos: &mut [InfoBlock],
) {
    if !frame.cap {
        return;
    }
    let names: Vec<&str> = parents.iter().map(|f| f.name.as_str()).collect();
    let block = match names.as_slice() {
        ["alert"] => Some(alert),
        ["alert", "info"] => infos.last_mut().map(|i| &mut i.block),
        ["alert", "info", "area"] => infos.last_mut().and_then(|i| i.areas.last_mut()),
        _ => None,
    };
    if let Some(block) = block {
        block.values.push((
            frame.name,
            Value {
                text,
                pos: frame.pos,
            },
        ));
    }
}

/// Reads values out of one block, naming the block and lines in its errors.
struct Fields<'a> {
    input: &'a str,
    block: &'a Block,
}

impl<'a> Fields<'a> {
    fn all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'a Value> + 's {
        self.block
            .values
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// At most once; an empty element counts as absent.
    fn optional(&self, name: &str) -> Result<Option<&'a Value>> {
        let mut found = self.all(name);
        let first = found.next();
        if let Some(second) = found.next() {
            let line = line(self.input, second.pos);
            return Err(not_cap(
                "twice",
                format!(
                    "<{name}> står mer än en gång i <{}> (andra gången på rad {line}); CAP 1.2 \
                     tillåter ett.",
                    self.block.name
                ),
            )
            .with("element", name)
            .with("line", line));
        }
        Ok(first.filter(|v| !v.text.trim().is_empty()))
    }

    fn text(&self, name: &str) -> Result<Option<String>> {
        Ok(self.optional(name)?.map(|v| v.text.trim().to_string()))
    }

    fn required(&self, name: &str) -> Result<&'a Value> {
        self.optional(name)?.ok_or_else(|| self.missing(name))
    }

    fn missing(&self, name: &str) -> Error {
        let line = line(self.input, self.block.pos);
        not_cap(
            "missing",
            format!(
                "<{}> på rad {line} saknar <{name}>, eller så är det tomt; det är obligatoriskt i \
                 CAP 1.2.",
                self.block.name
            ),
        )
        .with("element", name)
        .with("parent", self.block.name)
        .with("line", line)
    }

    fn word(&self, vocab: &Vocab, value: &Value) -> Result<Word> {
        let v = value.text.trim();
        vocab.find(v).ok_or_else(|| {
            let line = line(self.input, value.pos);
            not_cap(
                "value",
                format!(
                    "<{}> på rad {line} är \"{}\"; CAP 1.2 tillåter {}.",
                    vocab.element,
                    preview(v),
                    vocab.allowed()
                ),
            )
            .with("element", vocab.element)
            .with("value", preview(v))
            .with("allowed", vocab.allowed())
            .with("line", line)
        })
    }

    fn required_word(&self, vocab: &Vocab) -> Result<Word> {
        self.word(vocab, self.required(vocab.element)?)
    }

    /// A CAP time: always with its offset, as `2026-11-30T14:00:00+01:00`.
    fn time(&self, name: &str, value: &Value) -> Result<(String, crate::time::Ts)> {
        let v = value.text.trim();
        // A time without an offset would be read as this computer's local time, which may not
        // be the sender's; CAP requires the offset for that reason.
        let parsed = chrono::DateTime::parse_from_rfc3339(v)
            .ok()
            .and_then(|_| crate::time::parse(name, v).ok());
        parsed.map(|t| (v.to_string(), t)).ok_or_else(|| {
            let line = line(self.input, value.pos);
            not_cap(
                "date",
                format!(
                    "<{name}> på rad {line} är \"{}\", ingen giltig tidpunkt. CAP skriver tider \
                     med tidszon, t.ex. 2026-11-30T14:00:00+01:00.",
                    preview(v)
                ),
            )
            .with("element", name)
            .with("value", preview(v))
            .with("line", line)
        })
    }

    fn optional_time(&self, name: &str) -> Result<Option<String>> {
        self.optional(name)?
            .map(|v| self.time(name, v).map(|(s, _)| s))
            .transpose()
    }

    /// `identifier` and `sender`: one word, no space, comma, `<` or `&` (CAP 1.2, 3.2.1), since
    /// `references` lists them separated by commas and spaces.
    fn id(&self, name: &str) -> Result<String> {
        let value = self.required(name)?;
        let v = value.text.trim();
        let line = line(self.input, value.pos);
        if v.chars().count() > MAX_ID_CHARS {
            return Err(not_cap(
                "long",
                format!("<{name}> på rad {line} är längre än {MAX_ID_CHARS} tecken."),
            )
            .with("element", name)
            .with("max", MAX_ID_CHARS)
            .with("line", line));
        }
        if v.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || crate::domain::validate::is_invisible(c)
                || matches!(c, ',' | '<' | '&')
        }) {
            return Err(not_cap(
                "identity",
                format!(
                    "<{name}> på rad {line} är \"{}\", men får inte innehålla mellanslag, \
                     kommatecken, < eller & (CAP 1.2).",
                    preview(v)
                ),
            )
            .with("element", name)
            .with("value", preview(v))
            .with("line", line));
        }
        Ok(v.to_string())
    }
}

/// The spec's rules, in the spec's order, so the first problem reported is the first one there.
fn check(input: &str, alert: Block, infos: Vec<InfoBlock>) -> Result<Alert> {
    let f = Fields {
        input,
        block: &alert,
    };
    let identifier = f.id("identifier")?;
    let sender = f.id("sender")?;
    let (sent, sent_at) = f.time("sent", f.required("sent")?)?;
    let status = f.required_word(&vocab::STATUS)?;
    let msg_type = f.required_word(&vocab::MSG_TYPE)?;
    let scope = f.required_word(&vocab::SCOPE)?;
    let note = f.text("note")?;
    let references = f
        .text("references")?
        .map(|r| references(&r))
        .unwrap_or_default();
    let infos = infos
        .iter()
        .map(|i| info(input, &i.block, &i.areas))
        .collect::<Result<Vec<Info>>>()?;
    Ok(Alert {
        identifier,
        sender,
        sent,
        sent_at,
        status,
        msg_type,
        scope,
        note,
        references,
        infos,
    })
}

fn info(input: &str, block: &Block, areas: &[Block]) -> Result<Info> {
    let f = Fields { input, block };
    let categories = f
        .all("category")
        .filter(|v| !v.text.trim().is_empty())
        .map(|v| f.word(&vocab::CATEGORY, v))
        .collect::<Result<Vec<Word>>>()?;
    if categories.is_empty() {
        return Err(f.missing("category"));
    }
    let event = f.required("event")?.text.trim().to_string();
    let response_types = f
        .all("responseType")
        .filter(|v| !v.text.trim().is_empty())
        .map(|v| f.word(&vocab::RESPONSE_TYPE, v))
        .collect::<Result<Vec<Word>>>()?;
    let urgency = f.required_word(&vocab::URGENCY)?;
    let severity = f.required_word(&vocab::SEVERITY)?;
    let certainty = f.required_word(&vocab::CERTAINTY)?;
    let areas = areas
        .iter()
        .map(|a| {
            Fields { input, block: a }
                .required("areaDesc")
                .map(|v| v.text.trim().to_string())
        })
        .collect::<Result<Vec<String>>>()?;
    Ok(Info {
        language: f.text("language")?.unwrap_or_else(|| "en-US".into()),
        categories,
        event,
        response_types,
        urgency,
        severity,
        certainty,
        effective: f.optional_time("effective")?,
        onset: f.optional_time("onset")?,
        expires: f.optional_time("expires")?,
        sender_name: f.text("senderName")?,
        headline: f.text("headline")?,
        description: f.text("description")?,
        instruction: f.text("instruction")?,
        web: f.text("web")?,
        contact: f.text("contact")?,
        areas,
    })
}

/// `sender,identifier,sent` triples separated by whitespace; a malformed one is kept whole as the
/// identifier, since it is only shown, never matched.
fn references(s: &str) -> Vec<Reference> {
    s.split_whitespace()
        .map(|r| match r.splitn(3, ',').collect::<Vec<_>>().as_slice() {
            [sender, identifier, sent] => Reference {
                sender: sender.to_string(),
                identifier: identifier.to_string(),
                sent: sent.to_string(),
            },
            _ => Reference {
                sender: String::new(),
                identifier: r.to_string(),
                sent: String::new(),
            },
        })
        .collect()
}
