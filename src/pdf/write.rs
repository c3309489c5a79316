//! Writes laid-out pages as PDF: each font embedded as a subset (only the
//! glyphs used) in a CID font with Identity-H encoding and a ToUnicode map,
//! so text extracts as the letters it shows. Streams are deflated. Nothing
//! depends on time or chance: the same pages give the same bytes.

use super::Doc;
use super::font::{Font, FontError, Fonts, Style};
use super::layout::{Op, Page, page_size};
use flate2::{Compression, write::ZlibEncoder};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use subsetter::GlyphRemapper;

/// Hands out object numbers in order.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// One embedded font: its glyphs renumbered for the subset.
struct Embedded<'f> {
    font: &'f Font,
    style: Style,
    remapper: GlyphRemapper,
    /// New glyph id -> the character it shows (for ToUnicode).
    chars: BTreeMap<u16, char>,
    type0: Ref,
}

impl Embedded<'_> {
    fn name(&self) -> Name<'static> {
        match self.style {
            Style::Regular => Name(b"F1"),
            Style::Bold => Name(b"F2"),
        }
    }

    /// A text as 2-byte glyph ids of the subset.
    fn encode(&self, text: &str) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                let g = self.remapper.get(self.font.glyph(c)).unwrap_or(0);
                g.to_be_bytes()
            })
            .collect()
    }
}

pub fn write(doc: &Doc, fonts: &Fonts, pages: &[Page]) -> Result<Vec<u8>, FontError> {
    let mut refs = Refs(0);
    let catalog = refs.next();
    let tree = refs.next();
    let info = refs.next();
    let mut pdf = Pdf::new();
    let embedded: Vec<Embedded> = Style::ALL
        .iter()
        .map(|&style| glyphs_used(fonts.get(style), style, pages, &mut refs))
        .collect();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (refs.next(), refs.next())).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(pages.len() as i32);
    pdf.document_info(info)
        .title(TextStr(&doc.title))
        .producer(TextStr("verzuim"));
    let (w, h) = page_size(doc);
    for (page, (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut p = pdf.page(*page_ref);
        p.media_box(Rect::new(0.0, 0.0, w, h))
            .parent(tree)
            .contents(*content_ref);
        let mut resources = p.resources();
        let mut f = resources.fonts();
        for e in &embedded {
            f.pair(e.name(), e.type0);
        }
        f.finish();
        resources.finish();
        p.finish();
        let content = deflate(&content(page, &embedded));
        pdf.stream(*content_ref, &content)
            .filter(Filter::FlateDecode);
    }
    for e in &embedded {
        embed(&mut pdf, e, &mut refs)?;
    }
    // A file id from the content (readers want one; no time, no chance).
    let id = Sha256::digest(pdf.as_bytes()).to_vec();
    pdf.set_file_id((id.clone(), id));
    Ok(pdf.finish())
}

/// The glyphs a style uses over all pages, numbered in first-use order.
fn glyphs_used<'f>(font: &'f Font, style: Style, pages: &[Page], refs: &mut Refs) -> Embedded<'f> {
    let mut remapper = GlyphRemapper::new();
    let mut chars = BTreeMap::new();
    for op in pages.iter().flat_map(|p| &p.ops) {
        if let Op::Text { style: s, text, .. } = op
            && *s == style
        {
            for c in text.chars() {
                let new = remapper.remap(font.glyph(c));
                chars.entry(new).or_insert(c);
            }
        }
    }
    Embedded {
        font,
        style,
        remapper,
        chars,
        type0: refs.next(),
    }
}

fn content(page: &Page, fonts: &[Embedded]) -> Vec<u8> {
    let mut c = Content::new();
    c.set_line_width(0.4);
    for op in &page.ops {
        match op {
            Op::Text {
                x,
                y,
                style,
                size,
                text,
            } => {
                let Some(e) = fonts.iter().find(|e| e.style == *style) else {
                    continue;
                };
                c.begin_text();
                c.set_font(e.name(), *size);
                c.next_line(*x, *y);
                c.show(Str(&e.encode(text)));
                c.end_text();
            }
            Op::Rule { x1, x2, y } => {
                c.move_to(*x1, *y).line_to(*x2, *y).stroke();
            }
        }
    }
    c.finish().to_vec()
}

/// The font objects: Type0 -> CID font -> descriptor -> subset file, and
/// the ToUnicode map.
fn embed(pdf: &mut Pdf, e: &Embedded, refs: &mut Refs) -> Result<(), FontError> {
    let (cid, descriptor, file, cmap) = (refs.next(), refs.next(), refs.next(), refs.next());
    let subset = subsetter::subset(e.font.data, 0, &e.remapper)
        .map_err(|err| FontError::Subset(e.font.name, format!("{err:?}")))?;
    // The subset's tag names its glyph set, so equal input gives equal names.
    let digest = Sha256::digest(&subset);
    let tag: String = digest[..6]
        .iter()
        .map(|b| (b'A' + b % 26) as char)
        .collect();
    let base = format!("{tag}+{}", e.font.name);
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(e.type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    let widths: Vec<f32> = e
        .remapper
        .remapped_gids()
        .map(|old| e.font.advance(old))
        .collect();
    let mut c = pdf.cid_font(cid);
    c.subtype(CidFontType::Type2)
        .base_font(Name(base.as_bytes()))
        .system_info(info)
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    c.widths().consecutive(0, widths);
    c.finish();
    let face = &e.font.face;
    let b = face.global_bounding_box();
    let s = |v: i16| e.font.scaled(v);
    pdf.font_descriptor(descriptor)
        .name(Name(base.as_bytes()))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(s(b.x_min), s(b.y_min), s(b.x_max), s(b.y_max)))
        .italic_angle(0.0)
        .ascent(s(face.ascender()))
        .descent(s(face.descender()))
        .cap_height(s(face.capital_height().unwrap_or(face.ascender())))
        .stem_v(if e.style == Style::Bold { 140.0 } else { 80.0 })
        .font_file2(file);
    let data = deflate(&subset);
    pdf.stream(file, &data).filter(Filter::FlateDecode);
    let mut map = UnicodeCmap::new(Name(b"Custom"), info);
    for (g, c) in &e.chars {
        map.pair(*g, *c);
    }
    let map = deflate(&map.finish());
    pdf.stream(cmap, &map).filter(Filter::FlateDecode);
    Ok(())
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}
