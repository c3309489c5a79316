//! The layers import only downwards (ARCHITECTURE.md, "The flow"), and the
//! modules of `cli/` form a tree. This test reads the crate as the compiler
//! does (from `src/lib.rs` along its `mod` declarations, `#[path]` and
//! `#[cfg(test)]` respected: tests may reach across layers for their data)
//! and fails on an import upwards, naming the module and what it imports.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use syn::visit::Visit;

/// What each layer must not import.
const FORBIDDEN: &[(&str, &[&str])] = &[
    ("domain", &["store", "cli", "tui", "ui", "render", "i18n"]),
    ("store", &["cli", "tui", "ui"]),
    ("tui", &["ui"]),
    ("render", &["cli", "tui", "ui"]),
];

/// One module (a file, or an inline `mod` in one) and the crate paths it
/// names (`crate::a::b`, `super::c`), resolved to paths from the crate root.
struct Module {
    path: Vec<String>,
    uses: BTreeSet<Vec<String>>,
}

#[test]
fn no_layer_imports_upwards() {
    let modules = crate_modules();
    let mut wrong = Vec::new();
    for m in modules {
        let layer = m.path.first().map(String::as_str).unwrap_or("");
        let banned = FORBIDDEN
            .iter()
            .find(|(l, _)| *l == layer)
            .map_or(&[][..], |(_, b)| b);
        for u in &m.uses {
            if banned.contains(&u[0].as_str()) {
                wrong.push(format!("{} imports {}", m.path.join("::"), u.join("::")));
            }
        }
    }
    assert!(wrong.is_empty(), "imports upwards:\n{}", wrong.join("\n"));
}

#[test]
fn only_the_dispatch_imports_cli_commands() {
    let modules = crate_modules();
    let wrong: Vec<String> = modules
        .iter()
        .filter(|m| m.path.first().is_some_and(|l| l == "cli"))
        .filter(|m| m.path.get(1).is_some_and(|c| c != "commands"))
        .filter(|m| {
            m.uses
                .iter()
                .any(|u| u.starts_with(&words(&["cli", "commands"])))
        })
        .map(|m| m.path.join("::"))
        .collect();
    assert!(
        wrong.is_empty(),
        "import cli::commands (share through cli/ctx.rs instead): {wrong:?}"
    );
}

#[test]
fn the_modules_of_cli_and_the_layers_have_no_cycle() {
    let modules = crate_modules();
    // cli/: one node per module of cli (a part such as retention's
    // `print` counts as its module).
    let cli = graph(modules, &["cli"]);
    assert!(
        cli.get("commands").is_some_and(|to| to.contains("record")),
        "the reading found no edges: {cli:?}"
    );
    if let Some(cycle) = find_cycle(&cli) {
        panic!(
            "the modules of cli/ import each other: {}",
            cycle.join(" -> ")
        );
    }
    let layers = graph(modules, &[]);
    assert!(layers.get("store").is_some_and(|to| to.contains("domain")));
    if let Some(cycle) = find_cycle(&layers) {
        panic!("the layers import each other: {}", cycle.join(" -> "));
    }
}

/// The graph of the modules directly under `under`: an edge from each to
/// the siblings it names.
fn graph(modules: &[Module], under: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let under = words(under);
    let depth = under.len();
    let inside = |p: &[String]| p.len() > depth && p.starts_with(&under);
    let nodes: BTreeSet<String> = modules
        .iter()
        .filter(|m| inside(&m.path))
        .map(|m| m.path[depth].clone())
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in modules.iter().filter(|m| inside(&m.path)) {
        let from = &m.path[depth];
        let targets = edges.entry(from.clone()).or_default();
        for u in m.uses.iter().filter(|u| inside(u)) {
            let to = &u[depth];
            if to != from && nodes.contains(to) {
                targets.insert(to.clone());
            }
        }
    }
    edges
}

/// A cycle in the graph, as the nodes along it, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

/// Every module of the library crate, read from `src/lib.rs` on (once
/// for all the tests here).
fn crate_modules() -> &'static [Module] {
    static MODULES: OnceLock<Vec<Module>> = OnceLock::new();
    MODULES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = Vec::new();
        load_file(&root.join("lib.rs"), Vec::new(), &mut out);
        assert!(out.len() > 100, "only {} modules read", out.len());
        out
    })
}

fn load_file(file: &Path, path: Vec<String>, out: &mut Vec<Module>) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
    let parsed = syn::parse_file(&text).unwrap_or_else(|e| panic!("{file:?}: {e}"));
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let dir = file.parent().unwrap_or(Path::new("."));
    let children = if matches!(stem, "lib" | "mod") {
        dir.to_path_buf()
    } else {
        dir.join(stem)
    };
    load_items(parsed.items, path, file, &children, out);
}

/// The items of one module; its `mod`s, file or inline, become modules of
/// their own. `#[cfg(test)]` items are left out.
fn load_items(
    items: Vec<syn::Item>,
    path: Vec<String>,
    file: &Path,
    children: &Path,
    out: &mut Vec<Module>,
) {
    let mut own = Vec::new();
    for item in items {
        if attrs(&item).iter().any(is_test_only) {
            continue;
        }
        let syn::Item::Mod(m) = item else {
            own.push(item);
            continue;
        };
        let name = m.ident.to_string();
        let mut sub = path.clone();
        sub.push(name.clone());
        match m.content {
            Some((_, inner)) => load_items(inner, sub, file, &children.join(&name), out),
            None => load_file(&module_file(&m.attrs, file, children, &name), sub, out),
        }
    }
    let mut names = Vec::new();
    let mut uses = UseTrees(&mut names);
    let mut tokens = TokenStream::new();
    for item in &own {
        uses.visit_item(item);
        item.to_tokens(&mut tokens);
    }
    token_paths(tokens, &mut names);
    let uses = names.iter().filter_map(|n| resolve(&path, n)).collect();
    out.push(Module { path, uses });
}

/// Where `mod name;` is: `#[path]` (from the file's folder), else
/// `name.rs` or `name/mod.rs` in the module's folder.
fn module_file(attrs: &[syn::Attribute], file: &Path, children: &Path, name: &str) -> PathBuf {
    for a in attrs {
        if let syn::Meta::NameValue(nv) = &a.meta
            && nv.path.is_ident("path")
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
        {
            return file.parent().unwrap_or(Path::new(".")).join(s.value());
        }
    }
    let flat = children.join(format!("{name}.rs"));
    if flat.is_file() {
        flat
    } else {
        children.join(name).join("mod.rs")
    }
}

fn is_test_only(a: &syn::Attribute) -> bool {
    let syn::Meta::List(list) = &a.meta else {
        return false;
    };
    let cond = list.tokens.to_string();
    list.path.is_ident("cfg") && cond.contains("test") && !cond.contains("not")
}

fn attrs(item: &syn::Item) -> &[syn::Attribute] {
    use syn::Item::*;
    match item {
        Const(i) => &i.attrs,
        Enum(i) => &i.attrs,
        ExternCrate(i) => &i.attrs,
        Fn(i) => &i.attrs,
        Impl(i) => &i.attrs,
        Macro(i) => &i.attrs,
        Mod(i) => &i.attrs,
        Static(i) => &i.attrs,
        Struct(i) => &i.attrs,
        Trait(i) => &i.attrs,
        Type(i) => &i.attrs,
        Union(i) => &i.attrs,
        Use(i) => &i.attrs,
        _ => &[],
    }
}

/// The paths of every `use` (a group `{a, b}` gives one path each).
struct UseTrees<'a>(&'a mut Vec<Vec<String>>);

impl<'ast> Visit<'ast> for UseTrees<'_> {
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        fn leaf(prefix: &[String], name: &syn::Ident) -> Vec<String> {
            let mut p = prefix.to_vec();
            if name != "self" {
                p.push(name.to_string());
            }
            p
        }
        fn walk(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
            match tree {
                syn::UseTree::Path(p) => {
                    prefix.push(p.ident.to_string());
                    walk(&p.tree, prefix, out);
                    prefix.pop();
                }
                syn::UseTree::Name(n) => out.push(leaf(prefix, &n.ident)),
                syn::UseTree::Rename(r) => out.push(leaf(prefix, &r.ident)),
                syn::UseTree::Glob(_) => out.push(prefix.clone()),
                syn::UseTree::Group(g) => g.items.iter().for_each(|t| walk(t, prefix, out)),
            }
        }
        walk(&u.tree, &mut Vec::new(), self.0);
    }
}

/// Every `crate::a::b`, `super::c`, `self::d` in the tokens, macro
/// arguments included (`json!(super::x(..))`).
fn token_paths(tokens: TokenStream, out: &mut Vec<Vec<String>>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let colons = |j: usize| {
        matches!(
            (tokens.get(j), tokens.get(j + 1)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                if a.as_char() == ':' && b.as_char() == ':'
        )
    };
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            TokenTree::Group(g) => token_paths(g.stream(), out),
            TokenTree::Ident(id)
                if matches!(id.to_string().as_str(), "crate" | "super" | "self") =>
            {
                let mut path = vec![id.to_string()];
                let mut j = i + 1;
                while colons(j) {
                    let Some(TokenTree::Ident(next)) = tokens.get(j + 2) else {
                        break;
                    };
                    path.push(next.to_string());
                    j += 3;
                }
                out.push(path);
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

/// A path from the crate root, for one that starts at `crate`, `super` or
/// `self`; `None` for others (std, other crates, a module's own children)
/// and for a bare `super` or `self`.
fn resolve(module: &[String], path: &[String]) -> Option<Vec<String>> {
    let mut base = match path.first()?.as_str() {
        "crate" => Vec::new(),
        "super" | "self" => module.to_vec(),
        _ => return None,
    };
    let mut rest = &path[1..];
    if path[0] == "super" {
        base.pop()?;
    }
    while let Some(head) = rest.first() {
        match head.as_str() {
            "super" => {
                base.pop()?;
            }
            "self" => {}
            _ => break,
        }
        rest = &rest[1..];
    }
    if rest.is_empty() {
        return None;
    }
    base.extend(rest.iter().cloned());
    Some(base)
}
