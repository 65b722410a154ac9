//! Publishing on GitHub: the prompt comment (kept as one comment per issue and edited on a
//! re-run), gists, the size fallback, and making quoted text inert.

pub mod text;
