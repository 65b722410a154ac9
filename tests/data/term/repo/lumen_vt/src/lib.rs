//! Escape sequence parsing for lumen.
//!
//! [`parser::Parser`] is a table driven state machine (after Paul Williams'
//! DEC parser) that turns bytes into calls on a [`Handler`].

pub mod ansi;
pub mod osc;
pub mod parser;

pub use ansi::{Color, NamedColor, Rgb};
pub use osc::{ClipboardType, Hyperlink};

/// Receives the actions decoded by the parser.
pub trait Handler {
    fn input(&mut self, c: char);
    fn linefeed(&mut self) {}
    fn carriage_return(&mut self) {}
    fn bell(&mut self) {}
    fn set_title(&mut self, _title: Option<String>) {}
    fn clipboard_store(&mut self, _clipboard: ClipboardType, _data: &[u8]) {}
    fn set_hyperlink(&mut self, _link: Option<Hyperlink>) {}
    fn prompt_mark(&mut self, _params: &[&[u8]]) {}
    fn repeat_preceding_char(&mut self, _count: usize) {}
    fn set_cursor_style(&mut self, _style: u16) {}
    fn terminal_attribute(&mut self, _attr: ansi::Attr) {}
}
