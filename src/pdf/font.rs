//! The two faces every report is set in, shipped in `assets/fonts` (DejaVu Sans: every Swedish,
//! Nordic and Sámi letter, free licence). Glyphs are chosen and measured here, not by a shaper, so
//! the width used to break a line is exactly the width drawn.

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// A face's glyph ids and advances (in em) for the characters a document uses, looked up once.
pub struct Face {
    bytes: &'static [u8],
    advances: std::collections::HashMap<char, (u32, f32)>,
}

impl Face {
    pub fn new(weight: Weight) -> Face {
        Face {
            bytes: match weight {
                Weight::Regular => REGULAR,
                Weight::Bold => BOLD,
            },
            advances: std::collections::HashMap::new(),
        }
    }

    pub fn krilla(&self) -> Font {
        Font::new(self.bytes.into(), 0).expect("the shipped font parses")
    }

    fn glyph(&mut self, c: char) -> (u32, f32) {
        if let Some(g) = self.advances.get(&c) {
            return *g;
        }
        let font = FontRef::new(self.bytes).expect("the shipped font parses");
        let upem = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        // A character the font lacks is drawn as its empty box but keeps its place in the text
        // layer, so copying or pdftotext still gives what was written.
        let gid = font.charmap().map(c).map(|g| g.to_u32()).unwrap_or(0);
        let advance = font
            .glyph_metrics(Size::unscaled(), LocationRef::default())
            .advance_width(skrifa::GlyphId::new(gid))
            .unwrap_or(0.0)
            / upem;
        self.advances.insert(c, (gid, advance));
        (gid, advance)
    }

    /// Width of `text` at `size` points.
    pub fn width(&mut self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }

    /// One glyph per character, each pointing back at its bytes in `text`.
    pub fn glyphs(&mut self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(i, c)| {
                let (gid, advance) = self.glyph(c);
                KrillaGlyph::new(
                    GlyphId::new(gid),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    i..i + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}
