//! The roles that own actions.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    School,
    Jgz,
    Leerplicht,
    Swv,
    Ouders,
    /// The team lead an overdue action escalates to.
    Teamleider,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::School,
        Role::Jgz,
        Role::Leerplicht,
        Role::Swv,
        Role::Ouders,
        Role::Teamleider,
    ];

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::School => "school",
            Role::Jgz => "jgz",
            Role::Leerplicht => "leerplicht",
            Role::Swv => "swv",
            Role::Ouders => "ouders",
            Role::Teamleider => "teamleider",
        }
    }
}

/// The roles' names, for choice fields (the same order as [`Role::ALL`]).
pub const ROLE_NAMES: [&str; 6] = ["school", "jgz", "leerplicht", "swv", "ouders", "teamleider"];

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_roles() {
        let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(names, ROLE_NAMES);
        assert_eq!(Role::parse("teamleider"), Some(Role::Teamleider));
    }
}
