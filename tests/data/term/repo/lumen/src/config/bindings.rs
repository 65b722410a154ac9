//! Key bindings.

use serde::Deserialize;

#[derive(Debug, Deserialize, Clone, PartialEq, Eq)]
pub enum Action {
    Copy,
    Paste,
    SearchForward,
    ToggleViMode,
    SplitHorizontal,
    SplitVertical,
    ClosePane,
    ResizePaneLeft,
    ResizePaneRight,
    ResizePaneUp,
    ResizePaneDown,
    PreviousPrompt,
    NextPrompt,
    IncreaseFontSize,
    DecreaseFontSize,
    ReceiveChar,
}

#[derive(Debug, Deserialize, Clone)]
pub struct KeyBinding {
    pub key: String,
    #[serde(default)]
    pub mods: String,
    pub action: Option<Action>,
    pub chars: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Default)]
#[serde(default)]
pub struct KeyboardConfig {
    pub bindings: Vec<KeyBinding>,
}

macro_rules! bind {
    ($key:expr, $mods:expr, $action:expr) => {
        KeyBinding { key: $key.into(), mods: $mods.into(), action: Some($action), chars: None }
    };
}

/// Built-in bindings; user bindings are appended and win on conflict.
pub fn default_bindings() -> Vec<KeyBinding> {
    vec![
        bind!("C", "Control|Shift", Action::Copy),
        bind!("V", "Control|Shift", Action::Paste),
        bind!("F", "Control|Shift", Action::SearchForward),
        bind!("Space", "Control|Shift", Action::ToggleViMode),
        bind!("D", "Control|Shift", Action::SplitHorizontal),
        bind!("E", "Control|Shift", Action::SplitVertical),
        bind!("W", "Control|Shift", Action::ClosePane),
        bind!("Z", "Control|Shift", Action::PreviousPrompt),
        bind!("X", "Control|Shift", Action::NextPrompt),
        bind!("Plus", "Control", Action::IncreaseFontSize),
        bind!("Minus", "Control", Action::DecreaseFontSize),
    ]
}
