//! Protocol and calendar files changed on both sides, merged rule by rule:
//! top-level keys three-way, and arrays of tables (`[[rules]]` by `id`,
//! `[[holidays]]` by `name`) entry by entry. Only an entry (or key) both
//! sides changed differently is a conflict; then the caller keeps the local
//! file and the remote one beside it, so no version is lost.

use toml_edit::{ArrayOfTables, DocumentMut, Item};

/// The key that names an entry of an array of tables.
fn entry_key(t: &toml_edit::Table) -> Option<String> {
    ["id", "name"]
        .iter()
        .find_map(|k| t.get(k).and_then(|v| v.as_str()).map(str::to_string))
}

fn entries(a: Option<&ArrayOfTables>) -> Option<Vec<(String, String)>> {
    let Some(a) = a else { return Some(Vec::new()) };
    a.iter()
        .map(|t| Some((entry_key(t)?, t.to_string())))
        .collect()
}

/// One value three ways: `Ok(pick)` or `Err(())` for a real conflict.
fn pick<T: PartialEq + Clone>(
    b: Option<&T>,
    o: Option<&T>,
    t: Option<&T>,
) -> Result<Option<T>, ()> {
    if o == t || t == b {
        Ok(o.cloned())
    } else if o == b {
        Ok(t.cloned())
    } else {
        Err(())
    }
}

/// The merged text, or `None` when a rule or key conflicts (or a side
/// does not parse).
pub fn merge(base: &str, ours: &str, theirs: &str) -> Option<String> {
    let parse = |s: &str| s.parse::<DocumentMut>().ok();
    let (b, o, t) = (
        parse(base).unwrap_or_default(),
        parse(ours)?,
        parse(theirs)?,
    );
    let mut out = o.clone();
    let keys: Vec<String> =
        o.iter()
            .chain(t.iter())
            .map(|(k, _)| k.to_string())
            .fold(Vec::new(), |mut v, k| {
                if !v.contains(&k) {
                    v.push(k);
                }
                v
            });
    for key in keys {
        let items = [b.get(&key), o.get(&key), t.get(&key)];
        let aot = items.map(|i| i.and_then(Item::as_array_of_tables));
        if aot.iter().flatten().count() > 0
            && items.iter().flatten().all(|i| i.is_array_of_tables())
        {
            let merged = merge_entries(aot[0], aot[1], aot[2])?;
            out.insert(&key, Item::ArrayOfTables(merged));
            continue;
        }
        let text = items.map(|i| i.map(|i| i.to_string()));
        let chosen = pick(text[0].as_ref(), text[1].as_ref(), text[2].as_ref()).ok()?;
        // Only a change from their side needs doing.
        if chosen != text[1] {
            match items[2] {
                Some(item) => {
                    out.insert(&key, item.clone());
                }
                None => {
                    out.remove(&key);
                }
            }
        }
    }
    Some(out.to_string())
}

fn merge_entries(
    b: Option<&ArrayOfTables>,
    o: Option<&ArrayOfTables>,
    t: Option<&ArrayOfTables>,
) -> Option<ArrayOfTables> {
    let (be, oe, te) = (entries(b)?, entries(o)?, entries(t)?);
    let get =
        |l: &[(String, String)], k: &str| l.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let mut names: Vec<String> = oe.iter().map(|(n, _)| n.clone()).collect();
    names.extend(
        te.iter()
            .map(|(n, _)| n.clone())
            .filter(|n| !oe.iter().any(|(o, _)| o == n)),
    );
    let mut out = ArrayOfTables::new();
    for n in names {
        let (bv, ov, tv) = (get(&be, &n), get(&oe, &n), get(&te, &n));
        let Some(chosen) = pick(bv.as_ref(), ov.as_ref(), tv.as_ref()).ok()? else {
            continue;
        };
        let from = if Some(&chosen) == ov.as_ref() { o } else { t };
        let table = from?
            .iter()
            .find(|e| entry_key(e).as_deref() == Some(n.as_str()))?;
        out.push(table.clone());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::merge;

    const BASE: &str = "id = \"p\"\nname = \"P\"\n\n[[rules]]\nid = \"a\"\ndays = 1\n\n[[rules]]\nid = \"b\"\ndays = 2\n";

    #[test]
    fn rules_changed_on_different_sides_are_both_kept() {
        let ours = BASE.replace("days = 1", "days = 10");
        let theirs = BASE.replace("days = 2", "days = 20") + "\n[[rules]]\nid = \"c\"\ndays = 3\n";
        let m = merge(BASE, &ours, &theirs).unwrap();
        assert!(
            m.contains("days = 10") && m.contains("days = 20") && m.contains("id = \"c\""),
            "{m}"
        );
        let renamed = BASE.replace("name = \"P\"", "name = \"Q\"");
        assert!(
            merge(BASE, &ours, &renamed)
                .unwrap()
                .contains("name = \"Q\"")
        );
    }

    #[test]
    fn one_rule_changed_both_ways_is_a_conflict() {
        let ours = BASE.replace("days = 1", "days = 10");
        let theirs = BASE.replace("days = 1", "days = 11");
        assert_eq!(merge(BASE, &ours, &theirs), None);
    }
}
