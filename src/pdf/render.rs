//! Blocks to PDF bytes: lays the pages out, then draws each with its running header and footer,
//! now that the page count is known. Archived as PDF/A-2u: fonts embedded, no device colours, so
//! the printout of a decision log still opens the same way in twenty years.

use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::{Document, SerializeSettings};

use super::font::Weight;
use super::layout::{Doc, Faces, Op, Pager, MARGIN_X, PAGE_H, PAGE_W};
use crate::error::{Error, Result};

/// What every page carries besides its content.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    pub title: String,
    pub author: String,
    /// Printed top and bottom centre in bold: the classification, and ÖVNING in an exercise.
    pub marking: String,
    pub header_left: String,
    pub header_right: String,
    /// Bottom left, e.g. the journal head the report was made from.
    pub footer_left: String,
    /// UTC, to the second; it is the document's creation date, never the clock of the printer.
    pub created: chrono::DateTime<chrono::Utc>,
}

impl Doc {
    pub fn render(&self, frame: &Frame) -> Result<Vec<u8>> {
        Ok(self.render_counted(frame)?.0)
    }

    /// The PDF and its number of pages.
    pub fn render_counted(&self, frame: &Frame) -> Result<(Vec<u8>, u32)> {
        let mut faces = Faces::new();
        let mut pager = Pager::new(&mut faces);
        for block in &self.blocks {
            pager.block(block);
        }
        let pages = std::mem::take(&mut pager.pages);
        let (regular, bold) = (faces.regular.krilla(), faces.bold.krilla());
        let settings = SerializeSettings {
            configuration: ConfigurationBuilder::new()
                .with_archival_validator(Archival::A2_U)
                .finish()
                .map_err(|e| Error::storage(format!("PDF-inställningen är fel: {e:?}")))?,
            ..SerializeSettings::default()
        };
        let mut document = Document::new_with(settings);
        document.set_metadata(metadata(frame));
        let total = pages.len();
        for (i, ops) in pages.iter().enumerate() {
            let mut page = document.start_page_with(
                PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid size"),
            );
            let mut surface = page.surface();
            let running = frame_ops(&mut faces, frame, i + 1, total);
            for op in ops.iter().chain(&running) {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        weight,
                        text,
                    } => {
                        let (face, font) = match weight {
                            Weight::Regular => (&mut faces.regular, &regular),
                            Weight::Bold => (&mut faces.bold, &bold),
                        };
                        let glyphs = face.glyphs(text);
                        let at = Point::from_xy(*x, *y);
                        surface.draw_glyphs(at, &glyphs, font.clone(), text, *size, false);
                    }
                    Op::Rule {
                        x1,
                        y1,
                        x2,
                        y2,
                        width,
                    } => rule(&mut surface, (*x1, *y1), (*x2, *y2), *width),
                    Op::Shade { x, y, w, h, grey } => shade(&mut surface, *x, *y, *w, *h, *grey),
                }
            }
            surface.finish();
            page.finish();
        }
        let bytes = document
            .finish()
            .map_err(|e| Error::storage(format!("PDF-filen kunde inte skapas: {e:?}")))?;
        Ok((bytes, total as u32))
    }
}

/// The running header and footer of page `n` of `total`.
fn frame_ops(faces: &mut Faces, frame: &Frame, n: usize, total: usize) -> Vec<Op> {
    let page_no = format!("Sida {n} av {total}");
    let text = |x: f32, y: f32, size: f32, weight: Weight, text: &str| Op::Text {
        x,
        y,
        size,
        weight,
        text: text.to_string(),
    };
    let marking_x = (PAGE_W - faces.bold.width(&frame.marking, 10.0)) / 2.0;
    let right = |w: f32| PAGE_W - MARGIN_X - w;
    let line = |y: f32| Op::Rule {
        x1: MARGIN_X,
        y1: y,
        x2: PAGE_W - MARGIN_X,
        y2: y,
        width: 0.6,
    };
    vec![
        text(marking_x, 30.0, 10.0, Weight::Bold, &frame.marking),
        text(MARGIN_X, 48.0, 8.0, Weight::Regular, &frame.header_left),
        text(
            right(faces.regular.width(&frame.header_right, 8.0)),
            48.0,
            8.0,
            Weight::Regular,
            &frame.header_right,
        ),
        line(54.0),
        line(PAGE_H - 52.0),
        text(
            MARGIN_X,
            PAGE_H - 40.0,
            7.0,
            Weight::Regular,
            &frame.footer_left,
        ),
        text(
            right(faces.regular.width(&page_no, 8.0)),
            PAGE_H - 40.0,
            8.0,
            Weight::Regular,
            &page_no,
        ),
        text(marking_x, PAGE_H - 24.0, 10.0, Weight::Bold, &frame.marking),
    ]
}

fn metadata(frame: &Frame) -> Metadata {
    use chrono::{Datelike, Timelike};
    let t = frame.created;
    Metadata::new()
        .title(frame.title.clone())
        .authors(vec![frame.author.clone()])
        .creator("Krisledning".to_string())
        .language("sv".to_string())
        .creation_date(
            DateTime::new(t.year().clamp(0, 9999) as u16)
                .month(t.month() as u8)
                .day(t.day() as u8)
                .hour(t.hour() as u8)
                .minute(t.minute() as u8)
                .second(t.second() as u8)
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        )
}

fn rule(surface: &mut Surface<'_>, from: (f32, f32), to: (f32, f32), width: f32) {
    let mut path = PathBuilder::new();
    path.move_to(from.0, from.1);
    path.line_to(to.0, to.1);
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::black().into(),
            width,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn shade(surface: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32, grey: u8) {
    let Some(rect) = Rect::from_xywh(x, y, w, h) else {
        return;
    };
    let mut path = PathBuilder::new();
    path.push_rect(rect);
    if let Some(path) = path.finish() {
        surface.set_stroke(None);
        surface.set_fill(Some(Fill {
            paint: rgb::Color::new(grey, grey, grey).into(),
            ..Fill::default()
        }));
        surface.draw_path(&path);
        surface.set_fill(Some(Fill::default()));
    }
}
