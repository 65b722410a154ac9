//! GitHub: webhook signatures and our slim view of webhook payloads.

pub mod event;
pub mod refs;
pub mod signature;
