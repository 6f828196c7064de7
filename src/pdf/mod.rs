//! Paper for the staff: a small typesetter over `krilla` (see docs/reports.md for why that crate).
//! Reports describe their content as blocks; this module breaks lines, breaks pages, repeats table
//! headers and puts the marking and "sida x av y" on every page. It knows nothing of events or
//! decisions, so every report looks alike and is laid out the same way every time: the same
//! blocks give the same bytes.

mod font;
mod layout;
mod render;

pub use layout::{Block, Column, Doc};
pub use render::Frame;
