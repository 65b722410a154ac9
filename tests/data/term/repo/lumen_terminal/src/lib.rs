//! Terminal state for lumen: the grid of cells, scrollback, selection,
//! regex search, vi mode and shell integration marks.

pub mod grid;
pub mod search;
pub mod selection;
pub mod shell_integration;
pub mod term;
pub mod vi_mode;

pub use grid::{Cell, Flags, Grid, Point};
pub use term::Term;
