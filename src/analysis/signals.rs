//! The evidence a maintainer matches by eye, read from a thread: error lines (see
//! [`errors`](super::errors)) and pointers into the code (see [`code`](super::code)), with the
//! types both produce.

use std::collections::HashSet;

use serde::Serialize;

pub use super::code::PathRef;
use super::code::code_refs;
use super::errors::extract_errors;
use super::text::{Line, LineKind, segment};
use crate::store::RepoName;

/// One error found in a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorSignal {
    /// The normalised form that is matched across threads (lowercase, no paths, numbers,
    /// versions, addresses or quotes).
    pub signature: String,
    /// One original line it was read from, trimmed.
    pub example: String,
    /// The innermost frame of the project's own code above it in a traceback, as
    /// `dir/file.py:function`, when there is one.
    pub frame: Option<String>,
    pub kind: ErrorKind,
}

/// What produced an error line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A raised exception (`ValueError: ...`).
    Exception,
    /// A warning (`FutureWarning: ...`): weaker evidence, often harmless.
    Warning,
    /// A compiler diagnostic.
    Compiler,
    /// A linker error (`undefined reference to ...`).
    Linker,
    /// A dynamic loader failure (`cannot open shared object file`, `undefined symbol`).
    Loader,
    /// A named runtime error code (`hipErrorNoBinaryForGpu`, `CUBLAS_STATUS_NOT_SUPPORTED`).
    ErrorCode,
    /// A panic or failed assertion (Rust, Go, C/C++).
    Panic,
    /// A crash of the process (segmentation fault, illegal instruction, abort).
    Crash,
    /// An error or warning message without its type: the message of an exception, a line
    /// logged with a level (`ERROR`, `warning:`, `npm ERR!`), or quoted in a title or a
    /// sentence. The same failure is printed in all these forms.
    Message,
}

impl ErrorKind {
    const ALL: [ErrorKind; 9] = [
        ErrorKind::Exception,
        ErrorKind::Warning,
        ErrorKind::Compiler,
        ErrorKind::Linker,
        ErrorKind::Loader,
        ErrorKind::ErrorCode,
        ErrorKind::Panic,
        ErrorKind::Crash,
        ErrorKind::Message,
    ];

    /// The kind stored as `self as u8`.
    pub(crate) fn from_u8(n: u8) -> ErrorKind {
        ErrorKind::ALL
            .get(usize::from(n))
            .copied()
            .unwrap_or(ErrorKind::Exception)
    }
}

/// What a thread points at, for matching and for the prompt's "Additional Context".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Signals {
    pub errors: Vec<ErrorSignal>,
    /// File paths relative to their package (site-packages and home prefixes removed).
    pub paths: Vec<String>,
    /// Identifiers: functions, classes, qualified names, as first written.
    pub identifiers: Vec<String>,
}

// Bounds per thread, so a thread with a thousand pasted tracebacks costs what one with fifty does.

/// The names under which a repository's own code appears in paths and frames.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    names: Vec<String>,
    /// The names the project's own code defines (lowercase), once its code has been read:
    /// identifiers it does not define are not pointers into it.
    pub defined: Option<std::sync::Arc<HashSet<String>>>,
    /// The tree's files by their last two components, lowercase (`cuda/ops.py`), once its
    /// code has been read: a path the tree lacks is a stale pointer.
    pub files: Option<std::sync::Arc<HashSet<String>>>,
}

impl Project {
    pub fn new(repo: &RepoName) -> Project {
        let base = repo.name.to_lowercase();
        let mut names = vec![
            base.clone(),
            base.replace('-', "_"),
            base.replace(['-', '_', '.'], ""),
        ];
        if let Some(stem) = base
            .strip_suffix(".py")
            .or_else(|| base.strip_suffix("-py"))
        {
            names.push(stem.to_string());
        }
        if let Some(stem) = base.strip_prefix("py") {
            names.push(stem.to_string());
        }
        names.retain(|n| n.len() >= 2);
        names.sort();
        names.dedup();
        Project {
            names,
            defined: None,
            files: None,
        }
    }

    /// The project with what its code defines ([`code_defined_names`]) and its files.
    pub fn with_code(mut self, code: &crate::code::CodeIndex) -> Project {
        self.defined = code_defined_names(code).map(std::sync::Arc::new);
        self.files = Some(std::sync::Arc::new(code_file_keys(code)));
        self
    }

    /// Whether a path key (`cuda/ops.py`) names a file of the tree; `true` while the code
    /// has not been read.
    pub fn has_file(&self, key: &str) -> bool {
        self.files.as_ref().is_none_or(|f| f.contains(key))
    }

    /// Whether a file named in prose (`src/main.ts`, `types.ts`) may be one of the tree's:
    /// its last two components, or a bare name at the end of one; `true` while the code has
    /// not been read.
    pub fn may_have_file(&self, named: &str) -> bool {
        let Some(files) = self.files.as_ref() else {
            return true;
        };
        let lower = named.trim_start_matches("./").to_lowercase();
        let comps: Vec<&str> = lower.split('/').filter(|c| !c.is_empty()).collect();
        match comps.as_slice() {
            [] => false,
            [name] => files
                .iter()
                .any(|k| k == name || k.rsplit('/').next() == Some(*name)),
            [.., dir, name] => files.contains(&format!("{dir}/{name}")),
        }
    }

    /// The project's names, lowercase (`ember`, `pcquiver`, `quiver`).
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    pub(crate) fn is_name(&self, component: &str) -> bool {
        self.names.contains(&component.to_lowercase())
    }
}

/// The names the tree's code defines (lowercase), when they can be known: when most of its
/// source is in languages the code mirror reads. Of a tree in Dart, Swift or Kotlin the
/// mirror reads no definitions, and every name of the project's would look foreign.
pub fn code_defined_names(code: &crate::code::CodeIndex) -> Option<HashSet<String>> {
    let parsed = code.files.iter().filter(|f| f.lang.is_some()).count();
    let unparsed = code
        .files
        .iter()
        .filter(|f| f.lang.is_none() && crate::code::lang::is_unparsed_source(&f.path))
        .count();
    (parsed > unparsed).then(|| code.defined_names().map(str::to_lowercase).collect())
}

/// The keys the tree's files are matched under (the last two components, lowercase).
pub fn code_file_keys(code: &crate::code::CodeIndex) -> HashSet<String> {
    code.files
        .iter()
        .map(|f| super::code::path_key(&f.path))
        .collect()
}

/// Everything read from one thread, with the matching keys.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub errors: Vec<ErrorSignal>,
    /// Per error, the block it was read from: errors of one block (a chained traceback, a
    /// warning and the exception after it) belong together.
    pub error_blocks: Vec<u32>,
    pub paths: Vec<PathRef>,
    /// (lowercase key, display).
    pub identifiers: Vec<(String, String)>,
}

impl Extracted {
    /// One entry per error (with the project frame when one was seen) and per path (the
    /// longest form of it), for people to read.
    pub fn to_signals(&self) -> Signals {
        let mut errors: Vec<ErrorSignal> = Vec::new();
        for e in &self.errors {
            match errors.iter_mut().find(|x| x.signature == e.signature) {
                Some(x) if x.frame.is_none() => x.frame.clone_from(&e.frame),
                Some(_) => {}
                None => errors.push(e.clone()),
            }
        }
        let mut paths: Vec<String> = Vec::new();
        for p in &self.paths {
            let lower = p.display.to_lowercase();
            let covers = |longer: &str, shorter: &str| {
                longer == shorter || longer.ends_with(&format!("/{shorter}"))
            };
            if paths.iter().any(|x| covers(&x.to_lowercase(), &lower)) {
                continue;
            }
            paths.retain(|x| !covers(&lower, &x.to_lowercase()));
            paths.push(p.display.clone());
        }
        Signals {
            errors,
            paths,
            identifiers: self.identifiers.iter().map(|(_, d)| d.clone()).collect(),
        }
    }
}

/// Reads the errors, paths and identifiers of the texts of one thread (title, body, comments).
pub fn extract<'a>(texts: impl IntoIterator<Item = &'a str>, project: &Project) -> Extracted {
    let segmented: Vec<Vec<Line<'a>>> = texts.into_iter().map(segment).collect();
    extract_segmented(segmented.iter().map(Vec::as_slice), project)
}

/// [`extract`] over texts already split by [`segment`].
pub fn extract_segmented<'s, 't: 's>(
    texts: impl IntoIterator<Item = &'s [Line<'t>]>,
    project: &Project,
) -> Extracted {
    extract_segmented_with(texts, project, &|_| true)
}

/// [`extract_segmented`], reading code references only from the lines `code_line` keeps
/// (errors are read from every line: an error line is evidence, never boilerplate).
pub fn extract_segmented_with<'s, 't: 's>(
    texts: impl IntoIterator<Item = &'s [Line<'t>]>,
    project: &Project,
    code_line: &dyn Fn(&Line<'_>) -> bool,
) -> Extracted {
    let mut out = Extracted::default();
    let mut error_keys = HashSet::new();
    let mut path_keys = HashSet::new();
    let mut ident_keys = HashSet::new();
    let mut block = 0u32;
    for lines in texts {
        extract_errors(lines, project, &mut out, &mut error_keys, &mut block);
        for line in lines {
            if !matches!(
                line.kind,
                LineKind::Prose | LineKind::Quote | LineKind::Heading | LineKind::Code
            ) || !code_line(line)
            {
                continue;
            }
            code_refs(line, project, &mut out, &mut path_keys, &mut ident_keys);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        Project::new(&RepoName::parse("acme/tensorpack").expect("repo"))
    }

    fn sigs(text: &str) -> Vec<String> {
        extract([text], &project())
            .errors
            .into_iter()
            .filter(|e| e.kind != ErrorKind::Message)
            .map(|e| match e.frame {
                Some(f) => format!("{} @ {f}", e.signature),
                None => e.signature,
            })
            .collect()
    }

    #[test]
    fn tracebacks_normalise_equal_across_machines() {
        let a = "```\nTraceback (most recent call last):\n  File \"/home/alice/work/train.py\", line 58, in <module>\n    main()\n  File \"/home/alice/miniconda3/envs/llm/lib/python3.10/site-packages/tensorpack/functional.py\", line 812, in quantize_blockwise\n    cquantize_blockwise_fp16(get_ptr(code))\nNameError: name 'cquantize_blockwise_fp16' is not defined\n```";
        let b = "```\nTraceback (most recent call last):\n  File \"C:\\Users\\bob\\proj\\run.py\", line 3, in <module>\n  File \"C:\\Python311\\Lib\\site-packages\\tensorpack\\functional.py\", line 806, in quantize_blockwise\n[rank1]: NameError: name \"cquantize_blockwise_fp16\" is not defined\n```";
        assert_eq!(sigs(a), sigs(b));
        assert_eq!(
            sigs(a),
            [
                "nameerror: name cquantize_blockwise_fp16 is not defined",
                "nameerror: name cquantize_blockwise_fp16 is not defined @ tensorpack/functional.py:quantize_blockwise",
                "nameerror @ tensorpack/functional.py:quantize_blockwise"
            ]
        );
    }

    #[test]
    fn versions_addresses_and_devices_normalise_away() {
        assert_eq!(
            sigs(
                "OSError: libcudart.so.11.0: cannot open shared object file: No such file or directory"
            ),
            sigs(
                "OSError: libcudart.so.13: cannot open shared object file: No such file or directory"
            )
        );
        assert_eq!(
            sigs(
                "RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!"
            ),
            sigs(
                "RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:3!"
            )
        );
        assert_eq!(
            sigs("Segmentation fault at 0x7f3a2c001000 in /opt/x/libfoo_cuda121.so"),
            sigs("Segmentation fault at 0x7fff00 in /usr/lib/libfoo_cuda118.so")
        );
        assert_eq!(
            sigs(
                "ImportError: /opt/conda/lib/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /x/libtensorpack_cuda128.so)"
            ),
            sigs(
                "ImportError: /usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.30' not found (required by /y/libtensorpack_cuda126.so)"
            )
        );
        // Error codes identify the failure and stay.
        assert_eq!(
            sigs("OSError: [WinError 126] The specified module could not be found"),
            ["oserror: [winerror 126] the specified module could not be found"]
        );
    }

    #[test]
    fn compiler_linker_and_panics() {
        assert_eq!(
            sigs(
                "/home/u/src/tensorpack/csrc/kernels.cu(1123): error: identifier \"__hfma2\" is undefined"
            ),
            ["kernels.cu: error: identifier __hfma2 is undefined"]
        );
        assert_eq!(
            sigs("csrc/kernels.cu(1187): error: identifier \"__hfma2\" is undefined"),
            ["kernels.cu: error: identifier __hfma2 is undefined"]
        );
        assert_eq!(
            sigs("/usr/bin/ld: ops.o: in function `f': undefined reference to `cusparseCreate'"),
            ["undefined reference to cusparsecreate"]
        );
        assert_eq!(
            sigs(
                "thread 'main' panicked at src/index.rs:10:5:\nindex out of bounds: the len is 3 but the index is 7"
            ),
            ["panicked at index.rs: index out of bounds: the len is n but the index is n"]
        );
        assert_eq!(
            sigs("python: /src/ops.cpp:42: void f(): Assertion `n > 0' failed."),
            ["assertion failed: n > n"]
        );
        assert_eq!(
            sigs("ROCm 7: hipErrorNoBinaryForGpu on RX 9070"),
            ["hiperrornobinaryforgpu"]
        );
    }

    #[test]
    fn banners_and_prose_produce_no_signatures() {
        let banner = "===================================BUG REPORT===================================\nWelcome to tensorpack. For bug reports, please run\n\npython -m tensorpack\n\n and submit this information together with your error trace to: https://github.com/acme/tensorpack/issues\n================================================================================";
        assert!(sigs(banner).is_empty());
        assert!(sigs("I get an error when loading the model, any idea?").is_empty());
        assert!(sigs("CUDA SETUP: Loading binary /x/libtensorpack_cpu.so...").is_empty());
    }

    /// The message keys of a text (the same failure in its other forms).
    fn messages(text: &str) -> Vec<String> {
        extract([text], &project())
            .errors
            .into_iter()
            .filter(|e| e.kind == ErrorKind::Message && e.frame.is_none())
            .map(|e| e.signature)
            .collect()
    }

    #[test]
    fn an_error_is_recognised_in_its_other_forms() {
        let key = ["msg: the model was saved in an older format and cannot be loaded".to_string()];
        for form in [
            "ValueError: The model was saved in an older format and cannot be loaded",
            "2024-05-01 10:22:03,114 ERROR loader: The model was saved in an older format and cannot be loaded.",
            "[error] the model was saved in an older format and cannot be loaded",
            "> Error: The model was saved in an older format and cannot be loaded",
            "Loading fails with `The model was saved in an older format and cannot be loaded` since 2.1",
            "I keep getting \"The model was saved in an older format and cannot be loaded\" on startup",
        ] {
            assert_eq!(messages(form), key, "{form}");
        }
        // A sentence quoted for another reason is not an error message.
        assert!(messages("The docs say `use the new format for models` somewhere").is_empty());
    }

    #[test]
    fn the_innermost_project_frame_skips_helpers() {
        let a = "Traceback (most recent call last):\n  File \"/v/site-packages/tensorpack/backends/cuda/ops.py\", line 421, in gemv_4bit\n  File \"/v/site-packages/tensorpack/backends/cuda/ops.py\", line 452, in _check_cuda_error\nRuntimeError: CUDA error: an illegal memory access was encountered";
        let mut frames: Vec<_> = extract([a], &project())
            .errors
            .into_iter()
            .filter_map(|e| e.frame)
            .collect();
        frames.dedup();
        assert_eq!(frames, ["cuda/ops.py:gemv_4bit"]);
    }

    proptest::proptest! {
        // Failures are reported, not saved: the regression file would land outside this module.
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::with_cases(300)
        })]

        #[test]
        fn extraction_never_panics(text in "(?s)(.|```|~~~|\n|Traceback \\(most recent call last\\):|  File \"/a/site-packages/tensorpack/x.py\", line 1, in f|Error: |0x[0-9a-f]+|#[0-9]+|/home/[a-z]+/|`|<details>|<!--|[rank0]: |thread 'main' panicked at ){0,80}") {
            let got = extract([text.as_str()], &project());
            for e in &got.errors {
                assert!(e.signature.len() <= crate::analysis::errors::MAX_SIGNATURE);
                assert_eq!(e.signature, e.signature.to_lowercase());
            }
            let _ = crate::analysis::errors::normalize_message(&text);
            let _ = crate::analysis::errors::normalize_library(&text);
            let _ = crate::analysis::code::normalize_path(&text, &project());
        }

        #[test]
        fn arbitrary_unicode_never_panics(text in proptest::prelude::any::<String>()) {
            let _ = extract([text.as_str()], &project());
            let _ = crate::analysis::errors::normalize_message(&text);
        }
    }

    #[test]
    fn identifiers_are_code_shaped() {
        let got = extract(
            [
                "Calling `tensorpack.functional.quantize_4bit` on a Linear4bit with has_fp16_weights works on GitHub but `QuantState` is slow (RuntimeError)",
            ],
            &project(),
        );
        let ids: Vec<_> = got.identifiers.iter().map(|(_, d)| d.as_str()).collect();
        assert_eq!(
            ids,
            [
                "quantize_4bit",
                "Linear4bit",
                "has_fp16_weights",
                "QuantState"
            ]
        );
        let pip = "```\nPackage            Version\n------------------ -------\ntyping_extensions  4.7.1\ncharset-normalizer 3.2.0\nhuggingface_hub    0.16.4\n```";
        assert!(extract([pip], &project()).identifiers.is_empty());
    }

    #[test]
    fn a_tree_mostly_in_languages_the_mirror_cannot_read_defines_nothing_it_knows() {
        let tree = |files: &[(&str, &str)]| {
            let mut b = crate::code::Builder::new(
                "acme/widgets",
                "0000000000000000000000000000000000000000",
                crate::code::Limits::default(),
            );
            for (path, text) in files {
                b.add_file(path, text.as_bytes());
            }
            b.finish()
        };
        let python = tree(&[
            (
                "widgets/spec.py",
                "def parse_spec(value):\n    return value\n",
            ),
            ("widgets/table.py", "class Table:\n    pass\n"),
            ("README.md", "# widgets\n"),
        ]);
        let defined = code_defined_names(&python).expect("python is read");
        assert!(defined.contains("parse_spec"), "{defined:?}");
        // A Dart package with one helper script: the names it defines are unknown, not none.
        let dart = tree(&[
            (
                "lib/src/sync/engine.dart",
                "class SyncEngine {\n  void apply() {}\n}\n",
            ),
            ("lib/src/store.dart", "class Store {}\n"),
            ("tool/release.py", "def bump():\n    pass\n"),
        ]);
        assert_eq!(code_defined_names(&dart), None);
        let project =
            Project::new(&RepoName::parse("acme/widgets").expect("name")).with_code(&dart);
        assert!(project.defined.is_none());
        assert!(project.files.is_some());
    }
}
