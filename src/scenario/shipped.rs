//! The scenarios shipped with the program, compiled in so an exercise can be created on a laptop
//! with nothing but the binary.

use super::Scenario;
use crate::error::Result;

/// Path (as named in errors and in the exercise's journal) and text of each shipped scenario.
pub const FILES: [(&str, &str); 3] = [
    (
        "assets/exercises/cyberangrepp-vard-it.toml",
        include_str!("../../assets/exercises/cyberangrepp-vard-it.toml"),
    ),
    (
        "assets/exercises/storm-elavbrott.toml",
        include_str!("../../assets/exercises/storm-elavbrott.toml"),
    ),
    (
        "assets/exercises/hojd-beredskap-personalbrist.toml",
        include_str!("../../assets/exercises/hojd-beredskap-personalbrist.toml"),
    ),
];

/// The scenario the first-start demo is made from.
pub const DEMO: &str = "storm-elavbrott";

/// A shipped scenario's file and text, by its id or its file name.
pub fn source(name: &str) -> Option<(&'static str, &'static str)> {
    let name = name.trim();
    FILES.iter().copied().find(|(file, _)| {
        let stem = file.rsplit('/').next().unwrap_or(file);
        stem == name || stem.strip_suffix(".toml") == Some(name) || *file == name
    })
}

/// Every shipped scenario, parsed. `known_kind` as for [`super::parse`].
pub fn all(known_kind: &dyn Fn(&str) -> bool) -> Result<Vec<(&'static str, Scenario)>> {
    FILES
        .iter()
        .map(|(file, text)| Ok((*file, super::parse(file, text, known_kind)?)))
        .collect()
}
