//! Writing a contract document: compact (one line) or pretty (the
//! reports), with every control character escaped.
//!
//! serde_json escapes only C0 controls; DEL, C1 controls (U+0080-U+009F,
//! e.g. U+009B, a terminal's CSI) and the bidirectional overrides pass
//! raw. Printed raw they could drive the terminal, and `outln!`'s Rust
//! escapes (`\u{9b}`) would make the document invalid JSON; written as
//! JSON escapes (`\u009b`) they are neither.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use std::io::{self, Write};

/// `value` as one line on stdout (a closed pipe ends the command quietly).
pub fn print<T: Serialize>(value: &T) {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = to_writer(&mut out, value)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    drop(out);
    super::super::out::done(written);
}

/// `value` in the compact form, no newline.
pub fn to_writer<W: Write, T: Serialize>(out: W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Safe(CompactFormatter));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// `value` indented by two spaces, no newline.
pub fn to_writer_pretty<W: Write, T: Serialize>(out: W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// A formatter that writes what [`crate::domain::text::is_control`] finds
/// as `\uXXXX` and leaves the layout to `F`.
struct Safe<F>(F);

/// Writes `fragment` (a string's text between serde_json's own escapes)
/// with controls escaped.
fn write_fragment<W: ?Sized + Write>(w: &mut W, fragment: &str) -> io::Result<()> {
    // Every character to escape is DEL or outside ASCII: plain ASCII text,
    // nearly all of it, is written at once.
    if fragment.bytes().all(|b| b < 0x7f) {
        return w.write_all(fragment.as_bytes());
    }
    let mut start = 0;
    for (i, c) in fragment.char_indices() {
        if crate::domain::text::is_control(c) {
            w.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(w, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
    }
    w.write_all(&fragment.as_bytes()[start..])
}

/// Every method the pretty formatter has of its own, handed on; the
/// string fragments escaped.
impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        write_fragment(w, s)
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact<T: Serialize>(v: &T) -> String {
        let mut out = Vec::new();
        to_writer(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn controls_are_json_escapes_and_other_text_is_as_serde_writes_it() {
        let text = "a\u{1b}[2J b\u{7f} c\u{9b}2J d\u{202e}e é\"\\\n";
        let written = compact(&text);
        assert_eq!(
            written,
            r#""a\u001b[2J b\u007f c\u009b2J d\u202ee é\"\\\n""#
        );
        let back: String = serde_json::from_str(&written).unwrap();
        assert_eq!(back, text);
        let plain = serde_json::json!({"b": [1, 2.5, null], "a": {"x": "één"}, "c": []});
        assert_eq!(compact(&plain), plain.to_string());
        let mut pretty = Vec::new();
        to_writer_pretty(&mut pretty, &plain).unwrap();
        assert_eq!(String::from_utf8(pretty).unwrap(), format!("{plain:#}"));
    }
}
