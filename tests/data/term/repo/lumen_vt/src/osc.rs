//! Operating System Commands.

use std::str;
use std::sync::atomic::{AtomicU64, Ordering};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::Handler;

/// Which clipboard an OSC 52 sequence targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClipboardType {
    Clipboard,
    Selection,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    pub id: String,
    pub uri: String,
}

static NEXT_LINK_ID: AtomicU64 = AtomicU64::new(0);

pub fn dispatch<H: Handler>(handler: &mut H, params: &[&[u8]]) {
    if params.is_empty() || params[0].is_empty() {
        return;
    }

    match params[0] {
        b"0" | b"2" => {
            let title = params[1..]
                .iter()
                .map(|p| String::from_utf8_lossy(p))
                .collect::<Vec<_>>()
                .join(";");
            handler.set_title(Some(title));
        },
        b"8" => handler.set_hyperlink(parse_hyperlink(params)),
        b"52" => {
            if let Some((clipboard, data)) = parse_osc52(params) {
                handler.clipboard_store(clipboard, &data);
            }
        },
        b"133" => handler.prompt_mark(&params[1..]),
        _ => log::debug!("unhandled OSC {:?}", String::from_utf8_lossy(params[0])),
    }
}

/// `OSC 8 ; params ; URI ST`.
///
/// `params` is a list of `key=value` pairs separated by `:`; only `id` is
/// used. An empty URI closes the current hyperlink.
pub fn parse_hyperlink(params: &[&[u8]]) -> Option<Hyperlink> {
    if params.len() < 3 {
        return None;
    }

    let uri = str::from_utf8(params[2]).ok()?.to_owned();
    if uri.is_empty() {
        return None;
    }

    let id = str::from_utf8(params[1])
        .ok()?
        .split(':')
        .find_map(|kv| kv.strip_prefix("id="))
        .map(str::to_owned)
        .unwrap_or_else(|| format!("lumen-{}", NEXT_LINK_ID.fetch_add(1, Ordering::Relaxed)));

    Some(Hyperlink { id, uri })
}

/// `OSC 52 ; Pc ; Pd ST`: store base64 data `Pd` in the clipboard(s) `Pc`.
pub fn parse_osc52(params: &[&[u8]]) -> Option<(ClipboardType, Vec<u8>)> {
    log::debug!("OSC 52 params: {:?}", params.iter().map(|p| String::from_utf8_lossy(p)).collect::<Vec<_>>());
    if params.len() < 3 {
        return None;
    }

    let clipboard = match parse_clipboard_target(params[1]) {
        Some(clipboard) => clipboard,
        None => {
            log::warn!("unsupported clipboard target {:?}", String::from_utf8_lossy(params[1]));
            return None;
        },
    };

    // A query (`?`) would read the clipboard, which we deliberately don't support.
    if params[2] == b"?" {
        return None;
    }

    match STANDARD.decode(params[2]) {
        Ok(data) => Some((clipboard, data)),
        Err(err) => {
            log::warn!("invalid base64 in OSC 52: {}", err);
            None
        },
    }
}

/// Map the `Pc` selection parameter to a clipboard. Only the first character
/// is considered: `c` is the clipboard, `p` and `s` the primary selection.
pub fn parse_clipboard_target(target: &[u8]) -> Option<ClipboardType> {
    match target.first()? {
        b'c' => Some(ClipboardType::Clipboard),
        b'p' | b's' => Some(ClipboardType::Selection),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_clipboard() {
        let params: [&[u8]; 3] = [b"52", b"c", b"aGVsbG8="];
        assert_eq!(parse_osc52(&params), Some((ClipboardType::Clipboard, b"hello".to_vec())));
    }

    #[test]
    fn osc52_query_ignored() {
        let params: [&[u8]; 3] = [b"52", b"c", b"?"];
        assert_eq!(parse_osc52(&params), None);
    }

    #[test]
    fn hyperlink_with_id() {
        let params: [&[u8]; 3] = [b"8", b"id=abc", b"https://example.invalid/"];
        let link = parse_hyperlink(&params).unwrap();
        assert_eq!(link.id, "abc");
        assert_eq!(link.uri, "https://example.invalid/");
    }

    #[test]
    fn hyperlink_close() {
        let params: [&[u8]; 3] = [b"8", b"", b""];
        assert_eq!(parse_hyperlink(&params), None);
    }
}
