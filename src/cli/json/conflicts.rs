//! `conflicts --json`: the open sync conflicts.

use crate::domain::merge::Conflict as DomainConflict;
use serde::Serialize;

/// One open conflict of `conflicts --json` (a JSON array of these, by
/// case id, then in the order the merge found them). A side's value is its
/// text in the case file (a sealed value opened when the key is at hand,
/// else `vertrouwelijk (<compartment>)`).
#[derive(Serialize)]
pub struct Conflict<'a> {
    /// The value both sides started from; `null` when that version had
    /// no such field.
    pub base: Option<&'a str>,
    /// The case id.
    pub case: &'a str,
    /// What differs: `name`, `contacts.<key>` or `events.<id>`; the FIELD
    /// to give `verzuim resolve`.
    pub field: &'a str,
    /// This copy's value; `null` when this side has no such field.
    pub local: Option<&'a str>,
    /// Values of further sides (`remote-2`, `remote-3`, ... in
    /// `verzuim resolve`); `[]` when there were two sides.
    pub others: &'a [String],
    /// The other side's value; `null` when that side has no such field.
    pub remote: Option<&'a str>,
}

impl<'a> Conflict<'a> {
    pub fn new(case: &'a str, c: &'a DomainConflict) -> Self {
        Conflict {
            base: c.base.as_deref(),
            case,
            field: &c.field,
            local: c.local.as_deref(),
            others: &c.others,
            remote: c.remote.as_deref(),
        }
    }
}
