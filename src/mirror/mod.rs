//! The local mirror of each repository's issues, pull requests and comments: full and
//! incremental syncs from GitHub, and updates from webhooks.

pub mod events;
pub mod index;
pub mod sync;
