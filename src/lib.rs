//! Krisledning core: the journal, the domain and the store. No GUI dependency; the `kris` CLI and
//! the Tauri shell are thin clients of this crate.

pub mod api;
pub mod bench;
pub mod bindings;
pub mod commands;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod import;
pub mod journal;
pub mod logistics;
pub mod modes;
pub mod plans;
pub mod reminders;
pub mod staff;
pub mod store;
pub mod time;

pub use error::{Error, ErrorCode, Result};
pub use store::{Store, Workspace};
