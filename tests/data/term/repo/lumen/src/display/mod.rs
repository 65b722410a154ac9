//! Windows, input dispatch and drawing.

use std::path::PathBuf;

use winit::application::ApplicationHandler;
use winit::dpi::{PhysicalPosition, PhysicalSize};
use winit::event::WindowEvent;
use winit::event_loop::{ActiveEventLoop, EventLoopProxy};
use winit::window::WindowId;

use crate::cli::Options;
use crate::config::Config;
use crate::ipc::SocketMessage;

pub mod search;
pub mod window;

#[derive(Debug, Clone)]
pub enum UserEvent {
    ConfigReload(PathBuf),
    Ipc(SocketMessage),
    BlinkCursor,
}

#[derive(Clone)]
pub struct EventProxy(EventLoopProxy<UserEvent>);

impl EventProxy {
    pub fn send(&self, event: UserEvent) {
        let _ = self.0.send_event(event);
    }
}

#[derive(Debug, Clone, Copy)]
pub struct SizeInfo {
    pub width: f32,
    pub height: f32,
    pub cell_width: f32,
    pub cell_height: f32,
    pub padding_x: f32,
    pub padding_y: f32,
}

pub struct Processor {
    config: Config,
    options: Options,
    windows: Vec<window::Window>,
}

impl Processor {
    pub fn new(config: Config, options: Options) -> Self {
        Processor { config, options, windows: Vec::new() }
    }
}

/// Tell the input method where the cursor is so the candidate window is
/// placed next to it. `cursor` is in cells, relative to the window.
pub fn update_ime_position(window: &winit::window::Window, size: &SizeInfo, cursor: (usize, usize)) {
    let (line, column) = cursor;
    let x = size.padding_x + column as f32 * size.cell_width;
    let y = size.padding_y + line as f32 * size.cell_height;
    window.set_ime_cursor_area(
        PhysicalPosition::new(x as i32, y as i32),
        PhysicalSize::new(size.cell_width as u32, size.cell_height as u32),
    );
}

impl ApplicationHandler<UserEvent> for Processor {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.windows.is_empty() {
            match window::Window::new(event_loop, &self.config, &self.options) {
                Ok(window) => self.windows.push(window),
                Err(err) => {
                    log::error!("{err:?}");
                    event_loop.exit();
                },
            }
        }
    }

    fn window_event(&mut self, _event_loop: &ActiveEventLoop, id: WindowId, event: WindowEvent) {
        let Some(window) = self.windows.iter_mut().find(|w| w.id() == id) else { return };
        match event {
            WindowEvent::Resized(size) => window.resize(size),
            WindowEvent::RedrawRequested => window.draw(&self.config),
            _ => {},
        }
    }

    fn user_event(&mut self, _event_loop: &ActiveEventLoop, event: UserEvent) {
        match event {
            UserEvent::ConfigReload(path) => {
                self.config = crate::config::load(&path);
                log::info!(target: crate::config::LOG_TARGET, "Config reloaded");
            },
            UserEvent::Ipc(message) => log::debug!("IPC message: {message:?}"),
            UserEvent::BlinkCursor => {},
        }
    }
}
