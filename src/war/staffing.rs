//! The staffing of a mode's functions from the krigsplaceringar: who fills each function, who
//! replaces them, and where the gaps are — a function nobody is placed in, or whose people have
//! no replacement the region can count on.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::plans::format::Text;
use crate::readiness::modes::{self, ModeId};

crate::str_enum!(
    /// How well a function is staffed.
    StaffingState, "Okänt bemanningsläge", {
        Bemannad = "bemannad",
        /// Filled, but nobody can take over: no replacement, or one the region cannot count on.
        Sarbar = "sarbar",
        Vakant = "vakant",
    }
);

impl StaffingState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Bemannad => "Bemannad",
            Self::Sarbar => "Sårbar",
            Self::Vakant => "Vakant",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonRef {
    pub staff_id: String,
    pub name: String,
}

/// Why a person's replacement cannot be counted on: typed, so each window words it in its own
/// language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReplacementGap {
    /// Krigsplacerad by another authority.
    Elsewhere { organisation: String },
    /// Holds a function of their own in the war organisation.
    OwnFunction { function: String },
    /// Named as the replacement in other functions too: nobody steps in everywhere at once.
    Shared { functions: Vec<String> },
}

impl ReplacementGap {
    pub fn text(&self) -> String {
        match self {
            Self::Elsewhere { organisation } => {
                format!("Ersättaren är krigsplacerad hos {organisation}")
            }
            Self::OwnFunction { function } => {
                format!("Ersättaren har egen krigsplacering ({function})")
            }
            Self::Shared { functions } => {
                format!("Ersättaren är också ersättare för {}", functions.join(", "))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlacedPerson {
    pub staff_id: String,
    pub name: String,
    pub phone: Option<String>,
    pub place: String,
    pub shift: Option<String>,
    pub replacement: Option<PersonRef>,
    /// Why the replacement cannot be counted on, when they cannot.
    pub replacement_gap: Option<ReplacementGap>,
    /// When the person reported for duty in the war organisation now in force.
    pub reported_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FunctionStaffing {
    pub function: String,
    pub state: StaffingState,
    pub people: Vec<PlacedPerson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ElsewherePerson {
    pub staff_id: String,
    pub name: String,
    pub organisation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Staffing {
    pub mode: ModeId,
    pub mode_name: Text,
    pub leading_body: Text,
    /// This is the mode the organisation is in now.
    pub current: bool,
    /// The war organisation is in force (the mode is current and has it).
    pub in_force: bool,
    pub functions: Vec<FunctionStaffing>,
    /// People krigsplacerade by another authority: not available here.
    pub elsewhere: Vec<ElsewherePerson>,
    /// People in the staff list with no krigsplacering at all.
    pub unplaced: Vec<PersonRef>,
    /// People placed in a function this mode does not staff.
    pub other_functions: Vec<PlacedPerson>,
    pub vacant: u32,
    pub vulnerable: u32,
    /// Placed here in this mode's functions, and of them reported for duty.
    pub placed: u32,
    pub reported: u32,
}

/// One person's krigsplacering as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub staff_id: String,
    pub function: Option<String>,
    pub place: Option<String>,
    pub shift: Option<String>,
    pub replacement_id: Option<String>,
    pub elsewhere: Option<String>,
}

const PLACEMENT_COLS: &str = "staff_id, function, place, shift, replacement_id, elsewhere";

fn placement_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Placement> {
    Ok(Placement {
        staff_id: r.get(0)?,
        function: r.get(1)?,
        place: r.get(2)?,
        shift: r.get(3)?,
        replacement_id: r.get(4)?,
        elsewhere: r.get(5)?,
    })
}

pub fn placement(conn: &Connection, staff_id: &str) -> Result<Option<Placement>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {PLACEMENT_COLS} FROM war_placements WHERE staff_id = ?1"
        ))?
        .query_row([staff_id], placement_row)
        .optional()?)
}

/// The fold place from which inställelser count: the first change of the unbroken run of
/// war-organisation modes that ends in the current mode. None when the war organisation is not
/// in force.
pub fn in_force_since(conn: &Connection) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached("SELECT seq, mode FROM mode_history ORDER BY seq DESC")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut since = None;
    for row in rows {
        let (seq, mode) = row?;
        let war = ModeId::parse(&mode)
            .ok()
            .and_then(|m| modes::definition(m).ok())
            .is_some_and(|d| d.war_organisation);
        if !war {
            break;
        }
        since = Some(seq);
    }
    Ok(since)
}

/// When the mode change at fold place `seq` took effect (its `occurred_at`): for
/// `in_force_since`, when the war organisation came in force.
pub fn changed_at(conn: &Connection, seq: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT occurred_at FROM mode_history WHERE seq = ?1")?
        .query_row([seq], |r| r.get(0))
        .optional()?)
}

/// When `staff_id` last reported for duty after fold place `since`.
pub fn reported_since(conn: &Connection, staff_id: &str, since: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT max(reported_at) FROM war_reports WHERE staff_id = ?1 AND seq > ?2",
        )?
        .query_row(rusqlite::params![staff_id, since], |r| r.get(0))?)
}

pub fn staffing(conn: &Connection, mode: ModeId) -> Result<Staffing> {
    let def = modes::definition(mode)?;
    let current = crate::readiness::commands::current_mode(conn)? == mode;
    let since = if current { in_force_since(conn)? } else { None };
    let staff = crate::staff::list_staff(conn)?;
    let name_of = |id: &str| {
        staff
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    };
    let placements: Vec<Placement> = conn
        .prepare_cached(&format!("SELECT {PLACEMENT_COLS} FROM war_placements"))?
        .query_map([], placement_row)?
        .collect::<rusqlite::Result<_>>()?;
    let placed_of = |id: &str| placements.iter().find(|p| p.staff_id == id);
    let person = |p: &Placement| -> Result<PlacedPerson> {
        let replacement = p.replacement_id.as_deref().map(|id| PersonRef {
            staff_id: id.to_string(),
            name: name_of(id),
        });
        // The other functions whose holders count on the same replacement.
        let shared: Vec<String> = match p.replacement_id.as_deref() {
            None => Vec::new(),
            Some(r) => {
                let mut f: Vec<String> = placements
                    .iter()
                    .filter(|o| o.replacement_id.as_deref() == Some(r))
                    .filter_map(|o| o.function.clone())
                    .filter(|f| {
                        Some(crate::text::fold(f)) != p.function.as_deref().map(crate::text::fold)
                    })
                    .collect();
                f.sort();
                f.dedup_by(|a, b| crate::text::fold(a) == crate::text::fold(b));
                f
            }
        };
        let replacement_gap = match p.replacement_id.as_deref().map(placed_of) {
            None => None,
            Some(Some(r)) if r.elsewhere.is_some() => Some(ReplacementGap::Elsewhere {
                organisation: r.elsewhere.clone().unwrap_or_default(),
            }),
            // Placed in the same function, the replacement is simply a second holder of it.
            Some(Some(r))
                if r.function.as_deref().map(crate::text::fold)
                    == p.function.as_deref().map(crate::text::fold) =>
            {
                None
            }
            Some(Some(r)) => Some(ReplacementGap::OwnFunction {
                function: r.function.clone().unwrap_or_default(),
            }),
            Some(None) if !shared.is_empty() => Some(ReplacementGap::Shared { functions: shared }),
            Some(None) => None,
        };
        let reported_at = match since {
            Some(s) => reported_since(conn, &p.staff_id, s)?,
            None => None,
        };
        Ok(PlacedPerson {
            staff_id: p.staff_id.clone(),
            name: name_of(&p.staff_id),
            phone: staff
                .iter()
                .find(|s| s.id == p.staff_id)
                .and_then(|s| s.phone.clone()),
            place: p.place.clone().unwrap_or_default(),
            shift: p.shift.clone(),
            replacement,
            replacement_gap,
            reported_at,
        })
    };
    let folded = |s: &str| crate::text::fold(s);
    let mut functions = Vec::new();
    for function in &def.roster {
        let mut people = Vec::new();
        for p in placements
            .iter()
            .filter(|p| p.function.as_deref().map(folded) == Some(folded(function)))
        {
            people.push(person(p)?);
        }
        people.sort_by(|a, b| a.name.cmp(&b.name));
        // Two holders cover for each other; one holder is covered by a replacement who is free.
        let covered = people.len() > 1
            || people
                .iter()
                .any(|p| p.replacement.is_some() && p.replacement_gap.is_none());
        let state = match (people.is_empty(), covered) {
            (true, _) => StaffingState::Vakant,
            (false, false) => StaffingState::Sarbar,
            (false, true) => StaffingState::Bemannad,
        };
        functions.push(FunctionStaffing {
            function: function.clone(),
            state,
            people,
        });
    }
    let mut other_functions = Vec::new();
    for p in placements.iter().filter(|p| {
        p.function
            .as_deref()
            .is_some_and(|f| !def.roster.iter().any(|r| folded(r) == folded(f)))
    }) {
        other_functions.push(person(p)?);
    }
    let elsewhere = placements
        .iter()
        .filter_map(|p| {
            p.elsewhere.as_ref().map(|o| ElsewherePerson {
                staff_id: p.staff_id.clone(),
                name: name_of(&p.staff_id),
                organisation: o.clone(),
            })
        })
        .collect();
    let unplaced = staff
        .iter()
        .filter(|s| placed_of(&s.id).is_none())
        .map(|s| PersonRef {
            staff_id: s.id.clone(),
            name: s.name.clone(),
        })
        .collect();
    let count = |state| {
        functions
            .iter()
            .filter(|f: &&FunctionStaffing| f.state == state)
            .count() as u32
    };
    let in_functions = functions.iter().flat_map(|f| &f.people);
    Ok(Staffing {
        mode,
        mode_name: def.name.clone(),
        leading_body: def.leading_body.clone(),
        current,
        in_force: current && def.war_organisation,
        vacant: count(StaffingState::Vakant),
        vulnerable: count(StaffingState::Sarbar),
        placed: in_functions.clone().count() as u32,
        reported: in_functions.filter(|p| p.reported_at.is_some()).count() as u32,
        functions,
        elsewhere,
        unplaced,
        other_functions,
    })
}
