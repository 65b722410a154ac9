//! SGR (Select Graphic Rendition) and colors.

use crate::parser::Params;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedColor {
    Foreground,
    Background,
    Cursor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Named(NamedColor),
    Spec(Rgb),
    Indexed(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attr {
    Reset,
    Bold,
    Dim,
    Italic,
    Underline,
    DoubleUnderline,
    Undercurl,
    DottedUnderline,
    DashedUnderline,
    CancelUnderline,
    Reverse,
    Foreground(Color),
    Background(Color),
    UnderlineColor(Option<Color>),
}

/// Parse all attributes of one `CSI ... m` sequence.
pub fn parse_sgr(params: &Params) -> Vec<Attr> {
    let mut attrs = Vec::new();
    let mut iter = params.iter().peekable();
    while let Some(param) = iter.next() {
        let attr = match param {
            [0] => Some(Attr::Reset),
            [1] => Some(Attr::Bold),
            [2] => Some(Attr::Dim),
            [3] => Some(Attr::Italic),
            [4, 0] => Some(Attr::CancelUnderline),
            [4, 2] => Some(Attr::DoubleUnderline),
            [4, 3] => Some(Attr::Undercurl),
            [4, 4] => Some(Attr::DottedUnderline),
            [4, 5] => Some(Attr::DashedUnderline),
            [4, ..] => Some(Attr::Underline),
            [7] => Some(Attr::Reverse),
            [24] => Some(Attr::CancelUnderline),
            [30..=37] => Some(Attr::Foreground(Color::Indexed(param[0] as u8 - 30))),
            [38, rest @ ..] => parse_sgr_color(rest, &mut iter).map(Attr::Foreground),
            [48, rest @ ..] => parse_sgr_color(rest, &mut iter).map(Attr::Background),
            [58, rest @ ..] => parse_sgr_color(rest, &mut iter).map(|c| Attr::UnderlineColor(Some(c))),
            [59] => Some(Attr::UnderlineColor(None)),
            _ => None,
        };
        if let Some(attr) = attr {
            attrs.push(attr);
        }
    }
    attrs
}

/// Parse the color part of SGR 38/48/58.
///
/// Two forms exist:
/// - semicolon: `38;2;r;g;b` / `38;5;idx`, the values are separate parameters
///   and are taken from `iter`;
/// - colon: `38:2:r:g:b` / `38:5:idx`, the values are sub-parameters and are
///   passed in `subparams`.
pub fn parse_sgr_color<'a, I>(subparams: &[u16], iter: &mut std::iter::Peekable<I>) -> Option<Color>
where
    I: Iterator<Item = &'a [u16]>,
{
    if subparams.is_empty() {
        // Semicolon form.
        let kind = iter.next()?[0];
        return match kind {
            2 => {
                let r = iter.next()?[0];
                let g = iter.next()?[0];
                let b = iter.next()?[0];
                Some(Color::Spec(Rgb { r: r as u8, g: g as u8, b: b as u8 }))
            },
            5 => Some(Color::Indexed(iter.next()?[0] as u8)),
            _ => None,
        };
    }

    // Colon form.
    match subparams {
        [2, r, g, b, ..] => Some(Color::Spec(Rgb { r: *r as u8, g: *g as u8, b: *b as u8 })),
        [5, idx, ..] => Some(Color::Indexed(*idx as u8)),
        _ => None,
    }
}
