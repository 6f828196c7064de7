//! OASIS CAP 1.2 alerts (SMHI's weather warnings, a county's VMA or warning) imported as a line in
//! an event's staff diary. An alert is a file from outside: it is read with a size limit, refused
//! whole at the first thing that is not CAP 1.2, and never allowed a DTD, so no entity it declares
//! is ever expanded and nothing it names is ever fetched. Its text is cleaned and bounded before it
//! meets the diary's own rules, so a valid alert always fits.

pub mod import;
pub mod model;
pub mod parse;
pub mod to_diary;
pub mod vocab;

pub use model::{Alert, Info};

use crate::error::{Error, Result};

/// The namespace every CAP 1.2 alert declares on its root `<alert>`.
pub const NAMESPACE: &str = "urn:oasis:names:tc:emergency:cap:1.2";

/// Largest alert accepted. Real ones are a few kB, polygons included; anything near this is not an
/// alert, and is refused before it is read.
pub const MAX_CAP_BYTES: usize = 1024 * 1024;

/// The start every "this is not CAP" message shares, so a user sees at once what was refused.
const NOT_CAP: &str = "Filen är ingen CAP 1.2-varning";

/// A refusal of the file's content; `kind` tells the English templates apart.
fn not_cap(kind: &str, what: impl std::fmt::Display) -> Error {
    Error::invalid(format!("{NOT_CAP}: {what} Inget importerades.")).with("cap", kind)
}

/// A file's bytes as the text an alert must be: CAP is UTF-8.
pub fn decode(bytes: &[u8]) -> Result<String> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        not_cap(
            "utf8",
            format!(
                "den är inte kodad som UTF-8 (första felet vid byte {at}). Spara den som UTF-8 \
                 och försök igen."
            ),
        )
        .with("position", at)
    })
}
