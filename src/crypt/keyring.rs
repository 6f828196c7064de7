//! The database keys this process has unlocked, by key id. Every connection to an encrypted file
//! finds its key here through the key file beside it, so a backup, its check and a restore open
//! with the key already unlocked, and locking forgets the key once for every file.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use super::DbKey;

fn ring() -> MutexGuard<'static, HashMap<String, Arc<DbKey>>> {
    static RING: OnceLock<Mutex<HashMap<String, Arc<DbKey>>>> = OnceLock::new();
    // A panic while holding the ring leaves a map that is still whole.
    RING.get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub(super) fn insert(id: &str, key: DbKey) {
    ring().insert(id.to_string(), Arc::new(key));
}

pub(super) fn get(id: &str) -> Option<Arc<DbKey>> {
    ring().get(id).cloned()
}

/// Forgets one key; its bytes are zeroed when the last connection being opened with it is done.
pub(super) fn remove(id: &str) -> bool {
    ring().remove(id).is_some()
}

pub(super) fn clear() {
    ring().clear();
}
