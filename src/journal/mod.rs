//! The append-only, hash-chained journal (DESIGN §3): the envelope, its canonical form, and checks
//! over raw rows. It knows the journal table and nothing of the slices or their kinds.

pub mod entry;
pub mod rows;
pub mod verify;

pub use entry::{canonical_body, Entry, Envelope, GENESIS_HASH, MAX_SEQ};
pub use rows::for_each_verified;
pub use verify::{verify, verify_as, VerifyFailure, VerifyReport};
