//! The exercise's rows as stored: the exercise itself, the injects delivered and the hot wash
//! notes. Below both the views (`queries`) and the evaluation, which read them alike.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ExerciseState;
use crate::efter::LessonKind;
use crate::error::{Error, Result};
use crate::log::Channel;
use crate::scenario::{t_plus, Scenario};

/// The exercise row as stored.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub seq: i64,
    pub scenario: Scenario,
    pub file: String,
    pub sha256: String,
    pub created_at: String,
    pub created_by: String,
    pub state: ExerciseState,
    pub speed: u32,
    pub started_at: Option<String>,
    pub started_seq: Option<i64>,
    pub ended_at: Option<String>,
}

pub fn loaded(conn: &Connection) -> Result<Option<Loaded>> {
    let row = conn
        .query_row(
            "SELECT seq, scenario, file, sha256, created_at, created_by, state, speed, started_at,
                    started_seq, ended_at
             FROM exercise WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, u32>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<i64>>(9)?,
                    r.get::<_, Option<String>>(10)?,
                ))
            },
        )
        .optional()?;
    let Some((
        seq,
        scenario,
        file,
        sha256,
        created_at,
        created_by,
        state,
        speed,
        started_at,
        started_seq,
        ended_at,
    )) = row
    else {
        return Ok(None);
    };
    Ok(Some(Loaded {
        seq,
        scenario: serde_json::from_str(&scenario)?,
        file,
        sha256,
        created_at,
        created_by,
        state: ExerciseState::parse(&state)?,
        speed,
        started_at,
        started_seq,
        ended_at,
    }))
}

/// The exercise of this store, or an error saying how to get one.
pub fn require(conn: &Connection) -> Result<Loaded> {
    loaded(conn)?.ok_or_else(|| {
        Error::not_found(
            "Den här databasen har ingen övning. Skapa en övningsdatabas från ett scenario: `kris exercise create SCENARIO --out FIL`.",
        )
    })
}

/// An inject as it reached the staff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeliveredInject {
    #[ts(type = "number")]
    pub entry_seq: i64,
    /// `3` for inject 3, the id for a contingency inject.
    pub key: String,
    pub seq: Option<u32>,
    pub contingency: Option<String>,
    /// When it was scheduled, `T+00:20`.
    pub scheduled: String,
    /// Exercise time it arrived.
    pub at: String,
    #[ts(type = "number")]
    pub at_s: i64,
    pub wall: String,
    pub channel: Channel,
    pub from: String,
    pub to: String,
    pub text: String,
    pub fired_by: String,
}

fn delivered_row(r: &Row<'_>) -> rusqlite::Result<DeliveredInject> {
    let t_ms: i64 = r.get(5)?;
    let at_s: u32 = r.get(4)?;
    let channel: String = r.get(7)?;
    Ok(DeliveredInject {
        entry_seq: r.get(0)?,
        key: r.get(1)?,
        seq: r.get(2)?,
        contingency: r.get(3)?,
        scheduled: t_plus(at_s.into()),
        at: t_plus(t_ms / 1000),
        at_s: t_ms / 1000,
        wall: r.get(6)?,
        channel: Channel::parse(&channel).unwrap_or_default(),
        from: r.get(8)?,
        to: r.get(9)?,
        text: r.get(10)?,
        fired_by: r.get(11)?,
    })
}

pub fn delivered(conn: &Connection) -> Result<Vec<DeliveredInject>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, key, inject_seq, contingency, at_s, t_ms, wall, channel, from_party, to_role,
                text, fired_by
         FROM exercise_injects ORDER BY seq",
    )?;
    let rows = stmt.query_map([], delivered_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HotwashNote {
    #[ts(type = "number")]
    pub entry_seq: i64,
    pub kind: LessonKind,
    pub text: String,
    pub at: String,
    pub wall: String,
    pub author: String,
    pub role: String,
}

pub fn hotwash(conn: &Connection) -> Result<Vec<HotwashNote>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, kind, text, t_ms, wall, author, role FROM exercise_hotwash ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(1)?;
        Ok(HotwashNote {
            entry_seq: r.get(0)?,
            kind: LessonKind::parse(&kind).unwrap_or_default(),
            text: r.get(2)?,
            at: t_plus(r.get::<_, i64>(3)? / 1000),
            wall: r.get(4)?,
            author: r.get(5)?,
            role: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
