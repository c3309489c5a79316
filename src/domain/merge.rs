//! Three-way merge of a case by meaning: events are a union by id (an event
//! edited on one side keeps the edit); a field changed on one side takes
//! that change; a field changed differently on both sides is a conflict,
//! which keeps the local value and records the other. Nothing is dropped.

use crate::domain::case::Case;
use crate::domain::compartments::KeyBlock;
use crate::domain::event::Event;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A field both sides changed, differently. Values are TOML text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// `name`, `contacts.<key>` or `events.<id>`.
    pub field: String,
    pub base: Option<String>,
    pub local: Option<String>,
    pub remote: Option<String>,
    /// Values of further sides (a third machine's edit), offered as
    /// `remote-2`, `remote-3`, ... so no side's value is ever dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<String>,
}

impl Conflict {
    /// Every value other than the local one, in the order offered:
    /// `remote`, then `remote-2`, ...
    pub fn remote_values(&self) -> Vec<Option<String>> {
        let mut v = vec![self.remote.clone()];
        v.extend(self.others.iter().cloned().map(Some));
        v
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub case: Case,
    pub conflicts: Vec<Conflict>,
    /// Events the remote side added that the local side did not have.
    pub events_added: usize,
}

fn text<T: Serialize>(v: &T) -> Option<String> {
    toml::Value::try_from(v).ok().map(|v| v.to_string())
}

/// One value, three ways: the side that changed wins; both changed
/// differently keeps local and reports.
fn pick<T: Clone + PartialEq + Serialize>(
    field: &str,
    base: Option<&T>,
    local: &T,
    remote: &T,
    out: &mut Vec<Conflict>,
) -> T {
    if local == remote || Some(remote) == base {
        return local.clone();
    }
    if Some(local) == base {
        return remote.clone();
    }
    out.push(Conflict {
        field: field.into(),
        base: base.and_then(text),
        local: text(local),
        remote: text(remote),
        others: Vec::new(),
    });
    local.clone()
}

/// Merges `local` and `remote`, both descended from `base` (None when the
/// case did not exist at the merge base).
pub fn merge_case(base: Option<&Case>, local: &Case, remote: &Case) -> Merged {
    let mut c = Vec::new();
    macro_rules! field {
        ($f:ident) => {
            pick(
                stringify!($f),
                base.map(|b| &b.$f),
                &local.$f,
                &remote.$f,
                &mut c,
            )
        };
    }
    let mut case = Case {
        format: local.format.max(remote.format),
        id: local.id.clone(),
        name: field!(name),
        birth: field!(birth),
        pseudonym: field!(pseudonym),
        leerlingnummer: field!(leerlingnummer),
        school: field!(school),
        level: field!(level),
        gemeente: field!(gemeente),
        protocol: field!(protocol),
        owner: field!(owner),
        status: field!(status),
        region: field!(region),
        opened: field!(opened),
        contacts: BTreeMap::new(),
        events: BTreeMap::new(),
        keys: merge_keys(base, local, remote),
    };
    case.contacts = merge_map(
        "contacts",
        base.map(|b| &b.contacts),
        &local.contacts,
        &remote.contacts,
        &mut c,
    );
    case.events = merge_map(
        "events",
        base.map(|b| &b.events),
        &local.events,
        &remote.events,
        &mut c,
    );
    let events_added = case
        .events
        .keys()
        .filter(|k| !local.events.contains_key(*k))
        .count();
    Merged {
        case,
        conflicts: c,
        events_added,
    }
}

/// Key blocks are a union by key id: a key id never goes away (values
/// sealed with it must keep opening). Both sides holding the same id wrap
/// the same key; a retirement on either side stands; a wrapping changed
/// on one side only wins, changed on both the longer one (more recipients).
fn merge_keys(base: Option<&Case>, local: &Case, remote: &Case) -> BTreeMap<String, KeyBlock> {
    let mut keys = local.keys.clone();
    for (kid, r) in &remote.keys {
        let b = base.and_then(|b| b.keys.get(kid)).map(|b| &b.wrapped);
        let merged = match keys.get(kid) {
            None => r.clone(),
            Some(l) => KeyBlock {
                compartment: l.compartment.clone(),
                retired: l.retired || r.retired,
                wrapped: if b == Some(&l.wrapped)
                    || (b != Some(&r.wrapped) && r.wrapped.len() > l.wrapped.len())
                {
                    r.wrapped.clone()
                } else {
                    l.wrapped.clone()
                },
            },
        };
        keys.insert(kid.clone(), merged);
    }
    keys
}

/// A map merged key by key; a key deleted on one side and untouched on the
/// other is deleted, deleted on one side and changed on the other is kept.
fn merge_map<K: Ord + Clone + std::fmt::Display, V: Clone + PartialEq + Serialize>(
    prefix: &str,
    base: Option<&BTreeMap<K, V>>,
    local: &BTreeMap<K, V>,
    remote: &BTreeMap<K, V>,
    out: &mut Vec<Conflict>,
) -> BTreeMap<K, V> {
    let keys: BTreeSet<&K> = local.keys().chain(remote.keys()).collect();
    let mut merged = BTreeMap::new();
    for key in keys {
        let b = base.and_then(|m| m.get(key));
        let value = match (local.get(key), remote.get(key)) {
            (Some(l), Some(r)) => Some(pick(&format!("{prefix}.{key}"), b, l, r, out)),
            (Some(l), None) if b == Some(l) => None,
            (None, Some(r)) if b == Some(r) => None,
            (Some(v), None) | (None, Some(v)) => Some(v.clone()),
            (None, None) => None,
        };
        if let Some(v) = value {
            merged.insert(key.clone(), v);
        }
    }
    merged
}

/// Applies a person's choice for a conflict: the remote value replaces the
/// local one (keeping local needs no change).
pub fn take_remote(case: &mut Case, conflict: &Conflict) -> Result<(), BadRemoteValue> {
    let remote = conflict.remote.as_deref();
    let bad = |e: &dyn std::fmt::Display| BadRemoteValue {
        field: conflict.field.clone(),
        detail: e.to_string(),
    };
    // One TOML value (not a document), as the conflict shows it.
    let parse = |t: &str| -> Result<toml::Value, BadRemoteValue> {
        let value = toml::de::ValueDeserializer::parse(t).map_err(|e| bad(&e))?;
        serde::Deserialize::deserialize(value).map_err(|e: toml::de::Error| bad(&e))
    };
    if let Some(key) = conflict.field.strip_prefix("events.") {
        match remote {
            Some(t) => {
                let e: Event = parse(t)?.try_into().map_err(|e: toml::de::Error| bad(&e))?;
                case.events.insert(key.into(), e);
            }
            None => {
                case.events.remove(key);
            }
        }
        return Ok(());
    }
    if let Some(key) = conflict.field.strip_prefix("contacts.") {
        match remote {
            Some(t) => case.contacts.insert(
                key.to_string(),
                parse(t)?.try_into().map_err(|e: toml::de::Error| bad(&e))?,
            ),
            None => case.contacts.remove(key),
        };
        return Ok(());
    }
    // A plain field: rebuild the case with that field from the remote text.
    let mut table = toml::Table::try_from(&*case).map_err(|e| bad(&e))?;
    match remote {
        Some(t) => table.insert(conflict.field.clone(), parse(t)?),
        None => table.remove(&conflict.field),
    };
    *case = table.try_into().map_err(|e: toml::de::Error| bad(&e))?;
    Ok(())
}

/// The remote side of a conflict does not make a valid case.
#[derive(Debug, Clone, PartialEq)]
pub struct BadRemoteValue {
    pub field: String,
    /// The parser's own text.
    pub detail: String,
}

/// A field's value in `case` as conflict text (`name`, `contacts.<key>`,
/// `events.<id>`); `None` when it is absent.
pub fn field_text(case: &Case, field: &str) -> Option<String> {
    let table = toml::Table::try_from(case).ok()?;
    let value = match field.split_once('.') {
        Some((map @ ("events" | "contacts"), key)) => table.get(map)?.get(key)?,
        _ => table.get(field)?,
    };
    Some(value.to_string())
}

/// One field's conflict records from both sides (and the base) and a new
/// one from this merge, as one record whose `local` is this machine's
/// value now and which keeps every other value any side showed. A record
/// one side resolved and the other left as it was stays resolved. `None`
/// when nothing is left to choose.
pub fn merge_records(
    base: Option<&Conflict>,
    ours: Option<&Conflict>,
    theirs: Option<&Conflict>,
    new: Option<&Conflict>,
    local_now: Option<String>,
) -> Option<Conflict> {
    let resolved = |side: Option<&Conflict>, other: Option<&Conflict>| {
        base.is_some() && side.is_none() && other == base
    };
    if new.is_none() && (resolved(ours, theirs) || resolved(theirs, ours)) {
        return None;
    }
    let sides = [ours, theirs, new];
    let mut values: Vec<String> = Vec::new();
    for c in sides.iter().flatten() {
        let all = [c.local.clone(), c.remote.clone()]
            .into_iter()
            .flatten()
            .chain(c.others.iter().cloned());
        for v in all {
            if Some(&v) != local_now.as_ref() && !values.contains(&v) {
                values.push(v);
            }
        }
    }
    let first = sides.iter().flatten().next()?;
    if values.is_empty() {
        return None;
    }
    Some(Conflict {
        field: first.field.clone(),
        base: sides.iter().flatten().find_map(|c| c.base.clone()),
        local: local_now,
        remote: Some(values.remove(0)),
        others: values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseFields, Level, Status};
    use crate::domain::dates;

    fn base() -> Case {
        let d = |s| dates::parse(s).unwrap();
        let mut c = CaseFields {
            name: "A".into(),
            birth: d("2011-01-01"),
            school: "S".into(),
            level: Level::Vo,
            protocol: "leerplichtwet".into(),
            gemeente: None,
            owner: None,
        }
        .into_case("c1".into(), d("2025-09-01"));
        c.events
            .insert("e1".into(), Event::new("ziek", d("2025-09-01")));
        c
    }

    #[test]
    fn events_added_on_both_sides_are_joined() {
        let b = base();
        let mut l = b.clone();
        let mut r = b.clone();
        l.events.insert(
            "l1".into(),
            Event::new("beter", dates::parse("2025-09-03").unwrap()),
        );
        r.events.insert(
            "r1".into(),
            Event::new("gesprek", dates::parse("2025-09-04").unwrap()),
        );
        let m = merge_case(Some(&b), &l, &r);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.case.events.len(), 3);
        assert_eq!(m.events_added, 1);
    }

    #[test]
    fn one_sided_changes_win_and_two_sided_ones_conflict_keeping_local() {
        let b = base();
        let mut l = b.clone();
        let mut r = b.clone();
        l.school = "Local School".into();
        r.status = Status::Closed;
        r.events.get_mut("e1").unwrap().until = Some(dates::parse("2025-09-02").unwrap());
        let m = merge_case(Some(&b), &l, &r);
        assert!(m.conflicts.is_empty());
        assert_eq!(
            (m.case.school.as_str(), m.case.status),
            ("Local School", Status::Closed)
        );
        assert!(
            m.case.events["e1"].until.is_some(),
            "an edit on one side is kept"
        );
        r.school = "Remote School".into();
        let mut m = merge_case(Some(&b), &l, &r);
        assert_eq!(m.case.school, "Local School");
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].remote.as_deref(), Some("\"Remote School\""));
        take_remote(&mut m.case, &m.conflicts[0].clone()).unwrap();
        assert_eq!(m.case.school, "Remote School");
    }

    #[test]
    fn a_three_way_edit_keeps_all_three_values_with_this_machines_as_local() {
        let c = |local: &str, remote: &str| Conflict {
            field: "school".into(),
            base: Some("\"S\"".into()),
            local: Some(local.into()),
            remote: Some(remote.into()),
            others: Vec::new(),
        };
        // B's record (b over a) came in; this machine (c) conflicts with b.
        let theirs = c("b", "a");
        let new = c("c", "b");
        let m = merge_records(None, None, Some(&theirs), Some(&new), Some("c".into())).unwrap();
        assert_eq!(m.local.as_deref(), Some("c"));
        assert_eq!(m.remote_values(), vec![Some("b".into()), Some("a".into())]);
        // Resolved here, unchanged there: stays resolved.
        assert_eq!(
            merge_records(Some(&theirs), None, Some(&theirs), None, Some("b".into())),
            None
        );
        let mut case = base();
        case.school = "X".into();
        assert_eq!(field_text(&case, "school").as_deref(), Some("\"X\""));
        assert_eq!(field_text(&case, "events.e1"), text(&case.events["e1"]));
    }

    #[test]
    fn key_blocks_merge_as_a_union_of_key_ids() {
        let block = |w: &str, retired| KeyBlock {
            compartment: "jgz".into(),
            retired,
            wrapped: w.into(),
        };
        let mut b = base();
        b.keys.insert("k1".into(), block("aa", false));
        let mut l = b.clone();
        let mut r = b.clone();
        l.keys.insert("k2".into(), block("bb", false));
        r.keys.insert("k1".into(), block("aaaa", true));
        r.keys.insert("k3".into(), block("cc", false));
        let m = merge_case(Some(&b), &l, &r);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.case.keys.len(), 3);
        assert_eq!(
            m.case.keys["k1"],
            block("aaaa", true),
            "rewrap and retirement kept"
        );
    }

    #[test]
    fn deletion_against_an_edit_keeps_the_edit() {
        let b = base();
        let mut l = b.clone();
        l.events.clear();
        let mut r = b.clone();
        r.events.get_mut("e1").unwrap().note = Some("x".into());
        assert_eq!(merge_case(Some(&b), &l, &r).case.events.len(), 1);
        assert_eq!(
            merge_case(Some(&b), &l, &b).case.events.len(),
            0,
            "an untouched side follows the deletion"
        );
    }
}
