//! Importing absence exports (school systems, DUO): pure. A decoded table
//! is read through a mapping into records ([`records`]), the records find
//! their cases and aggregate into events with ids derived from a stable row
//! key ([`plan`]), so importing the same rows again adds nothing.

pub mod mapping;
pub mod plan;
pub mod records;

pub use mapping::{Mapping, parse as parse_mapping};
pub use plan::{CasePlan, Item, ItemStatus, Plan, plan};

use crate::domain::ids;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

/// A decoded export: the header and the rows, each with its row number in
/// the file (for messages: `file:row:column`).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub file: String,
    pub header_row: usize,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

/// A bad row: where, and what (worded by the front end).
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub file: String,
    pub row: usize,
    pub column: usize,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// A column the mapping names is not in the header.
    MissingColumn {
        name: String,
        found: Vec<String>,
    },
    Empty {
        column: String,
    },
    BadDate {
        text: String,
    },
    UntilBeforeDate {
        until: NaiveDate,
        date: NaiveDate,
    },
    UnknownCode {
        code: String,
    },
    BadNumber {
        text: String,
    },
    /// A soort or status the mapping's table does not know.
    UnknownValue {
        text: String,
    },
    /// The event the row makes does not pass the vocabulary's checks.
    Invalid(crate::domain::errors::EventError),
    /// The file itself could not be read as a table.
    Malformed {
        message: String,
    },
}

/// The id of an imported event: SHA-256 of its stable key, the first 80
/// bits in the id alphabet. The same key always gives the same id, on any
/// machine, so re-imports and two colleagues' imports meet on one id.
pub fn stable_id(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(b"verzuim-import-v1");
    for p in parts {
        // Length-prefixed, so ("ab","c") and ("a","bc") differ.
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    let digest = h.finalize();
    let mut bytes = [0u8; 10];
    bytes.copy_from_slice(&digest[..10]);
    ids::from_random_bytes(bytes)
}

#[cfg(test)]
mod tests;
