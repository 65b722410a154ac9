//! Related-thread ranking and actionability triage over the mirror.
