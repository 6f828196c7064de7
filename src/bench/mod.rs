//! `kris bench`: the speed targets of DESIGN §7, measured on this machine beside the floor that
//! SQLite and SHA-256 set, so overhead is a ratio, not a guess. Not run by `make test` except once
//! on tiny data (`--tiny`) so it cannot rot.

pub mod data;
pub mod measure;

pub use measure::{run, BenchConfig, BenchReport};
