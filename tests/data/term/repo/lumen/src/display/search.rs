//! Search bar state and match highlighting.

use lumen_terminal::search::Match;

use crate::config::colors::{CellColors, Colors, Rgb};

const DEFAULT_MATCH: CellColors = CellColors { foreground: Rgb::new(0, 0, 0), background: Rgb::new(0xff, 0xd7, 0x00) };
const DEFAULT_FOCUSED: CellColors =
    CellColors { foreground: Rgb::new(0, 0, 0), background: Rgb::new(0xff, 0x87, 0x00) };

pub struct SearchState {
    pub query: String,
    pub focused: Option<Match>,
}

/// Colors of a cell inside a search match.
pub fn match_colors(colors: &Colors, focused: bool) -> CellColors {
    if focused {
        colors.search.focused_match.unwrap_or(DEFAULT_FOCUSED)
    } else {
        colors.search.focused_match.unwrap_or(DEFAULT_MATCH)
    }
}
