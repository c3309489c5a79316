//! The shape of JSON documents as text, one line per path, for pinning a
//! JSON contract in a snapshot: the keys and their JSON types,
//! recursively, never the values. Several documents merge into one shape
//! (`null | string` where one had a value and one had none; `key?` where
//! only some objects had the key), so a test can show every variant.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;

/// Per key of an object: its shape and how many of the objects had it.
type Fields = BTreeMap<String, (Shape, usize)>;

#[derive(Default)]
struct Shape {
    null: bool,
    boolean: bool,
    integer: bool,
    float: bool,
    string: bool,
    /// The elements' shapes merged.
    array: Option<Box<Shape>>,
    /// Objects with named fields, and how many objects were seen.
    object: Option<(Fields, usize)>,
    /// Objects keyed by data (ids, categories): the values' shapes merged.
    map: Option<Box<Shape>>,
}

impl Shape {
    /// `key`: the field `v` is the value of (`[]` for an element).
    fn add(&mut self, v: &Value, key: &str, maps: &[&str]) {
        match v {
            Value::Null => self.null = true,
            Value::Bool(_) => self.boolean = true,
            Value::Number(n) if n.is_f64() => self.float = true,
            Value::Number(_) => self.integer = true,
            Value::String(_) => self.string = true,
            Value::Array(items) => {
                let shape = self.array.get_or_insert_with(Box::default);
                // An element is never a map by its array's key.
                for item in items {
                    shape.add(item, "[]", maps);
                }
            }
            Value::Object(fields) if maps.contains(&key) => {
                let shape = self.map.get_or_insert_with(Box::default);
                for item in fields.values() {
                    shape.add(item, "*", maps);
                }
            }
            Value::Object(fields) => {
                let (known, seen) = self.object.get_or_insert_with(Default::default);
                *seen += 1;
                for (k, item) in fields {
                    let (shape, count) = known.entry(k.clone()).or_default();
                    shape.add(item, k, maps);
                    *count += 1;
                }
            }
        }
    }

    fn types(&self) -> String {
        let names = [
            (self.null, "null"),
            (self.boolean, "bool"),
            (self.integer, "integer"),
            (self.float, "float"),
            (self.string, "string"),
            (self.array.is_some(), "array"),
            (self.object.is_some(), "object"),
            (self.map.is_some(), "map"),
        ];
        let present: Vec<&str> = names.iter().filter(|(b, _)| *b).map(|(_, n)| *n).collect();
        present.join(" | ")
    }

    fn render(&self, path: &str, out: &mut Vec<String>) {
        let types = self.types();
        if types.is_empty() {
            return;
        }
        out.push(format!("{path}: {types}"));
        if let Some(items) = &self.array {
            items.render(&format!("{path}[]"), out);
        }
        if let Some(values) = &self.map {
            values.render(&format!("{path}.*"), out);
        }
        if let Some((fields, seen)) = &self.object {
            for (k, (shape, count)) in fields {
                let optional = if count < seen { "?" } else { "" };
                shape.render(&format!("{path}.{k}{optional}"), out);
            }
        }
    }
}

/// The merged shape of `docs`, one line per path (`$` the document,
/// `a.b` a field, `a[]` the elements of an array, `a.*` the values of an
/// object keyed by data). `maps`: the keys whose objects are keyed by data.
pub fn schema(docs: &[&Value], maps: &[&str]) -> String {
    let mut shape = Shape::default();
    for doc in docs {
        shape.add(doc, "$", maps);
    }
    let mut out = Vec::new();
    shape.render("$", &mut out);
    out.join("\n") + "\n"
}

/// Parses a document the CLI printed and checks it is written as serde_json
/// writes a `Value` (whose objects sort their keys): compact on one line,
/// or indented by two spaces when `pretty`.
pub fn parse_sorted(text: &str, pretty: bool) -> Value {
    let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let again = if pretty {
        serde_json::to_string_pretty(&v).unwrap()
    } else {
        serde_json::to_string(&v).unwrap()
    };
    assert_eq!(
        text.trim_end(),
        again,
        "keys out of order or another layout"
    );
    v
}
