//! Erfarenheter (lärdomar): what went well or must be done better, each with a named owner and a
//! date, open until the owner closes it with a note of what was done.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{LessonKind, KIND_LESSON, KIND_LESSON_CLOSED};
use crate::domain::validate::{self, NAME_MAX, TEXT_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};
use crate::time::{self, Ts};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewLesson {
    pub event_id: String,
    pub text: String,
    /// `forbattra` when not given.
    #[ts(optional)]
    pub kind: Option<LessonKind>,
    /// The person who sees it done: a lärdom nobody owns is never learnt.
    pub owner: String,
    /// When it is to be done.
    pub due: String,
    /// The avvikelse it was drawn from, in the same event.
    #[ts(optional)]
    pub deviation_id: Option<String>,
}

/// Journal body of `lesson.recorded`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonBody {
    pub lesson_id: String,
    pub text: String,
    pub kind: LessonKind,
    pub owner: String,
    pub due: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deviation_id: Option<String>,
}

/// Journal body of `lesson.closed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonClosedBody {
    pub lesson_id: String,
    pub note: String,
}

/// How and by whom a lesson was closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LessonClosing {
    pub at: String,
    pub by: String,
    pub role: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Lesson {
    pub id: String,
    pub event_id: String,
    pub event_title: String,
    pub text: String,
    pub kind: LessonKind,
    pub owner: String,
    pub due: String,
    /// Still open and the due time has passed.
    pub overdue: bool,
    pub deviation_id: Option<String>,
    pub deviation_title: Option<String>,
    pub recorded_at: String,
    pub recorded_by: String,
    pub recorded_role: String,
    /// None while the lesson is open.
    pub closed: Option<LessonClosing>,
    /// Proposals to revise a plan made from this lesson.
    pub proposals: u32,
}

impl Lesson {
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }
}

const COLS: &str = "l.id, l.event_id, e.title, l.text, l.kind, l.owner, l.due, l.deviation_id,
    d.title, l.recorded_at, l.recorded_by, l.recorded_role, l.closed_at, l.closed_by,
    l.closed_role, l.closed_note,
    (SELECT count(*) FROM revision_proposals p WHERE p.lesson_id = l.id)";

const FROM: &str = "lessons l JOIN events e ON e.id = l.event_id
    LEFT JOIN deviations d ON d.id = l.deviation_id";

fn from_row(r: &Row<'_>, now: Ts) -> rusqlite::Result<Lesson> {
    let kind: String = r.get(4)?;
    let due: String = r.get(6)?;
    let closed_at: Option<String> = r.get(12)?;
    let closed = match closed_at {
        None => None,
        Some(at) => Some(LessonClosing {
            at,
            by: r.get(13)?,
            role: r.get(14)?,
            note: r.get(15)?,
        }),
    };
    Ok(Lesson {
        id: r.get(0)?,
        event_id: r.get(1)?,
        event_title: r.get(2)?,
        text: r.get(3)?,
        kind: LessonKind::parse(&kind).unwrap_or_default(),
        owner: r.get(5)?,
        overdue: closed.is_none() && time::parse("due", &due).is_ok_and(|d| d < now),
        due,
        deviation_id: r.get(7)?,
        deviation_title: r.get(8)?,
        recorded_at: r.get(9)?,
        recorded_by: r.get(10)?,
        recorded_role: r.get(11)?,
        closed,
        proposals: r.get(16)?,
    })
}

pub fn record_lesson(tx: &mut Tx<'_>, actor: &Actor, input: &NewLesson) -> Result<Lesson> {
    let actor = actor.validate()?;
    let event_id = validate::required("Händelse", &input.event_id, NAME_MAX)?;
    let due = validate::required("Klart senast", &input.due, NAME_MAX)?;
    let due = time::parse("Klart senast", &due)?;
    let body = LessonBody {
        lesson_id: uuid::Uuid::now_v7().to_string(),
        text: validate::required("Erfarenhet", &input.text, TEXT_MAX)?,
        kind: input.kind.unwrap_or_default(),
        owner: validate::required("Ansvarig", &input.owner, NAME_MAX)?,
        due: time::format(&due),
        deviation_id: validate::optional("Avvikelse", &input.deviation_id, NAME_MAX)?,
    };
    if let Some(id) = &body.deviation_id {
        let found = super::deviation::deviation(tx, id)?;
        if found.event_id != event_id {
            return Err(Error::invalid(format!(
                "Avvikelsen {} hör till en annan händelse. En erfarenhet kan bara bygga på en avvikelse i samma händelse.",
                crate::text::preview(id)
            ))
            .with("deviation_id", crate::text::preview(id))
            .with("event_id", crate::text::preview(&event_id)));
        }
    }
    tx.append_now(&actor, Some(&event_id), KIND_LESSON, &body)?;
    lesson(tx, &body.lesson_id, tx.now())
}

/// Closes a lesson once its owner has seen it done; the note says what was done.
pub fn close_lesson(tx: &mut Tx<'_>, actor: &Actor, lesson_id: &str, note: &str) -> Result<Lesson> {
    let actor = actor.validate()?;
    let lesson_id = validate::required("Erfarenhet", lesson_id, NAME_MAX)?;
    let note = validate::required("Anteckning", note, TEXT_MAX)?;
    let current = lesson(tx, &lesson_id, tx.now())?;
    if let Some(c) = current.closed {
        return Err(Error::conflict(format!(
            "Erfarenheten är redan avslutad ({}, av {}). Den kan inte avslutas igen; skriv en ny erfarenhet om något återstår.",
            time::local_minute(&c.at),
            c.by
        ))
        .with("lesson_id", &current.id)
        .with("closed_at", &c.at)
        .with("closed_by", &c.by));
    }
    let body = LessonClosedBody {
        lesson_id: current.id.clone(),
        note,
    };
    tx.append_now(&actor, Some(&current.event_id), KIND_LESSON_CLOSED, &body)?;
    lesson(tx, &current.id, tx.now())
}

pub fn lesson(conn: &Connection, id: &str, now: Ts) -> Result<Lesson> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM {FROM} WHERE l.id = ?1"))?
        .query_row([id], |r| from_row(r, now))
        .optional()?
        .ok_or_else(|| {
            let id = crate::text::preview(id);
            Error::not_found(format!(
                "Det finns ingen erfarenhet med id {id}. Se `kris lesson list`."
            ))
            .with("lesson_id", id)
        })
}

/// With an event: every lesson of it, open and closed, in the order they were recorded. Without:
/// the open lessons of every event, soonest due first — the list owners work from.
pub fn lessons(conn: &Connection, event_id: Option<&str>, now: Ts) -> Result<Vec<Lesson>> {
    let (sql, param) = match event_id {
        Some(id) => (
            format!("SELECT {COLS} FROM {FROM} WHERE l.event_id = ?1 ORDER BY l.seq"),
            Some(id),
        ),
        None => (
            format!("SELECT {COLS} FROM {FROM} WHERE l.closed_at IS NULL ORDER BY l.due, l.seq"),
            None,
        ),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(param), |r| from_row(r, now))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    pub fn record_lesson(&mut self, actor: &Actor, input: &NewLesson) -> Result<Lesson> {
        self.write(|tx| record_lesson(tx, actor, input))
    }

    pub fn close_lesson(&mut self, actor: &Actor, lesson_id: &str, note: &str) -> Result<Lesson> {
        self.write(|tx| close_lesson(tx, actor, lesson_id, note))
    }

    pub fn lesson(&self, id: &str) -> Result<Lesson> {
        lesson(self.connection(), id, self.now())
    }

    /// See [`lessons`]; a mistyped event id is an error, not an empty list.
    pub fn lessons(&self, event_id: Option<&str>) -> Result<Vec<Lesson>> {
        if let Some(id) = event_id {
            self.get_event(id)?;
        }
        lessons(self.connection(), event_id, self.now())
    }
}
