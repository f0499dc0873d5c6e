//! Reading screenshots: decode a PNG and measure how light regions of it are.

/// A decoded image as 8-bit RGBA.
pub struct Rgba {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    pixels: Vec<u8>,
}

/// A rectangle of an image: left, top, width, height in pixels.
#[derive(Clone, Copy, Debug)]
pub struct Rect {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
}

/// Decodes a PNG (any colour type and bit depth) into RGBA.
pub fn decode(png_bytes: &[u8]) -> Result<Rgba, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(
        png::Transformations::normalize_to_color8() | png::Transformations::ALPHA,
    );
    let mut reader = decoder.read_info().map_err(|e| format!("not a PNG: {e}"))?;
    let size = reader.output_buffer_size().ok_or("PNG too large")?;
    let mut buf = vec![0; size];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("bad PNG data: {e}"))?;
    buf.truncate(info.buffer_size());
    let pixels = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::GrayscaleAlpha => buf
            .chunks(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        other => {
            return Err(format!(
                "unexpected colour type after normalising: {other:?}"
            ))
        }
    };
    Ok(Rgba {
        width: info.width,
        height: info.height,
        pixels,
    })
}

impl Rgba {
    /// The relative luminance (0 = black, 1 = white, sRGB weights) of the pixel at `(x, y)`.
    pub fn luminance(&self, x: u32, y: u32) -> f64 {
        let i = ((y.min(self.height - 1) * self.width + x.min(self.width - 1)) * 4) as usize;
        let [r, g, b] =
            [self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]].map(|c| f64::from(c) / 255.0);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// The most common luminance in `rect` (rounded to 1/100): the background's, whatever text or
    /// borders lie on it.
    pub fn background_luminance(&self, rect: Rect) -> f64 {
        let mut counts = std::collections::BTreeMap::<u32, usize>::new();
        for y in rect.y..(rect.y + rect.h).min(self.height) {
            for x in rect.x..(rect.x + rect.w).min(self.width) {
                *counts
                    .entry((self.luminance(x, y) * 100.0).round() as u32)
                    .or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(l, _)| f64::from(l) / 100.0)
            .unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().unwrap();
        let data: Vec<u8> = (0..w * h).flat_map(|_| rgb).collect();
        writer.write_image_data(&data).unwrap();
        drop(writer);
        out
    }

    #[test]
    fn measures_dark_and_light_backgrounds() {
        let dark = decode(&encode(4, 3, [20, 22, 30])).unwrap();
        let light = decode(&encode(4, 3, [250, 250, 252])).unwrap();
        let all = Rect {
            x: 0,
            y: 0,
            w: 4,
            h: 3,
        };
        assert!(dark.background_luminance(all) < 0.1);
        assert!(light.background_luminance(all) > 0.9);
        assert_eq!((dark.width, dark.height), (4, 3));
    }
}
