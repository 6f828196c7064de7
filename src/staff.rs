//! People, their contact details and roles, the roster per event, and who is at the keyboard.

use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::validate::{self, NAME_MAX};
use crate::domain::Actor;
use crate::error::{Error, Result};
use crate::journal::canonical_body;
use crate::store::append::Draft;
use crate::store::project::{KIND_OPERATOR, KIND_ROSTER, KIND_STAFF_ADDED};
use crate::store::Store;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
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

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StaffMember {
    pub id: String,
    pub name: String,
    pub roles: Vec<String>,
    pub phone: Option<String>,
    pub rakel_id: Option<String>,
    pub email: Option<String>,
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
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

impl Store {
    pub(crate) fn staff_drafts<'a>(
        &self,
        actor: &'a Actor,
        people: &[NewStaff],
    ) -> Result<Vec<Draft<'a>>> {
        let now = self.clock.now();
        people
            .iter()
            .map(|p| {
                let body = p.validate(uuid::Uuid::now_v7().to_string())?;
                Ok(Draft {
                    recorded_at: now,
                    occurred_at: now,
                    actor,
                    event_id: None,
                    kind: KIND_STAFF_ADDED,
                    body: canonical_body(&body)?,
                })
            })
            .collect()
    }

    pub fn add_staff(&mut self, actor: &Actor, input: &NewStaff) -> Result<StaffMember> {
        let actor = actor.validate()?;
        let drafts = self.staff_drafts(&actor, std::slice::from_ref(input))?;
        let entry = self.append_all(drafts, |_| Ok(()))?.remove(0);
        self.staff_member(entry.body["staff_id"].as_str().unwrap_or_default())
    }

    pub fn staff_member(&self, id: &str) -> Result<StaffMember> {
        self.conn
            .query_row(
                &format!("SELECT {COLS} FROM staff s WHERE s.id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Det finns ingen person med id {id}.")))
    }

    pub fn list_staff(&self) -> Result<Vec<StaffMember>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLS} FROM staff s ORDER BY s.name"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Puts a person on an event's roster in a role.
    pub fn roster_assign(
        &mut self,
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
        self.append_now(&actor, Some(event_id), KIND_ROSTER, &body, |tx| {
            crate::commands::require_open_event(tx, event_id)?;
            let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM staff WHERE id = ?1)", [staff_id], |r| r.get(0))?;
            if !exists {
                return Err(Error::not_found(format!("Det finns ingen person med id {staff_id}.")));
            }
            let already: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM roster WHERE event_id = ?1 AND staff_id = ?2 AND role = ?3)",
                [event_id, staff_id, &body.role],
                |r| r.get(0),
            )?;
            if already {
                return Err(Error::conflict("Personen har redan den rollen i händelsen."));
            }
            Ok(())
        })?;
        self.roster(event_id)
    }

    pub fn roster(&self, event_id: &str) -> Result<Vec<RosterEntry>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLS}, r.role FROM roster r JOIN staff s ON s.id = r.staff_id WHERE r.event_id = ?1 ORDER BY r.seq"
        ))?;
        let rows = stmt.query_map([event_id], |r| {
            Ok(RosterEntry {
                staff: from_row(r)?,
                role: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Logs who is at the keyboard from now on; every later entry carries that name and role.
    pub fn switch_operator(&mut self, actor: &Actor) -> Result<Actor> {
        let actor = actor.validate()?;
        self.append_now(&actor, None, KIND_OPERATOR, &actor, |_| Ok(()))?;
        Ok(actor)
    }

    /// The last person logged at this keyboard, so the app can greet them after a restart.
    pub fn current_operator(&self) -> Result<Option<Actor>> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, role FROM operator_log ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok(Actor::new(r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?)
    }
}
