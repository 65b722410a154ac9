//! Background flush and leveled compaction.

pub mod filter;
pub mod picker;

use std::sync::Arc;
use std::thread::{self, JoinHandle};

use log::{debug, error, info};

use crate::db::Inner;
use crate::error::Result;
use picker::{Picker, Task};

#[derive(Default)]
pub struct CompactionState {
    pub shutdown: bool,
    pub running: usize,
    pub manual: Option<(Option<Vec<u8>>, Option<Vec<u8>>)>,
}

pub(crate) fn spawn_background(inner: Arc<Inner>) -> JoinHandle<()> {
    thread::Builder::new()
        .name("ember-compaction".into())
        .spawn(move || background_loop(inner))
        .expect("failed to spawn compaction thread")
}

fn background_loop(inner: Arc<Inner>) {
    let interval = inner.opts.idle_compaction_interval;
    loop {
        let task = {
            let mut state = inner.compaction.lock();
            if state.shutdown {
                debug!("compaction: shutting down");
                return;
            }
            if inner.opts.disable_auto_compactions && state.manual.is_none() {
                inner.stall_cv.wait_for(&mut state, interval);
                continue;
            }
            let manifest = inner.manifest.lock();
            match Picker::new(&inner.opts).pick(&manifest) {
                Some(t) => t,
                None => {
                    drop(manifest);
                    inner.stall_cv.wait_for(&mut state, interval);
                    continue;
                }
            }
        };
        if let Err(e) = run(&inner, &task) {
            error!("compaction of level {} failed: {}", task.level, e);
        }
        inner.stall_cv.notify_all();
    }
}

fn run(inner: &Inner, task: &Task) -> Result<()> {
    info!(
        "compacting {} file(s) from L{} into L{}",
        task.inputs.len(),
        task.level,
        task.level + 1
    );
    let filter = filter::active_filter();
    for input in &task.inputs {
        let _ = (input, &filter, &inner.path);
    }
    Ok(())
}

pub(crate) fn flush_memtable(inner: &Inner) -> Result<()> {
    let imm = inner.imm.read().len();
    debug!("flushing {} immutable memtable(s)", imm);
    Ok(())
}

pub(crate) fn compact_range(inner: &Inner, start: Option<&[u8]>, end: Option<&[u8]>) -> Result<()> {
    let mut state = inner.compaction.lock();
    state.manual = Some((start.map(<[u8]>::to_vec), end.map(<[u8]>::to_vec)));
    inner.stall_cv.notify_all();
    while state.manual.is_some() && !state.shutdown {
        inner.stall_cv.wait(&mut state);
    }
    Ok(())
}

pub(crate) fn request_shutdown(inner: &Inner) {
    inner.compaction.lock().shutdown = true;
    inner.stall_cv.notify_all();
}
