//! Text helpers every layer may use, with no dependency of their own.

/// Start of a user's input for an error message, cut at a char boundary.
pub fn preview(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// How typed words are compared with the program's own: case, å ä ö typed as a a o, and
/// spaces or dashes as `_`. The one folding every enum and CSV header uses.
pub fn fold(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace(['å', 'ä'], "a")
        .replace('ö', "o")
        .replace([' ', '-'], "_")
}
