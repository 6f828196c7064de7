use std::sync::OnceLock;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::format::{parse_plan, Plan};
use super::KIND_PLAN_IMPORTED;
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};

const SHIPPED: [(&str, &str); 9] = [
    (
        "assets/plans/regional-sarskild-handelse.toml",
        include_str!("../../assets/plans/regional-sarskild-handelse.toml"),
    ),
    (
        "assets/plans/it-avbrott.toml",
        include_str!("../../assets/plans/it-avbrott.toml"),
    ),
    (
        "assets/plans/elavbrott.toml",
        include_str!("../../assets/plans/elavbrott.toml"),
    ),
    (
        "assets/plans/vattenavbrott.toml",
        include_str!("../../assets/plans/vattenavbrott.toml"),
    ),
    (
        "assets/plans/brand-utrymning.toml",
        include_str!("../../assets/plans/brand-utrymning.toml"),
    ),
    (
        "assets/plans/hot-och-vald.toml",
        include_str!("../../assets/plans/hot-och-vald.toml"),
    ),
    (
        "assets/plans/pandemi.toml",
        include_str!("../../assets/plans/pandemi.toml"),
    ),
    (
        "assets/plans/hojd-beredskap.toml",
        include_str!("../../assets/plans/hojd-beredskap.toml"),
    ),
    (
        "assets/plans/forstarkt-bemanning.toml",
        include_str!("../../assets/plans/forstarkt-bemanning.toml"),
    ),
];

/// The plans that ship with the program, parsed and checked once.
pub fn shipped() -> Result<&'static [Plan]> {
    static PLANS: OnceLock<std::result::Result<Vec<Plan>, Error>> = OnceLock::new();
    PLANS
        .get_or_init(|| {
            SHIPPED
                .iter()
                .map(|(file, src)| parse_plan(file, src))
                .collect()
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanSource {
    Shipped,
    Imported,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LibraryPlan {
    pub plan: Plan,
    pub source: PlanSource,
}

/// Journal body of `plan.imported`: the whole parsed plan, so replay needs no file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanImportedBody {
    pub plan: Plan,
    pub file_name: String,
    pub sha256: String,
}

/// Newest version of every plan, shipped or imported, sorted by Swedish title.
pub fn plan_library(conn: &Connection) -> Result<Vec<LibraryPlan>> {
    let mut all: Vec<LibraryPlan> = shipped()?
        .iter()
        .map(|p| LibraryPlan {
            plan: p.clone(),
            source: PlanSource::Shipped,
        })
        .collect();
    let mut stmt = conn.prepare("SELECT plan FROM imported_plans ORDER BY seq")?;
    let imported = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for json in imported {
        let plan: Plan = serde_json::from_str(&json?)?;
        all.push(LibraryPlan {
            plan,
            source: PlanSource::Imported,
        });
    }
    all.sort_by(|a, b| {
        a.plan
            .id
            .cmp(&b.plan.id)
            .then(b.plan.version.cmp(&a.plan.version))
    });
    all.dedup_by(|later, first| later.plan.id == first.plan.id);
    all.sort_by(|a, b| a.plan.title.sv.cmp(&b.plan.title.sv));
    Ok(all)
}

pub fn library_plan(conn: &Connection, plan_id: &str) -> Result<LibraryPlan> {
    plan_library(conn)?
        .into_iter()
        .find(|p| p.plan.id == plan_id)
        .ok_or_else(|| {
            Error::not_found(format!(
                "Det finns ingen plan med id \"{plan_id}\". Se `kris plan list`."
            ))
            .with("plan_id", plan_id)
        })
}

/// Imports an organisation's own plan file. A new version must be higher than the newest one
/// known, read under the write lock; running activations keep the version they copied.
pub fn import_plan(
    tx: &mut Tx<'_>,
    actor: &Actor,
    file_name: &str,
    source: &str,
) -> Result<LibraryPlan> {
    let actor = actor.validate()?;
    let file_name = crate::domain::validate::required("Filnamn", file_name, 255)?;
    let plan = parse_plan(&file_name, source)?;
    let sha256 = hex::encode(Sha256::digest(source.as_bytes()));
    let existing: Option<u32> = shipped()?
        .iter()
        .filter(|p| p.id == plan.id)
        .map(|p| p.version)
        .max();
    let imported: Option<u32> = tx
        .query_row(
            "SELECT max(version) FROM imported_plans WHERE plan_id = ?1",
            [&plan.id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(newest) = existing.max(imported).filter(|v| *v >= plan.version) {
        return Err(Error::conflict(format!(
            "Planen \"{}\" finns redan i version {newest}. Höj `version` i filen för att importera en ny version.",
            plan.id
        )));
    }
    let body = PlanImportedBody {
        plan,
        file_name,
        sha256,
    };
    tx.append_now(&actor, None, KIND_PLAN_IMPORTED, &body)?;
    Ok(LibraryPlan {
        plan: body.plan,
        source: PlanSource::Imported,
    })
}

/// Plans to propose for an event of this type: one of the plan's `event_types` matches, every
/// word typed beginning one of its words ("el" proposes Elavbrott), or the type names the plan.
pub fn proposed_plans(conn: &Connection, event_type: &str) -> Result<Vec<LibraryPlan>> {
    let typed = crate::text::search_words(event_type);
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    Ok(plan_library(conn)?
        .into_iter()
        .filter(|l| {
            let types = l.plan.event_types.as_deref().unwrap_or_default();
            types
                .iter()
                .any(|t| crate::text::matches_prefixes(&typed, t))
                || crate::text::matches_prefixes(&typed, &l.plan.title.sv)
        })
        .collect())
}

impl Store {
    pub fn proposed_plans(&self, event_type: &str) -> Result<Vec<LibraryPlan>> {
        proposed_plans(self.connection(), event_type)
    }

    pub fn plan_library(&self) -> Result<Vec<LibraryPlan>> {
        plan_library(self.connection())
    }

    pub fn library_plan(&self, plan_id: &str) -> Result<LibraryPlan> {
        library_plan(self.connection(), plan_id)
    }

    pub fn import_plan(
        &mut self,
        actor: &Actor,
        file_name: &str,
        source: &str,
    ) -> Result<LibraryPlan> {
        self.write(|tx| import_plan(tx, actor, file_name, source))
    }
}

/// The plan ids a register names (a risk's, a service's), each checked against the library, in
/// the order given and without repeats.
pub fn known_plans(conn: &Connection, plans: &[String]) -> Result<Vec<String>> {
    let library = plan_library(conn)?;
    let mut out: Vec<String> = Vec::new();
    for p in plans {
        let p = crate::domain::validate::required("Plan", p, crate::domain::validate::NAME_MAX)?;
        if !library.iter().any(|l| l.plan.id == p) {
            return Err(Error::not_found(format!(
                "Planen \"{}\" finns inte i planbiblioteket. Se `kris plan list`.",
                crate::text::preview(&p)
            ))
            .with("plan_id", crate::text::preview(&p)));
        }
        if !out.contains(&p) {
            out.push(p);
        }
    }
    Ok(out)
}

/// Each plan's Swedish title by id, read once for a list that names many plans.
pub fn plan_titles(conn: &Connection) -> Result<std::collections::HashMap<String, String>> {
    Ok(plan_library(conn)?
        .into_iter()
        .map(|l| (l.plan.id, l.plan.title.sv))
        .collect())
}

/// A plan named by a register, with its title for the screen.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct PlanLink {
    pub plan_id: String,
    pub title: String,
}

/// Plan ids as links with their titles (the id itself for a plan no longer in the library).
pub fn plan_links(
    ids: Vec<String>,
    titles: &std::collections::HashMap<String, String>,
) -> Vec<PlanLink> {
    ids.into_iter()
        .map(|plan_id| PlanLink {
            title: titles
                .get(&plan_id)
                .cloned()
                .unwrap_or_else(|| plan_id.clone()),
            plan_id,
        })
        .collect()
}
