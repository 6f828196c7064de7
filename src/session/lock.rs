//! The window's lock: what the lock screen shows, locking (every store closed, every key
//! forgotten), unlocking, and the first passphrase that encrypts the record.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use super::{open_real, Open, Session};
use crate::api::WorkspaceKind;
use crate::error::{Error, ErrorCode, Result};

/// What the lock screen and the safety dialog show. While locked, nothing else is answered.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LockState {
    /// The record is encrypted (SQLCipher) under a passphrase.
    pub encrypted: bool,
    pub locked: bool,
    pub idle_minutes: u32,
    /// The readiness mode of the store open when the window locked (`None` until first unlocked).
    pub mode: Option<crate::readiness::ModeId>,
    /// An exercise store was open when the window locked (the ÖVNING bar stays).
    pub exercise: bool,
    /// Where the record's key file is: it goes with every copy of the record.
    pub key_file: String,
}

pub(super) fn locked_error() -> Error {
    Error::new(
        ErrorCode::Locked,
        "Krisledning är låst. Lås upp med lösenfrasen.",
    )
}

#[derive(Clone)]
pub(super) struct Locked {
    pub(super) mode: Option<crate::readiness::ModeId>,
    pub(super) kind: WorkspaceKind,
    pub(super) path: PathBuf,
}

impl Session {
    pub(super) fn locked_now(&self) -> std::sync::MutexGuard<'_, Option<Locked>> {
        self.locked.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn is_locked(&self) -> bool {
        self.locked_now().is_some()
    }

    pub fn lock_state(&self) -> Result<LockState> {
        let locked = self.locked_now().clone();
        let (mode, exercise) = match &locked {
            Some(l) => (l.mode, l.kind != WorkspaceKind::Real),
            None => {
                let guard = self.lock();
                let open = guard.as_ref();
                (
                    open.and_then(|o| o.store.as_ref().ok())
                        .and_then(|s| s.current_mode().ok()),
                    open.is_some_and(|o| o.kind != WorkspaceKind::Real),
                )
            }
        };
        Ok(LockState {
            encrypted: crate::crypt::is_encrypted(&self.real_path)?,
            locked: locked.is_some(),
            idle_minutes: crate::vault::idle_minutes(),
            mode,
            exercise,
            key_file: crate::crypt::keyfile::beside(&self.real_path)
                .display()
                .to_string(),
        })
    }

    /// Locks the window: the mode shown is kept, every store closed (SQLCipher forgets its key
    /// with the connection) and every key forgotten. Only an encrypted record can be locked:
    /// there would be nothing to unlock it with.
    pub fn lock_now(&self) -> Result<()> {
        if !crate::crypt::is_encrypted(&self.real_path)? {
            return Err(Error::conflict(
                "Sätt en lösenfras först (Säkerhetskopia… → Lösenfras): utan den finns inget att \
                 låsa upp med.",
            ));
        }
        let mut guard = self.lock();
        let mut locked = self.locked_now();
        if locked.is_some() {
            return Ok(());
        }
        let (kind, path) = guard.as_ref().map_or_else(
            || (WorkspaceKind::Real, self.real_path.clone()),
            |o| (o.kind, o.path.clone()),
        );
        let mode = guard
            .as_ref()
            .and_then(|o| o.store.as_ref().ok())
            .and_then(|s| s.current_mode().ok());
        *guard = Some(Open {
            store: Err(locked_error()),
            kind,
            path: path.clone(),
        });
        crate::crypt::lock_all();
        crate::reports::files::forget_views();
        *locked = Some(Locked { mode, kind, path });
        Ok(())
    }

    /// Unlocks the record with `passphrase` and reopens what was open.
    pub fn unlock(&self, passphrase: &str) -> Result<()> {
        let Some(was) = self.locked_now().clone() else {
            return Ok(());
        };
        crate::crypt::unlock(&self.real_path, passphrase)?;
        *self.locked_now() = None;
        let path = (was.kind != WorkspaceKind::Real).then_some(was.path.as_path());
        self.switch(was.kind, path)
    }

    /// Encrypts the record under a first passphrase; if it is open, it is closed for the copy
    /// and opened again.
    pub fn set_passphrase(&self, passphrase: &str) -> Result<()> {
        let mut guard = self.lock();
        let real_open = guard.as_ref().is_none_or(|o| o.kind == WorkspaceKind::Real);
        if real_open {
            *guard = None;
        }
        let done = crate::vault::encrypt(&self.real_path, passphrase);
        if real_open {
            *guard = Some(Open {
                store: open_real(&self.real_path, true),
                kind: WorkspaceKind::Real,
                path: self.real_path.clone(),
            });
        }
        done.map(|_| ())
    }
}
