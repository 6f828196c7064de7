//! Emergency plans (beredskapsplaner) with action cards (åtgärdskort): the file format, the
//! library of shipped and imported plans, and activations in an event.

pub mod activation;
pub mod format;
pub mod library;
pub mod projection;

use crate::store::{Migration, Slice};

pub const KIND_PLAN_IMPORTED: &str = "plan.imported";
pub const KIND_PLAN_ACTIVATED: &str = "plan.activated";
pub const KIND_PLAN_ITEM: &str = "plan.item";
pub const KIND_PLAN_DEACTIVATED: &str = "plan.deactivated";

pub const SLICE: Slice = Slice {
    name: "plans",
    migrations: &[
        Migration {
            name: "plans",
            sql: include_str!("schema/0001_plans.sql"),
        },
        Migration {
            name: "item_decision",
            sql: include_str!("schema/0002_item_decision.sql"),
        },
    ],
    kinds: &[
        KIND_PLAN_IMPORTED,
        KIND_PLAN_ACTIVATED,
        KIND_PLAN_ITEM,
        KIND_PLAN_DEACTIVATED,
    ],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};

pub use activation::{ActivationStatus, ActivationView, CardView, ItemState, ItemView};
pub use format::{parse_plan, Card, Item, Plan, Text, MAX_PLAN_BYTES};
pub use library::{LibraryPlan, PlanSource};
