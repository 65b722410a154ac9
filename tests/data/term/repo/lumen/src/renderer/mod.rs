//! wgpu renderer.

use std::sync::Arc;

use anyhow::{anyhow, Context, Result};

use crate::config::Config;

pub mod atlas;

pub struct Renderer {
    pub surface: wgpu::Surface<'static>,
    device: wgpu::Device,
    queue: wgpu::Queue,
    config: wgpu::SurfaceConfiguration,
    pub atlas: atlas::Atlas,
}

impl Renderer {
    pub async fn new(window: Arc<winit::window::Window>) -> Result<Self> {
        let instance = wgpu::Instance::new(&wgpu::InstanceDescriptor::from_env_or_default());
        let surface = instance.create_surface(window.clone()).context("failed to create surface")?;
        let adapter = instance
            .request_adapter(&wgpu::RequestAdapterOptions { compatible_surface: Some(&surface), ..Default::default() })
            .await
            .map_err(|_| anyhow!("failed to find a suitable GPU adapter"))?;
        let (device, queue) = adapter.request_device(&Default::default()).await?;

        let caps = surface.get_capabilities(&adapter);
        log::debug!("surface capabilities: formats={:?}", caps.formats);
        let format = caps.formats.iter().copied().find(|f| f.is_srgb()).unwrap_or(caps.formats[0]);

        let size = window.inner_size();
        let config = wgpu::SurfaceConfiguration {
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
            format,
            width: size.width.max(1),
            height: size.height.max(1),
            present_mode: wgpu::PresentMode::AutoVsync,
            alpha_mode: caps.alpha_modes[0],
            view_formats: vec![],
            desired_maximum_frame_latency: 2,
        };
        surface.configure(&device, &config);
        let atlas = atlas::Atlas::new(&device, 1024);
        Ok(Renderer { surface, device, queue, config, atlas })
    }

    pub fn configure(&mut self, width: u32, height: u32) {
        self.config.width = width.max(1);
        self.config.height = height.max(1);
        self.surface.configure(&self.device, &self.config);
    }

    pub fn draw_frame(&mut self, _frame: &wgpu::SurfaceTexture, _config: &Config) {
        let _ = &self.queue;
    }
}
