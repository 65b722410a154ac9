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
    let mut triage = String::new();
    let mut sweep = String::new();
    let only_triage = std::env::var("QUALITY_TRIAGE_ONLY").is_ok();
    for dir in dirs {
        let corpus = corpus::Corpus::load(&dir);
        if !only_triage {
            let report = quality::report(&corpus);
            let md = quality::markdown(&corpus.name, &report);
            let (head, rest) = md.split_once('\n').unwrap_or((&md, ""));
            println!("{head}");
            details.push_str(&format!("\n{}:\n{rest}", corpus.name));
        }
        if !corpus.labels.sweep.is_empty() {
            let r = quality::sweep_report(&corpus);
            sweep.push_str(&quality::sweep_markdown(&corpus.name, &r));
            sweep.push('\n');
            if std::env::var("QUALITY_MISSES").is_ok() {
                for w in &r.wrong {
                    eprintln!("SWEEP {}: {w}", corpus.name);
                }
            }
        }
        if !corpus.labels.triage.is_empty() {
            let r = quality::triage_report(&corpus);
            triage.push_str(&quality::triage_markdown(&corpus.name, &r));
            triage.push('\n');
        }
    }
    println!("{details}");
    println!(
        "| set | judged | judged ready | called ready | precision | recall | outcome agreement | top 5 judged ready |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    println!("{triage}");
    println!(
        "| set | judged | closable | proposed | precision (reason) | precision (closable) | recall (reason) |"
    );
    println!("|---|---|---|---|---|---|---|");
    println!("{sweep}");
    if let (Ok(dir), Ok(numbers)) = (std::env::var("QUALITY_DIR"), std::env::var("QUALITY_SHOW")) {
        let corpus = corpus::Corpus::load(&dir);
        let index = quality::build(&corpus, corpus.docs.clone());
        for n in numbers
            .split(',')
            .filter_map(|n| n.trim().parse::<i64>().ok())
        {
            let doc = corpus.docs.iter().find(|d| d.thread.number == n);
            let v = index.triage(
                n,
                &coordinator::analysis::TriageConfig::default(),
                corpus.now,
            );
            println!(
                "#{n} {:?}",
                v.as_ref()
                    .map(|v| (v.outcome, &v.blockers, &v.evidence, &v.reasons))
            );
            let related = index
                .related_to(n, doc, &coordinator::analysis::RelatedQuery::default())
                .unwrap_or_default();
            for r in related.iter().take(6) {
                let t = index.thread(r.number);
                println!(
                    "   #{} {:.2} {:?} pr={} merged={:?} created={} {} [{}]",
                    r.number,
                    r.score,
                    r.state,
                    r.is_pull_request,
                    t.as_ref().and_then(|t| t.merged),
                    t.as_ref().map_or(0, |t| t.created_at / 86_400_000),
                    r.title,
                    r.reasons.join(" | ")
                );
            }
        }
    }
    if let Ok(dirs) = std::env::var("QUALITY_DUPSTATS") {
        for dir in dirs.split(':') {
            let corpus = corpus::Corpus::load(dir);
            let index = quality::build(&corpus, corpus.docs.clone());
            for label in &corpus.labels.triage {
                let n = label.number;
                let Some(doc) = corpus.docs.iter().find(|d| d.thread.number == n) else {
                    continue;
                };
                let created = doc.thread.created_at;
                let related = index
                    .related_to(
                        n,
                        Some(doc),
                        &coordinator::analysis::RelatedQuery::default(),
                    )
                    .unwrap_or_default();
                let mut closed_issue = (0.0, 0i64, String::new());
                let mut merged_after = (0.0, 0i64, String::new());
                for r in &related {
                    let Some(t) = index.thread(r.number) else {
                        continue;
                    };
                    if !t.is_pull_request
                        && t.state == coordinator::store::ThreadState::Closed
                        && t.created_at < created
                        && r.score > closed_issue.0
                    {
                        closed_issue = (
                            r.score,
                            r.number,
                            format!(
                                "txt {:.2} ttl {:.2} pr {} err {} {:?} || {}",
                                r.text_similarity,
                                r.title_similarity,
                                !index.claiming_pull_requests(r.number).is_empty(),
                                r.reasons.iter().any(|x| x.starts_with("same error")),
                                t.state_reason,
                                r.reasons.join(" | ")
                            ),
                        );
                    }
                    if t.is_pull_request
                        && t.merged == Some(true)
                        && t.created_at > created
                        && r.score > merged_after.0
                    {
                        merged_after = (r.score, r.number, r.reasons.join(" | "));
                    }
                }
                println!(
                    "DUP\t{}\t{}\t{}\t{:.2}\t#{}\t{:.2}\t#{}\t{}\t{}",
                    corpus.name,
                    n,
                    quality::label_outcome(label).map_or("?", |o| o.as_str()),
                    closed_issue.0,
                    closed_issue.1,
                    merged_after.0,
                    merged_after.1,
                    closed_issue.2.chars().take(150).collect::<String>(),
                    merged_after.2.chars().take(150).collect::<String>()
                );
            }
        }
    }
    if let Ok(dir) = std::env::var("QUALITY_MISSES") {
        let corpus = corpus::Corpus::load(&dir);
        if std::env::var("QUALITY_SWEEP").is_ok() {
            let r = quality::sweep_report(&corpus);
            for m in r.wrong.iter().chain(&r.missed) {
                println!("{m}");
            }
        } else if std::env::var("QUALITY_TRIAGE").is_ok() {
            for m in quality::triage_misses(&corpus) {
                println!("{m}");
            }
            let index = quality::build(&corpus, corpus.docs.clone());
            let top = index.candidates(
                &coordinator::analysis::TriageConfig::default(),
                corpus.now,
                5,
                false,
            );
            for v in &top.verdicts {
                let judged = corpus
                    .labels
                    .triage
                    .iter()
                    .find(|l| l.number == v.number)
                    .and_then(quality::label_outcome)
                    .map_or("?", |o| o.as_str());
                let title = index.thread(v.number).map(|t| t.title).unwrap_or_default();
                println!(
                    "TOP #{} judged {judged} score {} impact {} {title}",
                    v.number, v.score, v.impact
                );
            }
        } else {
            for m in quality::misses(&corpus, std::env::var("QUALITY_BLIND").is_ok()) {
                println!("{m}");
            }
        }
    }
    // `QUALITY_TWINS=DIR`: for each judged open issue, the earlier open issues related to it
    // with their text and title similarities (for calibrating the open-twin rule).
    if let Ok(dir) = std::env::var("QUALITY_TWINS") {
        let corpus = corpus::Corpus::load(&dir);
        let index = quality::build(&corpus, corpus.docs.clone());
        for label in &corpus.labels.triage {
            let Some(me) = index.thread(label.number) else {
                continue;
            };
            let related = index
                .related(label.number, &Default::default())
                .unwrap_or_default();
            for r in related {
                let Some(t) = index.thread(r.number) else {
                    continue;
                };
                if t.is_pull_request
                    || t.state != coordinator::store::ThreadState::Open
                    || t.created_at >= me.created_at
                {
                    continue;
                }
                println!(
                    "TWIN {}\t#{}\t{}\t#{}\ttext {:.2} title {:.2} {:?}\t{} | {}",
                    corpus.name,
                    label.number,
                    label.outcome,
                    r.number,
                    r.text_similarity,
                    r.title_similarity,
                    r.kinds,
                    me.title.chars().take(60).collect::<String>(),
                    t.title.chars().take(60).collect::<String>()
                );
            }
        }
    }
    // `QUALITY_LOCATE=DIR`: what `locate` finds in the corpus's source tree for each open
    // issue, next to its triage label (for reading, not scored).
    if let Ok(dir) = std::env::var("QUALITY_LOCATE") {
        let corpus = corpus::Corpus::load(&dir);
        let Some(code) = quality::code_of(&corpus) else {
            println!("{dir} has no source tree");
            return;
        };
        println!("{}: {}", corpus.name, code.summary());
        let index = quality::build(&corpus, corpus.docs.clone());
        let project = index.project_with(&code);
        for label in &corpus.labels.triage {
            let Some(doc) = corpus.docs.iter().find(|d| d.thread.number == label.number) else {
                continue;
            };
            let pointers =
                coordinator::analysis::locate::locate(doc, &code, &project, "https://github.com");
            println!(
                "\n#{} [{}] {}",
                label.number, label.outcome, doc.thread.title
            );
            for p in pointers.iter().take(8) {
                println!(
                    "  {:<10} {}:{}{}  {}",
                    format!("{:?}", p.kind),
                    p.path,
                    p.line,
                    if p.stale { " [stale]" } else { "" },
                    p.why
                );
            }
        }
    }
}
