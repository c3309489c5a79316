//! Showing a case to a reader (issue 15): every sealed value opened with
//! the reader's keys or masked as "vertrouwelijk (jgz)", in a case, a diff
//! or a conflict; what an edit of the shown copy keeps sealed; and wiping
//! a shown copy before it is dropped. Pure: the keys come as a function.

use super::{get_text, masked, set_text, text_fields};
use crate::domain::case::Case;
use crate::domain::event::Event;
use crate::domain::seal;

/// The case as a person sees it: every sealed value opened with the keys
/// `key_for` gives (by key id), else masked as "vertrouwelijk (jgz)".
/// Nothing is written from this copy.
pub fn reveal(case: &Case, key_for: &dyn Fn(&str) -> Option<[u8; seal::KEY_LEN]>) -> Case {
    let mut out = case.clone();
    for (id, e) in out.events.iter_mut() {
        for field in text_fields() {
            let Some(value) = get_text(e, field) else {
                continue;
            };
            let Some(kid) = seal::key_id(&value) else {
                continue;
            };
            let comp = case.keys.get(kid).map_or("?", |k| k.compartment.as_str());
            let path = seal::field_path(id, field);
            let shown = key_for(kid)
                .and_then(|key| seal::open(&key, &case.id, &path, &value).ok())
                .map(|t| t.to_string())
                .unwrap_or_else(|| masked(comp));
            set_text(e, field, Some(shown));
        }
    }
    out
}

/// A diff of a case file as a person may see it: each sealed value opened
/// (its path known from the `[events.<id>]` header above it) or masked.
pub fn reveal_diff(
    text: &str,
    case: &Case,
    key_for: &dyn Fn(&str) -> Option<[u8; seal::KEY_LEN]>,
) -> String {
    let mut event = String::new();
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let body = line.get(1..).unwrap_or("").trim();
        if let Some(id) = body
            .strip_prefix("[events.")
            .and_then(|r| r.strip_suffix(']'))
        {
            event = id.to_string();
        }
        out += &reveal_line(line, &event, case, key_for);
        out.push('\n');
    }
    out
}

fn reveal_line(
    line: &str,
    event: &str,
    case: &Case,
    key_for: &dyn Fn(&str) -> Option<[u8; seal::KEY_LEN]>,
) -> String {
    let Some(start) = line.find(&format!("\"{}", seal::PREFIX)) else {
        return line.to_string();
    };
    let value_end = line[start + 1..].find('"').map(|e| start + 1 + e);
    let Some(end) = value_end else {
        return line.to_string();
    };
    let value = &line[start + 1..end];
    let field = line
        .get(1..start)
        .unwrap_or("")
        .trim()
        .trim_end_matches('=')
        .trim();
    let comp = seal::key_id(value)
        .and_then(|kid| case.keys.get(kid))
        .map_or("?", |k| k.compartment.as_str());
    // A hunk may start below its `[events.<id>]` header: then every event
    // of the case is tried (a wrong one fails its tag at once).
    let events = std::iter::once(event).chain(case.events.keys().map(|k| k.as_str()));
    let shown = seal::key_id(value)
        .and_then(key_for)
        .and_then(|key| {
            events
                .filter(|e| !e.is_empty())
                .find_map(|e| seal::open(&key, &case.id, &seal::field_path(e, field), value).ok())
        })
        .map(|t| t.to_string())
        .unwrap_or_else(|| masked(comp));
    format!("{}{shown}{}", &line[..=start], &line[end..])
}

/// The text fields of `raw` (an event as stored) that this reader could
/// not open: `shown` (its revealed copy) holds the mask there. Such a
/// field cannot be edited without the key.
pub fn unopened(case: &Case, raw: &Event, shown: &Event) -> Vec<&'static str> {
    text_fields()
        .filter(|f| {
            let Some(kid) = get_text(raw, f).and_then(|v| seal::key_id(&v).map(str::to_string))
            else {
                return false;
            };
            let comp = case.keys.get(&kid).map_or("?", |k| k.compartment.as_str());
            get_text(shown, f).as_deref() == Some(masked(comp).as_str())
        })
        .collect()
}

/// After an edit made on the revealed copy of `raw`: every sealed field
/// the edit left alone (`changed` does not name it) gets its stored
/// ciphertext back, so it is neither written as plain text nor sealed
/// again.
pub fn keep_sealed(raw: &Event, new: &mut Event, changed: &[&str]) {
    for f in text_fields().filter(|f| !changed.contains(f)) {
        if let Some(v) = get_text(raw, f).filter(|v| seal::is_sealed(v)) {
            set_text(new, f, Some(v));
        }
    }
}

/// A conflict over an event (`events.<id>`, its values TOML text) as this
/// reader may see it: sealed values in every side opened or masked. Other
/// fields hold nothing sealable and come back as they are.
pub fn reveal_conflict(
    case: &Case,
    c: &crate::domain::merge::Conflict,
    key_for: &dyn Fn(&str) -> Option<[u8; seal::KEY_LEN]>,
) -> crate::domain::merge::Conflict {
    let Some(id) = c.field.strip_prefix("events.") else {
        return c.clone();
    };
    let open = |v: &String| -> String {
        if !v.contains(seal::PREFIX) {
            return v.clone();
        }
        let parsed = toml::from_str::<toml::Table>(&format!("v = {v}"))
            .ok()
            .and_then(|mut t| t.remove("v"))
            .and_then(|v| v.try_into::<Event>().ok());
        let Some(event) = parsed else {
            // Not an event we can read: never show the ciphertext.
            return masked("?");
        };
        let mut one = case.clone();
        one.events = [(id.into(), event)].into();
        let shown = reveal(&one, key_for);
        toml::Value::try_from(&shown.events[id]).map_or_else(|_| masked("?"), |v| v.to_string())
    };
    crate::domain::merge::Conflict {
        field: c.field.clone(),
        base: c.base.as_ref().map(open),
        local: c.local.as_ref().map(open),
        remote: c.remote.as_ref().map(open),
        others: c.others.iter().map(open).collect(),
    }
}

/// Overwrites the text of every event of a revealed copy (`reveal`) with
/// zeros before it is dropped, so opened values do not linger in freed
/// memory. The copy is not to be shown afterwards.
pub fn wipe(case: &mut Case) {
    use zeroize::Zeroize;
    for e in case.events.values_mut() {
        e.note.zeroize();
        let Some(d) = e.details.as_deref_mut() else {
            continue;
        };
        for text in [
            &mut d.to,
            &mut d.school,
            &mut d.reason,
            &mut d.artikel,
            &mut d.advice,
            &mut d.findings,
            &mut d.soort,
            &mut d.meldingsnummer,
            &mut d.status,
            &mut d.title,
            &mut d.role,
            &mut d.subject,
            &mut d.scope,
            &mut d.given_by,
            &mut d.owner,
        ] {
            text.zeroize();
        }
    }
}

/// The same for a revealed conflict: every side's text.
pub fn wipe_conflict(c: &mut crate::domain::merge::Conflict) {
    use zeroize::Zeroize;
    for side in [&mut c.base, &mut c.local, &mut c.remote] {
        side.zeroize();
    }
    c.others.zeroize();
}
