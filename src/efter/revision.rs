//! Proposals to revise a plan, each drawn from a lesson. A proposal names the plan's newest
//! version when it was made, and stays open until a higher version of that plan comes in; the
//! state is read from the plan library when asked, so importing the new version needs no entry
//! here and no proposal can be left open by mistake.

use std::collections::BTreeMap;

use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::KIND_REVISION;
use crate::domain::validate::{self, NAME_MAX, TEXT_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::plans::library::{library_plan, shipped};
use crate::plans::LibraryPlan;
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewRevisionProposal {
    pub lesson_id: String,
    /// A plan of the library, shipped or imported (`kris plan list`).
    pub plan_id: String,
    /// The change proposed.
    pub text: String,
}

/// Journal body of `revision.proposed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionBody {
    pub proposal_id: String,
    pub lesson_id: String,
    pub plan_id: String,
    /// The plan's newest version when the proposal was made; a higher one closes it.
    pub plan_version: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RevisionProposal {
    pub id: String,
    pub event_id: String,
    pub event_title: String,
    pub lesson_id: String,
    pub lesson_text: String,
    pub plan_id: String,
    /// The plan's title as the library has it now.
    pub plan_title: String,
    /// The version in force when the proposal was made.
    pub plan_version: u32,
    pub text: String,
    pub proposed_at: String,
    pub proposed_by: String,
    pub proposed_role: String,
    /// No newer version of the plan has come in since.
    pub open: bool,
    /// The first version after the proposal ("stängd av version N").
    pub closed_by_version: Option<u32>,
}

/// Which proposals to list: every one when nothing is given.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProposalFilter {
    #[ts(optional)]
    pub plan_id: Option<String>,
    #[ts(optional)]
    pub event_id: Option<String>,
    /// Only those no newer plan version has met yet.
    #[ts(optional)]
    pub open_only: Option<bool>,
}

/// A plan of the library with the proposals to revise it that are still open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanLibraryEntry {
    #[serde(flatten)]
    pub library: LibraryPlan,
    pub open_proposals: u32,
}

pub fn propose_revision(
    tx: &mut Tx<'_>,
    actor: &Actor,
    input: &NewRevisionProposal,
) -> Result<RevisionProposal> {
    let actor = actor.validate()?;
    let lesson_id = validate::required("Erfarenhet", &input.lesson_id, NAME_MAX)?;
    let plan_id = validate::required("Plan", &input.plan_id, NAME_MAX)?;
    let text = validate::required("Förslag till ändring", &input.text, TEXT_MAX)?;
    let lesson = super::lesson::lesson(tx, &lesson_id, tx.now())?;
    // Read under the write lock: a version imported a moment earlier is the one proposed against.
    let plan = library_plan(tx, &plan_id)?.plan;
    let body = RevisionBody {
        proposal_id: uuid::Uuid::now_v7().to_string(),
        lesson_id: lesson.id,
        plan_id: plan.id,
        plan_version: plan.version,
        text,
    };
    tx.append_now(&actor, Some(&lesson.event_id), KIND_REVISION, &body)?;
    proposal(tx, &body.proposal_id)
}

const COLS: &str = "p.id, p.event_id, e.title, p.lesson_id, l.text, p.plan_id, p.plan_version,
    p.text, p.proposed_at, p.proposed_by, p.proposed_role,
    (SELECT min(i.version) FROM imported_plans i
      WHERE i.plan_id = p.plan_id AND i.version > p.plan_version AND i.seq > p.seq)";

const FROM: &str = "revision_proposals p JOIN events e ON e.id = p.event_id
    JOIN lessons l ON l.id = p.lesson_id";

/// The plans' titles as the library has them now, read once per query.
struct Titles(BTreeMap<String, String>);

impl Titles {
    fn read(conn: &Connection) -> Result<Titles> {
        Ok(Titles(
            crate::plans::library::plan_library(conn)?
                .into_iter()
                .map(|l| (l.plan.id, l.plan.title.sv))
                .collect(),
        ))
    }

    fn of(&self, plan_id: &str) -> String {
        self.0
            .get(plan_id)
            .cloned()
            .unwrap_or_else(|| plan_id.to_string())
    }
}

/// The first version after `version`: one imported after the proposal, or one the program now
/// ships (a program update that brings a newer plan meets the proposal as well).
fn closing(plan_id: &str, version: u32, imported: Option<u32>) -> Result<Option<u32>> {
    let shipped = shipped()?
        .iter()
        .filter(|p| p.id == plan_id && p.version > version)
        .map(|p| p.version)
        .min();
    Ok(match (imported, shipped) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    })
}

fn from_row(r: &Row<'_>, titles: &Titles) -> Result<RevisionProposal> {
    let plan_id: String = r.get(5)?;
    let plan_version: u32 = r.get(6)?;
    let closed_by_version = closing(&plan_id, plan_version, r.get(11)?)?;
    Ok(RevisionProposal {
        id: r.get(0)?,
        event_id: r.get(1)?,
        event_title: r.get(2)?,
        lesson_id: r.get(3)?,
        lesson_text: r.get(4)?,
        plan_title: titles.of(&plan_id),
        plan_id,
        plan_version,
        text: r.get(7)?,
        proposed_at: r.get(8)?,
        proposed_by: r.get(9)?,
        proposed_role: r.get(10)?,
        open: closed_by_version.is_none(),
        closed_by_version,
    })
}

pub fn proposal(conn: &Connection, id: &str) -> Result<RevisionProposal> {
    let titles = Titles::read(conn)?;
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} FROM {FROM} WHERE p.id = ?1"))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => from_row(r, &titles),
        None => {
            let id = crate::text::preview(id);
            Err(Error::not_found(format!(
                "Det finns inget förslag till planrevision med id {id}. Se `kris proposal list`."
            ))
            .with("proposal_id", id))
        }
    }
}

/// Proposals in the order they were made, with their state as of now.
pub fn proposals(conn: &Connection, filter: &ProposalFilter) -> Result<Vec<RevisionProposal>> {
    let titles = Titles::read(conn)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM {FROM}
         WHERE (?1 IS NULL OR p.plan_id = ?1) AND (?2 IS NULL OR p.event_id = ?2)
         ORDER BY p.seq"
    ))?;
    let mut rows = stmt.query(rusqlite::params![filter.plan_id, filter.event_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let p = from_row(r, &titles)?;
        if p.open || !filter.open_only.unwrap_or(false) {
            out.push(p);
        }
    }
    Ok(out)
}

/// The number of open proposals of each plan that has any: what the plan library shows.
pub fn open_proposals_by_plan(conn: &Connection) -> Result<BTreeMap<String, u32>> {
    let mut counts = BTreeMap::new();
    let open = ProposalFilter {
        open_only: Some(true),
        ..Default::default()
    };
    for p in proposals(conn, &open)? {
        *counts.entry(p.plan_id).or_insert(0) += 1;
    }
    Ok(counts)
}

/// The plan library (`plans::library::plan_library`) with each plan's open proposals. Read here,
/// above both slices, so the plans never depend on what is said about them.
pub fn plan_library(conn: &Connection) -> Result<Vec<PlanLibraryEntry>> {
    let counts = open_proposals_by_plan(conn)?;
    Ok(crate::plans::library::plan_library(conn)?
        .into_iter()
        .map(|library| PlanLibraryEntry {
            open_proposals: counts.get(&library.plan.id).copied().unwrap_or(0),
            library,
        })
        .collect())
}

impl Store {
    pub fn propose_revision(
        &mut self,
        actor: &Actor,
        input: &NewRevisionProposal,
    ) -> Result<RevisionProposal> {
        self.write(|tx| propose_revision(tx, actor, input))
    }

    /// A mistyped plan or event is an error, not an empty list.
    pub fn proposals(&self, filter: &ProposalFilter) -> Result<Vec<RevisionProposal>> {
        if let Some(id) = &filter.event_id {
            self.get_event(id)?;
        }
        let found = proposals(self.connection(), filter)?;
        if let (Some(id), true) = (&filter.plan_id, found.is_empty()) {
            library_plan(self.connection(), id)?;
        }
        Ok(found)
    }

    pub fn plan_library_with_proposals(&self) -> Result<Vec<PlanLibraryEntry>> {
        plan_library(self.connection())
    }
}
