//! Text helpers every layer may use, with no dependency on the program's own modules.

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

/// Words as search compares them: lower case, diacritics dropped (å ä → a, ö → o, é → e …), split
/// at everything that is not a letter or digit. The same rule as the full-text index's
/// `remove_diacritics`, so every part of Ctrl+K finds alike.
pub fn search_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.to_lowercase()
                .chars()
                .map(|c| match c {
                    'å' | 'ä' | 'à' | 'á' | 'â' | 'ã' => 'a',
                    'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
                    'é' | 'è' | 'ê' | 'ë' => 'e',
                    'ü' | 'ú' | 'ù' | 'û' => 'u',
                    'í' | 'ì' | 'î' | 'ï' => 'i',
                    'ç' => 'c',
                    'ñ' => 'n',
                    other => other,
                })
                .collect()
        })
        .collect()
}

/// Every word of the query begins some word of the text: "gen sjuk" finds "Generator, Sjukhus A".
pub fn matches_prefixes(query: &[String], text: &str) -> bool {
    let words = search_words(text);
    !query.is_empty()
        && query
            .iter()
            .all(|q| words.iter().any(|w| w.starts_with(q.as_str())))
}

/// Every byte but an unreserved ASCII one (RFC 3986: letters, digits, `-._~`) and `/`, as `%XX`:
/// a path in an SQLite URI, a value in a REST query.
pub fn percent_encoded(bytes: &[u8]) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    percent_encoding::percent_encode(bytes, KEEP).to_string()
}
