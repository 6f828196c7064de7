//! People, their contact details and roles, the roster per event, and who is at the keyboard.

pub mod projection;

use crate::store::{Migration, Slice};

pub const KIND_STAFF_ADDED: &str = "staff.added";
pub const KIND_ROSTER: &str = "roster.assigned";
pub const KIND_OPERATOR: &str = "operator.switched";

pub const SLICE: Slice = Slice {
    name: "staff",
    migrations: &[Migration {
        name: "staff",
        sql: include_str!("schema/0001_staff.sql"),
    }],
    kinds: &[KIND_STAFF_ADDED, KIND_ROSTER, KIND_OPERATOR],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::validate::{self, NAME_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct NewStaff {
    pub name: String,
    /// Roles the person can hold: stabschef, TiB, beslutsfattare, informationsansvarig, logistik …
    pub roles: Vec<String>,
    #[ts(optional)]
    pub phone: Option<String>,
    #[ts(optional)]
    pub rakel_id: Option<String>,
    #[ts(optional)]
    pub email: Option<String>,
    #[ts(optional)]
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffAddedBody {
    pub staff_id: String,
    pub name: String,
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rakel_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterBody {
    pub staff_id: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StaffMember {
    pub id: String,
    pub name: String,
    pub roles: Vec<String>,
    pub phone: Option<String>,
    pub rakel_id: Option<String>,
    pub email: Option<String>,
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RosterEntry {
    pub staff: StaffMember,
    pub role: String,
}

impl NewStaff {
    pub fn validate(&self, staff_id: String) -> Result<StaffAddedBody> {
        let roles: Vec<String> = self
            .roles
            .iter()
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        if roles.is_empty() {
            return Err(Error::invalid("Ange minst en roll."));
        }
        for r in &roles {
            validate::required("Roll", r, NAME_MAX)?;
        }
        let email = validate::optional("E-post", &self.email, NAME_MAX)?;
        if email.as_deref().is_some_and(|e| !e.contains('@')) {
            return Err(Error::invalid("E-post saknar @."));
        }
        let phone = validate::optional("Telefon", &self.phone, 40)?;
        if phone
            .as_deref()
            .is_some_and(|p| !p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)))
        {
            return Err(Error::invalid(
                "Telefon får bara innehålla siffror, mellanslag och + - ( ).",
            ));
        }
        Ok(StaffAddedBody {
            staff_id,
            name: validate::required("Namn", &self.name, NAME_MAX)?,
            roles,
            phone,
            rakel_id: validate::optional("Rakel-ID", &self.rakel_id, 40)?,
            email,
            organisation: validate::optional("Organisation", &self.organisation, NAME_MAX)?,
        })
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<StaffMember> {
    let roles: String = r.get(2)?;
    Ok(StaffMember {
        id: r.get(0)?,
        name: r.get(1)?,
        roles: serde_json::from_str(&roles).unwrap_or_default(),
        phone: r.get(3)?,
        rakel_id: r.get(4)?,
        email: r.get(5)?,
        organisation: r.get(6)?,
    })
}

const COLS: &str = "s.id, s.name, s.roles, s.phone, s.rakel_id, s.email, s.organisation";

/// Adds people, all in the caller's transaction (an import lands whole or not at all).
pub fn add_people(tx: &mut Tx<'_>, actor: &Actor, people: &[NewStaff]) -> Result<Vec<String>> {
    let actor = actor.validate()?;
    let bodies = people
        .iter()
        .map(|p| p.validate(uuid::Uuid::now_v7().to_string()))
        .collect::<Result<Vec<_>>>()?;
    for body in &bodies {
        tx.append_now(&actor, None, KIND_STAFF_ADDED, body)?;
    }
    Ok(bodies.into_iter().map(|b| b.staff_id).collect())
}

pub fn staff_member(conn: &Connection, id: &str) -> Result<StaffMember> {
    conn.query_row(
        &format!("SELECT {COLS} FROM staff s WHERE s.id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("Det finns ingen person med id {id}.")))
}

pub fn list_staff(conn: &Connection) -> Result<Vec<StaffMember>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLS} FROM staff s ORDER BY s.name"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Puts a person on an event's roster in a role.
pub fn roster_assign(
    tx: &mut Tx<'_>,
    actor: &Actor,
    event_id: &str,
    staff_id: &str,
    role: &str,
) -> Result<Vec<RosterEntry>> {
    let actor = actor.validate()?;
    let body = RosterBody {
        staff_id: staff_id.into(),
        role: validate::required("Roll", role, NAME_MAX)?,
    };
    staff_member(tx, staff_id)?;
    let already: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM roster WHERE event_id = ?1 AND staff_id = ?2 AND role = ?3)",
        [event_id, staff_id, &body.role],
        |r| r.get(0),
    )?;
    if already {
        return Err(Error::conflict(
            "Personen har redan den rollen i händelsen.",
        ));
    }
    tx.append_now(&actor, Some(event_id), KIND_ROSTER, &body)?;
    roster(tx, event_id)
}

pub fn roster(conn: &Connection, event_id: &str) -> Result<Vec<RosterEntry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS}, r.role FROM roster r JOIN staff s ON s.id = r.staff_id
         WHERE r.event_id = ?1 ORDER BY r.seq"
    ))?;
    let rows = stmt.query_map([event_id], |r| {
        Ok(RosterEntry {
            staff: from_row(r)?,
            role: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Everyone placed in a role in any open event, each person and role once: who is on duty.
pub fn on_duty(conn: &Connection) -> Result<Vec<RosterEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS}, r.role FROM roster r JOIN staff s ON s.id = r.staff_id
         WHERE r.event_id IN (SELECT id FROM events WHERE status = 'open')
         GROUP BY r.staff_id, r.role ORDER BY min(r.seq)"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok(RosterEntry {
            staff: from_row(r)?,
            role: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The last person logged at this keyboard, so the app can greet them after a restart.
pub fn current_operator(conn: &Connection) -> Result<Option<Actor>> {
    Ok(conn
        .query_row(
            "SELECT name, role FROM operator_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok(Actor::new(r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?)
}

impl Store {
    pub fn add_staff(&mut self, actor: &Actor, input: &NewStaff) -> Result<StaffMember> {
        self.write(|tx| {
            let id = add_people(tx, actor, std::slice::from_ref(input))?.remove(0);
            staff_member(tx, &id)
        })
    }

    pub fn staff_member(&self, id: &str) -> Result<StaffMember> {
        staff_member(self.connection(), id)
    }

    pub fn list_staff(&self) -> Result<Vec<StaffMember>> {
        list_staff(self.connection())
    }

    pub fn roster_assign(
        &mut self,
        actor: &Actor,
        event_id: &str,
        staff_id: &str,
        role: &str,
    ) -> Result<Vec<RosterEntry>> {
        self.write(|tx| roster_assign(tx, actor, event_id, staff_id, role))
    }

    pub fn roster(&self, event_id: &str) -> Result<Vec<RosterEntry>> {
        roster(self.connection(), event_id)
    }

    /// Logs who is at the keyboard from now on; every later entry carries that name and role.
    pub fn switch_operator(&mut self, actor: &Actor) -> Result<Actor> {
        let actor = actor.validate()?;
        self.write(|tx| tx.append_now(&actor, None, KIND_OPERATOR, &actor))?;
        Ok(actor)
    }

    pub fn current_operator(&self) -> Result<Option<Actor>> {
        current_operator(self.connection())
    }
}
