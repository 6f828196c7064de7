//! Emergency plans (beredskapsplaner) with action cards (åtgärdskort): the file format, the
//! library of shipped and imported plans, and activations in an event.

pub mod activation;
pub mod format;
pub mod library;

pub use activation::{ActivationStatus, ActivationView, CardView, ItemState, ItemView};
pub use format::{parse_plan, Card, Item, Plan, Text};
pub use library::{LibraryPlan, PlanSource};
