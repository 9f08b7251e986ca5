//! SVG to PNG with resvg (tiny-skia): no window, no GPU. A diagram too big for one image at
//! the requested scale is cut into tiles instead of being shrunk until its text is unreadable.

use super::fonts::{MONO, SANS};
use super::glyphs::Glyphs;
use super::svg::Label;

/// Longest side of one PNG, in pixels: well inside tiny-skia's limits and what image viewers
/// open comfortably.
pub const MAX_SIDE: u32 = 8192;

/// The most pixels of one rendering, all tiles together (about 2 GB of colour): a model whose
/// tables lie too far apart is refused with the reason instead of exhausting memory.
pub const MAX_PIXELS: u64 = 500_000_000;

/// The most pixels per scene unit (`--scale`).
pub const MAX_SCALE: f32 = 64.0;

/// One image of a (possibly tiled) rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tile {
    /// Row of the tile, from 0 (top).
    pub row: u32,
    /// Column of the tile, from 0 (left).
    pub column: u32,
    /// Pixel size.
    pub width: u32,
    /// Pixel size.
    pub height: u32,
    /// The PNG file.
    pub png: Vec<u8>,
}

impl Tile {
    /// Where this tile goes when the image was asked for at `path`: `path` itself when it is
    /// the only tile, else `name-rRcC.png` beside it (rows and columns from 1).
    pub fn path(&self, path: &std::path::Path, tiles: usize) -> std::path::PathBuf {
        if tiles == 1 {
            return path.to_path_buf();
        }
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        path.with_file_name(format!("{stem}-r{}c{}.png", self.row + 1, self.column + 1))
    }
}

fn options() -> resvg::usvg::Options<'static> {
    let mut options = resvg::usvg::Options::default();
    let db = options.fontdb_mut();
    db.load_font_data(SANS.to_vec());
    db.load_font_data(MONO.to_vec());
    let family = |needle: &str| {
        db.faces()
            .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
            .find(|name| name.contains(needle))
    };
    let (sans, mono) = (family("Ubuntu"), family("Hack"));
    if let Some(sans) = sans {
        db.set_sans_serif_family(sans);
    }
    if let Some(mono) = mono {
        db.set_monospace_family(mono);
    }
    options
}

/// Pixels drawn at a time. A tile is drawn in bands of about this many pixels, each compressed
/// as soon as it is drawn, so memory holds one band per thread rather than whole tiles (an
/// 8192² tile is 256 MiB). Fewer, larger bands would redraw fewer shapes cut by band edges.
const BAND_PIXELS: u32 = 4 << 20;

/// Extra pixels drawn around each band and thrown away: tiny-skia shades anti-aliased edges a
/// few levels differently next to the edge of the image, which would show as seams.
const BLEED: u32 = 8;

/// Rasterises `svg` at `scale` pixels per unit. A picture wider or taller than [`MAX_SIDE`]
/// is cut into a grid of equal tiles, each at most [`MAX_SIDE`] on a side.
/// `labels` is the picture's text, drawn over its shapes by [`Glyphs`].
pub(super) fn rasterise(svg: &str, labels: &[Label], scale: f32) -> Result<Vec<Tile>, String> {
    rasterise_in_bands(svg, labels, scale, BAND_PIXELS)
}

fn rasterise_in_bands(
    svg: &str,
    labels: &[Label],
    scale: f32,
    band_pixels: u32,
) -> Result<Vec<Tile>, String> {
    if !(scale.is_finite() && scale > 0.0 && scale <= MAX_SCALE) {
        return Err(format!(
            "the scale must be a number above 0 and at most {MAX_SCALE}, not {scale}"
        ));
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options()).map_err(|e| e.to_string())?;
    let size = tree.size();
    let (w, h) = (
        f64::from(size.width()) * f64::from(scale),
        f64::from(size.height()) * f64::from(scale),
    );
    if (w * h).is_nan() || w * h > MAX_PIXELS as f64 {
        return Err(format!(
            "the diagram would be {w:.0} x {h:.0} px at scale {scale}, more than the {} megapixels a PNG here may hold: tables are too far apart (move them closer, or render one --group) or the scale is too high",
            MAX_PIXELS / 1_000_000
        ));
    }
    let width = w.ceil().max(1.0) as u64;
    let height = h.ceil().max(1.0) as u64;
    let side = u64::from(MAX_SIDE);
    let (columns, rows) = (width.div_ceil(side), height.div_ceil(side));
    // Equal tiles rather than full ones and a sliver: the work splits evenly between threads.
    let (tile_w, tile_h) = (width.div_ceil(columns), height.div_ceil(rows));
    let cells: Vec<Tile> = (0..rows)
        .flat_map(|row| (0..columns).map(move |column| (row, column)))
        .map(|(row, column)| Tile {
            row: row as u32,
            column: column as u32,
            width: (width - column * tile_w).min(tile_w) as u32,
            height: (height - row * tile_h).min(tile_h) as u32,
            png: Vec::new(),
        })
        .collect();
    let labels = LabelIndex::new(labels, scale);
    let labels = &labels;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || -> Result<Vec<Tile>, String> {
        let mut done = Vec::new();
        let mut glyphs = Glyphs::new();
        loop {
            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(cell) = cells.get(k) else {
                return Ok(done);
            };
            let origin = (
                (u64::from(cell.column) * tile_w) as f32,
                (u64::from(cell.row) * tile_h) as f32,
            );
            let png = encode_tile(
                Picture {
                    tree: &tree,
                    labels,
                    scale,
                },
                &mut glyphs,
                origin,
                (cell.width, cell.height),
                band_pixels,
            )?;
            done.push(Tile {
                png,
                ..cell.clone()
            });
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(cells.len())
        .max(1);
    let mut tiles = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        let mut all = Vec::new();
        for worker in workers {
            all.extend(
                worker
                    .join()
                    .map_err(|_| "a render thread failed".to_string())??,
            );
        }
        Ok::<_, String>(all)
    })?;
    tiles.sort_by_key(|t| (t.row, t.column));
    Ok(tiles)
}

/// Draws the `width` × `height` pixels whose top-left corner is `origin` (pixels of the whole
/// picture) into one PNG, band by band.
/// What is drawn: the shapes (resvg's tree), the text, and the pixels per unit.
#[derive(Clone, Copy)]
struct Picture<'a> {
    tree: &'a resvg::usvg::Tree,
    labels: &'a LabelIndex<'a>,
    scale: f32,
}

/// The labels sorted by the top of their boxes (pixels of the whole picture), so that a band
/// finds its own among tens of thousands without measuring every one again.
struct LabelIndex<'a> {
    labels: &'a [Label],
    /// Each label's box and its place in `labels`.
    boxes: Vec<(resvg::tiny_skia::Rect, usize)>,
    tallest: f32,
}

impl<'a> LabelIndex<'a> {
    fn new(labels: &'a [Label], scale: f32) -> Self {
        let glyphs = Glyphs::new();
        let mut boxes: Vec<_> = labels
            .iter()
            .enumerate()
            .map(|(k, label)| (glyphs.extent(label, scale), k))
            .collect();
        boxes.sort_by(|a, b| a.0.top().total_cmp(&b.0.top()));
        let tallest = boxes.iter().map(|(b, _)| b.height()).fold(0.0, f32::max);
        Self {
            labels,
            boxes,
            tallest,
        }
    }

    /// The labels whose ink may fall inside `view`, in the order they were written.
    fn within(&self, view: resvg::tiny_skia::Rect) -> Vec<&'a Label> {
        // Anti-aliasing reaches a pixel or two past a box.
        let from = self
            .boxes
            .partition_point(|(b, _)| b.top() < view.top() - self.tallest - 2.0);
        let mut found: Vec<usize> = self.boxes[from..]
            .iter()
            .take_while(|(b, _)| b.top() - 2.0 < view.bottom())
            .filter(|(b, _)| {
                b.bottom() + 2.0 > view.top()
                    && b.left() - 2.0 < view.right()
                    && b.right() + 2.0 > view.left()
            })
            .map(|(_, k)| *k)
            .collect();
        found.sort_unstable();
        found.into_iter().map(|k| &self.labels[k]).collect()
    }
}

fn encode_tile(
    Picture {
        tree,
        labels,
        scale,
    }: Picture<'_>,
    glyphs: &mut Glyphs,
    origin: (f32, f32),
    (width, height): (u32, u32),
    band_pixels: u32,
) -> Result<Vec<u8>, String> {
    use resvg::tiny_skia::{Pixmap, Rect, Transform};
    let failed = |e: std::io::Error| e.to_string();
    let mut rows = fdeflate::Compressor::new(Vec::new()).map_err(failed)?;
    let mut line = Vec::with_capacity(1 + 4 * width as usize);
    let mut previous = vec![0u8; 4 * width as usize];
    // At least 16 rows a band, at most the tile (which may be shorter than 16 at a tiny scale).
    let band_rows = (band_pixels / width).max(16).min(height);
    let stride = (width + 2 * BLEED) as usize;
    let mut band = Pixmap::new(width + 2 * BLEED, band_rows + 2 * BLEED)
        .ok_or_else(|| format!("cannot allocate a {width}-pixel-wide image"))?;
    let bleed = BLEED as f32;
    for top in (0..height).step_by(band_rows as usize) {
        let rows_here = band_rows.min(height - top);
        band.fill(resvg::tiny_skia::Color::TRANSPARENT);
        let y = origin.1 + top as f32;
        let view = Rect::from_xywh(
            origin.0 - bleed,
            y - bleed,
            (width + 2 * BLEED) as f32,
            (rows_here + 2 * BLEED) as f32,
        )
        .ok_or("an empty image band")?;
        let place = Transform::from_scale(scale, scale).post_translate(bleed - origin.0, bleed - y);
        draw_visible(tree.root(), view, scale, place, &mut band);
        // Text goes over every shape: cards the layout places never overlap, so each card's
        // text still lies on its own card.
        for label in labels.within(view) {
            glyphs.draw(label, scale, (view.left(), view.top()), &mut band);
        }
        let kept = band.pixels()[BLEED as usize * stride..]
            .chunks_exact(stride)
            .take(rows_here as usize)
            .map(|row| &row[BLEED as usize..BLEED as usize + width as usize]);
        for row in kept {
            // PNG filter "Up": each byte less the one above it. A diagram is mostly runs of the
            // same colour down the page, so rows become zeros that compress to almost nothing.
            line.clear();
            line.push(2);
            for (pixel, above) in row.iter().zip(previous.chunks_exact_mut(4)) {
                let c = pixel.demultiply();
                let now = [c.red(), c.green(), c.blue(), c.alpha()];
                for (byte, up) in now.iter().zip(above.iter_mut()) {
                    line.push(byte.wrapping_sub(*up));
                    *up = *byte;
                }
            }
            rows.write_data(&line).map_err(failed)?;
        }
    }
    let data = rows.finish().map_err(failed)?;
    let mut png = Vec::with_capacity(data.len() + 64);
    let mut encoder = png::Encoder::new(&mut png, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_chunk(png::chunk::IDAT, &data)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(png)
}

/// Draws the nodes of `group` that reach into `view` (pixels of the whole picture). resvg
/// would walk and transform every path of the picture for every band; this skips the cards
/// and connectors that lie elsewhere.
fn draw_visible(
    group: &resvg::usvg::Group,
    view: resvg::tiny_skia::Rect,
    scale: f32,
    place: resvg::tiny_skia::Transform,
    pixmap: &mut resvg::tiny_skia::Pixmap,
) {
    use resvg::usvg::Node;
    // Scaled by hand: `Rect::transform` gives up on the zero-height box of a horizontal line.
    // Anti-aliasing reaches a pixel or two past a shape's box.
    let reaches = |node: &Node| {
        let b = node.abs_stroke_bounding_box();
        b.left() * scale - 2.0 < view.right()
            && b.right() * scale + 2.0 > view.left()
            && b.top() * scale - 2.0 < view.bottom()
            && b.bottom() * scale + 2.0 > view.top()
    };
    for node in group.children() {
        if !reaches(node) {
            continue;
        }
        match node {
            Node::Group(inner) if !inner.should_isolate() => {
                draw_visible(inner, view, scale, place, pixmap);
            }
            _ => {
                // resvg::render_node draws a node relative to its own layer box; shifting by
                // that box's corner puts it back where it lies in the picture.
                let at = place.pre_concat(group.abs_transform());
                match (node.abs_layer_bounding_box(), node) {
                    (Some(layer), _) => {
                        resvg::render_node(
                            node,
                            at.pre_translate(layer.x(), layer.y()),
                            &mut pixmap.as_mut(),
                        );
                    }
                    // A horizontal or vertical line has no layer box, and render_node draws
                    // nothing without one.
                    (None, Node::Path(line)) => stroke_line(line, at, pixmap),
                    (None, _) => {}
                }
            }
        }
    }
}

/// Strokes a path of no area as resvg would (solid colours: all the diagram uses).
fn stroke_line(
    line: &resvg::usvg::Path,
    transform: resvg::tiny_skia::Transform,
    pixmap: &mut resvg::tiny_skia::Pixmap,
) {
    let Some(stroke) = line.stroke() else {
        return;
    };
    let resvg::usvg::Paint::Color(c) = stroke.paint() else {
        return;
    };
    if !line.is_visible() {
        return;
    }
    let mut paint = resvg::tiny_skia::Paint::default();
    paint.set_color_rgba8(c.red, c.green, c.blue, stroke.opacity().to_u8());
    paint.anti_alias = line.rendering_mode().use_shape_antialiasing();
    pixmap.stroke_path(line.data(), &paint, &stroke.to_tiny_skia(), transform, None);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png: &[u8]) -> Vec<u8> {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .expect("a PNG");
        let mut pixels = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut pixels).expect("decodes");
        pixels
    }

    /// What resvg draws of the whole picture in one pass, straight (not premultiplied) RGBA.
    fn reference(svg: &str, scale: f32) -> (u32, Vec<u8>) {
        let tree = resvg::usvg::Tree::from_str(svg, &options()).unwrap();
        let size = tree.size();
        let (w, h) = (
            (size.width() * scale).ceil() as u32,
            (size.height() * scale).ceil() as u32,
        );
        let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).unwrap();
        let transform = resvg::tiny_skia::Transform::from_scale(scale, scale);
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        let bytes = pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect();
        (w, bytes)
    }

    #[test]
    fn bands_and_culling_draw_what_resvg_draws_in_one_pass() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample_models/flawed_inventory.ron"
        );
        let schema = crate::io::load(std::path::Path::new(path)).unwrap();
        for (scale, background) in [
            (1.0, crate::render::Background::Opaque),
            (2.0, crate::render::Background::Transparent),
        ] {
            let options = crate::render::Options {
                background,
                ..Default::default()
            };
            let svg = crate::render::to_svg(&schema, &options).unwrap();
            // Bands of about 100 rows: the sample is drawn in ten or more.
            let tiles = rasterise_in_bands(&svg, &[], scale, 100 * 1024).unwrap();
            assert_eq!(tiles.len(), 1);
            let (width, expected) = reference(&svg, scale);
            let got = decode(&tiles[0].png);
            assert_eq!(got.len(), expected.len());
            // A shape drawn into a band may round a shade of its anti-aliased edge differently
            // (one pixel in a million, by 9 levels of 255, in this sample at scale 2);
            // compared premultiplied, since a nearly transparent pixel's colour means little.
            let premultiplied = |bytes: &[u8]| -> Vec<u8> {
                bytes
                    .chunks_exact(4)
                    .flat_map(|p| {
                        let a = u16::from(p[3]);
                        let m = |c: u8| (u16::from(c) * a / 255) as u8;
                        [m(p[0]), m(p[1]), m(p[2]), p[3]]
                    })
                    .collect()
            };
            let (got, expected) = (premultiplied(&got), premultiplied(&expected));
            let worst = got.iter().zip(&expected).map(|(a, b)| a.abs_diff(*b)).max();
            let differing = got.iter().zip(&expected).filter(|(a, b)| a != b).count();
            assert!(worst <= Some(16), "scale {scale}: a byte off by {worst:?}");
            assert!(
                differing * 10_000 < got.len(),
                "scale {scale}: {differing} of {} bytes differ (width {width})",
                got.len()
            );
        }
    }

    /// Luminance of straight RGBA bytes on white.
    fn luminance(bytes: &[u8]) -> Vec<f32> {
        bytes
            .chunks_exact(4)
            .map(|p| {
                let a = f32::from(p[3]) / 255.0;
                let on_white = |c: u8| f32::from(c) * a + 255.0 * (1.0 - a);
                0.3 * on_white(p[0]) + 0.59 * on_white(p[1]) + 0.11 * on_white(p[2])
            })
            .collect()
    }

    #[test]
    fn text_from_glyphs_lands_where_resvg_puts_it() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_models/shop.ron");
        let schema = crate::io::load(std::path::Path::new(path)).unwrap();
        let options = crate::render::Options::default();
        let (scene, metrics) = crate::render::scene(&schema, &options).unwrap();
        let palette = crate::render::Palette::of(options.theme);
        let background = options.background;
        let with_text = super::super::svg::write_svg(&scene, &metrics, palette, background, "t");
        let (shapes, labels) = super::super::svg::write_picture(
            &scene, &metrics, palette, background, "t", true, None,
        );
        assert!(labels.len() > 100, "{} labels", labels.len());
        assert!(!shapes.contains("<text"));
        let ours = luminance(&decode(&rasterise(&shapes, &labels, 1.0).unwrap()[0].png));
        let (_, theirs) = reference(&with_text, 1.0);
        let theirs = luminance(&theirs);
        assert_eq!(ours.len(), theirs.len());
        // Glyphs are the same outlines at the same pens, but resvg kerns and shades its own way:
        // compare the ink (dark pixels) and the picture's average difference, not pixels.
        let ink = |l: &[f32]| l.iter().filter(|v| **v < 128.0).count() as f32;
        let ratio = ink(&ours) / ink(&theirs);
        assert!((0.9..1.1).contains(&ratio), "ink ours/resvg {ratio}");
        let apart = |a: &[f32], b: &[f32]| {
            a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f32>() / a.len() as f32
        };
        let mean = apart(&ours, &theirs);
        assert!(mean < 1.5, "mean difference {mean} levels");
        // Without text the two differ far more: the comparison sees misplaced text.
        let (_, bare) = reference(&shapes, 1.0);
        let bare = luminance(&bare);
        let without = apart(&ours, &bare);
        assert!(without > 3.0 * mean, "text changes {without}, vs {mean}");
    }

    #[test]
    fn a_tiny_scale_draws_a_tiny_picture() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="red"/></svg>"#;
        let tiles = rasterise(svg, &[], 0.01).unwrap();
        assert_eq!((tiles[0].width, tiles[0].height), (4, 3));
        assert_eq!(&decode(&tiles[0].png)[..4], [255, 0, 0, 255]);
    }

    #[test]
    fn a_picture_past_the_limit_splits_into_equal_tiles() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="9000" height="300"><rect x="8990" y="0" width="10" height="10" fill="red"/></svg>"#;
        let tiles = rasterise(svg, &[], 1.0).unwrap();
        let sizes: Vec<_> = tiles
            .iter()
            .map(|t| (t.column, t.width, t.height))
            .collect();
        assert_eq!(sizes, [(0, 4500, 300), (1, 4500, 300)]);
        // The red square lies at the right edge of the second tile, not the first.
        let right = decode(&tiles[1].png);
        let at = |x: usize| &right[4 * x..4 * x + 4];
        assert_eq!(at(4495), [255, 0, 0, 255]);
        assert_eq!(decode(&tiles[0].png)[4 * 4495 + 3], 0);
    }
}
