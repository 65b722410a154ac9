//! `[colors]` section.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Rgb { r, g, b }
    }
}

impl FromStr for Rgb {
    type Err = String;

    /// `#RRGGBB` or `0xRRGGBB`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let hex = s.strip_prefix('#').or_else(|| s.strip_prefix("0x")).ok_or_else(|| format!("invalid color {s:?}"))?;
        if hex.len() != 6 {
            return Err(format!("invalid color {s:?}"));
        }
        let value = u32::from_str_radix(hex, 16).map_err(|_| format!("invalid color {s:?}"))?;
        Ok(Rgb::new((value >> 16) as u8, (value >> 8) as u8, value as u8))
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RgbVisitor;
        impl Visitor<'_> for RgbVisitor {
            type Value = Rgb;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a hex color like #1d2021")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Rgb, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(RgbVisitor)
    }
}

#[derive(Debug, Deserialize, Clone, Copy)]
pub struct CellColors {
    pub foreground: Rgb,
    pub background: Rgb,
}

#[derive(Debug, Deserialize, Clone, Default)]
#[serde(default)]
pub struct SearchColors {
    pub matches: Option<CellColors>,
    pub focused_match: Option<CellColors>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(default, deny_unknown_fields)]
pub struct Colors {
    pub primary: PrimaryColors,
    pub cursor: Option<CursorColors>,
    pub search: SearchColors,
    pub dim: Option<[Rgb; 8]>,
    pub draw_bold_text_with_bright_colors: bool,
}

impl Default for Colors {
    fn default() -> Self {
        Colors {
            primary: PrimaryColors::default(),
            cursor: None,
            search: SearchColors::default(),
            dim: None,
            draw_bold_text_with_bright_colors: true,
        }
    }
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(default)]
pub struct PrimaryColors {
    pub foreground: Rgb,
    pub background: Rgb,
}

impl Default for PrimaryColors {
    fn default() -> Self {
        PrimaryColors { foreground: Rgb::new(0xd8, 0xd8, 0xd8), background: Rgb::new(0x18, 0x18, 0x18) }
    }
}

#[derive(Debug, Deserialize, Clone, Copy)]
pub struct CursorColors {
    pub text: Rgb,
    pub cursor: Rgb,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_hex() {
        assert_eq!("#1d2021".parse::<Rgb>(), Ok(Rgb::new(0x1d, 0x20, 0x21)));
        assert_eq!("0xFFFFFF".parse::<Rgb>(), Ok(Rgb::new(255, 255, 255)));
        assert!("#fff".parse::<Rgb>().is_err());
    }
}
