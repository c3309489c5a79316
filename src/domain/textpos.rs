//! Positions in text files: turning a byte offset into line and column so
//! every parse error names `file:line:column`.

use std::ops::Range;

/// An error at a place in a named file. Its `Display` (`file:line:column:
/// message`) is implemented by the front ends, which word it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: FileMessage,
}

/// What is wrong in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileMessage {
    /// A parser's or checker's own text (for the person editing the file).
    Text(String),
    /// Git conflict markers from a merge outside verzuim.
    ConflictMarkers,
}

impl std::error::Error for FileError {}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first line that is a git conflict marker, as a `FileError` that says
/// what happened and the way out (checked before parsing: a TOML error about
/// `<<<<<<<` would not tell a person what to do).
pub fn conflict_markers(file: &str, text: &str) -> Option<FileError> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim_end();
        if l.starts_with("<<<<<<<") || l.starts_with(">>>>>>>") || l == "=======" {
            let mut e = at(file, text, Some(offset..offset), "");
            e.message = FileMessage::ConflictMarkers;
            return Some(e);
        }
        offset += line.len();
    }
    None
}

/// A `FileError` from a TOML deserialization error (first line of its message).
pub fn from_toml(file: &str, text: &str, err: &toml::de::Error) -> FileError {
    at(file, text, err.span(), err.message())
}

/// A `FileError` at an optional span (line 1, column 1 when unknown).
pub fn at(file: &str, text: &str, span: Option<Range<usize>>, message: &str) -> FileError {
    let (line, column) = span.map_or((1, 1), |s| line_col(text, s.start));
    let message = message.lines().next().unwrap_or("").trim().to_string();
    FileError {
        file: file.to_string(),
        line,
        column,
        message: FileMessage::Text(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, text.find('x').unwrap()), (2, 6));
    }
}
