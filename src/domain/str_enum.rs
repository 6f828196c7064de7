//! Enums stored and typed as short Swedish words (`tillganglig`, `pagar` …): one definition gives
//! serde names, the TypeScript union, `as_str`, and a forgiving `parse` for CLI and CSV input.

#[macro_export]
macro_rules! str_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Case-insensitive; å ä ö may be typed as a a o, and spaces as `_`.
            pub fn parse(s: &str) -> $crate::error::Result<Self> {
                let folded = s.trim().to_lowercase().replace(['å', 'ä'], "a").replace('ö', "o").replace([' ', '-'], "_");
                Self::ALL.iter().copied().find(|v| v.as_str() == folded).ok_or_else(|| {
                    let all: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    $crate::error::Error::invalid(format!(
                        "Okänd {} \"{}\". Välj {}.", $what, $crate::text::preview(s), all.join(", ")
                    ))
                })
            }
        }
    };
}
