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
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::School,
        Role::Jgz,
        Role::Leerplicht,
        Role::Swv,
        Role::Ouders,
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
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
