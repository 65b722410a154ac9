//! Text selection and conversion of selected cells to a string.

use crate::grid::{Cell, Flags, Grid, Point};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectionType {
    Simple,
    Block,
    /// Whole lines (triple click).
    Lines,
}

#[derive(Debug, Clone)]
pub struct Selection {
    pub ty: SelectionType,
    start: Point,
    end: Point,
}

impl Selection {
    pub fn new(ty: SelectionType, point: Point) -> Self {
        Selection { ty, start: point, end: point }
    }

    pub fn update(&mut self, point: Point) {
        self.end = point;
    }

    /// Move the selection with the content when the grid scrolls.
    pub fn rotate(&mut self, delta: i32, topmost: i32) {
        self.start.line = self.start.line.saturating_sub(delta).max(topmost);
        self.end.line = self.end.line.saturating_sub(delta).max(topmost);
    }

    fn ordered(&self) -> (Point, Point) {
        if self.start <= self.end {
            (self.start, self.end)
        } else {
            (self.end, self.start)
        }
    }

    /// Selected text. Soft-wrapped rows are joined without a newline; trailing
    /// blank cells of hard line ends are trimmed.
    pub fn to_string(&self, grid: &Grid<Cell>) -> String {
        let (mut start, mut end) = self.ordered();
        let last_column = grid.columns() - 1;
        if self.ty == SelectionType::Lines {
            start.column = 0;
            end.column = last_column;
        }

        let mut text = String::new();
        for line in start.line..=end.line {
            let row = grid.row(line);
            let from = if line == start.line { start.column } else { 0 };
            let to = if line == end.line { end.column } else { last_column };

            let mut line_text = String::new();
            let mut wrapped = false;
            for (column, cell) in row.iter().enumerate().take(to + 1).skip(from) {
                if cell.flags.intersects(Flags::WIDE_CHAR_SPACER | Flags::LEADING_WIDE_CHAR_SPACER) {
                    continue;
                }
                line_text.push(cell.c);
                if column == last_column && cell.flags.contains(Flags::WRAPLINE) {
                    wrapped = true;
                }
            }

            if wrapped {
                text.push_str(&line_text);
            } else {
                text.push_str(line_text.trim_end());
                if line != end.line {
                    text.push('\n');
                }
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_ascii_line_is_joined() {
        let mut grid: Grid<Cell> = Grid::new(2, 4, 0);
        for (i, c) in "abcdef".chars().enumerate() {
            let cell = &mut grid.row_mut((i / 4) as i32)[i % 4];
            cell.c = c;
        }
        grid.row_mut(0)[3].flags.insert(Flags::WRAPLINE);
        let mut selection = Selection::new(SelectionType::Lines, Point::new(0, 0));
        selection.update(Point::new(1, 0));
        assert_eq!(selection.to_string(&grid), "abcdef");
    }
}
