//! Everything a user can write. Each function validates, then appends exactly one journal entry
//! with its projections. The CLI and the Tauri shell call these and nothing else.

mod log;
pub mod mode;

pub use log::require_open_event;
pub use mode::{ModeChange, ModeChangeRecord, ModeStatus, Proposal};
