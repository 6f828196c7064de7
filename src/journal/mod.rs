//! The append-only, hash-chained journal (DESIGN §3).

pub mod entry;
pub mod verify;

pub use entry::{canonical_body, Entry, Envelope, GENESIS_HASH, MAX_SEQ};
pub use verify::{verify, VerifyFailure, VerifyReport};
