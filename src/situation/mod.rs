//! The staff's own text of the lägesbild (situation picture), after MSB's common ground (GGSL):
//! händelsen, konsekvenser, åtgärder, resurser, aktörer and the staff's bedömning. Each section is
//! versioned by its entries; what the record already knows is gathered beside it by `picture`.

pub mod commands;
pub mod projection;

pub use commands::{SectionUpdate, SectionVersion, SectionView};

use crate::store::{Migration, Slice};

pub const KIND_SECTION: &str = "situation.updated";

crate::str_enum!(
    /// The sections of a lägesbild, in the order they are read.
    Section, "Okänt avsnitt i lägesbilden", {
        Handelse = "handelse" | "handelsen",
        Konsekvenser = "konsekvenser",
        Atgarder = "atgarder" | "vidtagna_och_planerade_atgarder",
        Resurser = "resurser" | "resurser_och_behov",
        Aktorer = "aktorer" | "aktorer_och_samverkan",
        Bedomning = "bedomning" | "bedomning_och_prognos",
    }
);

pub const SLICE: Slice = Slice {
    name: "situation",
    migrations: &[Migration {
        name: "situation",
        sql: include_str!("schema/0001_situation.sql"),
    }],
    kinds: &[KIND_SECTION],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};
