//! Code mirror benchmark: indexes a tarball of real source from this machine (the Python
//! standard library and the Rust crates in cargo's registry: Python, Rust, C, JavaScript and
//! more, with the binary and oversized files a real repository has), then reports the time,
//! the memory at its peak, the index's size against the source's, and `locate`'s latency.
//!
//! `cargo bench --bench code`. `BENCH_CODE_DIRS` (colon-separated) chooses the source,
//! `BENCH_CODE_FILES` (default 5000) and `BENCH_CODE_MB` (default 100) bound the tarball,
//! `BENCH_QUERIES` (default 500) the `locate` calls.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use coordinator::analysis::ThreadDoc;
use coordinator::analysis::locate::locate;
use coordinator::analysis::signals::Project;
use coordinator::code::{CodeIndex, Limits, SymbolKind, unpack};
use coordinator::store::{Reactions, RepoName, Thread, ThreadState};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Files under `dirs`, in a stable order, until `max_files` or `max_bytes`.
fn collect(dirs: &[PathBuf], max_files: usize, max_bytes: u64) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut total = 0u64;
    for (n, root) in dirs.iter().enumerate() {
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let Ok(read) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut entries: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
            entries.sort();
            for path in entries.into_iter().rev() {
                let Ok(meta) = std::fs::symlink_metadata(&path) else {
                    continue;
                };
                if meta.is_dir() {
                    stack.push(path);
                } else if meta.is_file() {
                    if out.len() >= max_files || total + meta.len() > max_bytes {
                        return out;
                    }
                    total += meta.len();
                    let rel = path.strip_prefix(root).unwrap_or(&path);
                    out.push((format!("src{n}/{}", rel.display()), path));
                }
            }
        }
    }
    out
}

fn tarball(files: &[(String, PathBuf)]) -> (Vec<u8>, u64) {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    let mut bytes = 0u64;
    for (name, path) in files {
        let Ok(data) = std::fs::read(path) else {
            continue;
        };
        bytes += data.len() as u64;
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_entry_type(tar::EntryType::Regular);
        header.set_cksum();
        if tar
            .append_data(
                &mut header,
                format!("bench-repo-0000000/{name}"),
                data.as_slice(),
            )
            .is_err()
        {
            continue;
        }
    }
    let gz = tar.into_inner().expect("tar");
    (gz.finish().expect("gzip"), bytes)
}

fn rss_hwm_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1000.0)
}

fn thread(number: i64, title: String, body: String) -> Thread {
    Thread {
        repo: "bench/repo".into(),
        number,
        github_id: number,
        is_pull_request: false,
        title,
        body: Some(body),
        state: ThreadState::Open,
        state_reason: None,
        user: Some("reporter".into()),
        author_association: Some("NONE".into()),
        labels: Vec::new(),
        reactions: Reactions::default(),
        comment_count: 0,
        created_at: 0,
        updated_at: 0,
        closed_at: None,
        merged: None,
        draft: None,
        html_url: format!("https://github.com/bench/repo/issues/{number}"),
    }
}

/// An issue that points at real code: a traceback through a function of the index (as the
/// package is installed), a message it raises, and names in backticks.
fn issue(index: &CodeIndex, rng: &mut StdRng, number: i64) -> ThreadDoc {
    let functions: Vec<_> = index
        .symbols
        .iter()
        .filter(|s| matches!(s.kind, SymbolKind::Function | SymbolKind::Method))
        .collect();
    let f = functions[rng.random_range(0..functions.len())];
    let g = functions[rng.random_range(0..functions.len())];
    let path = &index.files[f.file as usize].path;
    let message = &index.messages[rng.random_range(0..index.messages.len())];
    let shown = message.text.replace('\u{1}', "value");
    let body = format!(
        "It fails:\n\n```\nTraceback (most recent call last):\n  File \"/home/u/app.py\", line 3, in <module>\n    run()\n  File \"/usr/lib/python3/site-packages/{path}\", line {}, in {}\n    {}\nError: {shown}\n```\n\nMaybe `{}` is involved, or `{}`.\n",
        f.line,
        f.name,
        f.excerpt.lines().next().unwrap_or("").trim(),
        g.name,
        f.name,
    );
    ThreadDoc {
        thread: thread(number, format!("{} fails", f.name), body),
        comments: Vec::new(),
        timeline_refs: Vec::new(),
    }
}

fn main() {
    let home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(&std::env::var("HOME").unwrap_or_default()).join(".cargo"));
    let default_dirs = format!(
        "/usr/lib/python3.11:{}",
        home.join("registry/src").display()
    );
    let dirs: Vec<PathBuf> = std::env::var("BENCH_CODE_DIRS")
        .unwrap_or(default_dirs)
        .split(':')
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .collect();
    let max_files = env_usize("BENCH_CODE_FILES", 5000);
    let max_bytes = env_usize("BENCH_CODE_MB", 100) as u64 * 1_000_000;
    let queries = env_usize("BENCH_QUERIES", 500);

    let files = collect(&dirs, max_files, max_bytes);
    let (tar, unpacked) = tarball(&files);
    println!(
        "source: {} files, {:.1} MB unpacked, tarball {:.1} MB (from {})",
        files.len(),
        mb(unpacked as usize),
        mb(tar.len()),
        dirs.iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );

    let mut times = Vec::new();
    let mut index = CodeIndex::default();
    let mut peak_during = 0usize;
    for _ in 0..3 {
        drop(std::mem::take(&mut index));
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let started = Instant::now();
        index = unpack::index_tarball(tar.as_slice(), "bench/repo", "0000000", Limits::default())
            .expect("indexed");
        times.push(started.elapsed());
        peak_during = peak_during.max(PEAK.load(Ordering::Relaxed) - before);
    }
    times.sort();
    let blob = index.to_blob().expect("blob");
    let kept_source = index.bytes;
    println!(
        "index: {} files kept, {} definitions, {} messages, {} test files; skipped: {}",
        index.files.len(),
        index.symbols.len(),
        index.messages.len(),
        index.files.iter().filter(|f| f.test).count(),
        index.skipped.describe()
    );
    println!(
        "build: median {:.2} s (min {:.2} s, max {:.2} s) over 3 runs",
        times[1].as_secs_f64(),
        times[0].as_secs_f64(),
        times[2].as_secs_f64()
    );
    println!(
        "size on disk: {:.1} MB = {:.1}% of the {:.1} MB of source read ({:.1}% of the whole tree)",
        mb(blob.len()),
        100.0 * blob.len() as f64 / kept_source as f64,
        mb(kept_source as usize),
        100.0 * blob.len() as f64 / unpacked as f64
    );
    println!(
        "memory: heap at the peak of one build {:.1} MB above the tarball held in memory ({:.1} MB); process RSS high-water mark {:.1} MB",
        mb(peak_during),
        mb(tar.len()),
        rss_hwm_mb()
    );
    let started = Instant::now();
    let loaded = CodeIndex::from_blob(&blob).expect("loads");
    println!(
        "load from the stored blob: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    let repo = RepoName::parse("bench/repo").expect("repo");
    let mut project = Project::new(&repo);
    project.defined =
        coordinator::analysis::signals::code_defined_names(&loaded).map(std::sync::Arc::new);
    let mut rng = StdRng::seed_from_u64(7);
    let docs: Vec<ThreadDoc> = (0..queries as i64)
        .map(|n| issue(&loaded, &mut rng, n + 1))
        .collect();
    let mut latencies: Vec<Duration> = Vec::new();
    let mut found = 0usize;
    for doc in &docs {
        let started = Instant::now();
        let pointers = locate(doc, &loaded, &project, "https://github.com");
        latencies.push(started.elapsed());
        found += pointers.len();
    }
    latencies.sort();
    let pct =
        |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize].as_secs_f64() * 1000.0;
    println!(
        "locate: {} issues, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms; {:.1} pointers per issue",
        latencies.len(),
        pct(0.5),
        pct(0.95),
        pct(1.0),
        found as f64 / docs.len() as f64
    );
}
