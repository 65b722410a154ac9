//! The stand-in GitHub server for tests (see the module docs once written).
