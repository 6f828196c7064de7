//! Säkerhets- och krisberedskapsbokslut: the year's account to the board. The risks and how they
//! moved, the goals and their activities, the exercises held, the events handled and the plans
//! revised — every figure counted from the record, none typed in.

use super::copies::CopyOrder;
use super::log_print::{print_numbered, PrintedFile, Printing};
use super::Letterhead;
use crate::domain::Actor;
use crate::error::Result;
use crate::followup::year::{Movement, YearFollowUp};
use crate::pdf::{Block, Doc};
use crate::risk::queries::{RiskFilter, RiskRegister};
use crate::risk::RiskLevel;
use crate::store::Store;
use crate::time::{self, local_minute};

/// The likelihood and consequence scales as MSB's guidance words them.
pub const LIKELIHOOD: [&str; 5] = ["Mycket låg", "Låg", "Medelhög", "Hög", "Mycket hög"];
pub const CONSEQUENCE: [&str; 5] = [
    "Mycket begränsad",
    "Begränsad",
    "Allvarlig",
    "Mycket allvarlig",
    "Katastrofal",
];

/// Lighter for lower levels, so the matrix reads on a black-and-white printer too.
fn grey(level: RiskLevel) -> u8 {
    match level {
        RiskLevel::Lag => 240,
        RiskLevel::Mattlig => 212,
        RiskLevel::Hog => 178,
        RiskLevel::MycketHog => 140,
    }
}

/// The register's heat map as a printable matrix, likelihood 5 at the top.
pub fn matrix(register: &RiskRegister) -> Block {
    let rows = (1..=5)
        .rev()
        .map(|l| format!("S{l} {}", LIKELIHOOD[l - 1]))
        .collect();
    let columns = (1..=5).map(|c| format!("K{c}")).collect();
    let cells = register
        .heat_map
        .chunks(5)
        .map(|row| {
            row.iter()
                .map(|c| {
                    let n = c.risk_ids.len();
                    (
                        if n == 0 { String::new() } else { n.to_string() },
                        grey(c.level),
                    )
                })
                .collect()
        })
        .collect();
    Block::Matrix {
        rows,
        columns,
        cells,
    }
}

fn movement(m: Movement) -> &'static str {
    match m {
        Movement::Ny => "Ny",
        Movement::Upp => "Ökad",
        Movement::Ned => "Minskad",
        Movement::Oforandrad => "Oförändrad",
        Movement::Avslutad => "Avslutad",
    }
}

/// The year's key figures, each counted from the record.
fn key_figures(y: &YearFollowUp) -> Vec<(String, String)> {
    let c = &y.counts;
    vec![
        (
            "Händelser".into(),
            format!(
                "{} under året ({} öppnade, {} avslutade)",
                y.events.len(),
                c.events_opened,
                c.events_closed
            ),
        ),
        ("Beslut i beslutsloggen".into(), c.decisions.to_string()),
        ("Övningar genomförda".into(), c.exercises_held.to_string()),
        ("Avvikelser rapporterade".into(), c.deviations.to_string()),
        (
            "Erfarenheter".into(),
            format!(
                "{} registrerade, {} avslutade",
                c.lessons_recorded, c.lessons_closed
            ),
        ),
        (
            "Planer".into(),
            format!(
                "{} nya versioner, {} förslag till revision",
                c.plan_revisions, c.revision_proposals
            ),
        ),
        (
            "Riskregistret".into(),
            format!(
                "{} nya risker, {} omvärderingar, {} avslutade",
                c.risks_registered, c.risks_reassessed, c.risks_closed
            ),
        ),
        ("Byten av beredskapsläge".into(), c.mode_changes.to_string()),
    ]
}

fn or_none(doc: &mut Doc, rows: Vec<Vec<String>>, columns: &[(&str, f32)], none: &str) {
    if rows.is_empty() {
        doc.push(Block::Note(none.into()));
    } else {
        doc.push(Block::table(columns, rows));
    }
}

/// The bokslut for `year` as PDF, read from `store` as it is, under `head`.
pub fn pdf_with(store: &Store, actor: &Actor, year: i32, head: &Letterhead) -> Result<Vec<u8>> {
    let actor = actor.validate()?;
    let y = store.follow_up(year)?;
    let register = store.risk_register(&RiskFilter::default())?;
    let mode = crate::readiness::modes::definition(store.current_mode()?)?;
    let now = time::format(&store.now());
    let title = format!("Säkerhets- och krisberedskapsbokslut {year}");
    let mut doc = Doc::new();
    doc.push(Block::Title(title.clone()))
        .push(Block::Fields(vec![
            ("Organisation".into(), head.organisation.clone()),
            ("Period".into(), format!("{year}-01-01 – {year}-12-31")),
            (
                "Beredskapsläge".into(),
                format!("{} (leds av {})", mode.name.sv, mode.leading_body.sv),
            ),
            (
                "Utskrivet".into(),
                format!("{} av {} ({})", local_minute(&now), actor.name, actor.role),
            ),
        ]));
    doc.push(Block::Heading("1 Sammanfattning".into()))
        .push(Block::Fields(key_figures(&y)));

    doc.push(Block::Heading("2 Riskbild".into()))
        .push(Block::Para(format!(
            "{} öppna risker i registret vid utskriften, {} med passerat omprövningsdatum. Antal \
         risker per ruta (S = sannolikhet, K = konsekvens: K1 {}, K2 {}, K3 {}, K4 {}, K5 {}); \
         mörkare ruta = högre risknivå.",
            register.open,
            register.review_overdue,
            CONSEQUENCE[0],
            CONSEQUENCE[1],
            CONSEQUENCE[2],
            CONSEQUENCE[3],
            CONSEQUENCE[4]
        )));
    doc.push(matrix(&register));
    doc.push(Block::Subheading("Riskernas rörelse under året".into()));
    let rows = y
        .risks
        .iter()
        .map(|r| {
            vec![
                r.title.clone(),
                r.area.label().to_string(),
                r.owner.clone(),
                format!(
                    "{} → {}",
                    r.from_score.map_or_else(|| "–".into(), |s| s.to_string()),
                    r.to_score
                ),
                r.to_level.label().to_string(),
                movement(r.movement).to_string(),
            ]
        })
        .collect();
    or_none(
        &mut doc,
        rows,
        &[
            ("Risk", 2.8),
            ("Område", 1.7),
            ("Riskägare", 2.6),
            ("Värde", 0.9),
            ("Nivå", 1.1),
            ("Rörelse", 1.1),
        ],
        "Inga risker i registret under året.",
    );

    doc.push(Block::Heading("3 Mål och aktiviteter".into()));
    if y.goals.is_empty() {
        doc.push(Block::Note(format!("Inga mål satta för {year}.")));
    }
    for g in &y.goals {
        doc.push(Block::Subheading(g.title.clone()))
            .push(Block::Fields(vec![
                ("Mått".into(), g.measure.clone()),
                ("Målvärde".into(), g.target.clone()),
                ("Ansvarig".into(), g.owner.clone()),
                (
                    "Utfall".into(),
                    match (&g.outcome, &g.outcome_note) {
                        (Some(o), Some(n)) => format!("{} – {n}", o.label()),
                        (Some(o), None) => o.label().to_string(),
                        _ => "Ej bedömt".into(),
                    },
                ),
            ]));
        let rows = g
            .activities
            .iter()
            .map(|a| {
                vec![
                    a.text.clone(),
                    a.owner.clone(),
                    a.due.clone(),
                    format!(
                        "{}{}",
                        a.phase.label(),
                        a.phase_note
                            .as_deref()
                            .map(|n| format!(": {n}"))
                            .unwrap_or_default()
                    ),
                ]
            })
            .collect();
        or_none(
            &mut doc,
            rows,
            &[
                ("Aktivitet", 3.0),
                ("Ansvarig", 2.2),
                ("Klart senast", 1.4),
                ("Fas (PDSA)", 3.0),
            ],
            "Inga aktiviteter.",
        );
    }

    doc.push(Block::Heading("4 Övningar".into()));
    let rows = y
        .exercises
        .iter()
        .map(|e| {
            vec![
                e.held_on.clone(),
                e.title.clone(),
                e.form.clone(),
                e.participants.to_string(),
                e.summary.clone(),
            ]
        })
        .collect();
    or_none(
        &mut doc,
        rows,
        &[
            ("Datum", 1.4),
            ("Övning", 2.2),
            ("Form", 1.7),
            ("Deltagare", 1.3),
            ("Resultat", 3.4),
        ],
        "Inga övningar registrerade som genomförda under året.",
    );

    doc.push(Block::Heading("5 Händelser".into()));
    let rows = y
        .events
        .iter()
        .map(|e| {
            vec![
                local_minute(&e.opened_at),
                e.title.clone(),
                e.event_type.clone(),
                e.closed_at
                    .as_deref()
                    .map_or_else(|| "Pågår".into(), local_minute),
            ]
        })
        .collect();
    or_none(
        &mut doc,
        rows,
        &[
            ("Öppnad", 1.6),
            ("Händelse", 3.6),
            ("Typ", 1.8),
            ("Avslutad", 1.6),
        ],
        "Inga händelser under året.",
    );

    doc.push(Block::Heading("6 Planrevisioner".into()));
    let rows = y
        .revisions
        .iter()
        .map(|r| {
            vec![
                local_minute(&r.imported_at),
                r.title.clone(),
                format!("v{}", r.version),
            ]
        })
        .collect();
    or_none(
        &mut doc,
        rows,
        &[("Införd", 1.6), ("Plan", 5.0), ("Version", 1.0)],
        "Inga nya planversioner under året.",
    );

    doc.push(Block::Heading("7 Beredskap och krigsorganisation".into()));
    let checklist = crate::readiness::checklist::checklist(store.connection(), mode.id)?;
    let staffing = store.staffing(Some(crate::readiness::ModeId::Hogsta))?;
    doc.push(Block::Fields(vec![
        (
            format!("Checklista {}", mode.name.sv),
            format!(
                "{} av {} punkter uppfyllda",
                checklist.done, checklist.total
            ),
        ),
        (
            "Krigsorganisation (högsta beredskap)".into(),
            format!(
                "{} funktioner, {} vakanta, {} sårbara; {} personer krigsplacerade hos annan \
                 myndighet, {} utan krigsplacering",
                staffing.functions.len(),
                staffing.vacant,
                staffing.vulnerable,
                staffing.elsewhere.len(),
                staffing.unplaced.len()
            ),
        ),
    ]));

    doc.push(Block::Note(head.anchor_note("Bokslutet")))
        .push(Block::Signatures(vec![
            "Säkerhetschef (namn)".into(),
            "Underskrift och datum".into(),
            "Föredraget för styrelsen (datum, §)".into(),
            "Justerat".into(),
        ]));
    let right = format!("Bokslut {year} · {}", local_minute(&now));
    doc.render(&head.frame(&title, &right, &actor.name, &now))
}

fn head(store: &Store) -> Result<Letterhead> {
    Letterhead::marked(
        store,
        crate::marking::queries::current_default(store.connection())?,
    )
}

pub fn pdf(store: &Store, actor: &Actor, year: i32) -> Result<Vec<u8>> {
    store.snapshot(|s| pdf_with(s, actor, year, &head(s)?))
}

/// Writes the bokslut into the print folder (numbered copies at konfidentiell and above).
pub fn print_to_folder(
    store: &mut Store,
    actor: &Actor,
    year: i32,
    order: Option<&CopyOrder>,
) -> Result<PrintedFile> {
    // A year that cannot be followed up is refused first, before the copy order is asked for.
    store.follow_up(year)?;
    print_numbered(
        store,
        actor,
        &Printing {
            event_id: None,
            document: format!("Säkerhets- och krisberedskapsbokslut {year}"),
            head: &head,
            render: &|s, h| pdf_with(s, actor, year, h),
            file_name: &|s, copy| {
                let stamp = s
                    .now()
                    .with_timezone(&chrono::Local)
                    .format("%Y%m%d-%H%M%S");
                let ex = copy.map(|n| format!("-ex{n}")).unwrap_or_default();
                format!("bokslut-{year}-{stamp}{ex}.pdf")
            },
        },
        order,
    )
}
