//! Lays a document out on A4 pages: text wrapped at spaces (a word wider
//! than the line is broken), tables with their header repeated on each
//! page, and a footer with page numbers. Sizes are in PDF points (1/72 inch).

use super::font::{Fonts, Style};
use super::{Block, Doc};

/// A4 in points.
const A4: (f32, f32) = (595.28, 841.89);
/// 2 cm.
const MARGIN: f32 = 56.69;
const TEXT_SIZE: f32 = 11.0;
const HEADING_SIZE: f32 = 14.0;
const TABLE_SIZE: f32 = 9.0;
/// Wide tables shrink to this size at the least, then wrap their cells.
const TABLE_MIN_SIZE: f32 = 6.0;
const FOOTER_SIZE: f32 = 8.0;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.35;
/// Space left and right of a table cell's text.
const CELL_PAD: f32 = 3.0;

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text with its baseline starting at (x, y).
    Text {
        x: f32,
        y: f32,
        style: Style,
        size: f32,
        text: String,
    },
    /// A thin horizontal line.
    Rule { x1: f32, x2: f32, y: f32 },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub ops: Vec<Op>,
}

/// The page size (width, height) of a document.
pub fn page_size(doc: &Doc) -> (f32, f32) {
    if doc.landscape { (A4.1, A4.0) } else { A4 }
}

struct Cursor<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    /// The top of the next line.
    y: f32,
    top: f32,
    bottom: f32,
    width: f32,
}

impl Cursor<'_> {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn at_top(&self) -> bool {
        self.y >= self.top
    }

    /// Starts a new page when `height` does not fit on this one (never on a
    /// fresh page, so a block taller than a page still ends).
    fn need(&mut self, height: f32) -> bool {
        if self.y - height < self.bottom && !self.at_top() {
            self.pages.push(Page::default());
            self.y = self.top;
            return true;
        }
        false
    }

    fn line(&mut self, x: f32, style: Style, size: f32, text: String) {
        let leading = size * LEADING;
        self.need(leading);
        let y = self.y - size;
        self.page().ops.push(Op::Text {
            x,
            y,
            style,
            size,
            text,
        });
        self.y -= leading;
    }
}

pub fn lay_out(doc: &Doc, fonts: &Fonts) -> Vec<Page> {
    let (w, h) = page_size(doc);
    let mut c = Cursor {
        fonts,
        pages: vec![Page::default()],
        y: h - MARGIN,
        top: h - MARGIN,
        bottom: MARGIN + FOOTER_SIZE * 2.0,
        width: w - 2.0 * MARGIN,
    };
    for block in &doc.blocks {
        match block {
            Block::Heading(text) => {
                if !c.at_top() {
                    c.y -= TEXT_SIZE * 0.5;
                }
                for l in wrap(fonts, Style::Bold, HEADING_SIZE, text, c.width) {
                    c.line(MARGIN, Style::Bold, HEADING_SIZE, l);
                }
                c.y -= TEXT_SIZE * 0.5;
            }
            Block::Text(text) => text_block(&mut c, text),
            Block::Table { headers, rows } => table(&mut c, headers, rows),
        }
    }
    footers(doc, &mut c.pages);
    c.pages
}

fn text_block(c: &mut Cursor, text: &str) {
    for line in text.lines() {
        if line.trim().is_empty() {
            c.y -= TEXT_SIZE * LEADING;
            continue;
        }
        for l in wrap(c.fonts, Style::Regular, TEXT_SIZE, line, c.width) {
            c.line(MARGIN, Style::Regular, TEXT_SIZE, l);
        }
    }
}

fn footers(doc: &Doc, pages: &mut [Page]) {
    let n = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let text = match &doc.footer {
            Some(f) => format!("{f}   {}/{n}", i + 1),
            None => format!("{}/{n}", i + 1),
        };
        page.ops.push(Op::Text {
            x: MARGIN,
            y: MARGIN,
            style: Style::Regular,
            size: FOOTER_SIZE,
            text,
        });
    }
}

/// Greedy line breaking at spaces; a word wider than a line is broken
/// between characters. Always at least one line.
pub fn wrap(fonts: &Fonts, style: Style, size: f32, text: &str, width: f32) -> Vec<String> {
    let font = fonts.get(style);
    let fits = |s: &str| font.width(s, size) <= width;
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // The word alone: broken between characters if it must be.
        for ch in word.chars() {
            current.push(ch);
            if !fits(&current) && current.chars().count() > 1 {
                current.pop();
                lines.push(std::mem::take(&mut current));
                current.push(ch);
            }
        }
    }
    lines.push(current);
    lines
}

/// Sizes tried for a wide table, largest first.
const TABLE_SIZES: [f32; 8] = [TABLE_SIZE, 8.0, 7.0, 6.5, TABLE_MIN_SIZE, 5.5, 5.0, 4.5];

/// Column widths and the font size that make a table fit the line: the
/// largest size down to 6 pt at which every cell fits on one line; else the
/// largest size at which every word fits its column (cells then wrap at
/// spaces); else the smallest size with widths in proportion.
fn columns(c: &Cursor, headers: &[String], rows: &[Vec<String>]) -> (Vec<f32>, f32) {
    // A column's width at `size`: its widest cell, or its widest word.
    let measure = |size: f32, words: bool| -> Vec<f32> {
        let width = |style: Style, text: &str| -> f32 {
            let font = c.fonts.get(style);
            if words {
                text.split(' ')
                    .map(|w| font.width(w, size))
                    .fold(0.0, f32::max)
            } else {
                font.width(text, size)
            }
        };
        (0..headers.len())
            .map(|i| {
                let cells = rows.iter().filter_map(|r| r.get(i));
                cells.fold(width(Style::Bold, &headers[i]), |m, s| {
                    m.max(width(Style::Regular, s))
                }) + 2.0 * CELL_PAD
            })
            .collect()
    };
    let sum = |v: &[f32]| v.iter().sum::<f32>();
    for size in TABLE_SIZES.into_iter().filter(|s| *s >= TABLE_MIN_SIZE) {
        let natural = measure(size, false);
        if sum(&natural) <= c.width {
            return (natural, size);
        }
    }
    for size in TABLE_SIZES {
        let (natural, min) = (measure(size, false), measure(size, true));
        let least = sum(&min);
        if least <= c.width {
            // The rest of the line shared in proportion to what each
            // column would still like.
            let share = (c.width - least) / (sum(&natural) - least).max(f32::EPSILON);
            let widths = min
                .iter()
                .zip(&natural)
                .map(|(m, n)| m + (n - m) * share)
                .collect();
            return (widths, size);
        }
    }
    let size = TABLE_SIZES[TABLE_SIZES.len() - 1];
    let natural = measure(size, false);
    let total = sum(&natural);
    (natural.iter().map(|w| w * c.width / total).collect(), size)
}

fn table(c: &mut Cursor, headers: &[String], rows: &[Vec<String>]) {
    let (widths, size) = columns(c, headers, rows);
    let t = TableLayout {
        widths: &widths,
        size,
    };
    let header = t.wrap(c.fonts, headers, Style::Bold);
    c.need(t.height(&header) * 2.0);
    t.draw(c, header.clone(), Style::Bold);
    for r in rows {
        let cells = t.wrap(c.fonts, r, Style::Regular);
        if c.need(t.height(&cells)) {
            // The row goes to a new page: the header again above it.
            t.draw(c, header.clone(), Style::Bold);
        }
        t.draw(c, cells, Style::Regular);
    }
    c.y -= TEXT_SIZE * LEADING;
}

struct TableLayout<'w> {
    widths: &'w [f32],
    size: f32,
}

impl TableLayout<'_> {
    /// Each cell's lines.
    fn wrap(&self, fonts: &Fonts, cells: &[String], style: Style) -> Vec<Vec<String>> {
        self.widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                wrap(fonts, style, self.size, text, w - 2.0 * CELL_PAD)
            })
            .collect()
    }

    fn height(&self, cells: &[Vec<String>]) -> f32 {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
        self.size * LEADING * lines as f32 + CELL_PAD
    }

    fn draw(&self, c: &mut Cursor, cells: Vec<Vec<String>>, style: Style) {
        let height = self.height(&cells);
        let leading = self.size * LEADING;
        let top = c.y;
        let mut x = MARGIN;
        for (cell, w) in cells.into_iter().zip(self.widths) {
            for (n, text) in cell.into_iter().enumerate() {
                c.page().ops.push(Op::Text {
                    x: x + CELL_PAD,
                    y: top - self.size - leading * n as f32,
                    style,
                    size: self.size,
                    text,
                });
            }
            x += w;
        }
        c.y = top - height;
        let y = c.y + CELL_PAD * 0.5;
        c.page().ops.push(Op::Rule {
            x1: MARGIN,
            x2: x,
            y,
        });
    }
}
