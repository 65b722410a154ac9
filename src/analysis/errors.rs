//! Error lines as signatures: exceptions, compiler and linker diagnostics, loader failures,
//! named runtime error codes, panics, assertions and crashes, each normalised so that the same
//! failure on another machine, path or version reads the same, and tied to the innermost frame
//! of the project's own code that raised it.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::signals::{ErrorKind, ErrorSignal, Extracted, Project};
use super::text::{Line, LineKind, truncate};

// Bounds per thread, so a thread with a thousand pasted tracebacks costs what one with fifty does.
const MAX_ERRORS: usize = 64;
pub(crate) const MAX_SIGNATURE: usize = 240;
const MAX_EXAMPLE: usize = 200;
const MAX_FRAMES: usize = 256;

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    // Log decorations in front of an error line: `[rank3]:`, pytest's `E   `, a prompt, a
    // timestamp and level, a `file.py:12: ` warning location, Android's log tags
    // (`E/AndroidRuntime( 1234): `, `08-12 09:03:44.201 17730 17802 W Tag : `), the JVM's
    // `Caused by: ` in front of the exception that caused the one above, PHP's error-log
    // timestamp (`[07-Nov-2026 10:12:01 UTC]`) and its `PHP Fatal error:  Uncaught ` in front
    // of the exception; a browser console's `Uncaught` (after the script's place:
    // `main.dart.js:31877 Uncaught (in promise) TypeError: ...`), Flutter's engine tag
    // (`[ERROR:flutter/runtime/dart_vm_initializer.cc(41)]`) and Dart's `Unhandled
    // Exception: ` in front of the error.
    let others = r"\s*(?:[\w./-]+\.(?:m?js|dart|wasm)(?::\d+){1,2}\s+)?Uncaught(?:\s+\(in promise\))?\s+|\s*\[(?:ERROR|FATAL):[^\]\s]*\]\s*|\s*Unhandled [Ee]xception:\s*|\s*(?:Caused by|Suppressed):\s|\s*\[\d\d-[A-Z][a-z]{2}-\d{4} [\d:]+(?: [A-Za-z/_]+)?\]\s*|\s*(?:PHP )?(?:Recoverable f|F)atal error:\s+Uncaught\s+|\s*\[rank\s*\d+\]:?|\s*E\s+|\s*>>>\s|\s*\[?\d{4}-\d\d-\d\d[T ][\d:.,]+\]?\s*(?:-\s*)?|\s*\[?(?:ERROR|FATAL|CRITICAL|WARNING|INFO|DEBUG)\]?\s*(?:[:-]\s*)?(?:\w+\s*[:-]\s*)?|\s*(?:[A-Za-z]:)?[\w./\\~+-]+\.py:\d+:\s+)";
    super::text::regex(&format!(
        r"^(?:\s*(?:{})|{others}",
        super::text::LOG_TAG_PATTERN
    ))
});

/// Where PHP says an error happened, after its message: ` in /app/src/X.php:34`, ` in
/// C:\app\X.php on line 34`.
static PHP_LOCATION: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"\s+in\s+(?:[A-Za-z]:)?[\\/]?[\w./\\-]+\.php(?::\d+|\s+on\s+line\s+\d+)\.?$",
    )
});

// Every error pattern below contains one of these: most lines are ruled out by one scan.
static ERROR_HINT: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)error|exception|warning|exit|interrupt|fault|failure|bad state|null check operator|is not a subtype|invalid argument|unsupported operation|undefined|unresolved|cannot|not found|panic|assert|what\(\)|segmentation|illegal|aborted|status_|nccl|::\w+:\s|\.rb:\d+:in\s",
    )
});

static EXCEPTION: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^(?:[A-Za-z_][\w]*(?:\.|::))*(?P<ty>[A-Z][A-Za-z0-9_]*(?:Error|Exception|Warning|Exit|Interrupt|Fault|Failure))(?:(?:\s?\([^()]{0,40}\))?\s*:\s*(?P<msg>.*))?$",
    )
});
static JAVA_EXCEPTION: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r#"^Exception in thread "[^"]*" (?:[\w$]+\.)*(?P<ty>[\w$]+)(?::\s*(?P<msg>.*))?$"#,
    )
});
/// A Ruby exception named by its namespace, whatever its name ends with
/// (`Kiln::Serializer::UnsafeArgument: Job arguments must be ...`).
static RUBY_EXCEPTION: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"^(?:[A-Z][A-Za-z0-9_]*::)+(?P<ty>[A-Z][A-Za-z0-9_]*):\s+(?P<msg>\S.*)$")
});
/// Ruby's first backtrace line, where the exception was raised, its message and its class in
/// parentheses after it: `/app/gems/kiln-2.4.1/lib/kiln/fetcher.rb:45:in 'block in fetch':
/// Connection timed out (Redis::TimeoutError)`.
static RUBY_RAISE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^(?:from\s+)?\S+?\.(?:rb|erb|rake|ru):\d+:in [`'‘][^`'’]+[`'’]:\s*(?P<msg>.*?)\s*\((?:[A-Z][A-Za-z0-9_]*::)*(?P<ty>[A-Z][A-Za-z0-9_]*)\)$",
    )
});
/// A Ruby backtrace frame: `from /app/gems/kiln-2.4.1/lib/kiln/fetcher.rb:31:in 'block in
/// fetch'` (Ruby 3.4 writes `'Kiln::Fetcher#fetch'`).
static RUBY_FRAME: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^(?:from\s+)?(?P<path>\S+?\.(?:rb|erb|rake|ru)):(?P<line>\d+):in [`'‘](?P<func>[^`'’]+)[`'’]",
    )
});
/// A JavaScript stack frame (V8's): `at resolveZone (file:///srv/app/node_modules/tempora/
/// dist/tempora.esm.js:88:11)`, `at new ZonedDateTime (...)`, `at async load (...)`, or a bare
/// `at /app/dist/cli.js:12:5`.
static JS_FRAME: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^at\s+(?:async\s+)?(?:(?:new\s+)?(?P<func>[\w$.<>\[\] ]{1,120}?)\s+\((?P<path>[^()\s]+?):(?P<line>\d+):\d+\)|(?P<bare>[^()\s]+?):(?P<bline>\d+):\d+)$",
    )
});
/// Dart's errors as they print themselves, without their type: `Bad state: ...` is a
/// StateError, `Invalid argument(s): ...` an ArgumentError, a failed cast or null check a
/// TypeError.
static DART_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^(?:(?P<state>Bad state)|(?P<arg>Invalid argument\(s\))|(?P<unsupported>Unsupported operation)|(?P<concurrent>Concurrent modification during iteration)):\s*(?P<msg>.*)$|^(?P<cast>(?:Null check operator used on a null value|type '[^']+' is not a subtype of type '[^']+'(?: in type cast| of '[^']+')?))\.?$",
    )
});
/// A Dart stack frame, written after its error, innermost first: `#0      SyncEngine._apply
/// (package:driftline/src/sync/engine.dart:214:7)`, `(dart:async/zone.dart:1434:47)`,
/// `(file:///app/lib/main.dart:12:3)`.
static DART_FRAME: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^#\d+\s+(?P<func>\S.*?)\s+\((?P<path>(?:package:|dart:|file:///?)[^()\s]*?\.dart):(?P<line>\d+)(?::\d+)?\)$",
    )
});
/// A Go goroutine frame, written after its panic, innermost first: the function by its
/// package path (`github.com/acme/tool/internal/provider.flattenCertificate(0xc0003f4d20)`,
/// `...provider.(*certificateResource).Read(...)`), then its file on a line of its own
/// (`/src/internal/provider/resource_certificate.go:188 +0x1c6`, indented by a tab).
static GO_FRAME: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^(?P<pkg>[\w.-]+(?:/[\w.-]+)+)\.(?P<func>(?:\(\*?\w+\)\.)?\w+(?:\.func\d+)*)\((?:[\w, .]*)\)$",
    )
});
static GO_FILE_LINE: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"^\S+\.go:\d+(?: \+0x[0-9a-f]+)?$"));
static UNDEFINED_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"undefined reference to [`'‘]?(?P<sym>[^`'’\s]+)"));
static UNRESOLVED_EXTERNAL: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"unresolved external symbol (?P<sym>[^\s,]+)"));
static UNDEFINED_SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"undefined symbol:?\s+(?P<sym>[\w$@.]+)"));
static CANNOT_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?P<lib>[\w.+-]+\.(?:so|dll|dylib|pyd)[\w.]*): cannot open shared object file",
    )
});
static SYMBOL_VERSION: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?P<sym>GLIBC(?:XX)?_[\d.]+|CXXABI_[\d.]+)[`'’]?\s+not found")
});
static COMPILER_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    // nvcc and MSVC: `kernels.cu(123): error: ...`, `ops.cpp(12): error C2059: ...`
    super::text::regex(
        r"(?P<file>[\w.~+-]+\.\w{1,4})\(\d+(?:,\d+)?\)\s*:\s*(?:fatal\s+)?error(?:\s+(?P<code>[A-Z]+\d+))?\s*:\s*(?P<msg>.+)",
    )
});
static COMPILER_COLON: LazyLock<Regex> = LazyLock::new(|| {
    // gcc and clang: `ops.cpp:12:5: error: ...`
    super::text::regex(
        r"(?P<file>[\w.~+-]+\.\w{1,4}):\d+(?::\d+)?:\s*(?:fatal\s+)?error:\s*(?P<msg>.+)",
    )
});
static FATAL_ERROR: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"^fatal error:\s*(?P<msg>.+)"));
static LINKER_CANNOT_FIND: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"\bld(?:\.\w+)?: cannot find (?P<lib>\S+)"));
static PANIC: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"thread '[^']*' panicked at (?P<rest>.+)"));
static OLD_PANIC: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"^'(?P<msg>.*)', (?P<loc>\S+)$"));
static GO_PANIC: LazyLock<Regex> = LazyLock::new(|| super::text::regex(r"^panic: (?P<msg>.+)"));
static ASSERTION: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?:Assertion [`'‘](?P<c>.+?)[`'’] failed|^assertion (?:failed: (?P<r>.+)|`(?P<r2>[^`]+)` failed))",
    )
});
static CPP_WHAT: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"^\s*what\(\):\s*(?P<msg>.+)"));
static ERROR_CODE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"\b(?P<code>(?:hipError|cudaError|cuda_error_|CUDA_ERROR_|CUBLAS_STATUS_|CUSPARSE_STATUS_|CUDNN_STATUS_|NCCL_|HSA_STATUS_ERROR_)[A-Za-z0-9_]+)",
    )
});
static RUNTIME_ERROR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"^(?P<api>CUDA|HIP|cuda|hip|XPU|MPS) (?:runtime )?error:\s*(?P<msg>.+)")
});
static CRASH: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)^(?:fatal python error: (?P<py>.+)|(?:[\w./ -]*:\s*)?(?P<sig>segmentation fault|illegal instruction|bus error|floating point exception|aborted)(?: \(core dumped\))?)",
    )
});

static PY_FRAME: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r#"^\s*File "(?P<path>[^"]+)", line (?P<line>\d+), in (?P<func>\S+)"#)
});
static IPY_FRAME: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"^\s*(?P<path>\S+\.py) in (?P<func>[\w<>.]+)\("));
static NATIVE_FRAME: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^\s*#\d+\s+(?:0x[0-9a-fA-F]+ in )?(?P<func>[\w:~<>]+)\s*\(.*?\)(?: at (?P<path>[^\s:]+):(?P<line>\d+))?",
    )
});
static RUST_FRAME: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"^\s*\d+:\s+(?:0x[0-9a-f]+ - )?(?P<func>[A-Za-z_][\w]*(?:::[\w<>]+)+)")
});
/// A JVM stack frame (`at io.acme.Headers$Builder.add(Headers.kt:98)`), the whole line once
/// its log prefix (Android's `E/AndroidRuntime(1234): `) is gone; a Java 9 module may lead
/// it (`java.base/java.lang.Long.parseLong`). A sentence that ends "... at torch.load(f)" is
/// not one.
static JAVA_FRAME: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^at\s+(?:[\w.@-]+/)?(?P<func>[A-Za-z_$][\w$]*(?:\.[\w$<>-]+)+)\((?P<file>[^():]*)(?::(?P<line>\d+))?\)\s*$",
    )
});
static HELPER_FRAME: LazyLock<Regex> = LazyLock::new(|| {
    // Frames that raise, check or wrap: shared by every error that passes through them.
    super::text::regex(
        r"(?i)check|raise|assert|require|ensure|validat|verify|guard|wrap|decorat|error|^__(?:exit|call|getattr|enter)__$|_call_impl|^inner$|^<",
    )
});

struct Frame {
    path: String,
    func: String,
    line: Option<u32>,
}

/// A traceback frame as a reader sees it: the file, the line, the function, and the source
/// line the traceback quotes under it (Python's do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameRef {
    pub path: String,
    pub line: Option<u32>,
    pub func: String,
    pub source: Option<String>,
}

/// Every traceback frame with a path in `text`, in the order written.
pub fn frames(text: &str) -> Vec<FrameRef> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(frame) = parse_frame(line) else {
            continue;
        };
        if frame.path.is_empty() {
            continue;
        }
        // The quoted source: the next line, indented further, when it is not a frame itself.
        let source = lines.get(i + 1).and_then(|next| {
            let indent = |s: &str| s.len() - s.trim_start().len();
            let t = next.trim();
            (line.trim_start().starts_with("File \"")
                && indent(next) > indent(line)
                && !t.is_empty()
                && parse_frame(next).is_none()
                && !t.starts_with('^')
                && !t.starts_with('~'))
            .then(|| t.to_string())
        });
        out.push(FrameRef {
            path: frame.path,
            line: frame.line,
            func: frame.func,
            source,
        });
    }
    out
}

/// A line's leading log level or error word (`ERROR`, `[warn]`, `Error:`, `npm ERR!`,
/// `fatal:`): the rest of the line is a message.
static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^(?:npm\s+ERR!|yarn\s+error|\[(?i:error|err|warning|warn|fatal|critical|panic)\]|(?i:error|err|warning|warn|fatal|critical|panic)\s*(?:\[[^\]]{1,40}\])?\s*[:!\-]|(?:ERROR|WARNING|WARN|FATAL|CRITICAL)\b)\s*",
    )
});

/// A level within a log line's decoration (`2024-01-01 10:00:00 ERROR app:`).
static LOGGED_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?:^|[\s\[|])(?:ERROR|WARNING|WARN|FATAL|CRITICAL)(?:[\s\]|:]|$)")
});

/// What may stand between a log line's level and its message: the logger or module that
/// wrote it (`[lumen_terminal]`, `app.db:`, `store::wal]`, Ruby's `-- :`).
static LOGGER: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^(?:\[[\w.:/@-]{1,60}\]|[\w.:/@-]{1,60}\]|[\w./@-]{1,60}(?:::[\w.@-]+)*:(?:\s|$)|--\s*(?:[\w.:-]{0,60}\s*)?:)\s*",
    )
});

/// The message of a line logged with a level: what follows a leading level (`ERROR: ...`),
/// or the level inside its decoration (`[0.93s] [ERROR] [app] ...`,
/// `[2026-10-01T18:01:44Z ERROR app::term] ...`) and the logger after it. Two reports of one
/// failure differ in the decoration, not in this.
fn logged_message(text: &str) -> Option<&str> {
    if let Some(m) = LEVEL.find(text) {
        return Some(&text[m.end()..]);
    }
    let head = truncate(text, 80);
    let m = LOGGED_LEVEL.find(head)?;
    let rest = text[m.end()..].trim_start();
    let rest = LOGGER.find(rest).map_or(rest, |l| &rest[l.end()..]);
    Some(rest)
}

/// Text in backticks or quotes: how a message is quoted in a title or a sentence.
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r#"`([^`\n]{8,300})`|"([^"\n]{8,300})"|“([^”\n]{8,300})”|'([^'\n]{12,300})'"#,
    )
});

/// A structured log line's level, when it is a failure's: JSON (`"level":"error"`) or logfmt
/// (`level=warn`).
static STRUCTURED_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r#"(?i)"(?:level|lvl|severity)"\s*:\s*"(?:error|err|warn|warning|fatal|panic|critical)"|(?:^|\s)(?:level|lvl|severity)=(?:error|err|warn|warning|fatal|panic|critical)\b"#,
    )
});
/// A structured log line's fields that say what failed, most specific first: the error, then
/// the message.
static STRUCTURED_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r#""(?:err|error|exception)"\s*:\s*"((?:[^"\\]|\\.)*)"|(?:^|\s)(?:err|error)=(?:"((?:[^"\\]|\\.)*)"|(\S+))"#,
    )
});
static STRUCTURED_MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r#""(?:msg|message)"\s*:\s*"((?:[^"\\]|\\.)*)"|(?:^|\s)msg=(?:"((?:[^"\\]|\\.)*)"|(\S+))"#,
    )
});

/// What a structured log line of a failure says failed: its error field, or its message
/// when it has none. The timestamps, levels and other fields around it vary between two
/// reports of one failure; this does not.
fn structured_message(line: &str) -> Option<&str> {
    if !STRUCTURED_LEVEL.is_match(line) {
        return None;
    }
    let field = |re: &Regex| {
        re.captures(line)
            .and_then(|c| (1..=3).find_map(|i| c.get(i)))
            .map(|m| m.as_str())
            .filter(|m| !m.trim().is_empty())
    };
    field(&STRUCTURED_ERROR).or_else(|| field(&STRUCTURED_MESSAGE))
}

/// Words that make a quoted phrase or a logged line an error message.
static MESSAGE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)\b(?:error|errors|failed|failure|fails|cannot|can't|could not|couldn't|unable|invalid|unexpected|not found|no such|not supported|unsupported|deprecated|denied|refused|timed out|timeout|missing|must be|expected|undefined|unknown|illegal|not allowed|too many|exceeded|mismatch|corrupt)\b",
    )
});

/// The message key of `msg` (already without type or level): normalised, at least three
/// words, at most forty.
fn message_key(msg: &str) -> Option<String> {
    let norm = normalize_message(msg);
    let words = norm
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    ((3..=40).contains(&words)).then(|| format!("msg: {norm}"))
}

fn strip_prefixes(line: &str) -> &str {
    let mut s = line.trim();
    // A quotation of an earlier comment or of a log.
    while let Some(rest) = s.strip_prefix('>') {
        s = rest.trim_start();
    }
    // Decorations can stack (`[rank0]: 2024-01-01 10:00:00 ERROR ...`).
    for _ in 0..4 {
        match PREFIX.find(s) {
            Some(m) if m.end() > 0 => s = s[m.end()..].trim_start(),
            _ => break,
        }
    }
    s.trim_end()
}

fn parse_frame(line: &str) -> Option<Frame> {
    if let Some(frame) = parse_trailing_frame(line) {
        return Some(frame);
    }
    let t = line.trim_start();
    let maybe = t.starts_with("File \"")
        || line.contains(".py in ")
        || t.starts_with('#')
        || (t.starts_with(|c: char| c.is_ascii_digit()) && line.contains("::"));
    if !maybe {
        return None;
    }
    for re in [&*PY_FRAME, &*IPY_FRAME] {
        if let Some(c) = re.captures(line) {
            return Some(Frame {
                path: c.name("path")?.as_str().to_string(),
                func: c.name("func")?.as_str().to_string(),
                line: c.name("line").and_then(|l| l.as_str().parse().ok()),
            });
        }
    }
    if let Some(c) = NATIVE_FRAME.captures(line) {
        return Some(Frame {
            path: c.name("path").map(|m| m.as_str()).unwrap_or("").to_string(),
            func: c.name("func")?.as_str().to_string(),
            line: c.name("line").and_then(|l| l.as_str().parse().ok()),
        });
    }
    if let Some(c) = RUST_FRAME.captures(line) {
        return Some(Frame {
            path: String::new(),
            func: c.name("func")?.as_str().to_string(),
            line: None,
        });
    }
    None
}

/// A frame of a trace written after its error, innermost first: the JVM's, Ruby's and
/// JavaScript's.
fn parse_trailing_frame(line: &str) -> Option<Frame> {
    parse_java_frame(line.trim_end())
        .or_else(|| parse_ruby_frame(line))
        .or_else(|| parse_js_frame(line))
        .or_else(|| parse_dart_frame(line))
        .or_else(|| parse_go_frame(line))
}

/// A Go frame; its path the package's (`github.com/acme/tool/internal/provider`, whose
/// components name the project), its function the method (`Read` of
/// `(*certificateResource).Read`). The file line under it is a frame of no function, so a
/// trace read line by line goes on past it.
fn parse_go_frame(line: &str) -> Option<Frame> {
    let t = line.trim();
    if GO_FILE_LINE.is_match(t) {
        return Some(Frame {
            path: String::new(),
            func: String::new(),
            line: None,
        });
    }
    if !t.ends_with(')') || !t.contains('/') {
        return None;
    }
    let c = GO_FRAME.captures(t)?;
    let func = c.name("func")?.as_str();
    Some(Frame {
        path: format!("{}/", c.name("pkg")?.as_str()),
        func: func.rsplit('.').next().unwrap_or(func).to_string(),
        line: None,
    })
}

/// A line a trace writes between its frames, or between its error and its frames: an
/// elision (`... 12 more`), Dart's `<asynchronous suspension>`, Go's `[signal SIGSEGV ...]`
/// and `goroutine 112 [running]:`.
fn is_between_frames(line: &str) -> bool {
    line.is_empty()
        || line.starts_with("...")
        || line == "<asynchronous suspension>"
        || line.starts_with("[signal ")
        || (line.starts_with("goroutine ") && line.ends_with(':'))
}

/// A Dart frame; its path without the `package:` scheme (so that the package's name is its
/// first directory), its function the method (`_apply` of `SyncEngine._apply`).
fn parse_dart_frame(line: &str) -> Option<Frame> {
    let t = line.trim();
    if !t.starts_with('#') || !t.contains(".dart:") {
        return None;
    }
    let c = DART_FRAME.captures(t)?;
    let path = c.name("path")?.as_str();
    let path = path
        .strip_prefix("package:")
        .or_else(|| path.strip_prefix("file://"))
        .unwrap_or(path);
    let func = c.name("func")?.as_str();
    Some(Frame {
        path: path.to_string(),
        func: func.rsplit('.').next().unwrap_or(func).to_string(),
        line: c.name("line").and_then(|l| l.as_str().parse().ok()),
    })
}

/// A Ruby frame; its function is the method (`fetch` of `block in fetch` or of
/// `Kiln::Fetcher#fetch`).
fn parse_ruby_frame(line: &str) -> Option<Frame> {
    if !line.contains(".rb:") && !line.contains(".erb:") && !line.contains(".rake:") {
        return None;
    }
    let c = RUBY_FRAME.captures(line.trim())?;
    let func = c.name("func")?.as_str();
    let method = func.rsplit(' ').next().unwrap_or(func);
    let method = method.rsplit(['#', '.']).next().unwrap_or(method);
    Some(Frame {
        path: c.name("path")?.as_str().to_string(),
        func: method.to_string(),
        line: c.name("line").and_then(|l| l.as_str().parse().ok()),
    })
}

/// A JavaScript frame; its path without the `file://` scheme, its function without `new`.
fn parse_js_frame(line: &str) -> Option<Frame> {
    let t = line.trim();
    if !t.starts_with("at ") || !t.ends_with(|c: char| c == ')' || c.is_ascii_digit()) {
        return None;
    }
    // The runtime's own frames (`at new DateTimeFormat (<anonymous>)`, `(node:internal/...)`)
    // are frames without a file of anyone's project.
    if let Some(inner) = t.strip_suffix(')')
        && let Some((head, place)) = inner.rsplit_once(" (")
        && (place == "<anonymous>" || place == "native" || place.starts_with("node:"))
    {
        let func = head
            .trim_start_matches("at ")
            .rsplit(' ')
            .next()
            .unwrap_or("");
        return Some(Frame {
            path: String::new(),
            func: func.to_string(),
            line: None,
        });
    }
    let c = JS_FRAME.captures(t)?;
    let (path, line_no, func) = match (c.name("path"), c.name("bare")) {
        (Some(p), _) => (
            p.as_str(),
            c.name("line"),
            c.name("func").map_or("", |f| f.as_str()),
        ),
        (None, Some(p)) => (p.as_str(), c.name("bline"), ""),
        _ => return None,
    };
    let path = path.strip_prefix("file://").unwrap_or(path);
    let is_js = [".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".mts", ".cts"]
        .iter()
        .any(|ext| path.ends_with(ext));
    if !is_js {
        return None;
    }
    let func = func.rsplit(' ').next().unwrap_or(func);
    Some(Frame {
        path: path.to_string(),
        func: func.to_string(),
        line: line_no.and_then(|l| l.as_str().parse().ok()),
    })
}

/// A JVM frame, its path made of the package and the file (`io/acme/Headers.kt`), as a
/// source tree lays it out; the function is the class and method (`Headers$Builder.add`).
fn parse_java_frame(line: &str) -> Option<Frame> {
    if !line.contains("at ") || !line.trim_end().ends_with(')') {
        return None;
    }
    let c = JAVA_FRAME.captures(strip_prefixes(line))?;
    let func = c.name("func")?.as_str();
    let file = c.name("file").map_or("", |m| m.as_str());
    let parts: Vec<&str> = func.split('.').collect();
    // The package is the lowercase components before the class.
    let class_at = parts
        .iter()
        .position(|p| p.starts_with(|ch: char| ch.is_ascii_uppercase()))
        .unwrap_or(parts.len().saturating_sub(2));
    let package = parts[..class_at].join("/");
    let source_file = file.ends_with(".java") || file.ends_with(".kt") || file.ends_with(".scala");
    let path = match (package.is_empty(), source_file) {
        (_, false) => String::new(),
        (true, true) => file.to_string(),
        (false, true) => format!("{package}/{file}"),
    };
    Some(Frame {
        path,
        func: parts[class_at.min(parts.len())..].join("."),
        line: c.name("line").and_then(|l| l.as_str().parse().ok()),
    })
}

/// The frame as `dir/file:function` when it is the project's own code and not a helper that
/// every error passes through.
fn project_frame(frame: &Frame, project: &Project) -> Option<String> {
    let leaf = frame.func.rsplit([':', '.']).next().unwrap_or(&frame.func);
    if leaf.is_empty() || HELPER_FRAME.is_match(leaf) {
        return None;
    }
    if frame.path.is_empty() {
        // Native and Rust frames name the crate or namespace instead of a path.
        let first = frame.func.split("::").next().unwrap_or("");
        return project.is_name(first).then(|| frame.func.to_lowercase());
    }
    let path = frame.path.replace('\\', "/");
    let comps: Vec<&str> = path
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    if comps.len() < 2 || !comps[..comps.len() - 1].iter().any(|c| project.is_name(c)) {
        return None;
    }
    let tail = comps[comps.len() - 2..].join("/").to_lowercase();
    Some(format!("{tail}:{}", leaf.to_lowercase()))
}

pub(super) fn extract_errors(
    lines: &[Line<'_>],
    project: &Project,
    out: &mut Extracted,
    seen: &mut HashSet<(String, Option<String>)>,
    block: &mut u32,
) {
    let mut frames: Vec<Frame> = Vec::new();
    *block += 1;
    for (i, line) in lines.iter().enumerate() {
        if out.errors.len() >= MAX_ERRORS {
            return;
        }
        // A fenced block or a dump is one block; each line of prose is its own.
        if !matches!(line.kind, LineKind::Code | LineKind::Dump(_)) {
            *block += 1;
        }
        if !line.has_signals() {
            continue;
        }
        let text = strip_prefixes(line.text);
        // PHP says where it failed after the message (`... in /app/src/X.php:34`): the
        // message is what went before.
        let text = PHP_LOCATION
            .find(text)
            .map_or(text, |m| text[..m.start()].trim_end());
        if text.is_empty() {
            continue;
        }
        if text.contains("Traceback (most recent call last)") {
            frames.clear();
            continue;
        }
        // A JVM, Ruby or JavaScript frame belongs to the exception above it, read from there;
        // Ruby's first line is a frame and the exception raised there.
        let raised_here = RUBY_RAISE.is_match(text);
        if !raised_here && parse_trailing_frame(text).is_some() {
            continue;
        }
        if !raised_here && let Some(frame) = parse_frame(text) {
            if frames.len() < MAX_FRAMES {
                frames.push(frame);
            }
            continue;
        }
        let next = || {
            lines[i + 1..]
                .iter()
                .map(|l| strip_prefixes(l.text))
                .find(|l| !l.is_empty())
                .unwrap_or("")
        };
        let structured = structured_message(text);
        let mut found = parse_error_line(structured.unwrap_or(text), next);
        // The same failure in its other forms: the bare message of an exception or warning,
        // a line logged with a level, a message quoted in a title or a sentence.
        let mut messages: Vec<String> = Vec::new();
        for (kind, sig) in &found {
            if matches!(kind, ErrorKind::Exception | ErrorKind::Warning)
                && let Some((_, msg)) = sig.split_once(": ")
                && let Some(key) = message_key(msg)
            {
                messages.push(key);
            }
        }
        if found.is_empty() {
            // A line logged with a level, its level found before or after its decoration.
            let logged = structured
                .or_else(|| logged_message(text))
                .or_else(|| logged_message(line.text.trim_start()));
            if let Some(key) = logged.and_then(message_key) {
                messages.push(key);
            } else if !matches!(line.kind, LineKind::Code | LineKind::Dump(_)) {
                for c in QUOTED.captures_iter(text).take(4) {
                    let Some(q) = (1..=4).find_map(|i| c.get(i)) else {
                        continue;
                    };
                    let q = strip_prefixes(q.as_str());
                    let q = LEVEL.find(q).map_or(q, |m| &q[m.end()..]);
                    if MESSAGE_WORDS.is_match(q)
                        && let Some(key) = message_key(q)
                    {
                        messages.push(key);
                    }
                }
            }
        }
        messages.dedup();
        for key in messages {
            if !found.iter().any(|(_, s)| *s == key) {
                found.push((ErrorKind::Message, key));
            }
        }
        if found.is_empty() {
            continue;
        }
        // Python's frames come before the error, innermost last; the JVM's, Ruby's and
        // JavaScript's after it, innermost first (Ruby's first is on the error's line).
        let frame = frames
            .iter()
            .rev()
            .find_map(|f| project_frame(f, project))
            .or_else(|| {
                let here = raised_here.then(|| parse_ruby_frame(text)).flatten();
                here.into_iter()
                    .chain(
                        lines[i + 1..]
                            .iter()
                            .map(|l| strip_prefixes(l.text))
                            .filter(|l| !is_between_frames(l))
                            .take(MAX_FRAMES)
                            .map_while(parse_trailing_frame),
                    )
                    .find_map(|f| project_frame(&f, project))
            });
        for (kind, signature) in found {
            // A named error code in a sentence is shown as the code, not the sentence.
            let example = if kind == ErrorKind::ErrorCode && line.kind != LineKind::Code {
                ERROR_CODE
                    .find_iter(text)
                    .map(|m| m.as_str())
                    .find(|c| c.eq_ignore_ascii_case(&signature))
                    .unwrap_or(&signature)
                    .to_string()
            } else {
                truncate(text, MAX_EXAMPLE).to_string()
            };
            // The bare error, and the error where the project's code raised it: the second
            // tells apart failures that share a generic message.
            let mut variants = vec![None];
            // Go's panic names no place; its frames do.
            let placeless_panic = kind == ErrorKind::Panic && names_no_place(kind, &signature);
            if let Some(f) = &frame
                && (placeless_panic
                    || matches!(
                        kind,
                        ErrorKind::Exception | ErrorKind::Warning | ErrorKind::ErrorCode
                    ))
            {
                variants.push(Some(f.clone()));
            }
            let mut keyed: Vec<(String, Option<String>)> = variants
                .into_iter()
                .map(|frame| (signature.clone(), frame))
                .collect();
            // The exception's type where the project's code raised it, whatever its message:
            // a message that quotes the caller's values (`Illegal character in X-Trace value:
            // v5.2`) differs between two reports of one failure; its type and place do not.
            if kind == ErrorKind::Exception
                && let (Some(f), Some((ty, _))) = (&frame, signature.split_once(": "))
            {
                keyed.push((ty.to_string(), Some(f.clone())));
            }
            for (signature, frame) in keyed {
                if seen.insert((signature.clone(), frame.clone())) && out.errors.len() < MAX_ERRORS
                {
                    out.errors.push(ErrorSignal {
                        signature,
                        example: example.clone(),
                        frame,
                        kind,
                    });
                    out.error_blocks.push(*block);
                }
            }
        }
        frames.clear();
    }
}

/// Whether an error by this signature says nothing of which failure it is, being as many
/// failures as the places it comes from: a crash, a runtime panic that names no place (Go's
/// `panic: runtime error: invalid memory address or nil pointer dereference`), a "plugin
/// crashed!" banner. Only where the project's code raised it does it tell one apart.
pub(super) fn names_no_place(kind: ErrorKind, signature: &str) -> bool {
    match kind {
        ErrorKind::Crash => true,
        ErrorKind::Panic => signature.starts_with("panic: "),
        ErrorKind::Message => signature.contains("crashed"),
        _ => false,
    }
}

/// The error signatures one line holds (usually none or one). `next` gives the next non-empty
/// line, for errors whose message follows on its own line.
pub fn parse_error_line<'a>(line: &'a str, next: impl Fn() -> &'a str) -> Vec<(ErrorKind, String)> {
    let mut found: Vec<(ErrorKind, String)> = Vec::new();
    let line = truncate(line, 1024);
    if !ERROR_HINT.is_match(line) {
        return found;
    }
    let mut push = |kind: ErrorKind, sig: String| {
        let sig = truncate(&sig, MAX_SIGNATURE).to_string();
        if sig.chars().any(|c| c.is_alphabetic()) && !found.iter().any(|(_, s)| *s == sig) {
            found.push((kind, sig));
        }
    };
    if let Some(c) = UNDEFINED_REFERENCE.captures(line) {
        push(
            ErrorKind::Linker,
            format!("undefined reference to {}", normalize_symbol(&c["sym"])),
        );
    }
    if let Some(c) = UNRESOLVED_EXTERNAL.captures(line) {
        push(
            ErrorKind::Linker,
            format!("unresolved external symbol {}", normalize_symbol(&c["sym"])),
        );
    }
    if let Some(c) = LINKER_CANNOT_FIND.captures(line) {
        push(
            ErrorKind::Linker,
            format!("ld: cannot find {}", normalize_message(&c["lib"])),
        );
    }
    if let Some(c) = UNDEFINED_SYMBOL.captures(line) {
        push(
            ErrorKind::Loader,
            format!("undefined symbol: {}", normalize_symbol(&c["sym"])),
        );
    }
    if let Some(c) = CANNOT_OPEN.captures(line) {
        push(
            ErrorKind::Loader,
            format!(
                "{}: cannot open shared object file",
                normalize_library(&c["lib"])
            ),
        );
    }
    if let Some(c) = SYMBOL_VERSION.captures(line) {
        push(
            ErrorKind::Loader,
            format!("version {} not found", normalize_message(&c["sym"])),
        );
    }
    if let Some(c) = COMPILER_PAREN.captures(line) {
        let code = c
            .name("code")
            .map(|m| format!(" {}", m.as_str()))
            .unwrap_or_default();
        push(
            ErrorKind::Compiler,
            format!(
                "{}: error{}: {}",
                normalize_library(&c["file"]).to_lowercase(),
                code.to_lowercase(),
                normalize_message(&c["msg"])
            ),
        );
    } else if let Some(c) = COMPILER_COLON.captures(line) {
        push(
            ErrorKind::Compiler,
            format!(
                "{}: error: {}",
                normalize_library(&c["file"]).to_lowercase(),
                normalize_message(&c["msg"])
            ),
        );
    } else if let Some(c) = FATAL_ERROR.captures(line) {
        push(
            ErrorKind::Compiler,
            format!("fatal error: {}", normalize_message(&c["msg"])),
        );
    }
    if let Some(c) = RUBY_RAISE.captures(line) {
        push(
            ErrorKind::Exception,
            exception_signature(&c["ty"], &c["msg"]),
        );
    } else if let Some(c) = RUBY_EXCEPTION
        .captures(line)
        .filter(|_| !EXCEPTION.is_match(line))
    {
        push(
            ErrorKind::Exception,
            exception_signature(&c["ty"], &c["msg"]),
        );
    }
    if let Some(c) = EXCEPTION
        .captures(line)
        .or_else(|| JAVA_EXCEPTION.captures(line))
    {
        let ty = &c["ty"];
        let mut msg = c.name("msg").map(|m| m.as_str().trim()).unwrap_or("");
        if msg.is_empty() && c.name("msg").is_some() {
            // `RuntimeError:` with the message on the following line.
            let n = next();
            if !EXCEPTION.is_match(n) && parse_frame(n).is_none() {
                msg = n;
            }
        }
        let kind = if ty.ends_with("Warning") {
            ErrorKind::Warning
        } else {
            ErrorKind::Exception
        };
        push(kind, exception_signature(ty, msg));
    }
    if let Some(c) = DART_ERROR.captures(line) {
        let ty = if c.name("state").is_some() {
            "StateError"
        } else if c.name("arg").is_some() {
            "ArgumentError"
        } else if c.name("unsupported").is_some() {
            "UnsupportedError"
        } else if c.name("concurrent").is_some() {
            "ConcurrentModificationError"
        } else {
            "TypeError"
        };
        let msg = c
            .name("msg")
            .or_else(|| c.name("cast"))
            .map_or("", |m| m.as_str());
        push(ErrorKind::Exception, exception_signature(ty, msg));
    }
    if let Some(c) = PANIC.captures(line) {
        let rest = c["rest"].trim();
        let (msg, loc) = match OLD_PANIC.captures(rest) {
            Some(o) => (o["msg"].to_string(), o["loc"].to_string()),
            None => (next().to_string(), rest.trim_end_matches(':').to_string()),
        };
        let file = loc.split(':').next().unwrap_or("");
        let file = file.rsplit(['/', '\\']).next().unwrap_or(file);
        push(
            ErrorKind::Panic,
            format!(
                "panicked at {}: {}",
                file.to_lowercase(),
                normalize_message(&msg)
            ),
        );
    } else if let Some(c) = GO_PANIC.captures(line) {
        push(
            ErrorKind::Panic,
            format!("panic: {}", normalize_message(&c["msg"])),
        );
    }
    if let Some(c) = ASSERTION.captures(line) {
        let expr = c
            .name("c")
            .or_else(|| c.name("r"))
            .or_else(|| c.name("r2"))
            .map(|m| m.as_str())
            .unwrap_or("");
        push(
            ErrorKind::Panic,
            format!("assertion failed: {}", normalize_message(expr)),
        );
    }
    if let Some(c) = CPP_WHAT.captures(line) {
        push(
            ErrorKind::Exception,
            format!("what(): {}", normalize_message(&c["msg"])),
        );
    }
    if let Some(c) = RUNTIME_ERROR_LINE.captures(line) {
        push(
            ErrorKind::Exception,
            format!(
                "{} error: {}",
                c["api"].to_lowercase(),
                normalize_message(&c["msg"])
            ),
        );
    }
    for c in ERROR_CODE.captures_iter(line).take(4) {
        push(ErrorKind::ErrorCode, c["code"].to_lowercase());
    }
    if let Some(c) = CRASH.captures(line) {
        let what = c
            .name("py")
            .or_else(|| c.name("sig"))
            .map(|m| m.as_str())
            .unwrap_or("");
        push(
            ErrorKind::Crash,
            format!("crash: {}", normalize_message(what)),
        );
    }
    found
}

/// `type: message`, normalised (the type alone when there is no message).
fn exception_signature(ty: &str, msg: &str) -> String {
    let msg = normalize_message(msg);
    if msg.is_empty() {
        ty.to_lowercase()
    } else {
        format!("{}: {}", ty.to_lowercase(), msg)
    }
}

static URL_IN_MESSAGE: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"(?:https?|file)://\S+"));
static PATH_IN_MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?:[A-Za-z]:)?(?:[\\/]{1,2}|[\w.~+@-]+[\\/])(?:[\w.~+@$-]+[\\/]{1,2})*(?P<base>[\w.~+@$-]*)",
    )
});
static LIBRARY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?P<name>[\w+-]*?[A-Za-z+])[_-]?\d[\d_.]*(?P<ext>\.(?:so|dll|dylib|pyd))|(?P<plain>[\w+-]+\.(?:so|dll|dylib|pyd))[\d.]*",
    )
});
static HEX: LazyLock<Regex> = LazyLock::new(|| super::text::regex(r"0x[0-9a-fA-F]+"));
static DOTTED_NUMBER: LazyLock<Regex> = LazyLock::new(|| super::text::regex(r"\d+(?:\.\d+)+"));
static KEPT_CODE: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"(?i)\b(?:errno|winerror|error|code|status)\s+\d+"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| super::text::regex(r"\b\d+\b"));
static SPACES: LazyLock<Regex> = LazyLock::new(|| super::text::regex(r"\s+"));

/// Versions and numbers become `N`, except the numbers of error codes (`[Errno 2]`,
/// `WinError 126`), which identify the failure rather than the machine.
fn numbers_to_placeholders(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut last = 0;
    let placeholders = |part: &str| {
        NUMBER
            .replace_all(&DOTTED_NUMBER.replace_all(part, "N"), "N")
            .into_owned()
    };
    for m in KEPT_CODE.find_iter(msg) {
        out.push_str(&placeholders(&msg[last..m.start()]));
        out.push_str(m.as_str());
        last = m.end();
    }
    out.push_str(&placeholders(&msg[last..]));
    out
}

/// `libcudart.so.12.1` -> `libcudart.so`, `libfoo_cuda121.so` -> `libfoo_cuda.so`,
/// `cudart64_110.dll` -> `cudart64.dll`: the library, not the build of it.
pub fn normalize_library(name: &str) -> String {
    LIBRARY_NAME
        .replace_all(name, |c: &regex::Captures<'_>| {
            if let Some(p) = c.name("plain") {
                p.as_str().to_string()
            } else {
                format!(
                    "{}{}",
                    c.name("name").map(|m| m.as_str()).unwrap_or(""),
                    c.name("ext").map(|m| m.as_str()).unwrap_or("")
                )
            }
        })
        .into_owned()
}

fn normalize_symbol(sym: &str) -> String {
    let sym = sym.trim_matches(|c: char| matches!(c, '\'' | '"' | '`' | '‘' | '’' | ',' | '.'));
    truncate(&HEX.replace_all(sym, "0x"), MAX_SIGNATURE).to_lowercase()
}

/// Normalises an error message so that the same failure reads the same everywhere: paths
/// become file names, library versions and build suffixes go, addresses, versions and numbers
/// become placeholders (error codes stay), quotes go, whitespace collapses, and case folds.
pub fn normalize_message(msg: &str) -> String {
    let msg = truncate(msg, 1024);
    let msg = URL_IN_MESSAGE.replace_all(msg, "<url>");
    let msg = PATH_IN_MESSAGE.replace_all(&msg, |c: &regex::Captures<'_>| {
        let whole = c.get(0).map(|m| m.as_str()).unwrap_or("");
        // `16/32-bit`, `and/or`: a slash between words is not a path.
        if !whole.contains(['/', '\\'])
            || whole.matches(['/', '\\']).count() == 1
                && !whole.starts_with(['/', '\\'])
                && !whole.contains('.')
        {
            return whole.to_string();
        }
        c.name("base").map(|m| m.as_str()).unwrap_or("").to_string()
    });
    let msg = normalize_library(&msg);
    let msg = HEX.replace_all(&msg, "0x");
    let msg = numbers_to_placeholders(&msg);
    let msg: String = msg
        .chars()
        .filter(|c| !matches!(c, '\'' | '"' | '`' | '‘' | '’' | '“' | '”'))
        .collect();
    let msg = SPACES.replace_all(&msg, " ");
    let msg = msg.trim().trim_end_matches(['.', ':', ',', ';']).trim();
    truncate(msg, MAX_SIGNATURE).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(text: &str) -> Vec<(String, Option<String>)> {
        errors_in("tidewater/skein", text)
    }

    fn errors_in(repo: &str, text: &str) -> Vec<(String, Option<String>)> {
        let project = Project::new(&crate::store::RepoName::parse(repo).expect("name"));
        super::super::signals::extract([text], &project)
            .errors
            .into_iter()
            .map(|e| (e.signature, e.frame))
            .collect()
    }

    #[test]
    fn dart_and_browser_errors_are_read_in_the_forms_flutter_prints_them() {
        // A browser console's `Uncaught`, with and without the script's place before it.
        let tab = "```\nUncaught TypeError: Cannot read properties of null (reading 'transaction')\n    at Object.b5 (main.dart.js:28810:21)\n```";
        let console = "```\nmain.dart.js:31877 Uncaught (in promise) TypeError: Cannot read properties of null (reading 'transaction')\n    at a6M.$1 (main.dart.js:31877:18)\n```";
        let want = (
            "typeerror: cannot read properties of null (reading transaction)".to_string(),
            None,
        );
        for text in [tab, console] {
            let found = errors_in("driftline/driftline", text);
            assert!(found.contains(&want), "{text}: {found:?}");
        }
        // Flutter's engine tag and `Unhandled Exception:`, a type with arguments, and the
        // frame of the package's own code (package: paths, `<asynchronous suspension>`).
        let logcat = "```\nE/flutter (12345): [ERROR:flutter/runtime/dart_vm_initializer.cc(41)] Unhandled Exception: SqliteException(1): no such column: synced_at\nE/flutter (12345): #0      _Statement.execute (package:sqlite3/src/statement.dart:88:7)\nE/flutter (12345): <asynchronous suspension>\nE/flutter (12345): #1      SyncEngine._apply (package:driftline/src/sync/engine.dart:214:7)\n```";
        let found = errors_in("driftline/driftline", logcat);
        assert!(
            found.contains(&(
                "sqliteexception: no such column: synced_at".to_string(),
                Some("sync/engine.dart:_apply".to_string())
            )),
            "{found:?}"
        );
        // Dart's errors that print without their type.
        let state = "```\nUnhandled Exception: Bad state: Cannot add new events after calling close\n#0      _BroadcastStreamController.add (dart:async/broadcast_stream_controller.dart:243:24)\n#1      SyncEngine._emit (package:driftline/src/sync/engine.dart:88:13)\n```";
        let found = errors_in("driftline/driftline", state);
        assert!(
            found.contains(&(
                "stateerror: cannot add new events after calling close".to_string(),
                Some("sync/engine.dart:_emit".to_string())
            )),
            "{found:?}"
        );
        let cast = "```\ntype 'Null' is not a subtype of type 'String' in type cast\n```";
        let found = errors_in("driftline/driftline", cast);
        assert!(
            found.iter().any(|(s, _)| s.starts_with("typeerror: type")),
            "{found:?}"
        );
    }

    #[test]
    fn a_go_panic_is_keyed_by_the_projects_function_it_came_from() {
        let trace = |func: &str, file: &str| {
            format!(
                "```\nStack trace from the terraform-provider-nimbus_v1.4.1 plugin:\n\npanic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x10f3c2a]\n\ngoroutine 112 [running]:\ngithub.com/nimbusdns/terraform-provider-nimbus/internal/provider.{func}(0xc0003f4d20, 0xc00021c000)\n\tgithub.com/nimbusdns/terraform-provider-nimbus/internal/provider/{file}:188 +0x1c6\ngithub.com/nimbusdns/terraform-provider-nimbus/internal/provider.(*certificateResource).Read(...)\n```"
            )
        };
        let sig = "panic: runtime error: invalid memory address or nil pointer dereference";
        let a = errors_in(
            "nimbusdns/terraform-provider-nimbus",
            &trace("flattenCertificate", "resource_certificate.go"),
        );
        let b = errors_in(
            "nimbusdns/terraform-provider-nimbus",
            &trace("readZone", "resource_zone.go"),
        );
        let framed = |found: &[(String, Option<String>)]| {
            found
                .iter()
                .find(|(s, f)| s == sig && f.is_some())
                .and_then(|(_, f)| f.clone())
        };
        assert_eq!(
            framed(&a).as_deref(),
            Some("internal/provider:flattencertificate"),
            "{a:?}"
        );
        assert_eq!(
            framed(&b).as_deref(),
            Some("internal/provider:readzone"),
            "{b:?}"
        );
    }

    #[test]
    fn a_php_fatal_error_is_its_exception_wherever_it_was_logged_and_raised() {
        let fpm = "[27-Oct-2026 09:41:12 UTC] PHP Fatal error:  Uncaught Error: Class \"Memcached\" not found in /srv/app/vendor/acme/widgets/src/Cache/MemcachedStore.php:34";
        let page = "Fatal error: Uncaught Error: Class \"Memcached\" not found in C:\\xampp\\htdocs\\shop\\vendor\\acme\\widgets\\src\\Cache\\MemcachedStore.php on line 31";
        let want = ("msg: class memcached not found".to_string(), None);
        for text in [fpm, page] {
            let found = errors_in("acme/widgets", text);
            assert!(found.contains(&want), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_jvm_exception_is_one_failure_in_logcat_and_plain_form_keyed_by_where_it_was_raised() {
        let plain = "```\njava.lang.IllegalArgumentException: Illegal character 0x0a at index 183 in Authorization value: Bearer abc\n\tat io.tidewater.skein.Headers$Companion.checkValue(Headers.kt:205)\n\tat io.tidewater.skein.Headers$Builder.add(Headers.kt:98)\n\tat com.example.AuthInterceptor.intercept(AuthInterceptor.kt:31)\n```";
        let logcat = "```\nE/AndroidRuntime(21877): FATAL EXCEPTION: main\nE/AndroidRuntime(21877): Process: com.example.orders, PID: 21877\nE/AndroidRuntime(21877): java.lang.IllegalArgumentException: Illegal character 0x09 at index 12 in X-Client-Info value: orders-app v5.2.1\nE/AndroidRuntime(21877): \tat io.tidewater.skein.Headers$Companion.checkValue(Headers.kt:205)\nE/AndroidRuntime(21877): \tat io.tidewater.skein.Headers$Builder.add(Headers.kt:98)\nE/AndroidRuntime(21877): \tat io.tidewater.skein.Request$Builder.header(Request.kt:77)\n```";
        let (a, b) = (errors_of(plain), errors_of(logcat));
        // The checking helper is skipped: the project's frame is the caller of the check.
        let raised = (
            "illegalargumentexception".to_string(),
            Some("skein/headers.kt:add".to_string()),
        );
        assert!(a.contains(&raised), "{a:?}");
        assert!(b.contains(&raised), "{b:?}");
        // A cause is read as an exception of its own, with its own frames.
        let caused = "```\njava.io.IOException: call failed\n\tat io.tidewater.skein.RealCall.execute(RealCall.kt:60)\nCaused by: java.net.SocketTimeoutException: timeout\n\tat io.tidewater.skein.internal.Http2Stream.waitForIo(Http2Stream.kt:310)\n\t... 12 more\n```";
        let c = errors_of(caused);
        assert!(
            c.contains(&(
                "sockettimeoutexception".to_string(),
                Some("internal/http2stream.kt:waitforio".to_string())
            )),
            "{c:?}"
        );
        // An error whose sentence ends in a call is an error, not a frame.
        assert!(
            errors_of("RuntimeError: failed at torch.load(f)")
                .iter()
                .any(|(s, _)| s.starts_with("runtimeerror: failed at")),
        );
        assert!(
            c.contains(&(
                "ioexception".to_string(),
                Some("skein/realcall.kt:execute".to_string())
            )),
            "{c:?}"
        );
    }

    #[test]
    fn a_jvm_frame_names_its_source_file_by_package() {
        let f = frames(
            "  at io.tidewater.skein.Headers$Builder.add(Headers.kt:98)\n  at java.base/java.lang.Long.parseLong(Long.java:711)\n  at android.os.Looper.loop(Native Method)",
        );
        let got: Vec<(&str, Option<u32>, &str)> = f
            .iter()
            .map(|f| (f.path.as_str(), f.line, f.func.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "io/tidewater/skein/Headers.kt",
                    Some(98),
                    "Headers$Builder.add"
                ),
                ("java/lang/Long.java", Some(711), "Long.parseLong"),
            ]
        );
    }

    #[test]
    fn a_structured_log_line_says_what_failed_in_its_error_field() {
        let json = r#"{"level":"warn","ts":"2026-04-22T15:31:07.004Z","msg":"accept","err":"frame: invalid header length","remote":"10.0.3.7:41266"}"#;
        let logfmt = r#"ts=2026-05-01T08:00:00Z level=error msg="accept" err="frame: invalid header length" remote=10.9.9.9:5000"#;
        assert_eq!(
            structured_message(json),
            Some("frame: invalid header length")
        );
        assert_eq!(
            structured_message(logfmt),
            Some("frame: invalid header length")
        );
        // Without an error field, the message; without a failing level, nothing.
        assert_eq!(
            structured_message(r#"level=error msg="cache rebuild failed for every entry""#),
            Some("cache rebuild failed for every entry")
        );
        assert_eq!(
            structured_message(r#"{"level":"info","msg":"listening","err":"none"}"#),
            None
        );
    }

    #[test]
    fn a_ruby_exception_is_one_failure_in_backtrace_and_plain_form_keyed_by_where_it_was_raised() {
        // Ruby's backtrace: the raise site, the message and the class in parentheses first,
        // then `from` frames; gem paths and versions differ between machines.
        let backtrace = "```\n/srv/app/vendor/bundle/ruby/3.1.0/gems/ember-2.4.0/lib/ember/retry.rb:57:in `schedule_retry': undefined method `+' for nil (NoMethodError)\n\tfrom /srv/app/vendor/bundle/ruby/3.1.0/gems/ember-2.4.0/lib/ember/retry.rb:33:in `rescue in call'\n```";
        // The same failure as `Class: message` with indented frames, as an error tracker shows.
        let plain = "```\nNoMethodError: undefined method `+' for nil\n  ember-2.5.1/lib/ember/retry.rb:57:in 'Ember::Retry#schedule_retry'\n```";
        let (a, b) = (
            errors_in("quay-rb/ember", backtrace),
            errors_in("quay-rb/ember", plain),
        );
        let raised = Some("ember/retry.rb:schedule_retry".to_string());
        assert!(
            a.contains(&(
                "nomethoderror: undefined method + for nil".into(),
                raised.clone()
            )),
            "{a:?}"
        );
        assert!(
            b.contains(&(
                "nomethoderror: undefined method + for nil".into(),
                raised.clone()
            )),
            "{b:?}"
        );
        // A class namespaced with `::` whatever its name ends with; a frame of a gem that is
        // not the project's is no raise site.
        let namespaced = "```\nEmber::Serializer::UnsafeArgument: Job arguments to SyncJob must be native JSON types, got Symbol at args[1]\n```";
        let c = errors_in("quay-rb/ember", namespaced);
        assert!(
            c.iter().any(|(s, _)| s
                .starts_with("unsafeargument: job arguments to syncjob must be native json types")),
            "{c:?}"
        );
        let other = "/app/gems/redis-4.6.0/lib/redis/connection/ruby.rb:60:in `block in _read_from_socket': Connection timed out (Redis::TimeoutError)";
        let d = errors_in("quay-rb/ember", other);
        assert!(
            d.contains(&("timeouterror: connection timed out".to_string(), None)),
            "{d:?}"
        );
        assert!(d.iter().all(|(_, frame)| frame.is_none()), "{d:?}");
    }

    #[test]
    fn a_logged_line_is_keyed_by_its_message_not_its_decoration() {
        // One failure logged by two setups: elapsed time, bracketed level and logger, or an
        // ISO timestamp with the level and module inside one bracket.
        let a = "```\n[0.931470112s] [ERROR] [lumen_terminal] invalid OSC 133 exit code \"\"\n```";
        let b = "```\n[2026-10-01T18:01:44Z ERROR lumen_terminal::term] invalid OSC 133 exit code \"\"\n```";
        let c = "```\n2026-10-01 18:01:44,120 ERROR app.term: invalid OSC 133 exit code \"\"\n```";
        let (a, b, c) = (errors_of(a), errors_of(b), errors_of(c));
        assert!(!a.is_empty() && a == b && b == c, "{a:?} {b:?} {c:?}");
        assert!(a[0].0.starts_with("msg: invalid osc"), "{a:?}");
    }

    #[test]
    fn a_javascript_error_is_keyed_by_the_project_frame_that_raised_it() {
        // Node's trace: the runtime's frames (`<anonymous>`, `node:internal`) and the caller's
        // code around the project's own; the same failure from another app and path.
        let a = "```\nRangeError: Invalid time zone specified: Mars/Olympus\n    at new DateTimeFormat (<anonymous>)\n    at resolveZone (file:///srv/app/node_modules/tempora/dist/tempora.esm.js:88:11)\n    at renderInvoice (file:///srv/app/src/invoices/render.js:41:22)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n```";
        let b = "```\nRangeError: Invalid time zone specified: Mars/Olympus\n    at resolveZone (/home/kim/site/node_modules/tempora/dist/tempora.esm.js:91:7)\n    at async main (/home/kim/site/build.mjs:12:3)\n```";
        let (a, b) = (errors_in("acme/tempora", a), errors_in("acme/tempora", b));
        let raised = Some("dist/tempora.esm.js:resolvezone".to_string());
        assert!(a.iter().any(|(_, f)| *f == raised), "{a:?}");
        assert!(b.iter().any(|(_, f)| *f == raised), "{b:?}");
        let frames = super::frames(
            "  at resolveZone (file:///srv/app/node_modules/tempora/dist/tempora.esm.js:88:11)\n  at /app/cli.js:3:1\n",
        );
        assert_eq!(frames.len(), 2, "{frames:?}");
        assert_eq!(
            frames[0].path,
            "/srv/app/node_modules/tempora/dist/tempora.esm.js"
        );
        assert_eq!(
            (frames[0].line, frames[0].func.as_str()),
            (Some(88), "resolveZone")
        );
    }
}
