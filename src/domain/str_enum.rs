//! Enums stored and typed as short words (`tillganglig`, `pagar`, `inriktning` …): one definition
//! gives serde names, the TypeScript union, `as_str`, and a forgiving `parse` for CLI and CSV input
//! (folded by `text::fold`, with aliases such as `inriktningsbeslut`). Every enum that is written
//! as text goes through here, so they all fold alike.

#[macro_export]
macro_rules! str_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)*),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Case-insensitive; å ä ö may be typed as a a o, and spaces or dashes as `_`.
            pub fn parse(s: &str) -> $crate::error::Result<Self> {
                let folded = $crate::text::fold(s);
                $(if folded == $text $(|| folded == $alias)* {
                    return Ok($name::$variant);
                })+
                let all: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                Err($crate::error::Error::invalid(format!(
                    "{} \"{}\". Välj {}.", $what, $crate::text::preview(s), all.join(", ")
                )).with("value", $crate::text::preview(s)))
            }
        }
    };
}
