//! Copies the write-ahead log into the database file on a thread of its own.
//!
//! SQLite's automatic checkpoint runs inside the commit that crosses the threshold: every
//! fiftieth decision or so would wait for a thousand pages to be copied and the database file to
//! be synced (the p99 of `make bench` doubled). A commit is durable once the WAL is synced, so the
//! copy can happen beside it. The writer's connection reports the WAL size after each commit; this
//! thread checkpoints with its own connection without blocking the writer (PASSIVE). A WAL
//! restarts from the top only when a transaction begins with every frame copied; if a sustained
//! burst never leaves the thread that moment, the writer copies the rest itself at `RESTART_AT`,
//! which bounds the file.

use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::thread::JoinHandle;

use rusqlite::wal::CheckpointMode;
use rusqlite::{Connection, OpenFlags};

use crate::error::Result;

/// WAL frames after a commit that start a checkpoint: SQLite's own default.
const START_AT: i32 = 1000;
/// WAL frames at which the writer checkpoints itself (≈ 40 MB of WAL).
const RESTART_AT: i32 = 10_000;

/// Sent by `Drop`: the thread closes its connection and ends.
const STOP: i32 = -1;

pub(crate) struct Checkpointer {
    stop: SyncSender<i32>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Turns off the inline checkpoint on `conn` and starts the thread. Drop this before `conn`:
    /// the writer must be the last connection to close, because the last one folds the WAL into
    /// the file and removes it, and a file copied on its own must be complete.
    pub(crate) fn start(conn: &mut Connection, path: &Path) -> Result<Checkpointer> {
        let (tx, rx) = sync_channel::<i32>(1);
        let stop = tx.clone();
        let path = path.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("kris-checkpoint".into())
            .spawn(move || run(&path, &rx))?;
        // Registering a hook replaces SQLite's autocheckpoint, which is itself a WAL hook.
        conn.wal_hook(Some(move |wal: &mut rusqlite::hooks::Wal, frames| {
            if frames >= RESTART_AT {
                // A burst has kept the thread from ever catching up between two commits, so the
                // WAL never restarted. Copy the little that is left here, while this connection
                // holds no lock: the next transaction then starts the WAL from the top.
                let _ = wal.checkpoint();
            } else if frames >= START_AT {
                match tx.try_send(frames) {
                    // Full: the thread is busy and will hear of the next commit.
                    Ok(()) | Err(TrySendError::Full(_)) => {}
                    // The thread is gone: checkpoint here, as SQLite itself would have.
                    Err(TrySendError::Disconnected(_)) => {
                        let _ = wal.checkpoint();
                    }
                }
            }
            // Never an error: the commit has already happened, and an error here would say it
            // had not.
            Ok(())
        }))?;
        Ok(Checkpointer {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        if let Some(t) = self.thread.take() {
            // Blocks only while the thread finishes a checkpoint it has started.
            let _ = self.stop.send(STOP);
            let _ = t.join();
        }
    }
}

fn run(path: &Path, rx: &Receiver<i32>) {
    let mut conn: Option<Connection> = None;
    // Frames already copied. Copying in batches of `START_AT` keeps the database file's fsync to
    // one per thousand frames, not one per commit beside the commit's own.
    let mut copied = 0;
    while let Ok(frames) = rx.recv() {
        if frames == STOP {
            break;
        }
        if frames < copied {
            copied = 0; // the WAL restarted from the top
        }
        if frames - copied < START_AT {
            continue;
        }
        if conn.is_none() {
            conn = open(path).ok();
        }
        let Some(c) = conn.as_ref() else { continue };
        // A failed checkpoint loses nothing: the frames stay in the WAL for the next one.
        if let Ok((_, done)) = c.wal_checkpoint_v2(None::<&str>, CheckpointMode::PASSIVE) {
            copied = done;
        }
    }
}

fn open(path: &Path) -> Result<Connection> {
    let c = super::open_keyed(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    // Every connection gets the store's settings: a checkpoint syncs the database file as this
    // connection's `synchronous` says. Setting WAL also makes the connection read the file, and
    // until it has, a checkpoint is a no-op that reports (-1, -1).
    super::configure(&c)?;
    Ok(c)
}
