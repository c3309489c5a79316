//! The kinds of rule a protocol file can write, and their names there.
//! A new kind is a variant here and its typed body in `check.rs`.

/// The kinds of rule a protocol file can write (`kind = "..."`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Count,
    OutcomeCount,
    Hours,
    Days,
    Consecutive,
    Deadline,
}

impl RuleKind {
    pub const ALL: [RuleKind; 6] = [
        RuleKind::Count,
        RuleKind::OutcomeCount,
        RuleKind::Hours,
        RuleKind::Days,
        RuleKind::Consecutive,
        RuleKind::Deadline,
    ];

    /// Its name in protocol files.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Count => "count",
            RuleKind::OutcomeCount => "outcome-count",
            RuleKind::Hours => "hours",
            RuleKind::Days => "days",
            RuleKind::Consecutive => "consecutive",
            RuleKind::Deadline => "deadline",
        }
    }

    pub fn parse(text: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

impl std::fmt::Display for RuleKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
