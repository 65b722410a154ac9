//! The analysis measured on every corpus: related-thread recall@10 and MRR per corpus and per
//! kind, link-blind, next to plain BM25 (the tables of BENCHMARKS.md).
//!
//! `cargo bench --bench quality`. `QUALITY_CORPORA` names the corpora of `tests/data` to
//! measure (default `corpus,webframe,cli,jslib`; the held-out `heldout` is measured only when
//! named); `QUALITY_EXTRA` adds directories of local samples (colon-separated).

#[path = "../tests/common/corpus.rs"]
mod corpus;
#[path = "../tests/common/quality.rs"]
mod quality;

#[path = "../tests/common/github/mod.rs"]
mod github;

fn main() {
    let names = std::env::var("QUALITY_CORPORA")
        .unwrap_or_else(|_| "corpus,webframe,cli,jslib".to_string());
    let mut dirs: Vec<std::path::PathBuf> = names
        .split(',')
        .filter(|n| !n.is_empty())
        .map(|n| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data")
                .join(n)
        })
        .collect();
    if let Ok(extra) = std::env::var("QUALITY_EXTRA") {
        dirs.extend(extra.split(':').filter(|p| !p.is_empty()).map(Into::into));
    }
    println!(
        "| corpus | queries | ours recall@10 / MRR | BM25 | ours, link-blind | BM25, link-blind |"
    );
    println!("|---|---|---|---|---|---|");
    let mut details = String::new();
    for dir in dirs {
        let corpus = corpus::Corpus::load(&dir);
        let report = quality::report(&corpus);
        let md = quality::markdown(&corpus.name, &report);
        let (head, rest) = md.split_once('\n').unwrap_or((&md, ""));
        println!("{head}");
        details.push_str(&format!("\n{}:\n{rest}", corpus.name));
    }
    println!("{details}");
    if let Ok(dir) = std::env::var("QUALITY_MISSES") {
        let corpus = corpus::Corpus::load(&dir);
        for m in quality::misses(&corpus, std::env::var("QUALITY_BLIND").is_ok()) {
            println!("{m}");
        }
    }
}
