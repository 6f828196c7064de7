//! Text helpers every layer may use, with no dependency of their own.

/// Start of a user's input for an error message, cut at a char boundary.
pub fn preview(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}
