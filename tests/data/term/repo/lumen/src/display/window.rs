//! One lumen window: winit window, wgpu surface and its panes.

use std::sync::Arc;

use anyhow::{Context, Result};
use winit::dpi::PhysicalSize;
use winit::event_loop::ActiveEventLoop;
use winit::window::{WindowAttributes, WindowId};

use crate::cli::Options;
use crate::config::Config;
use crate::renderer::Renderer;

pub struct Window {
    window: Arc<winit::window::Window>,
    renderer: Renderer,
}

impl Window {
    pub fn new(event_loop: &ActiveEventLoop, config: &Config, _options: &Options) -> Result<Self> {
        let mut attributes = WindowAttributes::default().with_title("lumen");
        if config.window.decorations.as_deref() == Some("None") {
            attributes = attributes.with_decorations(false);
        }
        let window = Arc::new(event_loop.create_window(attributes).context("failed to create window")?);
        let renderer = pollster::block_on(Renderer::new(window.clone())).context("failed to create renderer")?;
        Ok(Window { window, renderer })
    }

    pub fn id(&self) -> WindowId {
        self.window.id()
    }

    pub fn resize(&mut self, size: PhysicalSize<u32>) {
        if size.width == 0 || size.height == 0 {
            return;
        }
        self.renderer.configure(size.width, size.height);
        self.window.request_redraw();
    }

    pub fn draw(&mut self, config: &Config) {
        let frame = match self.renderer.surface.get_current_texture() {
            Ok(frame) => frame,
            Err(wgpu::SurfaceError::Outdated) => return,
            Err(wgpu::SurfaceError::Lost) => {
                let size = self.window.inner_size();
                self.renderer.configure(size.width, size.height);
                // The surface was just reconfigured, this cannot be Outdated.
                self.renderer.surface.get_current_texture().unwrap()
            },
            Err(err) => {
                log::error!("failed to acquire frame: {err}");
                return;
            },
        };
        self.renderer.draw_frame(&frame, config);
        frame.present();
    }
}
