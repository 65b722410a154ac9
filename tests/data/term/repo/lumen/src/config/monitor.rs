//! Live config reload.

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::LOG_TARGET;
use crate::display::{EventProxy, UserEvent};

const DEBOUNCE: Duration = Duration::from_millis(20);

/// Watch `path` and send `UserEvent::ConfigReload` when it changes.
///
/// Editors often save by writing a temporary file and renaming it over the
/// original, so we watch the parent directory rather than the file itself.
pub fn watch(path: PathBuf, proxy: EventProxy) -> Option<JoinHandle<()>> {
    // Follow symlinks so we watch the directory that really holds the file.
    let canonical = match path.canonicalize() {
        Ok(canonical) => canonical,
        Err(err) => {
            log::error!(target: LOG_TARGET, "Unable to canonicalize config path {:?}: {}", path, err);
            return None;
        },
    };
    let parent = canonical.parent()?.to_path_buf();

    let (tx, rx) = mpsc::channel();
    let mut watcher: RecommendedWatcher = match notify::recommended_watcher(tx) {
        Ok(watcher) => watcher,
        Err(err) => {
            log::error!(target: LOG_TARGET, "Unable to create file watcher: {}", err);
            return None;
        },
    };
    if let Err(err) = watcher.watch(&parent, RecursiveMode::NonRecursive) {
        log::error!(target: LOG_TARGET, "Unable to watch {:?}: {}", parent, err);
        return None;
    }
    log::debug!(target: LOG_TARGET, "Watching {:?} for changes to {:?}", parent, path);

    let handle = thread::Builder::new().name("config watcher".into()).spawn(move || {
        let _watcher = watcher;
        loop {
            let event: Event = match rx.recv() {
                Ok(Ok(event)) => event,
                Ok(Err(err)) => {
                    log::debug!(target: LOG_TARGET, "Config watcher error: {}", err);
                    continue;
                },
                Err(_) => return,
            };

            if !matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_)) {
                continue;
            }
            if !event.paths.iter().any(|changed| changed == &path) {
                continue;
            }

            // Let the editor finish writing.
            thread::sleep(DEBOUNCE);
            while rx.try_recv().is_ok() {}
            proxy.send(UserEvent::ConfigReload(path.clone()));
        }
    });
    handle.ok()
}
