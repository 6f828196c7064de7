//! Classification markings (säkerhetsskyddsklassificering), lowest first. Every entry carries one:
//! the default of the mode it was written in, or higher where someone raised it. Material at
//! konfidentiell or above is under copy control when printed or exported.

crate::str_enum!(
    /// A marking; `Intern` stands for "ej klassificerad / intern".
    Marking, "Okänd klassning", {
        Intern = "intern" | "ej_klassificerad" | "ej_klassificerad/intern" | "oklassificerad",
        BegransatHemlig = "begransat_hemlig" | "bh",
        Konfidentiell = "konfidentiell" | "k",
        Hemlig = "hemlig" | "h",
        KvalificeratHemlig = "kvalificerat_hemlig" | "kh",
    }
);

impl Marking {
    /// 0 for intern … 4 for kvalificerat hemlig.
    pub fn level(self) -> u8 {
        Self::ALL.iter().position(|m| *m == self).unwrap_or(0) as u8
    }

    pub fn from_level(level: i64) -> Marking {
        usize::try_from(level)
            .ok()
            .and_then(|i| Self::ALL.get(i).copied())
            .unwrap_or(Marking::KvalificeratHemlig)
    }

    /// As printed on a page and shown on a screen.
    pub fn label(self) -> &'static str {
        match self {
            Marking::Intern => "Ej klassificerad/Intern",
            Marking::BegransatHemlig => "Begränsat hemlig",
            Marking::Konfidentiell => "Konfidentiell",
            Marking::Hemlig => "Hemlig",
            Marking::KvalificeratHemlig => "Kvalificerat hemlig",
        }
    }

    /// Printing or exporting at this marking is recorded in the copy register.
    pub fn needs_copy_control(self) -> bool {
        self >= Marking::Konfidentiell
    }
}

impl PartialOrd for Marking {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Marking {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.level().cmp(&other.level())
    }
}
