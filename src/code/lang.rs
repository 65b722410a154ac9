//! One file through a tree-sitter grammar: its definitions and its message literals.
//!
//! One walk serves every language; the tables below say which node kinds define what, which
//! are strings, calls and raise statements. CUDA is read with the C++ grammar (its extensions
//! parse as errors around the kernel launch, the definitions around them still read right).

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tree_sitter::{Language, Node, ParseOptions, Parser};

use super::{SymbolKind, line_hash_of};

/// The languages the index parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Python,
    Rust,
    C,
    Cpp,
    Go,
    Ruby,
    JavaScript,
    TypeScript,
    Tsx,
}

impl Lang {
    /// The language of a file, by its extension.
    pub fn of_path(path: &str) -> Option<Lang> {
        Some(match extension(path)?.as_str() {
            "py" | "pyi" => Lang::Python,
            "rs" => Lang::Rust,
            "c" | "h" => Lang::C,
            "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" | "cu" | "cuh" | "inl" => Lang::Cpp,
            "go" => Lang::Go,
            "rb" | "rake" => Lang::Ruby,
            "js" | "mjs" | "cjs" | "jsx" => Lang::JavaScript,
            "ts" | "mts" | "cts" => Lang::TypeScript,
            "tsx" => Lang::Tsx,
            _ => return None,
        })
    }

    fn grammar(self) -> Language {
        match self {
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::Rust => tree_sitter_rust::LANGUAGE.into(),
            Lang::C => tree_sitter_c::LANGUAGE.into(),
            Lang::Cpp => tree_sitter_cpp::LANGUAGE.into(),
            Lang::Go => tree_sitter_go::LANGUAGE.into(),
            Lang::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        }
    }
}

/// A file's extension, lowercase (`py` of `src/Widgets.PY`).
fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    Some(name.rsplit_once('.')?.1.to_ascii_lowercase())
}

/// Whether `path` is source code in a language the index does not parse (Dart, Swift,
/// Kotlin, Haskell, ...): a tree mostly of those defines names the index cannot know.
pub fn is_unparsed_source(path: &str) -> bool {
    extension(path).is_some_and(|ext| {
        matches!(
            ext.as_str(),
            "dart"
                | "swift"
                | "kt"
                | "kts"
                | "java"
                | "scala"
                | "sc"
                | "ex"
                | "exs"
                | "erl"
                | "php"
                | "cs"
                | "fs"
                | "vb"
                | "m"
                | "mm"
                | "hs"
                | "lua"
                | "jl"
                | "zig"
                | "nim"
                | "ml"
                | "clj"
                | "cljs"
                | "groovy"
                | "pl"
                | "pm"
                | "cr"
                | "sol"
        )
    })
}

/// A definition found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Def {
    pub name: String,
    pub kind: SymbolKind,
    pub parent: Option<String>,
    pub line: u32,
    pub end_line: u32,
}

/// A message literal found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub text: String,
    pub call: String,
    pub line: u32,
    pub end_line: u32,
}

/// What one file holds.
#[derive(Debug, Default)]
pub struct Extracted {
    pub defs: Vec<Def>,
    pub messages: Vec<Msg>,
}

/// A parser per language, reused across files.
pub struct Parsers {
    parsers: Vec<(Lang, Parser)>,
    /// How long one file may take before it is given up.
    pub budget: Duration,
}

impl Default for Parsers {
    fn default() -> Self {
        Parsers {
            parsers: Vec::new(),
            budget: Duration::from_secs(5),
        }
    }
}

/// The placeholder a format directive becomes in a message.
pub const HOLE: char = '\u{1}';

impl Parsers {
    /// The definitions and messages of `source`, or `None` when the parser gave up.
    pub fn extract(&mut self, lang: Lang, source: &str) -> Option<Extracted> {
        let parser = match self.parsers.iter().position(|(l, _)| *l == lang) {
            Some(i) => &mut self.parsers[i].1,
            None => {
                let mut parser = Parser::new();
                parser.set_language(&lang.grammar()).ok()?;
                self.parsers.push((lang, parser));
                &mut self.parsers.last_mut()?.1
            }
        };
        let started = Instant::now();
        let budget = self.budget;
        let bytes = source.as_bytes();
        let mut read = |offset: usize, _| -> &[u8] { bytes.get(offset..).unwrap_or(&[]) };
        let mut give_up = |_: &tree_sitter::ParseState| started.elapsed() > budget;
        let tree = parser.parse_with_options(
            &mut read,
            None,
            Some(ParseOptions::new().progress_callback(&mut give_up)),
        )?;
        let mut out = Extracted::default();
        Walk {
            lang,
            src: bytes,
            out: &mut out,
        }
        .run(tree.root_node());
        Some(out)
    }
}

struct Walk<'a> {
    lang: Lang,
    src: &'a [u8],
    out: &'a mut Extracted,
}

/// What an enclosing node is, for the nodes inside it.
#[derive(Clone)]
enum Scope {
    /// A class, struct, impl or trait: functions inside are its methods.
    Type(String),
    /// A function: definitions inside are local and not indexed.
    Function,
    /// A module-level dictionary or object: its keys are indexed.
    Table(String),
}

impl Walk<'_> {
    fn text(&self, node: Node) -> &str {
        node.utf8_text(self.src).unwrap_or("")
    }

    fn run(&mut self, root: Node) {
        // Depth-first without recursion (outside input can nest deeply): a stack of the
        // nodes to leave, each with the scope it opened.
        let mut cursor = root.walk();
        let mut scopes: Vec<(usize, Scope)> = Vec::new();
        let mut depth = 0usize;
        loop {
            let node = cursor.node();
            if let Some(scope) = self.visit(node, &scopes) {
                scopes.push((depth, scope));
            }
            if cursor.goto_first_child() {
                depth += 1;
                continue;
            }
            loop {
                while scopes.last().is_some_and(|(d, _)| *d >= depth) {
                    scopes.pop();
                }
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return;
                }
                depth -= 1;
            }
        }
    }

    /// Records what `node` defines or says; returns the scope it opens for its children.
    fn visit(&mut self, node: Node, scopes: &[(usize, Scope)]) -> Option<Scope> {
        let kind = node.kind();
        let scope = scopes.last().map(|(_, s)| s);
        let in_function = scopes.iter().any(|(_, s)| matches!(s, Scope::Function));
        if is_string(self.lang, kind) {
            if !node
                .parent()
                .is_some_and(|p| is_string(self.lang, p.kind()))
            {
                self.message(node);
            }
            if let Some(Scope::Table(table)) = scope {
                // A key of a module-level dictionary.
                if let Some(parent) = node.parent()
                    && parent.kind() == "pair"
                    && parent.child_by_field_name("key") == Some(node)
                {
                    let name = unquote(self.text(node));
                    if is_name(&name) {
                        self.def(node, name, SymbolKind::Key, Some(table.clone()));
                    }
                }
            }
            return None;
        }
        if in_function {
            // Local definitions are not the project's API; lambdas and closures open nothing.
            return None;
        }
        let parent_type = match scope {
            Some(Scope::Type(t)) => Some(t.clone()),
            _ => None,
        };
        let function_kind = if parent_type.is_some() {
            SymbolKind::Method
        } else {
            SymbolKind::Function
        };
        match (self.lang, kind) {
            (Lang::Python, "function_definition")
            | (Lang::Rust, "function_item" | "function_signature_item")
            | (
                Lang::JavaScript | Lang::TypeScript | Lang::Tsx,
                "function_declaration" | "generator_function_declaration",
            )
            | (Lang::Go, "function_declaration") => {
                let name = self.field(node, "name")?;
                self.def(node, name, function_kind, parent_type);
                Some(Scope::Function)
            }
            (
                Lang::JavaScript | Lang::TypeScript | Lang::Tsx,
                "method_definition" | "method_signature" | "abstract_method_signature",
            ) => {
                let name = self.field(node, "name")?;
                self.def(node, name, SymbolKind::Method, parent_type);
                Some(Scope::Function)
            }
            (Lang::Go, "method_declaration") => {
                let name = self.field(node, "name")?;
                let receiver = node
                    .child_by_field_name("receiver")
                    .map(|r| self.text(r).to_string())
                    .and_then(|r| {
                        r.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .rfind(|w| !w.is_empty())
                            .map(str::to_string)
                    });
                self.def(node, name, SymbolKind::Method, receiver);
                Some(Scope::Function)
            }
            (Lang::Ruby, "method") => {
                let name = self.ruby_name(node, "name")?;
                self.def(node, name, function_kind, parent_type);
                Some(Scope::Function)
            }
            (Lang::Ruby, "singleton_method") => {
                // `def self.build`: a method of the class around it.
                let name = self.ruby_name(node, "name")?;
                self.def(node, name, SymbolKind::Method, parent_type);
                Some(Scope::Function)
            }
            (Lang::Ruby, "class" | "module") => {
                // `class Kiln::Fetcher`: the last part names it.
                let name = self.ruby_name(node, "name")?;
                self.def(node, name.clone(), SymbolKind::Type, parent_type);
                Some(Scope::Type(name))
            }
            (Lang::C | Lang::Cpp, "function_definition") => {
                let declarator = node.child_by_field_name("declarator")?;
                let (name, qualifier) = self.declarator_name(declarator)?;
                let parent = qualifier.or(parent_type);
                let kind = if parent.is_some() {
                    SymbolKind::Method
                } else {
                    SymbolKind::Function
                };
                self.def(node, name, kind, parent);
                Some(Scope::Function)
            }
            (Lang::Python, "class_definition")
            | (
                Lang::Rust,
                "struct_item" | "enum_item" | "trait_item" | "union_item" | "type_item",
            )
            | (
                Lang::JavaScript | Lang::TypeScript | Lang::Tsx,
                "class_declaration"
                | "abstract_class_declaration"
                | "interface_declaration"
                | "type_alias_declaration"
                | "enum_declaration",
            )
            | (Lang::Go, "type_spec" | "type_alias")
            | (
                Lang::C | Lang::Cpp,
                "struct_specifier" | "class_specifier" | "union_specifier" | "enum_specifier",
            ) => {
                if matches!(self.lang, Lang::C | Lang::Cpp)
                    && node.child_by_field_name("body").is_none()
                {
                    // A use of the type, not its definition.
                    return None;
                }
                let name = self.field(node, "name")?;
                self.def(node, name.clone(), SymbolKind::Type, parent_type);
                Some(Scope::Type(name))
            }
            (Lang::Rust, "impl_item") => {
                let ty = node.child_by_field_name("type")?;
                let name = self.text(ty);
                let name = name
                    .split('<')
                    .next()
                    .unwrap_or(name)
                    .rsplit("::")
                    .next()
                    .unwrap_or(name);
                Some(Scope::Type(name.to_string()))
            }
            (Lang::Rust, "const_item" | "static_item" | "macro_definition")
            | (Lang::Go, "const_spec")
            | (Lang::C | Lang::Cpp, "preproc_def" | "enumerator") => {
                let name = self.field(node, "name")?;
                let table = name.clone();
                self.def(node, name, SymbolKind::Constant, parent_type);
                Some(Scope::Table(table))
            }
            (Lang::C | Lang::Cpp, "preproc_function_def") => {
                let name = self.field(node, "name")?;
                self.def(node, name, SymbolKind::Function, None);
                Some(Scope::Function)
            }
            (Lang::Go, "var_spec") if scope.is_none() => {
                let name = self.field(node, "name")?;
                let table = name.clone();
                self.def(node, name, SymbolKind::Constant, None);
                Some(Scope::Table(table))
            }
            (Lang::Python | Lang::Ruby, "assignment") => {
                // Module-level or class-level names: `X = ...`, `TABLE = {...}`; in Ruby a
                // constant: `MAX_PAGE = 100`, `DEFAULTS = { ... }`.
                let named = if self.lang == Lang::Ruby {
                    "constant"
                } else {
                    "identifier"
                };
                let left = node.child_by_field_name("left")?;
                if left.kind() != named || !matches!(scope, None | Some(Scope::Type(_))) {
                    return None;
                }
                let name = self.text(left).to_string();
                self.def(node, name.clone(), SymbolKind::Constant, parent_type);
                Some(Scope::Table(name))
            }
            (Lang::JavaScript | Lang::TypeScript | Lang::Tsx, "variable_declarator")
                if scope.is_none() =>
            {
                let name_node = node.child_by_field_name("name")?;
                if name_node.kind() != "identifier" {
                    return None;
                }
                let name = self.text(name_node).to_string();
                let is_function = node.child_by_field_name("value").is_some_and(|v| {
                    matches!(
                        v.kind(),
                        "arrow_function"
                            | "function_expression"
                            | "function"
                            | "generator_function"
                    )
                });
                if is_function {
                    self.def(node, name, SymbolKind::Function, None);
                    Some(Scope::Function)
                } else {
                    self.def(node, name.clone(), SymbolKind::Constant, None);
                    Some(Scope::Table(name))
                }
            }
            (Lang::JavaScript | Lang::TypeScript | Lang::Tsx | Lang::Ruby, "pair") => {
                if let Some(Scope::Table(table)) = scope {
                    let key = node.child_by_field_name("key")?;
                    if matches!(
                        key.kind(),
                        "property_identifier" | "identifier" | "hash_key_symbol"
                    ) {
                        let name = self.text(key).to_string();
                        self.def(key, name, SymbolKind::Key, Some(table.clone()));
                    }
                }
                None
            }
            (
                Lang::Python | Lang::JavaScript | Lang::TypeScript | Lang::Tsx,
                "lambda" | "arrow_function" | "function_expression",
            )
            | (Lang::Rust, "closure_expression")
            | (Lang::Go, "func_literal")
            | (Lang::Ruby, "block" | "do_block" | "lambda")
            | (Lang::Cpp, "lambda_expression") => Some(Scope::Function),
            _ => None,
        }
    }

    /// A Ruby name: the last part of `Kiln::Fetcher`, a method without its `?`, `!` or `=`.
    fn ruby_name(&self, node: Node, field: &str) -> Option<String> {
        let n = node.child_by_field_name(field)?;
        let text = self.text(n).trim();
        let last = text.rsplit("::").next().unwrap_or(text);
        let name = last.trim_end_matches(['?', '!', '=']);
        is_name(name).then(|| name.to_string())
    }

    fn field(&self, node: Node, field: &str) -> Option<String> {
        let n = node.child_by_field_name(field)?;
        let name = self.text(n).trim();
        is_name(name).then(|| name.to_string())
    }

    /// The name a C or C++ declarator declares, and its qualifier (`Class::method`).
    fn declarator_name(&self, mut node: Node) -> Option<(String, Option<String>)> {
        for _ in 0..16 {
            match node.kind() {
                "identifier" | "field_identifier" | "destructor_name" | "operator_name" => {
                    let name = self.text(node).to_string();
                    return Some((name, None));
                }
                "qualified_identifier" => {
                    let text = self.text(node);
                    let text = text.split('<').next().unwrap_or(text);
                    let mut parts: Vec<&str> = text.split("::").map(str::trim).collect();
                    let name = parts.pop()?.to_string();
                    let qualifier = parts.pop().filter(|q| is_name(q)).map(str::to_string);
                    return Some((name, qualifier));
                }
                _ => node = node.child_by_field_name("declarator")?,
            }
        }
        None
    }

    fn def(&mut self, node: Node, name: String, kind: SymbolKind, parent: Option<String>) {
        if name.is_empty() || name.len() > 200 {
            return;
        }
        self.out.defs.push(Def {
            name,
            kind,
            parent,
            line: node.start_position().row as u32 + 1,
            end_line: node.end_position().row as u32 + 1,
        });
    }

    /// A string literal passed to a call that raises, warns, panics or logs.
    fn message(&mut self, node: Node) {
        let Some(call) = self.sink(node) else {
            return;
        };
        let text = literal_text(self.text(node));
        let fixed: usize = text.split(HOLE).map(|p| p.trim().len()).sum();
        if fixed < 8 || !text.contains(' ') || text.len() > 500 {
            return;
        }
        self.out.messages.push(Msg {
            text,
            call,
            line: node.start_position().row as u32 + 1,
            end_line: node.end_position().row as u32 + 1,
        });
    }

    /// The call a string is an argument of, when it raises, warns, panics or logs.
    fn sink(&self, node: Node) -> Option<String> {
        let mut current = node;
        for _ in 0..5 {
            let parent = current.parent()?;
            let kind = parent.kind();
            match kind {
                "raise_statement" | "throw_statement" => {
                    let word = if kind == "raise_statement" {
                        "raise"
                    } else {
                        "throw"
                    };
                    return Some(word.to_string());
                }
                "attribute" if self.lang != Lang::Rust => current = parent,
                "call" | "call_expression" | "new_expression" | "macro_invocation"
                | "attribute" => {
                    let contains = |n: Node| {
                        n.start_byte() <= node.start_byte() && node.end_byte() <= n.end_byte()
                    };
                    let name = if self.lang == Lang::Ruby
                        && let Some(method) = parent.child_by_field_name("method")
                    {
                        // `raise Error, "..."`, `logger.warn("...")`: receiver and method.
                        match parent.child_by_field_name("receiver") {
                            Some(r) if contains(r) => {
                                current = parent;
                                continue;
                            }
                            Some(r) => format!("{}.{}", self.text(r).trim(), self.text(method)),
                            None => self.text(method).to_string(),
                        }
                    } else {
                        let callee = parent
                            .child_by_field_name("function")
                            .or_else(|| parent.child_by_field_name("macro"))
                            .or_else(|| parent.child_by_field_name("constructor"))
                            .or_else(|| {
                                (kind == "attribute")
                                    .then(|| parent.named_child(0))
                                    .flatten()
                            })?;
                        if contains(callee) {
                            current = parent;
                            continue;
                        }
                        self.text(callee).trim().to_string()
                    };
                    if is_format_call(&name) {
                        // `"...".format(x)`, `fmt.Sprintf("...")`: the message goes on up.
                        current = parent;
                        continue;
                    }
                    if name.len() > 80 {
                        return None;
                    }
                    let raising = parent
                        .parent()
                        .is_some_and(|g| matches!(g.kind(), "raise_statement" | "throw_statement"));
                    if raising || is_sink(&name) {
                        if kind == "attribute" {
                            // `#[error("...")]`: the message of an error type.
                            return Some(format!("#[{name}]"));
                        }
                        let suffix = if kind == "macro_invocation" { "!" } else { "" };
                        let prefix = if raising {
                            if self.lang == Lang::Python {
                                "raise "
                            } else {
                                "throw "
                            }
                        } else {
                            ""
                        };
                        return Some(format!("{prefix}{name}{suffix}"));
                    }
                    return None;
                }
                "expression_statement"
                | "block"
                | "module"
                | "program"
                | "source_file"
                | "translation_unit"
                | "function_definition"
                | "compound_statement" => return None,
                _ => current = parent,
            }
        }
        None
    }
}

/// Whether a call only formats its string (the result goes to the call around it).
fn is_format_call(callee: &str) -> bool {
    let last = callee.rsplit(['.', ':']).next().unwrap_or(callee);
    matches!(
        last,
        "format" | "Sprintf" | "sprintf" | "snprintf" | "format!" | "join"
    )
}

/// Whether a callee raises, warns, panics, logs or prints.
fn is_sink(callee: &str) -> bool {
    let last = callee
        .rsplit(['.', ':', '>'])
        .next()
        .unwrap_or(callee)
        .to_ascii_lowercase();
    const EXACT: &[&str] = &[
        "panic",
        "unreachable",
        "unimplemented",
        "todo",
        "bail",
        "ensure",
        "anyhow",
        "format_err",
        "expect",
        "die",
        "abort",
        "perror",
        "printf",
        "fprintf",
        "eprintln",
        "eprint",
        "println",
        "print",
        "log",
        "logf",
        "debug",
        "info",
        "trace",
        "new",
        "errorf",
        "fatalf",
        "fatalln",
        "panicf",
        "warnf",
        "warningf",
        "infof",
    ];
    if EXACT.contains(&last.as_str()) {
        // `new` only as `errors.New`-like helpers.
        return last != "new" || callee.to_ascii_lowercase().contains("error");
    }
    [
        "error",
        "exception",
        "warn",
        "fatal",
        "critical",
        "assert",
        "check",
        "fail",
        "raise",
        "throw",
    ]
    .iter()
    .any(|w| last.contains(w))
}

fn is_string(lang: Lang, kind: &str) -> bool {
    match lang {
        Lang::Python => matches!(kind, "string" | "concatenated_string"),
        Lang::Rust => matches!(kind, "string_literal" | "raw_string_literal"),
        Lang::C | Lang::Cpp => matches!(
            kind,
            "string_literal" | "raw_string_literal" | "concatenated_string"
        ),
        Lang::Go => matches!(kind, "interpreted_string_literal" | "raw_string_literal"),
        Lang::Ruby => kind == "string",
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx => {
            matches!(kind, "string" | "template_string")
        }
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '~')
}

/// A key's text without its quotes.
fn unquote(s: &str) -> String {
    s.trim()
        .trim_matches(|c| c == '"' || c == '\'' || c == '`')
        .to_string()
}

/// A literal's text: quotes and prefixes removed, adjacent literals joined, format
/// directives and interpolations replaced by `HOLE`.
pub fn literal_text(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            None => {
                if c == '"' || c == '\'' || c == '`' {
                    // Triple quotes count as one.
                    while chars.peek() == Some(&c) {
                        chars.next();
                    }
                    quote = Some(c);
                }
            }
            Some(q) => {
                if c == q {
                    while chars.peek() == Some(&q) {
                        chars.next();
                    }
                    quote = None;
                } else if c == '\\' {
                    match chars.next() {
                        Some('n' | 't' | 'r') => out.push(' '),
                        Some(other) => out.push(other),
                        None => {}
                    }
                } else if c == '{' || (matches!(c, '$' | '#') && chars.peek() == Some(&'{')) {
                    if c == '$' || c == '#' {
                        chars.next();
                    }
                    if chars.peek() == Some(&'{') {
                        // `{{` is a literal brace.
                        chars.next();
                        out.push('{');
                        continue;
                    }
                    for d in chars.by_ref() {
                        if d == '}' || d == q {
                            break;
                        }
                    }
                    push_hole(&mut out);
                } else if c == '}' && chars.peek() == Some(&'}') {
                    chars.next();
                    out.push('}');
                } else if c == '%' && matches!(chars.peek(), Some('%' | ' ') | None) {
                    // `%%` is a literal percent sign, and so is one before a space.
                    if chars.peek() == Some(&'%') {
                        chars.next();
                    }
                    out.push('%');
                } else if c == '%' {
                    // printf directives: `%s`, `%d`, `%.2f`, `%-10s`, `%(name)s`.
                    let mut spec = String::new();
                    while let Some(&d) = chars.peek() {
                        spec.push(d);
                        chars.next();
                        if d.is_ascii_alphabetic() && d != 'l' && d != 'z' && d != 'h' {
                            break;
                        }
                        if spec.len() > 12 || d == ' ' || d == q {
                            break;
                        }
                    }
                    push_hole(&mut out);
                } else {
                    out.push(c);
                }
            }
        }
    }
    out.trim().to_string()
}

fn push_hole(out: &mut String) {
    if !out.ends_with(HOLE) {
        out.push(HOLE);
    }
}

/// The 16-bit hashes of every line of `source`, little-endian.
pub fn line_hashes(source: &str) -> (Vec<u8>, u32) {
    let mut bytes = Vec::with_capacity(source.len() / 16);
    let mut lines = 0u32;
    for line in source.lines() {
        bytes.extend_from_slice(&line_hash_of(line).to_le_bytes());
        lines += 1;
    }
    (bytes, lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lang: Lang, src: &str) -> Extracted {
        Parsers::default().extract(lang, src).expect("parsed")
    }

    #[test]
    fn ruby_classes_methods_constants_and_raised_messages() {
        let rb = "module Ember\n  class Pool\n    DEFAULTS = { size: 5, timeout: 5.0 }\n\n    def self.build(opts)\n      new(opts)\n    end\n\n    def checkout(timeout)\n      items.each { |i| i }\n      raise Ember::Pool::TimeoutError, \"waited #{timeout}s for a connection (pool size #{size})\"\n    end\n\n    def full?\n      logger.warn(\"pool is full, callers will wait\")\n    end\n  end\nend\n";
        let e = run(Lang::Ruby, rb);
        assert_eq!(
            names(&e),
            [
                "type:Ember@1",
                "type:Ember.Pool@2",
                "constant:Pool.DEFAULTS@3",
                "key:DEFAULTS.size@3",
                "key:DEFAULTS.timeout@3",
                "method:Pool.build@5",
                "method:Pool.checkout@9",
                "method:Pool.full@14"
            ]
        );
        assert_eq!(e.messages.len(), 2, "{:?}", e.messages);
        assert_eq!(
            e.messages[0].text,
            "waited \u{1}s for a connection (pool size \u{1})"
        );
        assert_eq!(e.messages[0].call, "raise");
        assert_eq!(e.messages[1].call, "logger.warn");
        assert_eq!(Lang::of_path("lib/ember/pool.rb"), Some(Lang::Ruby));
    }

    fn names(e: &Extracted) -> Vec<String> {
        e.defs
            .iter()
            .map(|d| match &d.parent {
                Some(p) => format!("{}:{p}.{}@{}", d.kind.as_str(), d.name, d.line),
                None => format!("{}:{}@{}", d.kind.as_str(), d.name, d.line),
            })
            .collect()
    }

    #[test]
    fn python_definitions_keys_and_raise_sites() {
        let src = "import os\n\nOPTIMIZERS = {\n    'adam': 1,\n    \"lamb\": 2,\n}\n\nclass Loader(Base):\n    LIMIT = 3\n    def load(self, path):\n        def inner():\n            pass\n        raise ValueError(f\"cannot load {path}: not a checkpoint\")\n\ndef top():\n    warnings.warn('the old API is deprecated, use top2')\n    logger.info('x')\n";
        let e = run(Lang::Python, src);
        assert_eq!(
            names(&e),
            [
                "constant:OPTIMIZERS@3",
                "key:OPTIMIZERS.adam@4",
                "key:OPTIMIZERS.lamb@5",
                "type:Loader@8",
                "constant:Loader.LIMIT@9",
                "method:Loader.load@10",
                "function:top@15",
            ]
        );
        let msgs: Vec<(String, String, u32)> = e
            .messages
            .iter()
            .map(|m| (m.text.clone(), m.call.clone(), m.line))
            .collect();
        assert_eq!(
            msgs,
            [
                (
                    "cannot load \u{1}: not a checkpoint".to_string(),
                    "raise ValueError".to_string(),
                    13
                ),
                (
                    "the old API is deprecated, use top2".to_string(),
                    "warnings.warn".to_string(),
                    16
                ),
            ]
        );
    }

    #[test]
    fn rust_items_methods_and_panics() {
        let src = "pub struct Queue { n: u32 }\nimpl Queue {\n    pub fn push(&mut self) {\n        panic!(\"queue is full: {} items\", self.n);\n    }\n}\nconst LIMIT: u32 = 4;\n#[derive(thiserror::Error, Debug)]\nenum E {\n    #[error(\"the lease expired before the job finished\")]\n    Lease,\n}\nfn f() -> u32 { x.expect(\"the config file must exist\") }\n";
        let e = run(Lang::Rust, src);
        assert_eq!(
            names(&e),
            [
                "type:Queue@1",
                "method:Queue.push@3",
                "constant:LIMIT@7",
                "type:E@9",
                "function:f@13"
            ]
        );
        let msgs: Vec<&str> = e.messages.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "queue is full: \u{1} items",
                "the lease expired before the job finished",
                "the config file must exist"
            ]
        );
    }

    #[test]
    fn c_cpp_and_cuda_definitions() {
        let c = "#define MAX_BLOCKS 64\nstruct dev { int id; };\nstatic int *open_dev(const char *name) {\n    fprintf(stderr, \"cannot open device %s\\n\", name);\n    return 0;\n}\n";
        let e = run(Lang::C, c);
        assert_eq!(
            names(&e),
            ["constant:MAX_BLOCKS@1", "type:dev@2", "function:open_dev@3"]
        );
        assert_eq!(e.messages[0].text, "cannot open device \u{1}");
        let cpp = "namespace ops {\nclass Kernel {\n public:\n  void run();\n};\nvoid Kernel::run() { throw std::runtime_error(\"kernel launch failed on this device\"); }\n__global__ void scale(float* x) { x[0] = 1; }\n}\n";
        let e = run(Lang::Cpp, cpp);
        let n = names(&e);
        assert!(n.contains(&"type:Kernel@2".to_string()), "{n:?}");
        assert!(n.contains(&"method:Kernel.run@6".to_string()), "{n:?}");
        assert!(n.iter().any(|s| s.starts_with("function:scale@7")), "{n:?}");
        assert_eq!(e.messages[0].text, "kernel launch failed on this device");
        assert_eq!(e.messages[0].call, "throw std::runtime_error");
    }

    #[test]
    fn go_js_and_ts_definitions() {
        let go = "package x\nconst Limit = 3\ntype Server struct{}\nfunc (s *Server) Serve() error {\n\treturn fmt.Errorf(\"listen failed on %s\", s)\n}\nfunc New() {}\n";
        let e = run(Lang::Go, go);
        assert_eq!(
            names(&e),
            [
                "constant:Limit@2",
                "type:Server@3",
                "method:Server.Serve@4",
                "function:New@7"
            ]
        );
        assert_eq!(e.messages[0].text, "listen failed on \u{1}");
        let js = "export const ROUTES = { home: '/', about: '/about' };\nexport function mount(el) {\n  throw new Error(`cannot mount on ${el}: not attached`);\n}\nclass View { render() {} }\nconst helper = () => 1;\n";
        let e = run(Lang::JavaScript, js);
        assert_eq!(
            names(&e),
            [
                "constant:ROUTES@1",
                "key:ROUTES.home@1",
                "key:ROUTES.about@1",
                "function:mount@2",
                "type:View@5",
                "method:View.render@5",
                "function:helper@6"
            ]
        );
        assert_eq!(e.messages[0].text, "cannot mount on \u{1}: not attached");
        let ts = "export interface Options { retries: number }\nexport class Client { send(): void { console.warn('retrying the request later'); } }\n";
        let e = run(Lang::TypeScript, ts);
        assert_eq!(
            names(&e),
            ["type:Options@1", "type:Client@2", "method:Client.send@2"]
        );
        assert_eq!(e.messages[0].call, "console.warn");
    }

    #[test]
    fn broken_source_still_yields_what_parses() {
        let e = run(
            Lang::Python,
            "def ok():\n    pass\n\ndef broken(:\n\nclass K:\n    pass\n",
        );
        assert!(names(&e).contains(&"function:ok@1".to_string()));
    }

    #[test]
    fn literals_lose_quotes_and_directives() {
        assert_eq!(
            literal_text(r#"f"bad value {x!r} for {name}""#),
            "bad value \u{1} for \u{1}"
        );
        assert_eq!(
            literal_text(r#""100%% done: %d items""#),
            "100% done: \u{1} items"
        );
        assert_eq!(literal_text(r#"'a' 'b'"#), "ab");
        assert_eq!(literal_text(r#""{{literal}} {}""#), "{literal} \u{1}");
    }
}
