//! Line and page breaking: blocks in, positioned text and rules out, one list per page.

use super::font::{Face, Weight};

pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const MARGIN_X: f32 = 56.7;
const TOP: f32 = 78.0;
const BOTTOM: f32 = PAGE_H - 66.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN_X;
const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const CELL_PAD: f32 = 3.0;

fn leading(size: f32) -> f32 {
    size * 1.3
}

/// What a report is made of. Text may hold line breaks; anything else invisible is shown as a
/// space, so a stray control character cannot hide or reorder what is printed.
#[derive(Debug, Clone)]
pub enum Block {
    Title(String),
    Heading(String),
    /// A heading under a heading, e.g. a section of the lägesbild.
    Subheading(String),
    Para(String),
    /// Smaller type: provenance, explanations, "nothing to report".
    Note(String),
    /// Label and value pairs, labels in bold.
    Fields(Vec<(String, String)>),
    /// Rows of wrapped cells; the header row is repeated on every page the table spans.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// A line to sign on per label, two to a row.
    Signatures(Vec<String>),
    /// A grid of short cells on grey shades (a risk matrix): the row labels down the left, top
    /// row first, the column labels along the foot. Shades print on a black-and-white printer,
    /// so the text in each cell (a count) carries the meaning and the shade only helps.
    Matrix {
        rows: Vec<String>,
        columns: Vec<String>,
        /// `(text, grey)` per cell, row by row.
        cells: Vec<Vec<(String, u8)>>,
    },
    Space(f32),
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    /// Share of the text width, relative to the other columns.
    pub weight: f32,
}

impl Block {
    /// A table from `(title, weight)` pairs and its rows.
    pub fn table(columns: &[(&str, f32)], rows: Vec<Vec<String>>) -> Block {
        Block::Table {
            columns: columns.iter().map(|(t, w)| Column::new(t, *w)).collect(),
            rows,
        }
    }
}

impl Column {
    pub fn new(title: &str, weight: f32) -> Column {
        Column {
            title: title.to_string(),
            weight,
        }
    }
}

/// A document being assembled.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub(crate) blocks: Vec<Block>,
}

impl Doc {
    pub fn new() -> Doc {
        Doc::default()
    }

    pub fn push(&mut self, block: Block) -> &mut Doc {
        self.blocks.push(block);
        self
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        text: String,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    Shade {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        /// 0 black … 255 white.
        grey: u8,
    },
}

pub(crate) struct Faces {
    pub regular: Face,
    pub bold: Face,
}

impl Faces {
    pub fn new() -> Faces {
        Faces {
            regular: Face::new(Weight::Regular),
            bold: Face::new(Weight::Bold),
        }
    }

    pub fn face(&mut self, weight: Weight) -> &mut Face {
        match weight {
            Weight::Regular => &mut self.regular,
            Weight::Bold => &mut self.bold,
        }
    }
}

fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| {
            if c == '\n' {
                c
            } else if c.is_control() || is_format_control(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Bidirectional overrides and zero-width characters: they would let printed text read
/// differently from the record.
fn is_format_control(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Greedy line breaking at spaces; a word wider than the line is broken between characters.
/// Widths are summed as the line grows, never measured again from its start.
pub(crate) fn wrap(face: &mut Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let space = face.width(" ", size);
    let mut lines = Vec::new();
    for para in clean(text).split('\n') {
        let (mut line, mut line_w) = (String::new(), 0.0);
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let word_w = face.width(word, size);
            let gap = if line.is_empty() { 0.0 } else { space };
            if line_w + gap + word_w <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += gap + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            if word_w <= width {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            for c in word.chars() {
                let c_w = face.width(c.encode_utf8(&mut [0; 4]), size);
                if !line.is_empty() && line_w + c_w > width {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += c_w;
            }
        }
        lines.push(line);
    }
    lines
}

pub(crate) struct Pager<'f> {
    faces: &'f mut Faces,
    pub pages: Vec<Vec<Op>>,
    y: f32,
}

fn row_height(cells: &[Vec<String>], size: f32) -> f32 {
    let n = cells.iter().map(Vec::len).max().unwrap_or(1);
    n as f32 * leading(size) + 2.0 * CELL_PAD
}

impl<'f> Pager<'f> {
    pub fn new(faces: &'f mut Faces) -> Pager<'f> {
        Pager {
            faces,
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    fn room(&self) -> f32 {
        BOTTOM - self.y
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn ensure(&mut self, height: f32) {
        if height > self.room() && self.y > TOP {
            self.new_page();
        }
    }

    fn op(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }

    fn text(&mut self, x: f32, size: f32, weight: Weight, text: String) {
        // y is the baseline: the line's top plus the ascent of the face (≈ 0.93 em in DejaVu).
        let y = self.y + size * 0.95;
        self.op(Op::Text {
            x,
            y,
            size,
            weight,
            text,
        });
    }

    fn lines(&mut self, text: &str, size: f32, weight: Weight) {
        let lines = wrap(self.faces.face(weight), text, size, WIDTH);
        for line in lines {
            self.ensure(leading(size));
            self.text(MARGIN_X, size, weight, line);
            self.y += leading(size);
        }
    }

    pub fn block(&mut self, block: &Block) {
        match block {
            Block::Title(t) => {
                self.lines(t, 15.0, Weight::Bold);
                self.y += 4.0;
            }
            Block::Heading(t) => {
                self.y += 6.0;
                // A heading alone at the foot of a page is no use: keep it with three lines.
                self.ensure(leading(11.5) + 3.0 * leading(BODY));
                self.lines(t, 11.5, Weight::Bold);
                self.y += 2.0;
            }
            Block::Subheading(t) => {
                self.y += 2.0;
                self.ensure(leading(10.0) + 2.0 * leading(BODY));
                self.lines(t, 10.0, Weight::Bold);
            }
            Block::Para(t) => {
                self.lines(t, BODY, Weight::Regular);
                self.y += 3.0;
            }
            Block::Note(t) => {
                self.lines(t, SMALL, Weight::Regular);
                self.y += 3.0;
            }
            Block::Fields(pairs) => self.fields(pairs),
            Block::Table { columns, rows } => self.table(columns, rows),
            Block::Signatures(labels) => self.signatures(labels),
            Block::Matrix {
                rows,
                columns,
                cells,
            } => self.matrix(rows, columns, cells),
            Block::Space(h) => {
                if *h < self.room() {
                    self.y += h;
                }
            }
        }
    }

    fn matrix(&mut self, rows: &[String], columns: &[String], cells: &[Vec<(String, u8)>]) {
        const CELL_W: f32 = 52.0;
        const CELL_H: f32 = 26.0;
        let label_w = 110.0;
        self.ensure(CELL_H * (rows.len() as f32 + 1.0) + 6.0);
        for (r, label) in rows.iter().enumerate() {
            let top = self.y;
            self.y += (CELL_H - leading(SMALL)) / 2.0;
            self.text(MARGIN_X, SMALL, Weight::Regular, label.clone());
            self.y = top;
            for (c, (text, grey)) in cells.get(r).into_iter().flatten().enumerate() {
                let x = MARGIN_X + label_w + c as f32 * CELL_W;
                self.op(Op::Shade {
                    x,
                    y: top,
                    w: CELL_W - 2.0,
                    h: CELL_H - 2.0,
                    grey: *grey,
                });
                let w = self.faces.bold.width(text, BODY);
                self.y = top + (CELL_H - 2.0 - leading(BODY)) / 2.0;
                self.text(
                    x + (CELL_W - 2.0 - w) / 2.0,
                    BODY,
                    Weight::Bold,
                    text.clone(),
                );
                self.y = top;
            }
            self.y = top + CELL_H;
        }
        for (c, label) in columns.iter().enumerate() {
            let x = MARGIN_X + label_w + c as f32 * CELL_W;
            let w = self.faces.regular.width(label, SMALL);
            self.text(
                x + (CELL_W - 2.0 - w).max(0.0) / 2.0,
                SMALL,
                Weight::Regular,
                label.clone(),
            );
        }
        self.y += leading(SMALL) + 6.0;
    }

    fn fields(&mut self, pairs: &[(String, String)]) {
        let label_w = pairs
            .iter()
            .map(|(l, _)| self.faces.bold.width(l, BODY))
            .fold(0.0, f32::max)
            .min(WIDTH * 0.35)
            + 10.0;
        for (label, value) in pairs {
            let labels = wrap(&mut self.faces.bold, label, BODY, label_w - 10.0);
            let values = wrap(&mut self.faces.regular, value, BODY, WIDTH - label_w);
            for i in 0..labels.len().max(values.len()) {
                self.ensure(leading(BODY));
                if let Some(l) = labels.get(i) {
                    self.text(MARGIN_X, BODY, Weight::Bold, l.clone());
                }
                if let Some(v) = values.get(i) {
                    self.text(MARGIN_X + label_w, BODY, Weight::Regular, v.clone());
                }
                self.y += leading(BODY);
            }
        }
        self.y += 3.0;
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let total: f32 = columns
            .iter()
            .map(|c| c.weight)
            .sum::<f32>()
            .max(f32::EPSILON);
        let widths: Vec<f32> = columns.iter().map(|c| WIDTH * c.weight / total).collect();
        let xs: Vec<f32> = widths
            .iter()
            .scan(MARGIN_X, |x, w| {
                let at = *x;
                *x += w;
                Some(at)
            })
            .collect();
        let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        let header = self.cell_lines(&titles, &widths, SMALL, Weight::Bold);
        let head_h = row_height(&header, SMALL);
        let size = BODY - 0.5;
        self.ensure(head_h + leading(size) + 2.0 * CELL_PAD);
        self.table_row(&header, &xs, SMALL, Weight::Bold, None);
        for row in rows {
            let cells = self.cell_lines(row, &widths, size, Weight::Regular);
            let h = row_height(&cells, size);
            if h > self.room() && h <= BOTTOM - TOP - head_h {
                self.new_page();
                self.table_row(&header, &xs, SMALL, Weight::Bold, None);
            }
            self.table_row(&cells, &xs, size, Weight::Regular, Some(&header));
        }
        self.y += 6.0;
    }

    fn cell_lines(
        &mut self,
        row: &[String],
        widths: &[f32],
        size: f32,
        w: Weight,
    ) -> Vec<Vec<String>> {
        row.iter()
            .zip(widths)
            .map(|(text, width)| wrap(self.faces.face(w), text, size, width - 2.0 * CELL_PAD))
            .collect()
    }

    /// Draws one row line by line, so a cell longer than a page continues on the next one under a
    /// repeated header (`repeat`), instead of running off the paper.
    fn table_row(
        &mut self,
        cells: &[Vec<String>],
        xs: &[f32],
        size: f32,
        weight: Weight,
        repeat: Option<&[Vec<String>]>,
    ) {
        let n = cells.iter().map(Vec::len).max().unwrap_or(1);
        let shaded = repeat.is_none();
        let mut top = self.y;
        self.y += CELL_PAD;
        for i in 0..n {
            if leading(size) + CELL_PAD > self.room() {
                if let Some(header) = repeat {
                    self.new_page();
                    self.table_row(header, xs, SMALL, Weight::Bold, None);
                    top = self.y;
                    self.y += CELL_PAD;
                }
            }
            for (c, lines) in cells.iter().enumerate() {
                if let Some(line) = lines.get(i) {
                    self.text(xs[c] + CELL_PAD, size, weight, line.clone());
                }
            }
            self.y += leading(size);
        }
        self.y += CELL_PAD;
        if shaded {
            let page = self.pages.last_mut().expect("a page");
            let at = page.len() - cells.iter().map(|l| l.len().min(n)).sum::<usize>();
            page.insert(
                at,
                Op::Shade {
                    x: MARGIN_X,
                    y: top,
                    w: WIDTH,
                    h: self.y - top,
                    grey: 230,
                },
            );
        }
        self.op(Op::Rule {
            x1: MARGIN_X,
            y1: self.y,
            x2: MARGIN_X + WIDTH,
            y2: self.y,
            width: if shaded { 0.8 } else { 0.3 },
        });
    }

    fn signatures(&mut self, labels: &[String]) {
        let col = (WIDTH - 20.0) / 2.0;
        for pair in labels.chunks(2) {
            self.ensure(40.0);
            self.y += 26.0;
            for (i, label) in pair.iter().enumerate() {
                let x = MARGIN_X + i as f32 * (col + 20.0);
                self.op(Op::Rule {
                    x1: x,
                    y1: self.y,
                    x2: x + col,
                    y2: self.y,
                    width: 0.6,
                });
                let y = self.y;
                self.y += 2.0;
                self.text(x, SMALL, Weight::Regular, label.clone());
                self.y = y;
            }
            self.y += 2.0 + leading(SMALL);
        }
        self.y += 4.0;
    }
}
