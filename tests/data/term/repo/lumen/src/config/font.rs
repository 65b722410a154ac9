//! `[font]` section.

use serde::{Deserialize, Deserializer};

#[derive(Debug, Deserialize, Clone)]
#[serde(default, deny_unknown_fields)]
pub struct FontConfig {
    pub normal: FontDescription,
    pub bold: Option<FontDescription>,
    pub italic: Option<FontDescription>,
    pub bold_italic: Option<FontDescription>,
    #[serde(deserialize_with = "deserialize_size")]
    pub size: f32,
    pub offset: Delta,
    pub glyph_offset: Delta,
    /// OpenType features passed to the shaper, e.g. `["-liga", "ss01"]`.
    pub features: Option<Vec<String>>,
}

impl Default for FontConfig {
    fn default() -> Self {
        FontConfig {
            normal: FontDescription { family: "monospace".into(), style: None },
            bold: None,
            italic: None,
            bold_italic: None,
            size: 11.25,
            offset: Delta::default(),
            glyph_offset: Delta::default(),
            features: None,
        }
    }
}

impl FontConfig {
    /// Shaping features; ligatures are on unless disabled explicitly.
    pub fn features(&self) -> Vec<String> {
        match &self.features {
            Some(features) => features.clone(),
            None => vec!["liga".into(), "calt".into()],
        }
    }
}

#[derive(Debug, Deserialize, Clone)]
pub struct FontDescription {
    pub family: String,
    pub style: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, Default)]
#[serde(default)]
pub struct Delta {
    pub x: i8,
    pub y: i8,
}

/// Font sizes must be positive; invalid values keep the default.
fn deserialize_size<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
    let size = f32::deserialize(deserializer)?;
    if size > 0. && size.is_finite() {
        Ok(size)
    } else {
        log::error!(target: super::LOG_TARGET, "Config error: font size must be positive, got {}", size);
        Ok(FontConfig::default().size)
    }
}
