//! The analyst's key is never logged nor put in an error, whatever the model's API answers.
//! A process of its own: the log subscriber is global, so nothing else runs beside it.

mod common;

use std::sync::{Arc, Mutex};

use coordinator::analyst::Analyst;
use coordinator::analyst::Provider;
use coordinator::metrics::Metrics;

use common::model::*;
use common::*;

/// Captures what the process logs while `body` runs.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("buffer").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_is_never_logged() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");

    let db = TestDb::new(Db::Sqlite).await;
    let store = db.store().await;
    let model = ModelStandIn::start().await;
    let case = case_990();
    model
        .then(Step::Status(
            401,
            format!(r#"{{"error": {{"message": "Incorrect API key provided: {KEY}"}}}}"#),
            None,
        ))
        .then(Step::Status(500, KEY.into(), None))
        .then(Step::Answer(format!("not json {KEY}")))
        .then(Step::Answer(mixed_answer(1)));
    let s = settings(Provider::OpenAi, &model.url);
    assert!(!format!("{s:?}").contains(KEY), "settings print no key");
    let analyst = Analyst::new(s, Arc::new(Metrics::default())).expect("analyst");
    let mut errors = Vec::new();
    for _ in 0..4 {
        if let Err(err) = consult(&analyst, store.as_ref(), &case).await {
            errors.push(format!("{err} {err:?} {}", err.note()));
        }
    }
    assert_eq!(errors.len(), 3);
    let logs = String::from_utf8_lossy(&captured.0.lock().expect("buffer")).to_string();
    assert!(
        logs.contains("the analyst's answer is not in this prompt"),
        "{logs}"
    );
    assert!(!logs.contains(KEY), "the key was logged:\n{logs}");
    for e in errors {
        assert!(!e.contains(KEY), "{e}");
    }
}
