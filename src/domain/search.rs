//! Fuzzy search over cases (name, id, school, municipality), behind a small
//! function so the matcher can be swapped if it cannot keep up.

use crate::domain::case::Case;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The text a case is searched by, built once per case.
pub fn haystack(case: &Case) -> String {
    format!(
        "{} {} {} {}",
        case.name,
        case.id,
        case.school,
        case.gemeente.as_deref().unwrap_or("")
    )
}

/// Fuzzy matching with nucleo-matcher (helix's matcher): every word of
/// the query must match, case and diacritics ignored. Measured faster than
/// fuzzy-matcher's skim on 10,000 cases (docs/performance.md).
#[derive(Default)]
pub struct Searcher;

impl Searcher {
    /// Indices of the haystacks that match `query`, best first (all, in
    /// order, for an empty query).
    pub fn filter(&self, query: &str, haystacks: &[String]) -> Vec<usize> {
        let query = query.trim();
        if query.is_empty() {
            return (0..haystacks.len()).collect();
        }
        // A matcher holds scratch memory: one per keystroke is cheap next
        // to scoring every case, and keeps `filter` callable through `&self`.
        let mut matcher = Matcher::new(Config::DEFAULT);
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut buf = Vec::new();
        let mut scored: Vec<(u32, usize)> = haystacks
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                pattern
                    .score(Utf32Str::new(h, &mut buf), &mut matcher)
                    .map(|s| (s, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_partial_name_case_insensitive() {
        let hs = vec![
            "Sanne de Vries abc De Brug Delft".to_string(),
            "Yusuf Bakker def Het Lyceum Zoetermeer".to_string(),
        ];
        let s = Searcher;
        assert_eq!(s.filter("yusbak", &hs), vec![1]);
        assert_eq!(s.filter("", &hs), vec![0, 1]);
        assert!(s.filter("qqq", &hs).is_empty());
        assert_eq!(s.filter("brug sanne", &hs), vec![0], "every word matches");
    }
}
