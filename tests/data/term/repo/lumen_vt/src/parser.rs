//! Byte level state machine.

use crate::{ansi, osc, Handler};

const MAX_PARAMS: usize = 32;
const MAX_OSC_RAW: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Ground,
    Escape,
    CsiEntry,
    CsiParam,
    OscString,
    DcsPassthrough,
}

/// CSI parameters. Each parameter may carry colon separated sub-parameters.
#[derive(Debug, Default)]
pub struct Params {
    /// Flat list of values.
    values: Vec<u16>,
    /// Number of sub-parameters that follow each top level parameter.
    subparams: Vec<u8>,
    current: u16,
    in_subparam: bool,
}

impl Params {
    pub fn iter(&self) -> impl Iterator<Item = &[u16]> {
        let mut offset = 0;
        self.subparams.iter().map(move |&n| {
            let group = &self.values[offset..offset + n as usize + 1];
            offset += n as usize + 1;
            group
        })
    }

    fn push(&mut self, value: u16, sub: bool) {
        if self.values.len() >= MAX_PARAMS {
            return;
        }
        self.values.push(value);
        if sub {
            if let Some(last) = self.subparams.last_mut() {
                *last += 1;
            }
        } else {
            self.subparams.push(0);
        }
    }

    fn clear(&mut self) {
        self.values.clear();
        self.subparams.clear();
        self.current = 0;
        self.in_subparam = false;
    }
}

pub struct Parser {
    state: State,
    params: Params,
    osc_raw: Vec<u8>,
    /// Byte offsets of `;` separators in `osc_raw`.
    osc_params: Vec<usize>,
    preceding: Option<char>,
}

impl Default for Parser {
    fn default() -> Self {
        Self::new()
    }
}

impl Parser {
    pub fn new() -> Self {
        Self {
            state: State::Ground,
            params: Params::default(),
            osc_raw: Vec::new(),
            osc_params: Vec::new(),
            preceding: None,
        }
    }

    pub fn advance<H: Handler>(&mut self, handler: &mut H, byte: u8) {
        match self.state {
            State::Ground => self.ground(handler, byte),
            State::Escape => self.escape(handler, byte),
            State::CsiEntry | State::CsiParam => self.csi(handler, byte),
            State::OscString => self.osc(handler, byte),
            State::DcsPassthrough => self.dcs(handler, byte),
        }
    }

    fn ground<H: Handler>(&mut self, handler: &mut H, byte: u8) {
        match byte {
            0x07 => handler.bell(),
            0x0a..=0x0c => handler.linefeed(),
            0x0d => handler.carriage_return(),
            0x1b => self.state = State::Escape,
            0x20..=0x7e => {
                let c = byte as char;
                self.preceding = Some(c);
                handler.input(c);
            },
            _ => {},
        }
    }

    fn escape<H: Handler>(&mut self, handler: &mut H, byte: u8) {
        match byte {
            b'[' => {
                self.params.clear();
                self.state = State::CsiEntry;
            },
            b']' => {
                self.osc_raw.clear();
                self.osc_params.clear();
                self.state = State::OscString;
            },
            b'P' => self.state = State::DcsPassthrough,
            b'\\' => self.state = State::Ground,
            _ => {
                let _ = handler;
                self.state = State::Ground;
            },
        }
    }

    fn csi<H: Handler>(&mut self, handler: &mut H, byte: u8) {
        match byte {
            b'0'..=b'9' => {
                self.state = State::CsiParam;
                self.params.current =
                    self.params.current.saturating_mul(10).saturating_add((byte - b'0') as u16);
            },
            b';' | b':' => {
                let sub = self.params.in_subparam;
                self.params.push(self.params.current, sub);
                self.params.current = 0;
                self.params.in_subparam = byte == b':';
            },
            0x40..=0x7e => {
                let sub = self.params.in_subparam;
                self.params.push(self.params.current, sub);
                self.csi_dispatch(handler, byte);
                self.state = State::Ground;
            },
            _ => {},
        }
    }

    fn csi_dispatch<H: Handler>(&mut self, handler: &mut H, action: u8) {
        match action {
            b'm' => {
                for attr in ansi::parse_sgr(&self.params) {
                    handler.terminal_attribute(attr);
                }
            },
            b'b' => {
                let count = self.params.iter().next().map_or(1, |p| p[0].max(1) as usize);
                handler.repeat_preceding_char(count);
            },
            b'q' => {
                let style = self.params.iter().next().map_or(0, |p| p[0]);
                handler.set_cursor_style(style);
            },
            _ => log::debug!("unhandled CSI action {:?}", action as char),
        }
    }

    fn osc<H: Handler>(&mut self, handler: &mut H, byte: u8) {
        match byte {
            0x07 => {
                self.osc_end(handler);
                self.state = State::Ground;
            },
            0x1b => {
                // ST is ESC \; the backslash is consumed by `escape`.
                self.osc_end(handler);
                self.state = State::Escape;
            },
            b';' => {
                self.osc_params.push(self.osc_raw.len());
                self.osc_raw.push(byte);
            },
            _ if self.osc_raw.len() < MAX_OSC_RAW => self.osc_raw.push(byte),
            _ => {},
        }
    }

    fn osc_end<H: Handler>(&mut self, handler: &mut H) {
        let mut params: Vec<&[u8]> = Vec::with_capacity(self.osc_params.len() + 1);
        let mut start = 0;
        for &sep in &self.osc_params {
            params.push(&self.osc_raw[start..sep]);
            start = sep + 1;
        }
        params.push(&self.osc_raw[start..]);
        osc::dispatch(handler, &params);
    }

    fn dcs<H: Handler>(&mut self, _handler: &mut H, byte: u8) {
        if byte == 0x1b {
            self.state = State::Escape;
        }
    }
}
