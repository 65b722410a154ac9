//! Vi mode cursor motions. Motions work on the grid (including scrollback)
//! and follow soft-wrapped rows like vim follows a long line.

use crate::grid::{Cell, Grid, Point};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    Whitespace,
    Punctuation,
    Word,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViMotion {
    Left,
    Right,
    Up,
    Down,
    WordLeft,
    WordRight,
    First,
    Last,
}

pub fn class_of(c: char) -> CharClass {
    if c.is_whitespace() || c == '\0' {
        CharClass::Whitespace
    } else if c.is_alphanumeric() || c == '_' {
        CharClass::Word
    } else {
        CharClass::Punctuation
    }
}

fn class_at(grid: &Grid<Cell>, point: Point) -> CharClass {
    class_of(grid.cell(point).c)
}

pub struct ViModeCursor {
    pub point: Point,
}

impl ViModeCursor {
    pub fn motion(mut self, grid: &Grid<Cell>, motion: ViMotion) -> Self {
        let last_column = grid.columns() - 1;
        self.point = match motion {
            ViMotion::Left => Point::new(self.point.line, self.point.column.saturating_sub(1)),
            ViMotion::Right => Point::new(self.point.line, (self.point.column + 1).min(last_column)),
            ViMotion::Up => Point::new((self.point.line - 1).max(grid.topmost_line()), self.point.column),
            ViMotion::Down => Point::new((self.point.line + 1).min(grid.bottommost_line()), self.point.column),
            ViMotion::WordLeft => word_left(grid, self.point),
            ViMotion::WordRight => word_right(grid, self.point),
            ViMotion::First => Point::new(self.point.line, 0),
            ViMotion::Last => Point::new(self.point.line, last_column),
        };
        self
    }
}

/// `b`: start of the previous word. Punctuation runs count as words.
pub fn word_left(grid: &Grid<Cell>, mut point: Point) -> Point {
    let step_back = |p: Point| -> Option<Point> {
        if p.column > 0 {
            Some(Point::new(p.line, p.column - 1))
        } else if p.line > grid.topmost_line() && grid.is_wrapped(p.line - 1) {
            Some(Point::new(p.line - 1, grid.columns() - 1))
        } else {
            None
        }
    };

    // Skip whitespace before the cursor.
    while let Some(prev) = step_back(point) {
        if class_at(grid, prev) != CharClass::Whitespace {
            break;
        }
        point = prev;
    }
    let Some(prev) = step_back(point) else { return point };
    point = prev;
    let class = class_at(grid, point);
    while let Some(prev) = step_back(point) {
        if class_at(grid, prev) != class {
            break;
        }
        point = prev;
    }
    point
}

/// `w`: start of the next word.
pub fn word_right(grid: &Grid<Cell>, mut point: Point) -> Point {
    let last_column = grid.columns() - 1;
    let start_class = class_at(grid, point);

    // Skip the rest of the current word.
    if start_class != CharClass::Whitespace {
        loop {
            if point.column == last_column {
                if !grid.is_wrapped(point.line) || point.line == grid.bottommost_line() {
                    return point;
                }
                point.line += 1;
                point.column = 0;
            }
            point.column += 1;
            if class_at(grid, point) != start_class {
                break;
            }
        }
    }

    // Skip whitespace up to the next word.
    while class_at(grid, point) == CharClass::Whitespace {
        if point.column == last_column {
            if !grid.is_wrapped(point.line) || point.line == grid.bottommost_line() {
                return point;
            }
            point = Point::new(point.line + 1, 0);
            continue;
        }
        point.column += 1;
    }
    point
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid_from(lines: &[&str], columns: usize) -> Grid<Cell> {
        let mut grid: Grid<Cell> = Grid::new(lines.len(), columns, 0);
        for (l, text) in lines.iter().enumerate() {
            for (c, ch) in text.chars().enumerate() {
                grid.row_mut(l as i32)[c].c = ch;
            }
        }
        grid
    }

    #[test]
    fn word_right_simple() {
        let grid = grid_from(&["foo bar baz"], 20);
        assert_eq!(word_right(&grid, Point::new(0, 0)), Point::new(0, 4));
    }

    #[test]
    fn word_left_punctuation() {
        let grid = grid_from(&["foo.bar(baz)"], 20);
        assert_eq!(word_left(&grid, Point::new(0, 11)), Point::new(0, 8));
        assert_eq!(word_left(&grid, Point::new(0, 8)), Point::new(0, 7));
    }
}
