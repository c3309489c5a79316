//! User data shown on a terminal: names, notes, ids and file names come
//! from files anyone could have synced, so control characters (which can
//! clear the screen, set the window title or split one error over several
//! lines) are shown escaped, never raw. Every print and render of user
//! data goes through [`escape`].

use std::borrow::Cow;

/// `text` with every control character written as an escape (`\n`, `\t`,
/// `\u{1b}`, ...); borrowed unchanged when there is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// C0 and C1 controls, DEL, and the bidirectional overrides that make a
/// terminal show text in another order than it is.
pub fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_plain_text_is_borrowed() {
        assert!(matches!(escape("Anna de Vries, één"), Cow::Borrowed(_)));
        assert_eq!(escape("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(escape("\u{1b}]0;title\u{7}x"), "\\u{1b}]0;title\\u{7}x");
        assert_eq!(escape("\u{9b}2J\u{202e}"), "\\u{9b}2J\\u{202e}");
    }
}
