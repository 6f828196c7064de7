//! The four readiness modes as a plain value. What each mode proposes lives in the readiness
//! slice; plans name the modes they apply to, so the value itself sits below both.

crate::str_enum!(
    /// Fred → höjd beredskap (skärpt, högsta) → krig, lowest level first.
    #[derive(PartialOrd, Ord, Default)]
    ModeId, "Okänt beredskapsläge", {
        #[default]
        Fred = "fred",
        Skarpt = "skarpt" | "skarpt_lage" | "hojd_beredskap_skarpt",
        Hogsta = "hogsta" | "hojd_beredskap_hogsta",
        Krig = "krig",
    }
);
