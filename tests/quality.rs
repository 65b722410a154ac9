//! Floors for the analysis on the corpora written blind to it (`tests/data/{webframe,cli,
//! jslib,heldout,gpulib,pkgtool,dbdriver,proxy,term,jvmhttp,meshkit,jobrunner,bundler,phpweb,
//! dotnet,elixir,swiftimg,sparkconn,driftline,
//! tfnimbus,shelfapp,lensql}`): related-thread recall@10 and MRR,
//! link-blind recall, and the triage's precision and recall on the issues judged ready. The
//! floors sit just under what BENCHMARKS.md reports, so a change that costs quality fails
//! here. (`heldout`, then `gpulib`, `pkgtool`, `dbdriver`, `proxy`, `term`, `jvmhttp`, `meshkit`, `jobrunner`, `bundler`, `phpweb`, `dotnet`, `elixir`, `swiftimg`,
//! `sparkconn`, `driftline`, `tfnimbus`, `shelfapp` and `lensql` were each held out until their misses were read to tune the analysis; they are
//! development sets now, and the next blind set is still to be written.)

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/github/mod.rs"]
mod github;
#[path = "common/quality.rs"]
mod quality;

use std::path::Path;

struct Floor {
    name: &'static str,
    recall: f64,
    mrr: f64,
    blind_recall: f64,
    /// Of the issues called ready, the share judged ready.
    precision: f64,
    /// Of the issues judged ready, the share called ready.
    ready_recall: f64,
}

const FLOORS: &[Floor] = &[
    Floor {
        name: "webframe",
        recall: 0.97,
        mrr: 0.90,
        blind_recall: 0.90,
        precision: 0.90,
        ready_recall: 0.90,
    },
    Floor {
        name: "cli",
        recall: 0.94,
        mrr: 0.89,
        blind_recall: 0.90,
        precision: 0.90,
        ready_recall: 0.84,
    },
    Floor {
        name: "jslib",
        recall: 0.97,
        mrr: 0.82,
        blind_recall: 0.88,
        precision: 0.85,
        ready_recall: 0.90,
    },
    Floor {
        name: "heldout",
        recall: 0.93,
        mrr: 0.83,
        blind_recall: 0.84,
        precision: 0.90,
        ready_recall: 0.90,
    },
    // Held out and measured once (0.67 precision), then its misses were read: a development
    // set since.
    Floor {
        name: "gpulib",
        recall: 0.93,
        mrr: 0.86,
        blind_recall: 0.87,
        precision: 0.80,
        ready_recall: 0.90,
    },
    // Held out and measured once (0.82 precision, 0.69 recall), then its misses were read: a
    // development set since.
    Floor {
        name: "pkgtool",
        recall: 0.95,
        mrr: 0.90,
        blind_recall: 0.88,
        precision: 0.90,
        ready_recall: 0.90,
    },
    // Held out and measured once (link-blind recall 0.871, under BM25's 0.873; triage 0.67
    // precision, 0.77 recall), then its misses were read: a development set since.
    Floor {
        name: "dbdriver",
        recall: 0.97,
        mrr: 0.89,
        blind_recall: 0.88,
        precision: 0.75,
        ready_recall: 0.75,
    },
    // Held out and measured once (related 0.994 / 0.864, link-blind 0.886; triage 0.89
    // precision, 0.62 recall), then its misses were read: a development set since.
    Floor {
        name: "proxy",
        recall: 0.98,
        mrr: 0.85,
        blind_recall: 0.87,
        precision: 0.88,
        ready_recall: 0.75,
    },
    // Held out and measured once (related 0.998 / 0.914, link-blind 0.917; triage 0.47
    // precision, 0.54 recall), then its misses were read: a development set since.
    Floor {
        name: "term",
        recall: 0.98,
        mrr: 0.89,
        blind_recall: 0.90,
        precision: 0.75,
        ready_recall: 0.75,
    },
    // Held out and measured once (related 0.967 / 0.982, link-blind 0.887; triage 0.83
    // precision, 0.71 recall), then its misses were read: a development set since.
    Floor {
        name: "jvmhttp",
        recall: 0.97,
        mrr: 0.97,
        blind_recall: 0.89,
        precision: 0.83,
        ready_recall: 0.75,
    },
    // Held out and measured once (related 0.984 / 0.934, link-blind 0.875; triage 0.56
    // precision, 0.64 recall), then its misses were read: a development set since.
    Floor {
        name: "meshkit",
        recall: 0.98,
        mrr: 0.92,
        blind_recall: 0.86,
        precision: 0.83,
        ready_recall: 0.77,
    },
    // Held out and measured once (related 0.992 / 0.966, link-blind 0.858; triage 0.56
    // precision, 0.36 recall), then its misses were read: a development set since.
    Floor {
        name: "jobrunner",
        recall: 0.98,
        mrr: 0.95,
        blind_recall: 0.84,
        precision: 0.90,
        ready_recall: 0.90,
    },
    // Held out and measured once after jobrunner's changes (related 0.975 / 0.909,
    // link-blind 0.863; triage 0.59 precision, 0.71 recall), then read.
    Floor {
        name: "bundler",
        recall: 0.96,
        mrr: 0.89,
        blind_recall: 0.85,
        precision: 0.70,
        ready_recall: 0.75,
    },
    // Held out and measured once (related 0.983 / 0.922, link-blind 0.899; triage 0.52
    // precision, 0.85 recall), then read.
    Floor {
        name: "phpweb",
        recall: 0.96,
        mrr: 0.89,
        blind_recall: 0.87,
        precision: 0.90,
        ready_recall: 0.85,
    },
    // Held out and measured once after phpweb's changes (related 0.984 / 0.965, link-blind
    // 0.896; triage 0.92 precision, 0.86 recall), then read.
    Floor {
        name: "dotnet",
        recall: 0.96,
        mrr: 0.94,
        blind_recall: 0.87,
        precision: 0.90,
        ready_recall: 0.85,
    },
    // Held out and measured once after all of the ninth session's other changes (related
    // 0.944 / 0.765, link-blind 0.767: below the bars; triage 0.62 / 0.62), then read.
    Floor {
        name: "elixir",
        recall: 0.94,
        mrr: 0.85,
        blind_recall: 0.89,
        precision: 0.80,
        ready_recall: 0.65,
    },
    // Held out and measured once with the ninth session's code (related 0.975 / 0.877,
    // link-blind 0.902; triage 0.80 precision, 0.86 recall), then read.
    Floor {
        name: "swiftimg",
        recall: 0.96,
        mrr: 0.86,
        blind_recall: 0.89,
        precision: 0.90,
        ready_recall: 0.85,
    },
    // Held out and measured once with all of the tenth session's other changes (related
    // 0.964 / 0.863, link-blind 0.851; triage 0.71 precision, 0.77 recall), then read.
    Floor {
        name: "sparkconn",
        recall: 0.95,
        mrr: 0.85,
        blind_recall: 0.84,
        precision: 0.90,
        ready_recall: 0.80,
    },
    // Held out and measured once with the tenth session's code (related 1.000 / 0.945,
    // link-blind 0.932; triage 0.75 precision, 0.86 recall), then read.
    Floor {
        name: "driftline",
        recall: 0.98,
        mrr: 0.93,
        blind_recall: 0.92,
        precision: 0.95,
        ready_recall: 0.85,
    },
    // Held back and measured once after all of the eleventh session's changes (related
    // 1.000 / 0.854, link-blind 0.957; triage 0.67 precision, 0.53 recall), then read.
    Floor {
        name: "tfnimbus",
        recall: 0.98,
        mrr: 0.84,
        blind_recall: 0.94,
        precision: 0.65,
        ready_recall: 0.50,
    },
    // Held out and measured once with the eleventh session's code (related 0.964 / 0.970,
    // link-blind 0.829; triage 0.86 precision, 0.86 recall), then read.
    Floor {
        name: "shelfapp",
        recall: 0.95,
        mrr: 0.95,
        blind_recall: 0.82,
        precision: 0.95,
        ready_recall: 0.90,
    },
    // Held back and measured once after all of the twelfth session's changes up to then
    // (related 0.958 / 0.922, link-blind 0.825; triage 0.61 precision, 0.73 recall), then read.
    Floor {
        name: "lensql",
        recall: 0.95,
        mrr: 0.90,
        blind_recall: 0.81,
        precision: 0.75,
        ready_recall: 0.70,
    },
];

fn load(name: &str) -> corpus::Corpus {
    corpus::Corpus::load(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
}

#[test]
fn related_threads_hold_on_the_blind_corpora() {
    let mut failures = Vec::new();
    for floor in FLOORS {
        let corpus = load(floor.name);
        let index = quality::build(&corpus, corpus.docs.clone());
        let labels = &corpus.labels.related;
        let ours = quality::evaluate(labels, &corpus.docs, quality::ours(&index, &corpus.docs));
        let blind_docs = corpus.link_blind();
        let blind_index = quality::build(&corpus, blind_docs.clone());
        let blind = quality::evaluate(
            labels,
            &blind_docs,
            quality::ours(&blind_index, &blind_docs),
        );
        println!(
            "{}: recall@10 {:.3}, MRR {:.3}, link-blind recall@10 {:.3}",
            floor.name, ours.recall_at_10, ours.mrr, blind.recall_at_10
        );
        if ours.recall_at_10 < floor.recall
            || ours.mrr < floor.mrr
            || blind.recall_at_10 < floor.blind_recall
        {
            failures.push(format!(
                "{}: recall@10 {:.3} (floor {}), MRR {:.3} (floor {}), link-blind {:.3} (floor {})",
                floor.name,
                ours.recall_at_10,
                floor.recall,
                ours.mrr,
                floor.mrr,
                blind.recall_at_10,
                floor.blind_recall
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_triage_calls_ready_what_a_maintainer_would() {
    let mut failures = Vec::new();
    for floor in FLOORS {
        let corpus = load(floor.name);
        let r = quality::triage_report(&corpus);
        let precision = r.ready_both as f64 / r.ready_called.max(1) as f64;
        let recall = r.ready_both as f64 / r.ready_judged.max(1) as f64;
        println!("{}", quality::triage_markdown(floor.name, &r));
        if precision < floor.precision || recall < floor.ready_recall {
            failures.push(format!(
                "{}: precision {precision:.2} (floor {}), recall {recall:.2} (floor {})",
                floor.name, floor.precision, floor.ready_recall
            ));
        }
        // Most of the five best candidates are judged ready.
        assert!(
            r.top5_ready >= 3,
            "{}: top 5 {}/{}",
            floor.name,
            r.top5_ready,
            r.top5_judged
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
