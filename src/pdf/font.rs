//! The embedded fonts (DejaVu Sans regular and bold, Bitstream Vera
//! licence: `fonts/LICENSE-DejaVu.txt`): glyphs and advance widths.

use ttf_parser::{Face, GlyphId};

static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// The PDF could not be made (a font that does not read or subset; only
/// possible if the built-in font files were damaged).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FontError {
    #[error("font {0} does not read")]
    Parse(&'static str),
    #[error("font {0} could not be subset: {1}")]
    Subset(&'static str, String),
}

/// Which of the two fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Style {
    Regular,
    Bold,
}

impl Style {
    pub const ALL: [Style; 2] = [Style::Regular, Style::Bold];
}

pub struct Font {
    pub name: &'static str,
    pub data: &'static [u8],
    pub face: Face<'static>,
}

impl Font {
    fn load(name: &'static str, data: &'static [u8]) -> Result<Font, FontError> {
        let face = Face::parse(data, 0).map_err(|_| FontError::Parse(name))?;
        Ok(Font { name, data, face })
    }

    /// The glyph of a character (`.notdef`, an empty box, when the font has none).
    pub fn glyph(&self, c: char) -> u16 {
        self.face.glyph_index(c).unwrap_or(GlyphId(0)).0
    }

    /// A glyph's advance in thousandths of the font size.
    pub fn advance(&self, glyph: u16) -> f32 {
        let units = self.face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0);
        f32::from(units) * 1000.0 / f32::from(self.face.units_per_em())
    }

    /// A text's width in points at `size`.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(self.glyph(c)))
            .sum::<f32>()
            * size
            / 1000.0
    }

    /// A font-unit measure in thousandths of the font size.
    pub fn scaled(&self, units: i16) -> f32 {
        f32::from(units) * 1000.0 / f32::from(self.face.units_per_em())
    }
}

pub struct Fonts {
    regular: Font,
    bold: Font,
}

impl Fonts {
    pub fn load() -> Result<Fonts, FontError> {
        Ok(Fonts {
            regular: Font::load("DejaVuSans", REGULAR)?,
            bold: Font::load("DejaVuSans-Bold", BOLD)?,
        })
    }

    pub fn get(&self, style: Style) -> &Font {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }
}
