//! Newtypes for the numbers that are easy to mix up where they cross module boundaries: an
//! issue's number and a pull request's (both live in one numbering on GitHub, but mean
//! different things to the relay and the triage), and an installation's id (a `u64` on
//! GitHub, often next to other ids).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The number of an issue (`#N` on GitHub).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IssueNumber(pub i64);

/// The number of a pull request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PullNumber(pub i64);

/// A GitHub App installation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct InstallationId(pub u64);

impl IssueNumber {
    pub fn get(self) -> i64 {
        self.0
    }
}

impl PullNumber {
    pub fn get(self) -> i64 {
        self.0
    }
}

impl InstallationId {
    pub fn get(self) -> u64 {
        self.0
    }

    /// From the signed id a payload or the database holds; `None` for a negative one.
    pub fn from_i64(id: i64) -> Option<InstallationId> {
        u64::try_from(id).ok().map(InstallationId)
    }
}

impl fmt::Display for IssueNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl fmt::Display for PullNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl fmt::Display for InstallationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
