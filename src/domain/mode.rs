//! The four readiness modes as a plain value. What each mode proposes lives in the readiness
//! slice; plans name the modes they apply to, so the value itself sits below both.

crate::str_enum!(
    /// Fred → höjd beredskap (skärpt, högsta) → krig, lowest level first.
    #[derive(PartialOrd, Ord)]
    ModeId, "beredskapsläge", {
        Fred = "fred",
        Skarpt = "skarpt",
        Hogsta = "hogsta",
        Krig = "krig",
    }
);

impl Default for ModeId {
    fn default() -> Self {
        ModeId::Fred
    }
}
