//! `serve`: the webhook server and the job worker in one process, started together and
//! stopped together.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context as _, Result};
use secrecy::SecretString;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

pub use crate::config::Mode;
use crate::jobs::{Handlers, Worker, WorkerConfig};
use crate::metrics::Metrics;
use crate::server::intake::Intake;
use crate::server::{AppState, router};
use crate::store::{Backend, Store};

/// Everything `serve` needs, already validated.
pub struct ServeConfig {
    pub listen: SocketAddr,
    pub webhook_path: String,
    pub secrets: Vec<SecretString>,
    /// Shown in the startup line, password removed.
    pub database: String,
    pub mode: Mode,
    pub worker: WorkerConfig,
    /// Attempts a delivery's job gets before it is dead.
    pub max_attempts: i64,
    /// Off for an intake-only replica (and in tests of a restart between 202 and the job).
    pub run_worker: bool,
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    pub metrics: Arc<Metrics>,
    shutdown: CancellationToken,
    task: JoinHandle<Result<()>>,
}

impl Running {
    /// Stops accepting, writes what was accepted, lets running jobs finish (or gives their
    /// leases back), and returns when all of it is done.
    pub async fn stop(self) -> Result<()> {
        self.shutdown.cancel();
        self.wait().await
    }

    /// Waits for the server to end (after its shutdown token is cancelled).
    pub async fn wait(self) -> Result<()> {
        self.task.await.context("the server task panicked")?
    }
}

/// Binds the listener and starts the server, the intake writers and the worker.
pub async fn start(
    config: ServeConfig,
    store: Arc<dyn Store>,
    handlers: Handlers,
    metrics: Arc<Metrics>,
    shutdown: CancellationToken,
) -> Result<Running> {
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}: is the port in use?", config.listen))?;
    let addr = listener.local_addr()?;
    let wake = Arc::new(Notify::new());
    let writers = match store.backend() {
        Backend::Sqlite => 1,
        Backend::Postgres => 4,
    };
    let (intake, mut writer_tasks) = Intake::start(store.clone(), writers, wake.clone());
    let state = AppState {
        secrets: config.secrets.into(),
        intake,
        store: store.clone(),
        metrics: metrics.clone(),
        max_attempts: config.max_attempts,
    };
    let app = router(state, &config.webhook_path);

    match &config.mode {
        Mode::DryRun { .. } => warn!(
            "=== coordinator serve: {} === nothing is sent to GitHub or Slack; database {} ({}); listening on http://{}{}",
            config.mode,
            config.database,
            store.backend(),
            addr,
            config.webhook_path
        ),
        mode => info!(
            "=== coordinator serve: {} === database {} ({}); listening on http://{}{}",
            mode,
            config.database,
            store.backend(),
            addr,
            config.webhook_path
        ),
    }

    let worker = config.run_worker.then(|| {
        Worker::new(
            store.clone(),
            handlers,
            config.worker.clone(),
            wake,
            metrics.clone(),
        )
    });
    let worker_stop = shutdown.child_token();
    let server_stop = shutdown.clone();
    let stop_all = shutdown.clone();
    let task = tokio::spawn(async move {
        let worker_task = worker.map(|w| tokio::spawn(w.run(worker_stop)));
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(server_stop.cancelled_owned())
            .await;
        // Ended by itself (an accept error): the worker stops too, or this would wait forever.
        stop_all.cancel();
        // The router, and with it every sender of the intake, is gone: the writers finish
        // what was accepted and stop.
        while writer_tasks.join_next().await.is_some() {}
        if let Some(worker_task) = worker_task {
            worker_task.await.context("the job worker panicked")?;
        }
        info!("coordinator stopped");
        served.context("the HTTP server failed")
    });
    Ok(Running {
        addr,
        metrics,
        shutdown,
        task,
    })
}

/// A token cancelled on SIGINT or SIGTERM.
pub fn shutdown_on_signals() -> CancellationToken {
    let token = CancellationToken::new();
    let cancel = token.clone();
    tokio::spawn(async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut sig) => {
                    sig.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            _ = ctrl_c => info!("SIGINT: shutting down"),
            _ = term => info!("SIGTERM: shutting down"),
        }
        cancel.cancel();
    });
    token
}
