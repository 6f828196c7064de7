//! Copy control on paper: material at konfidentiell or above is printed only in numbered copies,
//! each carrying its register number and copy number on every page, and recorded in the copy
//! register in the same transaction as the report itself.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Letterhead;
use crate::error::{Error, ErrorCode, Result};

/// How many copies to print, and for whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CopyOrder {
    pub copies: u32,
    pub recipients: String,
}

/// Printed beside the marking: `REG.NR 3 · EX 2 (5)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CopyMark {
    pub register: i64,
    pub number: u32,
    pub of: u32,
}

/// The order to print with: required at konfidentiell and above (with what to do), ignored
/// below, where no copy is numbered.
pub fn order_for<'a>(
    head: &Letterhead,
    order: Option<&'a CopyOrder>,
) -> Result<Option<&'a CopyOrder>> {
    if !head.level.needs_copy_control() {
        return Ok(None);
    }
    let order = order.ok_or_else(|| {
        Error::new(
            ErrorCode::Invalid,
            format!(
                "Materialet är {} och står under exemplarkontroll: ange antal exemplar och \
                 mottagare. Varje exemplar numreras och förs in i exemplarförteckningen.",
                head.level.label()
            ),
        )
        .with("field", "copies")
        .with("marking", head.level.as_str())
    })?;
    if !(1..=crate::marking::commands::MAX_COPIES).contains(&order.copies) {
        return Err(Error::invalid(format!(
            "Ange 1–{} exemplar.",
            crate::marking::commands::MAX_COPIES
        ))
        .with("field", "copies"));
    }
    // Checked before anything is typeset: a refusal in the transaction would leave files behind.
    crate::domain::validate::required("Mottagare", &order.recipients, 1000)?;
    Ok(Some(order))
}

/// Each numbered copy, typeset with its own letterhead.
pub fn numbered<T>(
    head: &Letterhead,
    register: i64,
    order: &CopyOrder,
    mut render: impl FnMut(&Letterhead) -> Result<T>,
) -> Result<Vec<T>> {
    (1..=order.copies)
        .map(|number| {
            let mut h = head.clone();
            h.copy = Some(CopyMark {
                register,
                number,
                of: order.copies,
            });
            render(&h)
        })
        .collect()
}
