//! Glyph atlas: rasterized glyphs packed into texture pages.

#[derive(Debug, Clone, Copy)]
pub struct AtlasGlyph {
    pub page: usize,
    pub uv: [f32; 4],
    pub width: u32,
    pub height: u32,
}

struct Page {
    size: u32,
    /// Shelf packing: current row position and height.
    cursor_x: u32,
    cursor_y: u32,
    row_height: u32,
    last_used: u64,
}

impl Page {
    fn new(size: u32) -> Self {
        Page { size, cursor_x: 0, cursor_y: 0, row_height: 0, last_used: 0 }
    }

    fn try_insert(&mut self, width: u32, height: u32) -> Option<(u32, u32)> {
        if self.cursor_x + width > self.size {
            self.cursor_x = 0;
            self.cursor_y += self.row_height;
            self.row_height = 0;
        }
        if self.cursor_y + height > self.size {
            return None;
        }
        let position = (self.cursor_x, self.cursor_y);
        self.cursor_x += width;
        self.row_height = self.row_height.max(height);
        Some(position)
    }
}

pub struct Atlas {
    pages: Vec<Page>,
    page_size: u32,
    frame: u64,
}

impl Atlas {
    pub fn new(_device: &wgpu::Device, page_size: u32) -> Self {
        Atlas { pages: vec![Page::new(page_size)], page_size, frame: 0 }
    }

    /// Insert a rasterized glyph. Glyphs larger than a page get a dedicated
    /// page of their own size.
    pub fn insert(&mut self, width: u32, height: u32) -> AtlasGlyph {
        self.frame += 1;
        if width > self.page_size || height > self.page_size {
            let mut page = Page::new(width.max(height));
            let (x, y) = page.try_insert(width, height).expect("dedicated page fits its glyph");
            self.pages.push(page);
            return self.glyph(self.pages.len() - 1, x, y, width, height);
        }

        for index in 0..self.pages.len() {
            if let Some((x, y)) = self.pages[index].try_insert(width, height) {
                self.pages[index].last_used = self.frame;
                return self.glyph(index, x, y, width, height);
            }
        }

        self.pages.push(Page::new(self.page_size));
        let index = self.pages.len() - 1;
        let (x, y) = self.pages[index].try_insert(width, height).expect("fresh page fits a normal glyph");
        self.glyph(index, x, y, width, height)
    }

    fn glyph(&self, page: usize, x: u32, y: u32, width: u32, height: u32) -> AtlasGlyph {
        let size = self.pages[page].size as f32;
        AtlasGlyph {
            page,
            uv: [x as f32 / size, y as f32 / size, width as f32 / size, height as f32 / size],
            width,
            height,
        }
    }
}
