//! The closed word lists of CAP 1.2 (section 3.2 of the standard), each word with what a Swedish
//! staff diary says instead. Matching is exact: the standard spells every value one way, and a
//! value spelt otherwise is a producer's error worth showing, not guessing.

/// One allowed value: as CAP writes it, and in Swedish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub cap: &'static str,
    pub sv: &'static str,
}

/// The values one element may take.
pub struct Vocab {
    pub element: &'static str,
    pub words: &'static [Word],
}

impl Vocab {
    pub fn find(&self, value: &str) -> Option<Word> {
        self.words.iter().copied().find(|w| w.cap == value)
    }

    /// The allowed values, for an error message.
    pub fn allowed(&self) -> String {
        let words: Vec<&str> = self.words.iter().map(|w| w.cap).collect();
        words.join(", ")
    }
}

const fn w(cap: &'static str, sv: &'static str) -> Word {
    Word { cap, sv }
}

pub const STATUS: Vocab = Vocab {
    element: "status",
    words: &[
        w("Actual", "skarp"),
        w("Exercise", "ÖVNING"),
        w("System", "SYSTEMMEDDELANDE"),
        w("Test", "TEST"),
        w("Draft", "UTKAST"),
    ],
};

pub const MSG_TYPE: Vocab = Vocab {
    element: "msgType",
    words: &[
        w("Alert", "Varning"),
        w("Update", "Uppdatering"),
        w("Cancel", "Återkallelse"),
        w("Ack", "Kvittens"),
        w("Error", "Felmeddelande"),
    ],
};

pub const SCOPE: Vocab = Vocab {
    element: "scope",
    words: &[
        w("Public", "allmän"),
        w("Restricted", "begränsad"),
        w("Private", "enskilda mottagare"),
    ],
};

pub const CATEGORY: Vocab = Vocab {
    element: "category",
    words: &[
        w("Geo", "Geofysisk"),
        w("Met", "Väder"),
        w("Safety", "Allmän säkerhet"),
        w("Security", "Säkerhet och skydd"),
        w("Rescue", "Räddning"),
        w("Fire", "Brand"),
        w("Health", "Hälsa"),
        w("Env", "Miljö"),
        w("Transport", "Transporter"),
        w("Infra", "Infrastruktur"),
        w("CBRNE", "CBRNE"),
        w("Other", "Övrigt"),
    ],
};

pub const RESPONSE_TYPE: Vocab = Vocab {
    element: "responseType",
    words: &[
        w("Shelter", "Sök skydd"),
        w("Evacuate", "Utrym"),
        w("Prepare", "Förbered"),
        w("Execute", "Genomför förberedda åtgärder"),
        w("Avoid", "Undvik"),
        w("Monitor", "Följ informationen"),
        w("Assess", "Bedöm läget"),
        w("AllClear", "Faran över"),
        w("None", "Ingen åtgärd"),
    ],
};

pub const URGENCY: Vocab = Vocab {
    element: "urgency",
    words: &[
        w("Immediate", "Omedelbar"),
        w("Expected", "Väntad (inom en timme)"),
        w("Future", "Framtida"),
        w("Past", "Passerad"),
        w("Unknown", "Okänd"),
    ],
};

pub const SEVERITY: Vocab = Vocab {
    element: "severity",
    words: &[
        w("Extreme", "Extrem"),
        w("Severe", "Allvarlig"),
        w("Moderate", "Måttlig"),
        w("Minor", "Mindre"),
        w("Unknown", "Okänd"),
    ],
};

pub const CERTAINTY: Vocab = Vocab {
    element: "certainty",
    words: &[
        w("Observed", "Observerad"),
        w("Likely", "Trolig"),
        w("Possible", "Möjlig"),
        w("Unlikely", "Osannolik"),
        w("Unknown", "Okänd"),
    ],
};
