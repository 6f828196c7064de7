//! The composition root: the slices a store is opened with, in schema order (a slice's tables may
//! refer to those of slices before it). Adding a slice is one line here; adding an entry kind
//! touches only its slice.

use std::path::Path;

use crate::error::Result;
use crate::store::{Slice, Store, Workspace};

pub static ALL: [Slice; 7] = [
    crate::log::SLICE,
    crate::plans::SLICE,
    crate::readiness::SLICE,
    crate::staff::SLICE,
    crate::logistics::SLICE,
    crate::timeline::SLICE,
    crate::situation::SLICE,
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
