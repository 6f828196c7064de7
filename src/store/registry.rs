//! What a feature slice hands the store: its schema, the entry kinds it projects, and an optional
//! guard. The store calls these without knowing any kind; the composition root (`slices.rs`)
//! lists the slices once.

use rusqlite::Connection;

use crate::error::Result;
use crate::journal::Envelope;

/// One numbered schema step of a domain; the step number is its place in the list, from 1.
pub struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
}

/// Applies one entry of a kind the slice owns to the slice's tables. The same function serves
/// live appends, replay and deep verify, so the three cannot drift apart.
pub type ProjectFn = fn(&Connection, &Envelope<'_>) -> Result<()>;

/// Checks an entry against what came before it (`seq < entry.seq`), live and in replay: a rule
/// such as "nothing in an event after its closing" holds for every kind, including later ones.
pub type GuardFn = fn(&Connection, &Envelope<'_>) -> Result<()>;

/// The line a person reads for one entry in the timeline: what it says, not what kind it is (the
/// window names the kind in its own language). May look up names the body refers to by id.
pub type DescribeFn = fn(&Connection, &Envelope<'_>) -> Result<String>;

pub struct Slice {
    /// Schema domain, also the slice's name in messages.
    pub name: &'static str,
    pub migrations: &'static [Migration],
    pub kinds: &'static [&'static str],
    pub project: ProjectFn,
    pub guard: Option<GuardFn>,
    pub describe: DescribeFn,
}

/// The slice that projects `kind`, if any: kinds written by newer versions have none here and are
/// kept and verified, not projected.
pub fn owner<'a>(slices: &'a [Slice], kind: &str) -> Option<&'a Slice> {
    slices.iter().find(|s| s.kinds.contains(&kind))
}

/// Guards of every slice, then the owner's projection: one entry's way into the tables.
pub fn apply(slices: &[Slice], conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    for guard in slices.iter().filter_map(|s| s.guard) {
        guard(conn, e)?;
    }
    if let Some(slice) = owner(slices, e.kind) {
        (slice.project)(conn, e)?;
    }
    Ok(())
}

/// Longest timeline line: a summary, the entry itself is one click away.
pub const SUMMARY_CHARS: usize = 280;

/// The owner's line for an entry; an entry of a kind no slice knows (written by a newer version)
/// still gets its kind, so the timeline never hides it.
pub fn describe(slices: &[Slice], conn: &Connection, e: &Envelope<'_>) -> String {
    let text = owner(slices, e.kind)
        .map(|s| (s.describe)(conn, e))
        .transpose()
        .unwrap_or_else(|err| Some(err.to_string()))
        .unwrap_or_else(|| e.kind.to_string());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(SUMMARY_CHARS) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

/// Text fields of a body joined with " – ", for describers: absent and empty fields are skipped.
pub fn body_fields(e: &Envelope<'_>, fields: &[&str]) -> String {
    let v: serde_json::Value = serde_json::from_str(e.body).unwrap_or_default();
    fields
        .iter()
        .filter_map(|f| match v.get(*f)? {
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" – ")
}

/// One text column of the row whose id a body names, for describers ("" when it is gone).
pub fn lookup(conn: &Connection, sql: &str, e: &Envelope<'_>, id_field: &str) -> Result<String> {
    use rusqlite::OptionalExtension;
    let v: serde_json::Value = serde_json::from_str(e.body).unwrap_or_default();
    let Some(id) = v.get(id_field).and_then(|x| x.as_str()) else {
        return Ok(String::new());
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_row([id], |r| r.get::<_, String>(0))
        .optional()?
        .unwrap_or_default())
}

/// Runs a projection statement, cached: replay runs these millions of times, and preparing is
/// most of the cost.
pub fn exec(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<()> {
    conn.prepare_cached(sql)?.execute(params)?;
    Ok(())
}

/// The entry's body as the slice's type.
pub fn body<T: serde::de::DeserializeOwned>(e: &Envelope<'_>) -> Result<T> {
    serde_json::from_str(e.body).map_err(|err| {
        crate::error::Error::storage(format!(
            "Post {} ({}) har en oläsbar kropp: {err}. Kör `kris verify`.",
            e.seq, e.kind
        ))
    })
}

/// The event an entry belongs to, for kinds that always have one.
pub fn event_of<'a>(e: &Envelope<'a>) -> Result<&'a str> {
    e.event_id.ok_or_else(|| {
        crate::error::Error::storage(format!("Post {} ({}) saknar händelse.", e.seq, e.kind))
    })
}
