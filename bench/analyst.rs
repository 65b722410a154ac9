//! What the optional analyst costs: the time it adds to a prompt with a stand-in model that
//! answers in 2 s (cold, and from the cache), and the tokens a request takes on the evaluation
//! corpus (every open issue).
//!
//! `cargo bench --bench analyst`. `BENCH_MODEL_MS` changes the model's answer time.

#[allow(dead_code, clippy::all)]
#[path = "../tests/common/github/mod.rs"]
mod github;

#[allow(dead_code, clippy::all)]
#[path = "../tests/common/corpus.rs"]
mod corpus;

#[allow(dead_code, clippy::all)]
#[path = "../tests/common/model.rs"]
mod model;

use std::sync::Arc;
use std::time::{Duration, Instant};

use coordinator::analysis::RepoIndex;
use coordinator::analyst::check::Evidence;
use coordinator::analyst::{Analyst, Consultation, Provider};
use coordinator::config::repo::RepoConfig;
use coordinator::metrics::Metrics;
use coordinator::prompt::render::Templates;
use coordinator::prompt::{Assembled, CodeContext, Gathered, PromptRequest, assemble};
use coordinator::store::{SqliteStore, Store, ThreadState};

const NOW: i64 = 1_793_491_200_000;
const SAMPLE: usize = 10;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let i = ((values.len() as f64 * p).ceil() as usize).clamp(1, values.len()) - 1;
    values[i]
}

fn assembled(index: &RepoIndex, number: i64) -> (Gathered, Assembled) {
    let gathered =
        Gathered::from_docs(index, number, corpus::corpus().docs.iter().cloned()).expect("gathers");
    let config = RepoConfig::default();
    let repo = corpus::repo();
    let assembled = assemble(
        index,
        &PromptRequest {
            repo: &repo,
            number,
            config: &config,
            cross_references: &[],
            default_branch: "main",
            now: NOW,
            code: CodeContext::NotAsked,
        },
        &gathered,
    )
    .expect("assembles");
    (gathered, assembled)
}

#[tokio::main]
async fn main() {
    let answer_ms: u64 = std::env::var("BENCH_MODEL_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let index = RepoIndex::build(corpus::repo(), corpus::corpus().docs.iter().cloned());
    let open: Vec<i64> = corpus::corpus()
        .docs
        .iter()
        .filter(|d| !d.thread.is_pull_request && d.thread.state == ThreadState::Open)
        .map(|d| d.thread.number)
        .collect();
    let stand_in = model::ModelStandIn::start().await;
    stand_in.always(model::Step::Slow(
        Duration::from_millis(answer_ms),
        model::mixed_answer(990),
    ));
    let settings = model::settings(Provider::OpenAi, &stand_in.url);
    let max_output = i64::from(settings.max_output_tokens);
    let analyst = Analyst::new(settings, Arc::new(Metrics::default())).expect("analyst");
    let dir = tempfile::tempdir().expect("dir");
    let store: Arc<dyn Store> = Arc::new(
        SqliteStore::connect(&format!("sqlite://{}/bench.db", dir.path().display()))
            .await
            .expect("store"),
    );
    let templates = Templates::embedded().expect("templates");

    // Tokens a request takes, over every open issue (about four characters a token).
    let mut input: Vec<f64> = Vec::new();
    for &n in &open {
        let (_, a) = assembled(&index, n);
        let (system, user) = analyst.request(&a.data);
        input.push(((system.len() + user.len()) as f64 / 4.0).ceil());
    }
    let (p50, p90, max) = (
        percentile(&mut input, 0.5),
        percentile(&mut input, 0.9),
        percentile(&mut input, 1.0),
    );

    // The time it adds, on a sample of the open issues.
    let (mut without, mut cold, mut cached) = (Vec::new(), Vec::new(), Vec::new());
    for &n in open.iter().take(SAMPLE) {
        let started = Instant::now();
        let (_, a) = assembled(&index, n);
        templates.render_prompt(&a.data).expect("renders");
        without.push(ms(started.elapsed()));
        for out in [&mut cold, &mut cached] {
            let started = Instant::now();
            let (gathered, mut a) = assembled(&index, n);
            let texts = gathered.texts();
            let exists = |k: i64| index.thread(k).is_some();
            let consulted = analyst
                .consult(
                    store.as_ref(),
                    &Consultation {
                        data: &a.data,
                        evidence: Evidence {
                            thread_exists: &exists,
                            code: None,
                            texts: &texts,
                        },
                    },
                    chrono::Utc::now(),
                )
                .await
                .expect("answers");
            a.data.analyst = Some(consulted.view);
            templates.render_prompt(&a.data).expect("renders");
            out.push(ms(started.elapsed()));
        }
    }
    println!(
        "analyst: {} open issues of the corpus; model answering in {answer_ms} ms; {SAMPLE} prompts timed",
        open.len()
    );
    println!(
        "request tokens (input, estimated at 4 chars/token): p50 {p50:.0}, p90 {p90:.0}, max {max:.0}; plus at most {max_output} output"
    );
    println!(
        "prompt without the analyst: p50 {:.1} ms; with it, cold: p50 {:.1} ms (adds {:.1} ms); from the cache: p50 {:.1} ms",
        percentile(&mut without.clone(), 0.5),
        percentile(&mut cold.clone(), 0.5),
        percentile(&mut cold, 0.5) - percentile(&mut without, 0.5),
        percentile(&mut cached, 0.5),
    );
    println!("model requests made: {}", stand_in.seen().len());
}
