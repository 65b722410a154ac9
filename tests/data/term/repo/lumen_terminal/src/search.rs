//! Regex search through the grid, including the scrollback.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::regex::Regex;
use regex_automata::Input;

use crate::grid::{Cell, Grid, Point};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
}

pub type Match = std::ops::RangeInclusive<Point>;

pub struct RegexSearch {
    regex: Regex,
    cache: regex_automata::hybrid::regex::Cache,
}

impl RegexSearch {
    pub fn new(pattern: &str) -> Result<Self, Box<regex_automata::hybrid::BuildError>> {
        let regex = Regex::new(pattern).map_err(Box::new)?;
        let cache = regex.create_cache();
        Ok(RegexSearch { regex, cache })
    }

    /// Text of the logical line (following soft wraps) containing `line`,
    /// with the grid point of each char.
    fn logical_line(grid: &Grid<Cell>, mut line: i32) -> (String, Vec<Point>) {
        while line > grid.topmost_line() && grid.is_wrapped(line - 1) {
            line -= 1;
        }
        let mut text = String::new();
        let mut points = Vec::new();
        loop {
            for (column, cell) in grid.row(line).iter().enumerate() {
                text.push(cell.c);
                points.push(Point::new(line, column));
            }
            if !grid.is_wrapped(line) || line == grid.bottommost_line() {
                break;
            }
            line += 1;
        }
        (text, points)
    }

    /// Find the next match starting at `origin` (exclusive) in `direction`,
    /// wrapping around at the ends of the grid.
    pub fn next_match(&mut self, grid: &Grid<Cell>, origin: Point, direction: Direction) -> Option<Match> {
        let mut line = origin.line;
        let total = (grid.bottommost_line() - grid.topmost_line() + 1) as usize;
        let mut searched = 0;
        let mut from = origin;

        while searched <= total {
            let (text, points) = Self::logical_line(grid, line);
            let mut start = 0;
            while let Some(m) = self.regex.find(&mut self.cache, Input::new(&text).range(start..)) {
                let first = points[char_index(&text, m.start())];
                let last = points[char_index(&text, m.end().max(m.start() + 1) - 1)];
                let after_origin = match direction {
                    Direction::Right => first > from,
                    Direction::Left => first < from,
                };
                if after_origin {
                    return Some(first..=last);
                }
                if m.is_empty() {
                    // Nothing consumed: retry from the same position.
                    continue;
                }
                start = m.end();
            }

            searched += 1;
            line = match direction {
                Direction::Right if line >= grid.bottommost_line() => grid.topmost_line(),
                Direction::Right => line + 1,
                Direction::Left if line <= grid.topmost_line() => grid.bottommost_line(),
                Direction::Left => line - 1,
            };
            from = match direction {
                Direction::Right => Point::new(line, 0),
                Direction::Left => Point::new(line, grid.columns()),
            };
        }
        None
    }
}

fn char_index(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

#[allow(dead_code)]
fn _assert_types(_: &DFA, _: &Cache) {}
