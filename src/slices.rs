//! The composition root: the slices a store is opened with, in schema order (a slice's tables may
//! refer to those of slices before it). Adding a slice is one line here; adding an entry kind
//! touches only its slice.

use std::path::Path;

use rusqlite::Connection;

use crate::error::Result;
use crate::journal::Envelope;
use crate::store::{Slice, Store, Workspace};

/// Kinds written in an event's after phase, let into an event once it is closed. The log's event
/// rule cannot name them (the slices that own them lie above it, and a floor may not look up), and
/// the store knows no kinds at all; the composition root knows every slice, so the exception is
/// put together here, from lists the owning slices keep.
const AFTER_CLOSE: &[&[&str]] = &[
    crate::efter::AFTER_CLOSE,
    crate::reports::AFTER_CLOSE,
    crate::marking::AFTER_CLOSE,
    crate::sync::AFTER_CLOSE,
    crate::continuity::AFTER_CLOSE,
];

fn event_rule(conn: &Connection, e: &Envelope<'_>) -> Result<()> {
    let after_close = AFTER_CLOSE.iter().any(|kinds| kinds.contains(&e.kind));
    crate::log::event_rule(conn, e, after_close)
}

pub static ALL: [Slice; 16] = [
    // The log, its event rule letting the after phase into a closed event (`event_rule`).
    Slice {
        guard: Some(event_rule),
        ..crate::log::SLICE
    },
    crate::plans::SLICE,
    crate::readiness::SLICE,
    crate::staff::SLICE,
    crate::logistics::SLICE,
    crate::timeline::SLICE,
    crate::situation::SLICE,
    crate::reports::SLICE,
    crate::efter::SLICE,
    crate::exercise::SLICE,
    crate::marking::SLICE,
    crate::sync::SLICE,
    crate::risk::SLICE,
    crate::continuity::SLICE,
    crate::followup::SLICE,
    crate::war::SLICE,
];

impl Store {
    /// Creates a store with every slice's schema (see `Store::init_with`).
    pub fn init(path: &Path, org: &str, workspace: Workspace) -> Result<Store> {
        Store::init_with(path, org, workspace, &ALL)
    }

    /// Opens an existing store for writing (see `Store::open_with`).
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, &ALL)
    }

    /// Opens an existing store without changing a byte of it (see `Store::open_read_only_with`).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Store::open_read_only_with(path, &ALL)
    }

    /// Rebuilds every projection aside and compares it with the file (see `store::deep`).
    pub fn deep_verify(
        &self,
        progress: &mut dyn FnMut(i64, i64),
    ) -> Result<crate::store::deep::DeepReport> {
        crate::store::deep::deep_verify(self.path(), self.slices(), progress)
    }
}
