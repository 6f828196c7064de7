//! The WAL is copied into the database file on a thread beside the writer (store/checkpoint.rs):
//! it must still happen, the WAL must stay bounded under a burst, and closing the store must
//! leave a single, complete file.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;

fn wal(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", path.display()))
}

fn size(p: &Path) -> u64 {
    std::fs::metadata(p).map_or(0, |m| m.len())
}

/// About 4 KiB a WAL frame: SQLite's page plus its frame header.
const FRAME: u64 = 4096 + 24;

#[test]
fn the_wal_is_copied_into_the_database_without_the_writer() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let db_before = size(&f.path);
    // Well past the thousand frames that call for a checkpoint.
    // The thread may copy (and the WAL restart) before it ever reaches that size: the loop is
    // bounded, and a checkpoint seen on the way counts as well.
    let mut n = 0;
    while size(&wal(&f.path)) < 1_500 * FRAME && size(&f.path) <= db_before {
        assert!(n < 20_000, "the WAL never grew past 1 500 frames");
        f.store
            .decide(&tib(), &decision(&ev, &format!("Beslut {n}")))
            .unwrap();
        n += 1;
    }
    // No more writes: only the checkpoint thread can grow the database file now.
    let deadline = Instant::now() + Duration::from_secs(20);
    while size(&f.path) <= db_before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        size(&f.path) > db_before,
        "after {n} decisions the database file is still {db_before} bytes: nothing was checkpointed"
    );
}

#[test]
fn a_long_burst_of_appends_keeps_the_wal_bounded() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let mut largest = 0;
    // About 20 frames each: 60 000 frames (≈ 250 MB) if nothing were ever copied back.
    for i in 0..3_000 {
        f.store
            .decide(&tib(), &decision(&ev, &format!("Beslut {i}")))
            .unwrap();
        largest = largest.max(size(&wal(&f.path)));
    }
    // The fallback restarts the WAL at 10 000 frames; allow one more checkpoint's worth.
    assert!(
        largest < 12_000 * FRAME,
        "the WAL reached {largest} bytes during the burst"
    );
    let n = krisledning::journal::verify(f.store.connection()).unwrap();
    assert_eq!(n.entries, 3_001);
    assert!(n.failure.is_none());
}

#[test]
fn closing_the_store_leaves_one_complete_file() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    for _ in 0..2_000 {
        f.store.decide(&tib(), &decision(&ev, "Beslut")).unwrap();
    }
    let path = f.path.clone();
    drop(f.store);
    // The checkpoint thread has been joined and its connection closed, so the last connection
    // folded the WAL into the file and removed it.
    assert!(!wal(&path).exists(), "a WAL is left after the store closed");
    let reopened = krisledning::Store::open(&path).unwrap();
    let r = krisledning::journal::verify(reopened.connection()).unwrap();
    assert!(r.failure.is_none());
    assert!(r.entries > 1);
}
