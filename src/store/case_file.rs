//! Case files: parsing with file:line:column errors, and edits made through
//! `toml_edit` so a person's comments and layout survive every change.

use crate::domain::case::{Case, FORMAT};
use crate::domain::compartments::KeyBlock;
use crate::domain::event::Event;
use crate::domain::ids;
use crate::domain::textpos::{self, FileError};
use toml_edit::{DocumentMut, Item, Table};

/// Parses and checks a case file's text. `file` is the path shown in errors;
/// `stem` is the file name without `.toml`, which must equal the case id.
pub fn parse(file: &str, stem: &str, text: &str) -> Result<Case, FileError> {
    // Conflict markers are only where git writes them: whole lines that
    // break the TOML. A note or name holding `=======` is data.
    let case: Case = toml::from_str(text).map_err(|e| {
        textpos::conflict_markers(file, text).unwrap_or_else(|| textpos::from_toml(file, text, &e))
    })?;
    let at_key = |key: &str, msg: String| {
        let offset = text
            .find(&format!("\n{key}"))
            .map(|o| o + 1)
            .or_else(|| text.starts_with(key).then_some(0));
        textpos::at(file, text, offset.map(|o| o..o), &msg)
    };
    if case.format > FORMAT {
        return Err(at_key(
            "format",
            format!(
                "case format {} is newer than this verzuim understands ({FORMAT}); update verzuim",
                case.format
            ),
        ));
    }
    if case.id != stem {
        return Err(at_key(
            "id",
            format!(
                "id `{}` does not match the file name `{stem}.toml`",
                case.id
            ),
        ));
    }
    if let Some(bad) = case.events.keys().find(|k| !ids::is_valid(k)) {
        return Err(at_key(
            "[events",
            format!("event id `{bad}` may only use a-z, 0-9 and -"),
        ));
    }
    Ok(case)
}

/// The text of a new case file.
pub fn render_new(case: &Case) -> String {
    let body = toml::to_string(case).unwrap_or_default();
    format!(
        "# verzuim case file: one pupil. Hand edits are welcome; keep dates as \"YYYY-MM-DD\".\n{body}"
    )
}

/// An editable case file that keeps formatting and comments.
pub struct CaseDoc {
    doc: DocumentMut,
}

impl CaseDoc {
    pub fn parse(text: &str) -> Result<Self, String> {
        text.parse::<DocumentMut>()
            .map(|doc| CaseDoc { doc })
            .map_err(|e| e.to_string())
    }

    pub fn add_event(&mut self, id: &str, event: &Event) {
        if !self.doc.contains_key("events") {
            let mut t = Table::new();
            t.set_implicit(true);
            self.doc.insert("events", Item::Table(t));
        }
        if let Some(events) = self.doc["events"].as_table_mut() {
            events.insert(id, Item::Table(event_table(event)));
        }
    }

    /// Adds or replaces a key block `[keys.<kid>]`.
    pub fn set_key(&mut self, kid: &str, block: &KeyBlock) {
        if !self.doc.contains_key("keys") {
            let mut t = Table::new();
            t.set_implicit(true);
            self.doc.insert("keys", Item::Table(t));
        }
        let table = toml::to_string(block)
            .ok()
            .and_then(|t| t.parse::<DocumentMut>().ok())
            .map(|d| d.as_table().clone())
            .unwrap_or_default();
        if let Some(keys) = self.doc["keys"].as_table_mut() {
            keys.insert(kid, Item::Table(table));
        }
    }

    /// Sets (or with `None`, removes) a top-level string field, keeping the
    /// comment that followed the old value on its line.
    pub fn set_str(&mut self, key: &str, new: Option<&str>) {
        let Some(new) = new else {
            self.doc.remove(key);
            return;
        };
        let decor = self
            .doc
            .get(key)
            .and_then(|i| i.as_value())
            .map(|v| v.decor().clone());
        let mut v = toml_edit::Value::from(new);
        if let Some(decor) = decor {
            *v.decor_mut() = decor;
        }
        self.doc.insert(key, Item::Value(v));
    }
}

impl CaseDoc {
    /// Turns this document (the text of `from`) into `to` with the fewest
    /// edits: changed top-level fields are set, events added, replaced or
    /// removed by id; comments and layout elsewhere stay.
    pub fn apply(&mut self, from: &Case, to: &Case) -> Result<(), String> {
        let old = toml::Table::try_from(from).map_err(|e| e.to_string())?;
        let new = toml::Table::try_from(to).map_err(|e| e.to_string())?;
        let tables = |k: &str| k == "events" || k == "keys";
        for (key, value) in new.iter().filter(|(k, _)| !tables(k)) {
            if old.get(key) != Some(value) {
                let text = format!("v = {value}");
                let parsed: DocumentMut = text
                    .parse()
                    .map_err(|e: toml_edit::TomlError| e.to_string())?;
                if let Some(item) = parsed.get("v") {
                    let decor = self
                        .doc
                        .get(key)
                        .and_then(|i| i.as_value())
                        .map(|v| v.decor().clone());
                    let mut item = item.clone();
                    if let (Some(d), Some(v)) = (decor, item.as_value_mut()) {
                        *v.decor_mut() = d;
                    }
                    self.doc.insert(key, item);
                }
            }
        }
        for key in old.keys().filter(|k| !tables(k) && !new.contains_key(*k)) {
            self.doc.remove(key);
        }
        for (id, event) in &to.events {
            if from.events.get(id) != Some(event) {
                self.add_event(id, event);
            }
        }
        for (kid, block) in &to.keys {
            if from.keys.get(kid) != Some(block) {
                self.set_key(kid, block);
            }
        }
        if let Some(events) = self.doc.get_mut("events").and_then(|e| e.as_table_mut()) {
            for id in from.events.keys().filter(|id| !to.events.contains_key(*id)) {
                events.remove(id);
            }
        }
        Ok(())
    }
}

impl std::fmt::Display for CaseDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.doc)
    }
}

/// An event's table, written through serde so every field of `Event` is
/// kept (in the struct's order, dates as "YYYY-MM-DD").
fn event_table(e: &Event) -> Table {
    let text = toml::to_string(e).unwrap_or_default();
    text.parse::<DocumentMut>()
        .map(|d| d.as_table().clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates;
    use crate::domain::textpos::FileMessage;

    const TEXT: &str = r#"# kept comment
format = 1
id = "abc"
name = "Test Leerling"   # roepnaam
birth = "2012-03-04"
school = "De Brug"
level = "vo"
protocol = "leerplichtwet"
"#;

    #[test]
    fn edits_keep_comments_and_parse_back() {
        let mut doc = CaseDoc::parse(TEXT).unwrap();
        doc.set_str("name", Some("Ander"));
        let mut e = Event::new("ziek", dates::parse("2026-11-02").unwrap());
        e.note = Some("griep \"quoted\"".into());
        doc.add_event("ev1", &e);
        let out = doc.to_string();
        assert!(out.contains("# kept comment"));
        assert!(out.contains("# roepnaam"));
        let case = parse("cases/abc.toml", "abc", &out).unwrap();
        assert_eq!(case.name, "Ander");
        assert_eq!(case.events["ev1"], e);
    }

    #[test]
    fn errors_name_line_and_column() {
        let bad = TEXT.replace("level = \"vo\"", "level = \"hbo\"");
        let err = parse("cases/abc.toml", "abc", &bad).unwrap_err();
        assert_eq!((err.line, err.file.as_str()), (7, "cases/abc.toml"));
        assert!(
            err.to_string().contains("hbo") || err.to_string().contains("variant"),
            "{err}"
        );
        let err = parse("cases/xyz.toml", "xyz", TEXT).unwrap_err();
        assert_eq!(err.line, 3);
    }

    #[test]
    fn apply_turns_one_case_into_another_keeping_comments() {
        let from = parse("f", "abc", TEXT).unwrap();
        let mut to = from.clone();
        to.school = "Het Baken".into();
        to.owner = Some("mentor".into());
        to.events.insert(
            "ev9".into(),
            Event::new("gesprek", dates::parse("2026-11-03").unwrap()),
        );
        let mut doc = CaseDoc::parse(TEXT).unwrap();
        doc.apply(&from, &to).unwrap();
        let out = doc.to_string();
        assert!(out.contains("# kept comment") && out.contains("# roepnaam"));
        assert_eq!(parse("f", "abc", &out).unwrap(), to);
        let mut back = CaseDoc::parse(&out).unwrap();
        back.apply(&to, &from).unwrap();
        assert_eq!(parse("f", "abc", &back.to_string()).unwrap(), from);
    }

    #[test]
    fn bare_toml_dates_are_accepted() {
        let text = TEXT.replace("birth = \"2012-03-04\"", "birth = 2012-03-04");
        assert!(parse("f", "abc", &text).is_ok());
    }

    #[test]
    fn marker_lines_inside_values_are_data_and_outside_them_a_conflict() {
        let text = TEXT.replace(
            "school = \"De Brug\"",
            "school = \"\"\"\n=======\n<<<<<<< x\n>>>>>>> y\"\"\"",
        );
        assert!(parse("f", "abc", &text).is_ok());
        let conflicted = TEXT.replace(
            "school = \"De Brug\"\n",
            "<<<<<<< HEAD\nschool = \"A\"\n=======\nschool = \"B\"\n>>>>>>> theirs\n",
        );
        let err = parse("f", "abc", &conflicted).unwrap_err();
        assert_eq!(err.message, FileMessage::ConflictMarkers, "{err}");
        assert_eq!(err.line, 6);
    }

    #[test]
    fn new_case_round_trips() {
        let case = parse("f", "abc", TEXT).unwrap();
        assert_eq!(parse("f", "abc", &render_new(&case)).unwrap(), case);
    }
}
