//! The append-only, hash-chained journal (DESIGN §3): the envelope, its canonical form, and checks
//! over raw rows. It knows the journal table and nothing of the slices or their kinds.

pub mod entry;
pub mod rows;
pub mod verify;

pub use entry::{canonical_body, Entry, Envelope, GENESIS_HASH, MAX_SEQ};
pub use rows::{
    entry_from_row, fold_keys, for_each_folded, micros, micros_to_text, FoldKey, Folded, OwnedRow,
    ENTRY_COLUMNS,
};
pub use verify::{verify, verify_as, ChainHead, VerifyFailure, VerifyReport};
