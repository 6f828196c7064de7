//! Krisledning core. No GUI dependency; the `kris` CLI and the Tauri shell are thin clients of the
//! typed requests in `api`.
//!
//! Layers, each importing only those below it (a test checks this):
//! - `error`, `text`, `time`, `device`, `crypt` (keys of encrypted stores), then `domain` (actor, field rules, enum text): pure, no I/O;
//! - `journal`: the envelope, canonical form and hash chain over raw rows;
//! - `store`: SQLite, schema runner, write transaction, projector registry, replay, verify;
//! - slices — `log`, then `plans`, `readiness`, `staff`, `logistics` — each with its model,
//!   commands, projection, queries and schema;
//! - read models over several slices: `reminders`, `import`, `export`, and `cap` (CAP
//!   alerts into the diary), and `scenario` (exercise scenario files);
//! - `risk` (the risk register) and `continuity` (critical services and their dependencies),
//!   then `followup` (goals, PDSA, exercises held, the year counted from the record) and `war`
//!   (krigsplacering, staffing per mode, beredskapslarm);
//! - `sync`: pairing laptops, bundles, the sync folder and merge conflicts;
//! - `exercise`: the exercise slice, which sets up a scenario's start through the slices below;
//! - `slices` (the list the store is opened with), `api`, then `session` (the store as the app
//!   holds it) and `bindings`.

pub mod api;
pub mod backup;
pub mod bindings;
pub mod cap;
pub mod continuity;
pub mod crypt;
pub mod device;
pub mod domain;
pub mod efter;
pub mod error;
pub mod exercise;
pub mod export;
pub mod find;
pub mod followup;
pub mod import;
pub mod journal;
pub mod log;
pub mod logistics;
pub mod marking;
pub mod media;
pub mod pdf;
pub mod picture;
pub mod plans;
pub mod readiness;
pub mod reminders;
pub mod report;
pub mod reports;
pub mod risk;
pub mod scenario;
pub mod seal;
pub mod session;
pub mod situation;
pub mod slices;
pub mod staff;
pub mod store;
pub mod sync;
pub mod syncthing;
pub mod text;
pub mod time;
pub mod timeline;
pub mod vault;
pub mod war;
pub mod workspace;

pub use error::{Error, ErrorCode, Result};
pub use store::{Store, Workspace};
