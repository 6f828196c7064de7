//! Syncthing device ids as people type them: `MFZWI3D-BONSGYC-…`, eight groups of seven. The id is
//! the base32 SHA-256 of the device's certificate with a check character after each 13 characters
//! (Syncthing's Luhn mod 32), so a mistyped id is caught here, before it is ever paired.

use crate::error::{Error, Result};

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// The id in Syncthing's canonical form (upper case, dashes every seven), or a Swedish error.
/// Spaces, dashes and lower case are accepted, and so are the digits 0, 1 and 8 for the letters O,
/// I and B they are mistaken for (Syncthing does the same).
pub fn normalize(input: &str) -> Result<String> {
    let plain: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\t' | '\n' | '\r'))
        .map(|c| match c.to_ascii_uppercase() {
            '0' => 'O',
            '1' => 'I',
            '8' => 'B',
            c => c,
        })
        .collect();
    let wrong = || {
        Error::invalid(format!(
            "”{}” är inget giltigt Syncthing-id. Ett id är 56 tecken i åtta grupper om sju \
             (A–Z och 2–7), t.ex. MFZWI3D-BONSGYC-…; skriv av det igen från den andra datorns \
             parningskort.",
            input.trim()
        ))
        .with("device_id", input.trim())
    };
    if plain.len() != 56 || !plain.bytes().all(|b| ALPHABET.contains(&b)) {
        return Err(wrong());
    }
    for group in plain.as_bytes().chunks(14) {
        if check_char(&group[..13]) != group[13] {
            return Err(wrong());
        }
    }
    let groups: Vec<&str> = (0..8).map(|i| &plain[i * 7..i * 7 + 7]).collect();
    Ok(groups.join("-"))
}

/// Syncthing's `luhnBase32`: factors alternate 1, 2 from the left; each addend folds to base 32.
fn check_char(group: &[u8]) -> u8 {
    let mut factor = 1;
    let mut sum = 0;
    for b in group {
        let code = ALPHABET.iter().position(|a| a == b).unwrap_or(0);
        let addend = factor * code;
        factor = if factor == 2 { 1 } else { 2 };
        sum += addend / 32 + addend % 32;
    }
    ALPHABET[(32 - sum % 32) % 32]
}

#[cfg(test)]
mod tests {
    use super::*;

    // Made by `syncthing generate` (v1.19.2).
    const REAL: &[&str] = &[
        "SHCLMBW-NIE7VU4-2XOS4UI-QD5R7ZP-I5PXXFC-DDGU5HR-2232BZX-NYNPIQ3",
        "DRKLXAF-WWBTXGR-UDO4MSW-MPQUHDL-X5VAHTA-AYLSLVA-CKMR6W4-BPFF3QN",
    ];

    #[test]
    fn real_ids_pass_in_any_spelling() {
        for id in REAL {
            assert_eq!(normalize(id).unwrap(), *id);
            let sloppy = id.to_lowercase().replace('-', " ");
            assert_eq!(normalize(&format!("  {sloppy}\n")).unwrap(), *id);
            assert_eq!(normalize(&id.replace('-', "")).unwrap(), *id);
        }
    }

    #[test]
    fn one_wrong_character_is_caught() {
        for id in REAL {
            for pos in [0, 5, 20, 40, 62] {
                let mut b = id.as_bytes().to_vec();
                b[pos] = if b[pos] == b'A' { b'C' } else { b'A' };
                let typo = String::from_utf8(b).unwrap();
                let e = normalize(&typo).unwrap_err();
                assert!(e.message.contains("inget giltigt Syncthing-id"), "{typo}");
            }
        }
    }

    #[test]
    fn short_or_foreign_text_is_refused() {
        assert!(normalize("").is_err());
        assert!(normalize("SHCLMBW-NIE7VU4").is_err());
        assert!(normalize(&REAL[0].replace('S', "Ö")).is_err());
    }
}
