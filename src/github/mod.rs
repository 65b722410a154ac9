//! GitHub: webhook signatures and our slim view of webhook payloads.

pub mod api;
pub mod client;
pub mod event;
pub mod refs;
pub mod signature;
