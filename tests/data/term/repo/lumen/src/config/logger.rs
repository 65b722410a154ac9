//! stderr logger: `[0.482191814s] [ERROR] [lumen_config] message`.

use std::io::Write;
use std::time::Instant;

use log::{LevelFilter, Log, Metadata, Record};

pub struct Logger {
    level: LevelFilter,
    start: Instant,
}

impl Logger {
    pub fn new(level: LevelFilter, start: Instant) -> Self {
        Logger { level, start }
    }
}

impl Log for Logger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= self.level
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let elapsed = self.start.elapsed();
        let target = record.target().split("::").next().unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "[{}.{:09}s] [{:<5}] [{}] {}",
            elapsed.as_secs(),
            elapsed.subsec_nanos(),
            record.level(),
            target,
            record.args()
        );
    }

    fn flush(&self) {}
}
