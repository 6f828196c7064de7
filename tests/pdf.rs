//! The typesetter on its own: Swedish letters survive into the text layer, long cells continue on
//! the next page, and the same blocks give the same bytes.

mod common;

use krisledning::pdf::{Block, Column, Doc, Frame};

fn frame() -> Frame {
    Frame {
        title: "Provrapport".into(),
        author: "Åsa Öberg".into(),
        marking: "ÖVNING · INTERN".into(),
        header_left: "Region Ängelholm".into(),
        header_right: "Lägesrapport nr 3".into(),
        footer_left: "Journal: 12 poster · huvud abcdef".into(),
        created: chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
            .unwrap()
            .into(),
    }
}

fn sample() -> Doc {
    let mut doc = Doc::new();
    doc.push(Block::Title("Lägesrapport – Storm över Skåne".into()))
        .push(Block::Fields(vec![
            (
                "Händelse".into(),
                "Storm, elavbrott i nordöstra Skåne".into(),
            ),
            ("Läge".into(), "Skärpt beredskap".into()),
        ]))
        .push(Block::Heading("Beslut sedan förra rapporten".into()))
        .push(Block::Table {
            columns: vec![Column::new("Tid", 1.0), Column::new("Beslut", 4.0)],
            rows: (0..120)
                .map(|i| {
                    vec![
                        format!("12:{:02}", i % 60),
                        format!("Beslut nr {i}: öppna värmestuga i Åhus, Ystad och Höör"),
                    ]
                })
                .collect(),
        })
        .push(Block::Table {
            columns: vec![Column::new("Tid", 1.0), Column::new("Text", 4.0)],
            rows: vec![vec!["13:00".into(), "lång text ".repeat(3000)]],
        })
        .push(Block::Signatures(vec!["Namn".into(), "Underskrift".into()]));
    doc
}

fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    common::pdftotext(&path)
}

#[test]
fn swedish_letters_tables_and_page_numbers_reach_the_text_layer() {
    let pdf = sample().render(&frame()).unwrap();
    std::fs::write("/tmp/sample.pdf", &pdf).unwrap();
    let text = text_of(&pdf);
    assert!(text.contains("Lägesrapport – Storm över Skåne"), "{text}");
    assert!(text.contains("öppna värmestuga i Åhus, Ystad och Höör"));
    assert!(text.contains("ÖVNING · INTERN"));
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 4, "{pages} pages");
    assert!(text.contains(&format!("Sida {pages} av {pages}")), "{text}");
    assert!(text.contains("Sida 1 av"));
}

#[test]
fn the_same_blocks_give_the_same_bytes() {
    assert_eq!(
        sample().render(&frame()).unwrap(),
        sample().render(&frame()).unwrap()
    );
}

#[test]
fn invisible_controls_are_not_printed_as_such() {
    let mut doc = Doc::new();
    doc.push(Block::Para("rätt\u{202E}fel\u{200B}text\u{7}".into()));
    let text = text_of(&doc.render(&frame()).unwrap());
    assert!(text.contains("rätt fel text"), "{text}");
}
