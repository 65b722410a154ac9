//! The cell grid and its scrollback.
//!
//! Rows are stored in a ring buffer; `raw[0]` is the top of the scrollback and
//! the visible screen is the last `screen_lines` rows.

use std::cmp::min;
use std::collections::VecDeque;

bitflags::bitflags! {
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Flags: u16 {
        const WIDE_CHAR                = 0b0000_0001;
        const WIDE_CHAR_SPACER         = 0b0000_0010;
        /// Last cell of a row that was soft wrapped onto the next row.
        const WRAPLINE                 = 0b0000_0100;
        /// Empty last column left when a wide char did not fit and wrapped.
        const LEADING_WIDE_CHAR_SPACER = 0b0000_1000;
        const PROMPT_START             = 0b0001_0000;
        const COMMAND_END              = 0b0010_0000;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub c: char,
    pub flags: Flags,
}

impl Default for Cell {
    fn default() -> Self {
        Cell { c: ' ', flags: Flags::empty() }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Point {
    /// Line, 0 is the top of the visible screen, negative is scrollback.
    pub line: i32,
    pub column: usize,
}

impl Point {
    pub fn new(line: i32, column: usize) -> Self {
        Point { line, column }
    }
}

pub type Row<T> = Vec<T>;

pub struct Grid<T> {
    raw: VecDeque<Row<T>>,
    columns: usize,
    screen_lines: usize,
    max_history: usize,
    pub cursor: Point,
    pub display_offset: usize,
}

impl<T: Default + Clone> Grid<T> {
    pub fn new(screen_lines: usize, columns: usize, max_history: usize) -> Self {
        let raw = (0..screen_lines).map(|_| vec![T::default(); columns]).collect();
        Grid { raw, columns, screen_lines, max_history, cursor: Point::default(), display_offset: 0 }
    }

    pub fn columns(&self) -> usize {
        self.columns
    }

    pub fn screen_lines(&self) -> usize {
        self.screen_lines
    }

    pub fn history_size(&self) -> usize {
        self.raw.len() - self.screen_lines
    }

    /// Topmost line (negative when there is scrollback).
    pub fn topmost_line(&self) -> i32 {
        -(self.history_size() as i32)
    }

    pub fn bottommost_line(&self) -> i32 {
        self.screen_lines as i32 - 1
    }

    fn raw_index(&self, line: i32) -> usize {
        (line + self.history_size() as i32) as usize
    }

    pub fn row(&self, line: i32) -> &Row<T> {
        &self.raw[self.raw_index(line)]
    }

    pub fn row_mut(&mut self, line: i32) -> &mut Row<T> {
        let index = self.raw_index(line);
        &mut self.raw[index]
    }

    pub fn cell(&self, point: Point) -> &T {
        &self.row(point.line)[point.column]
    }

    pub fn cursor_cell(&mut self) -> &mut T {
        let Point { line, column } = self.cursor;
        &mut self.row_mut(line)[column]
    }

    pub fn resize(&mut self, screen_lines: usize, columns: usize) {
        self.resize_columns(columns);
        self.resize_rows(screen_lines);
    }

    fn resize_columns(&mut self, columns: usize) {
        for row in self.raw.iter_mut() {
            row.resize(columns, T::default());
        }
        self.columns = columns;
        self.cursor.column = min(self.cursor.column, columns.saturating_sub(1));
    }

    /// Change the number of visible lines.
    ///
    /// When shrinking, rows above the cursor are pushed into the scrollback
    /// (up to `max_history`) and the cursor moves up accordingly; rows below
    /// the cursor are dropped. When growing, rows are pulled back from the
    /// scrollback first.
    pub fn resize_rows(&mut self, screen_lines: usize) {
        if screen_lines == self.screen_lines {
            return;
        }

        if screen_lines > self.screen_lines {
            let grow = screen_lines - self.screen_lines;
            let from_history = min(grow, self.history_size());
            self.cursor.line += from_history as i32;
            for _ in from_history..grow {
                self.raw.push_back(vec![T::default(); self.columns]);
            }
            self.screen_lines = screen_lines;
            return;
        }

        let shrink = self.screen_lines - screen_lines;

        // Drop empty rows below the cursor first.
        let below_cursor = (self.screen_lines as i32 - 1 - self.cursor.line).max(0) as usize;
        let dropped = min(shrink, below_cursor);
        for _ in 0..dropped {
            self.raw.pop_back();
        }

        // The remaining rows go into the scrollback.
        let pushed = shrink - dropped;
        self.screen_lines = screen_lines;
        let room = self.max_history.saturating_sub(self.history_size());
        if room >= pushed {
            self.cursor.line -= pushed as i32;
        } else {
            // History is full: the oldest rows are discarded.
            for _ in 0..pushed - room {
                self.raw.pop_front();
            }
            self.cursor.line -= room as i32;
        }
    }

    pub fn scroll_up(&mut self, region: std::ops::Range<i32>, lines: usize) {
        for _ in 0..lines {
            let top = self.raw_index(region.start);
            let bottom = self.raw_index(region.end);
            let row = self.raw.remove(top).unwrap_or_default();
            if region.start == 0 && self.history_size() < self.max_history {
                self.raw.insert(top, row);
                self.raw.insert(bottom, vec![T::default(); self.columns]);
            } else {
                self.raw.insert(bottom - 1, vec![T::default(); self.columns]);
            }
        }
    }

    pub fn clear_history(&mut self) {
        let history = self.history_size();
        self.raw.drain(..history);
        self.display_offset = 0;
    }
}

impl Grid<Cell> {
    pub fn is_wrapped(&self, line: i32) -> bool {
        self.row(line).last().map_or(false, |cell| cell.flags.contains(Flags::WRAPLINE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrink_columns_clamps_cursor() {
        let mut grid: Grid<Cell> = Grid::new(24, 80, 1000);
        grid.cursor = Point::new(0, 79);
        grid.resize(24, 3);
        assert_eq!(grid.cursor.column, 2);
    }

    #[test]
    fn shrink_rows_pushes_into_history() {
        let mut grid: Grid<Cell> = Grid::new(24, 80, 1000);
        grid.cursor = Point::new(23, 0);
        grid.resize_rows(20);
        assert_eq!(grid.history_size(), 4);
        assert_eq!(grid.cursor.line, 19);
    }

    #[test]
    fn grow_rows_pulls_from_history() {
        let mut grid: Grid<Cell> = Grid::new(24, 80, 1000);
        grid.cursor = Point::new(23, 0);
        grid.resize_rows(20);
        grid.resize_rows(24);
        assert_eq!(grid.history_size(), 0);
        assert_eq!(grid.cursor.line, 23);
    }
}
