//! Services as the continuity register lists them, the dependencies down in an event, and the
//! services those hit: what the lägesbild lights up.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Dependency;
use crate::error::{Error, Result};
use crate::plans::library::{plan_links, PlanLink};
use crate::time::Ts;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub mto_hours: u32,
    pub dependencies: Vec<Dependency>,
    pub reserve: String,
    pub plans: Vec<PlanLink>,
    pub recorded_at: String,
    pub recorded_by: String,
    /// How many times it has been recorded (1 for a service never revised).
    pub versions: u32,
    /// Open events in which one of its dependencies is down now.
    pub hit_in: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DependencyHit {
    pub id: String,
    pub event_id: String,
    pub dependency: Dependency,
    pub note: String,
    pub since: String,
    pub recorded_by: String,
    pub restored_at: Option<String>,
    pub restored_by: Option<String>,
    pub restored_note: Option<String>,
    /// The services that depend on it.
    pub services: u32,
}

/// A service one of whose dependencies is down in an open event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AffectedService {
    pub service_id: String,
    pub name: String,
    pub owner: String,
    pub mto_hours: u32,
    pub reserve: String,
    pub plans: Vec<PlanLink>,
    pub event_id: String,
    pub event_title: String,
    /// The dependencies down, the earliest first.
    pub dependencies: Vec<Dependency>,
    /// When the first of them went down.
    pub since: String,
    /// `since` plus the MTO: when the outage becomes intolerable.
    pub mto_at: String,
    pub mto_exceeded: bool,
}

fn deps(json: &str) -> Vec<Dependency> {
    serde_json::from_str(json).unwrap_or_default()
}

pub fn services(conn: &Connection) -> Result<Vec<Service>> {
    let titles = crate::plans::library::plan_titles(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name, s.owner, s.mto_hours, s.dependencies, s.reserve, s.plans,
                s.recorded_at, s.recorded_by, s.versions,
                (SELECT json_group_array(DISTINCT h.event_id)
                   FROM dependency_hits h JOIN events e ON e.id = h.event_id
                   JOIN json_each(s.dependencies) d ON d.value = h.dependency
                  WHERE h.restored_at IS NULL AND e.status = 'open')
         FROM services s ORDER BY s.mto_hours, s.name",
    )?;
    let rows = stmt.query_map([], |r| {
        let plans: String = r.get(6)?;
        let hit_in: String = r.get(10)?;
        Ok(Service {
            id: r.get(0)?,
            name: r.get(1)?,
            owner: r.get(2)?,
            mto_hours: r.get(3)?,
            dependencies: deps(&r.get::<_, String>(4)?),
            reserve: r.get(5)?,
            plans: plan_links(serde_json::from_str(&plans).unwrap_or_default(), &titles),
            recorded_at: r.get(7)?,
            recorded_by: r.get(8)?,
            versions: r.get(9)?,
            hit_in: serde_json::from_str(&hit_in).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn service(conn: &Connection, id: &str) -> Result<Service> {
    find_service(&services(conn)?, id).cloned()
}

/// The service `id` among `all`, or why there is none.
pub fn find_service<'a>(all: &'a [Service], id: &str) -> Result<&'a Service> {
    all.iter().find(|s| s.id == id).ok_or_else(|| {
        let id = crate::text::preview(id);
        Error::not_found(format!(
            "Det finns ingen samhällsviktig tjänst med id {id}. Se `kris continuity list`."
        ))
        .with("service_id", id)
    })
}

const HIT_COLS: &str = "h.id, h.event_id, h.dependency, h.note, h.since, h.recorded_by,
    h.restored_at, h.restored_by, h.restored_note,
    (SELECT count(*) FROM services s, json_each(s.dependencies) d WHERE d.value = h.dependency)";

fn hit_row(r: &Row<'_>) -> rusqlite::Result<DependencyHit> {
    let dep: String = r.get(2)?;
    Ok(DependencyHit {
        id: r.get(0)?,
        event_id: r.get(1)?,
        dependency: Dependency::parse(&dep).unwrap_or(Dependency::El),
        note: r.get(3)?,
        since: r.get(4)?,
        recorded_by: r.get(5)?,
        restored_at: r.get(6)?,
        restored_by: r.get(7)?,
        restored_note: r.get(8)?,
        services: r.get(9)?,
    })
}

pub fn hit(conn: &Connection, id: &str) -> Result<DependencyHit> {
    conn.prepare_cached(&format!(
        "SELECT {HIT_COLS} FROM dependency_hits h WHERE h.id = ?1"
    ))?
    .query_row([id], hit_row)
    .optional()?
    .ok_or_else(|| {
        let id = crate::text::preview(id);
        Error::not_found(format!("Det finns inget utslaget beroende med id {id}."))
            .with("hit_id", id)
    })
}

pub fn hits(conn: &Connection, event_id: &str) -> Result<Vec<DependencyHit>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {HIT_COLS} FROM dependency_hits h WHERE h.event_id = ?1 ORDER BY h.seq"
    ))?;
    let rows = stmt.query_map([event_id], hit_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Services hit in one open event, or in every open event; the one whose MTO runs out first
/// leads.
pub fn affected(
    conn: &Connection,
    event_id: Option<&str>,
    now: Ts,
) -> Result<Vec<AffectedService>> {
    let titles = crate::plans::library::plan_titles(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name, s.owner, s.mto_hours, s.reserve, s.plans, e.id, e.title,
                json_group_array(h.dependency), min(h.since)
           FROM dependency_hits h
           JOIN events e ON e.id = h.event_id AND e.status = 'open'
           JOIN services s
           JOIN json_each(s.dependencies) d ON d.value = h.dependency
          WHERE h.restored_at IS NULL AND (?1 IS NULL OR h.event_id = ?1)
          GROUP BY s.id, e.id",
    )?;
    let rows = stmt.query_map([event_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, u32>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, String>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, owner, mto, reserve, plans, event_id, event_title, down, since) = row?;
        let start = crate::time::parse("Sedan", &since)?;
        let mto_at = start + chrono::Duration::hours(i64::from(mto));
        out.push(AffectedService {
            service_id: id,
            name,
            owner,
            mto_hours: mto,
            reserve,
            plans: plan_links(serde_json::from_str(&plans).unwrap_or_default(), &titles),
            event_id,
            event_title,
            dependencies: deps(&down),
            since,
            mto_at: crate::time::format(&mto_at),
            mto_exceeded: mto_at <= now,
        });
    }
    out.sort_by(|a, b| (&a.mto_at, &a.name).cmp(&(&b.mto_at, &b.name)));
    Ok(out)
}
