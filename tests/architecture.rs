//! Imports run one way, down the layers that `src/lib.rs` lists: a module uses only modules of
//! lower layers, so there are no cycles between the crate's top-level modules.

use std::collections::BTreeMap;
use std::path::Path;

/// Each top-level module and its layer (higher numbers are higher layers).
const LAYERS: &[(&str, u8)] = &[
    // Leaves: no `crate::` imports of their own but each other.
    ("error", 0),
    ("ids", 0),
    ("markdown", 0),
    ("messages", 1),
    // Storage and configuration.
    ("store", 2),
    ("config", 2),
    ("metrics", 3),
    // Pure or outward-facing services over the store.
    ("github", 4),
    ("analysis", 5),
    ("slack", 4),
    ("views", 4),
    ("code", 4),
    // Work over them.
    ("server", 6),
    ("jobs", 6),
    ("mirror", 6),
    ("prompt", 6),
    ("publish", 7),
    ("analyst", 7),
    // The bot's handlers.
    ("bot", 8),
    // The binary.
    ("app", 9),
    ("telemetry", 9),
    ("cli", 10),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn imports_run_down_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let uses = regex::Regex::new(r"crate::([a-z_]+)").expect("regex");
    let grouped = regex::Regex::new(r"crate::\{([^}]*)\}").expect("regex");
    let mut graph: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).expect("under src");
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
            .expect("a name");
        if top == "lib" || top == "main" {
            continue;
        }
        let Some(own) = layer(&top) else {
            wrong.push(format!("{top} is not in LAYERS: give it a layer"));
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("readable");
        // `crate::x` and the names of `crate::{x, y}`.
        let mut used_names: Vec<String> = uses
            .captures_iter(&text)
            .map(|c| c[1].to_string())
            .collect();
        for group in grouped.captures_iter(&text) {
            used_names.extend(
                group[1]
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap_or("").to_string())
                    .filter(|n| !n.is_empty()),
            );
        }
        for used in &used_names {
            let used = used.as_str();
            if used == top {
                continue;
            }
            graph
                .entry(top.clone())
                .or_default()
                .insert(used.to_string());
            match layer(used) {
                Some(l) if l < own => {}
                Some(l) => wrong.push(format!(
                    "{} (layer {own}) uses crate::{used} (layer {l})",
                    relative.display()
                )),
                None => wrong.push(format!("{} uses unknown crate::{used}", relative.display())),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
    // Every module of lib.rs has a layer, and the layers are what lib.rs documents.
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    for line in lib.lines().filter_map(|l| l.strip_prefix("pub mod ")) {
        let name = line.trim_end_matches(';');
        assert!(layer(name).is_some(), "{name} has no layer");
    }
}
