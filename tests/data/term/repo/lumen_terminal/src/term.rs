//! `Term` applies parser actions to the grid.

use lumen_vt::ansi::Attr;
use lumen_vt::{ClipboardType, Handler, Hyperlink};
use unicode_width::UnicodeWidthChar;

use crate::grid::{Cell, Flags, Grid, Point};
use crate::shell_integration::{parse_mark, PromptMark};

pub trait EventListener {
    fn clipboard_store(&self, _clipboard: ClipboardType, _text: String) {}
    fn title(&self, _title: Option<String>) {}
    fn bell(&self) {}
}

pub struct Term<L> {
    pub grid: Grid<Cell>,
    listener: L,
    hyperlink: Option<Hyperlink>,
    pub prompt_marks: Vec<(i32, PromptMark)>,
    /// Set after the last column was written; the next char wraps first.
    input_needs_wrap: bool,
}

impl<L: EventListener> Term<L> {
    pub fn new(lines: usize, columns: usize, history: usize, listener: L) -> Self {
        Term {
            grid: Grid::new(lines, columns, history),
            listener,
            hyperlink: None,
            prompt_marks: Vec::new(),
            input_needs_wrap: false,
        }
    }

    pub fn resize(&mut self, lines: usize, columns: usize) {
        self.grid.resize(lines, columns);
        self.input_needs_wrap = false;
    }

    fn wrapline(&mut self) {
        self.grid.cursor_cell().flags.insert(Flags::WRAPLINE);
        self.linefeed();
        self.grid.cursor.column = 0;
        self.input_needs_wrap = false;
    }

    fn write_at_cursor(&mut self, c: char, flags: Flags) {
        let cell = self.grid.cursor_cell();
        cell.c = c;
        cell.flags = flags;
    }
}

impl<L: EventListener> Handler for Term<L> {
    fn input(&mut self, c: char) {
        let width = c.width().unwrap_or(1);
        let columns = self.grid.columns();

        if self.input_needs_wrap {
            self.wrapline();
        }

        if width == 2 && self.grid.cursor.column + 1 >= columns {
            // Wide char does not fit: leave a spacer and wrap.
            self.write_at_cursor(' ', Flags::LEADING_WIDE_CHAR_SPACER);
            self.wrapline();
        }

        if width == 2 {
            self.write_at_cursor(c, Flags::WIDE_CHAR);
            self.grid.cursor.column += 1;
            self.write_at_cursor(' ', Flags::WIDE_CHAR_SPACER);
        } else {
            self.write_at_cursor(c, Flags::empty());
        }

        if self.grid.cursor.column + 1 < columns {
            self.grid.cursor.column += 1;
        } else {
            self.input_needs_wrap = true;
        }
    }

    fn linefeed(&mut self) {
        let bottom = self.grid.bottommost_line();
        if self.grid.cursor.line == bottom {
            self.grid.scroll_up(0..bottom + 1, 1);
        } else {
            self.grid.cursor.line += 1;
        }
    }

    fn carriage_return(&mut self) {
        self.grid.cursor.column = 0;
        self.input_needs_wrap = false;
    }

    fn bell(&mut self) {
        self.listener.bell();
    }

    fn set_title(&mut self, title: Option<String>) {
        self.listener.title(title);
    }

    fn clipboard_store(&mut self, clipboard: ClipboardType, data: &[u8]) {
        let text = String::from_utf8_lossy(data).into_owned();
        self.listener.clipboard_store(clipboard, text);
    }

    fn set_hyperlink(&mut self, link: Option<Hyperlink>) {
        self.hyperlink = link;
    }

    fn prompt_mark(&mut self, params: &[&[u8]]) {
        match parse_mark(params) {
            Ok(mark) => {
                let line = self.grid.cursor.line;
                self.prompt_marks.push((line, mark));
            },
            Err(err) => log::error!("{}", err),
        }
    }

    /// REP: repeat the preceding graphic character `count` times.
    fn repeat_preceding_char(&mut self, count: usize) {
        let Point { line, column } = self.grid.cursor;
        let previous = if self.input_needs_wrap {
            Point::new(line, column)
        } else if column > 0 {
            Point::new(line, column - 1)
        } else {
            return;
        };

        let c = self.grid.cell(previous).c;
        for _ in 0..count {
            self.input(c);
        }
    }

    fn set_cursor_style(&mut self, _style: u16) {}

    fn terminal_attribute(&mut self, _attr: Attr) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Nop;
    impl EventListener for Nop {}

    #[test]
    fn rep_repeats_ascii() {
        let mut term = Term::new(5, 10, 0, Nop);
        term.input('a');
        term.repeat_preceding_char(3);
        let line: String = term.grid.row(0).iter().take(4).map(|c| c.c).collect();
        assert_eq!(line, "aaaa");
    }
}
