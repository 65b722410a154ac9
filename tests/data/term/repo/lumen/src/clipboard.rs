//! System clipboard and primary selection.

use lumen_vt::ClipboardType;

pub struct Clipboard {
    clipboard: Box<dyn ClipboardProvider>,
    selection: Option<Box<dyn ClipboardProvider>>,
}

pub trait ClipboardProvider {
    fn get_contents(&mut self) -> Result<String, Box<dyn std::error::Error>>;
    fn set_contents(&mut self, text: String) -> Result<(), Box<dyn std::error::Error>>;
}

impl Clipboard {
    pub fn new(clipboard: Box<dyn ClipboardProvider>, selection: Option<Box<dyn ClipboardProvider>>) -> Self {
        Clipboard { clipboard, selection }
    }

    /// Store text, e.g. from a selection or an OSC 52 sequence. Without a
    /// primary selection (Windows, macOS) `Selection` goes to the clipboard.
    pub fn store(&mut self, ty: ClipboardType, text: impl Into<String>) {
        let provider = match (ty, self.selection.as_mut()) {
            (ClipboardType::Selection, Some(selection)) => selection,
            _ => &mut self.clipboard,
        };
        if let Err(err) = provider.set_contents(text.into()) {
            log::error!("unable to store text in clipboard: {}", err);
        }
    }

    pub fn load(&mut self, ty: ClipboardType) -> String {
        let provider = match (ty, self.selection.as_mut()) {
            (ClipboardType::Selection, Some(selection)) => selection,
            _ => &mut self.clipboard,
        };
        provider.get_contents().unwrap_or_else(|err| {
            log::debug!("unable to load text from clipboard: {}", err);
            String::new()
        })
    }
}
