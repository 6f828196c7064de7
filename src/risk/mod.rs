//! Risk- och sårbarhetsanalys: the risk register the säkerhetschef keeps before any event. Each
//! risk has an area of the security work, an owner in the line organisation (ansvarsprincipen),
//! the plans that treat it, and a history of assessments on the 5×5 matrix — likelihood times
//! consequence — each with its controls and the date it is to be reviewed again.

pub mod commands;
pub mod projection;
pub mod queries;

pub use commands::{CloseRisk, NewAssessment, NewRisk};
pub use queries::{HeatCell, Risk, RiskAssessment, RiskClosing, RiskDetail, RiskRegister};

use crate::store::{Migration, Slice};

pub const KIND_REGISTERED: &str = "risk.registered";
pub const KIND_ASSESSED: &str = "risk.assessed";
pub const KIND_CLOSED: &str = "risk.closed";

pub const SLICE: Slice = Slice {
    name: "risk",
    migrations: &[Migration {
        name: "risk",
        sql: include_str!("schema/0001_risk.sql"),
    }],
    kinds: &[KIND_REGISTERED, KIND_ASSESSED, KIND_CLOSED],
    project: projection::apply,
    guard: None,
    describe: projection::describe,
};

crate::str_enum!(
    /// The areas of the region's security work, as the policy lists them.
    RiskArea, "Okänt säkerhetsområde", {
        Brandsakerhet = "brandsakerhet" | "brand",
        Skalskydd = "skalskydd",
        Tilltradesskydd = "tilltradesskydd",
        HotOchVald = "hot_och_vald" | "hot",
        Informationssakerhet = "informationssakerhet",
        ItSakerhet = "it_sakerhet" | "it",
        Driftsakerhet = "driftsakerhet" | "drift",
        EkonomiskSakerhet = "ekonomisk_sakerhet" | "ekonomi",
        Transportsakerhet = "transportsakerhet" | "transport",
        YttreMiljosakerhet = "yttre_miljosakerhet" | "miljo" | "yttre_miljo",
        Personsakerhet = "personsakerhet",
        Krisberedskap = "krisberedskap",
        CiviltForsvar = "civilt_forsvar",
        Sakerhetsskydd = "sakerhetsskydd",
    }
);

impl RiskArea {
    pub fn label(self) -> &'static str {
        match self {
            Self::Brandsakerhet => "Brandsäkerhet",
            Self::Skalskydd => "Skalskydd",
            Self::Tilltradesskydd => "Tillträdesskydd",
            Self::HotOchVald => "Hot och våld",
            Self::Informationssakerhet => "Informationssäkerhet",
            Self::ItSakerhet => "IT-säkerhet",
            Self::Driftsakerhet => "Driftsäkerhet",
            Self::EkonomiskSakerhet => "Ekonomisk säkerhet",
            Self::Transportsakerhet => "Transportsäkerhet",
            Self::YttreMiljosakerhet => "Yttre miljösäkerhet",
            Self::Personsakerhet => "Personsäkerhet",
            Self::Krisberedskap => "Krisberedskap",
            Self::CiviltForsvar => "Civilt försvar",
            Self::Sakerhetsskydd => "Säkerhetsskydd",
        }
    }
}

crate::str_enum!(
    /// Where likelihood × consequence puts a risk on the matrix.
    RiskLevel, "Okänd risknivå", {
        Lag = "lag",
        Mattlig = "mattlig",
        Hog = "hog",
        MycketHog = "mycket_hog",
    }
);

impl RiskLevel {
    /// 1–3 låg, 4–6 måttlig, 8–12 hög, 15–25 mycket hög: the bands of the usual 5×5 matrix,
    /// where a catastrophic consequence is never låg however unlikely.
    pub fn of(likelihood: u8, consequence: u8) -> RiskLevel {
        match u16::from(likelihood) * u16::from(consequence) {
            0..=3 => Self::Lag,
            4..=6 => Self::Mattlig,
            7..=12 => Self::Hog,
            _ => Self::MycketHog,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Lag => "Låg",
            Self::Mattlig => "Måttlig",
            Self::Hog => "Hög",
            Self::MycketHog => "Mycket hög",
        }
    }
}
