//! The speed targets of DESIGN §7, measured on this machine beside the floor that SQLite and
//! SHA-256 set, so overhead is a ratio, not a guess. A crate of its own so that neither the
//! shipped `kris` nor the core library carries it; `make test` runs it once on tiny data so it
//! cannot rot.

pub mod data;
pub mod measure;
pub mod protect;
pub mod reports;
pub mod sync;
pub mod table;

pub use measure::{run, BenchConfig, BenchReport};
