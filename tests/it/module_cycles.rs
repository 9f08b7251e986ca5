//! No file in `src/gui/` imports from a module that imports it back: each of its modules sees
//! the others through `crate::…`, `super::…` or `self::…` paths, and those references form no
//! two-way pair (a module's own children, named by bare paths, are its business).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn sources(folder: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/gui/canvas/mod.rs` → `gui::canvas`; `src/gui/app/menus.rs` → `gui::app::menus`.
fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code without comments, string literals and its `#[cfg(test)]` tail.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or_default();
        let mut in_string = false;
        for c in line.chars() {
            match c {
                '"' => in_string = !in_string,
                _ if in_string => {}
                _ => out.push(c),
            }
        }
        out.push('\n');
    }
    out
}

/// Every path that starts at `crate`, `super` or `self`, with the names of a `{…}` group that
/// follows one (`use super::{a, b::C}` gives `super::a` and `super::b::C`).
fn paths(code: &str) -> Vec<Vec<String>> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let bytes: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let starts_word = at == 0 || !word(bytes[at - 1]) && bytes[at - 1] != ':';
        let rest: String = bytes[at..bytes.len().min(at + 6)].iter().collect();
        if !(starts_word
            && (rest.starts_with("crate::")
                || rest.starts_with("super:")
                || rest.starts_with("self::")))
        {
            at += 1;
            continue;
        }
        let mut path = Vec::new();
        let mut name = String::new();
        while at < bytes.len() {
            let c = bytes[at];
            if word(c) {
                name.push(c);
                at += 1;
            } else if c == ':' && bytes.get(at + 1) == Some(&':') {
                path.push(std::mem::take(&mut name));
                at += 2;
            } else {
                break;
            }
        }
        if !name.is_empty() {
            path.push(name);
        }
        if bytes.get(at) == Some(&'{') {
            let close = bytes[at..]
                .iter()
                .position(|c| *c == '}')
                .map_or(bytes.len(), |p| at + p);
            let group: String = bytes[at + 1..close].iter().collect();
            for item in group.split(',') {
                let first = item.trim().split("::").next().unwrap_or_default().trim();
                let first: String = first.chars().take_while(|c| word(*c)).collect();
                if !first.is_empty() && first != "self" {
                    let mut joined = path.clone();
                    joined.push(first);
                    out.push(joined);
                }
            }
            at = close;
        }
        out.push(path);
    }
    out
}

/// The deepest module of the crate that `path`, written in `from`, leads to.
fn resolve(from: &Module, path: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    let mut base: Module = match path.first()?.as_str() {
        "crate" => Vec::new(),
        _ => from.clone(),
    };
    let mut rest = &path[1..];
    if path[0] == "super" {
        base.pop();
        while rest.first().is_some_and(|p| p == "super") {
            base.pop();
            rest = &rest[1..];
        }
    }
    base.extend(rest.iter().cloned());
    (1..=base.len())
        .rev()
        .map(|n| base[..n].to_vec())
        .find(|m| modules.contains(m))
}

#[test]
fn no_gui_module_imports_a_module_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src.join("gui"), &mut files);
    let modules: BTreeSet<Module> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut imports: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for file in &files {
        let from = module_of(&src, file);
        let text = code(&std::fs::read_to_string(file).unwrap());
        let found = imports.entry(from.clone()).or_default();
        for path in paths(&text) {
            if let Some(to) = resolve(&from, &path, &modules)
                && to != from
            {
                found.insert(to);
            }
        }
    }
    let mut both_ways = Vec::new();
    for (a, targets) in &imports {
        for b in targets {
            if a < b && imports.get(b).is_some_and(|back| back.contains(a)) {
                both_ways.push(format!("{} <-> {}", a.join("::"), b.join("::")));
            }
        }
    }
    assert!(both_ways.is_empty(), "imported both ways: {both_ways:#?}");
    // The reading itself works: the canvas is seen to import the view state.
    assert!(
        imports[&vec!["gui".to_string(), "canvas".to_string()]]
            .contains(&vec!["gui".to_string(), "view_state".to_string()])
    );
}
