//! Kontinuitetshantering: critical services with their maximum tolerable outage (MTO), what they
//! depend on, and the reserve routine that keeps them going. In an event the staff records which
//! dependency is down; the lägesbild then lights up every service that depends on it and says
//! when its MTO runs out.

pub mod commands;
pub mod projection;
pub mod queries;

pub use commands::{NewHit, NewService, RestoreHit};
pub use queries::{AffectedService, DependencyHit, Service};

use crate::store::{Migration, Slice};

pub const KIND_SERVICE: &str = "service.recorded";
pub const KIND_HIT: &str = "dependency.hit";
pub const KIND_RESTORED: &str = "dependency.restored";

/// A dependency may be restored after its event is closed: the record should not keep an outage
/// open for ever because the staff closed the event first.
pub const AFTER_CLOSE: &[&str] = &[KIND_RESTORED];

pub const SLICE: Slice = Slice {
    name: "continuity",
    migrations: &[Migration {
        name: "continuity",
        sql: include_str!("schema/0001_continuity.sql"),
    }],
    kinds: &[KIND_SERVICE, KIND_HIT, KIND_RESTORED],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};

crate::str_enum!(
    /// What a critical service depends on, as the continuity work names it.
    Dependency, "Okänt beroende", {
        El = "el" | "elforsorjning" | "strom",
        Vatten = "vatten",
        It = "it" | "it_system",
        Personal = "personal",
        Leveranser = "leveranser" | "leverans",
        Transporter = "transporter" | "transport",
    }
);

impl Dependency {
    pub fn label(self) -> &'static str {
        match self {
            Self::El => "El",
            Self::Vatten => "Vatten",
            Self::It => "IT",
            Self::Personal => "Personal",
            Self::Leveranser => "Leveranser",
            Self::Transporter => "Transporter",
        }
    }
}
