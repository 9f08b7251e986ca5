//! SVG to PNG with resvg (tiny-skia): no window, no GPU. A diagram too big for one image at
//! the requested scale is cut into tiles instead of being shrunk until its text is unreadable.

use super::fonts::{MONO, SANS};

/// Longest side of one PNG, in pixels: well inside tiny-skia's limits and what image viewers
/// open comfortably.
pub const MAX_SIDE: u32 = 8192;

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

/// Rasterises `svg` at `scale` pixels per unit, in tiles of at most [`MAX_SIDE`] pixels.
pub fn rasterise(svg: &str, scale: f32) -> Result<Vec<Tile>, String> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(format!("the scale must be a positive number, not {scale}"));
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options()).map_err(|e| e.to_string())?;
    let size = tree.size();
    let width = (size.width() * scale).ceil().max(1.0) as u64;
    let height = (size.height() * scale).ceil().max(1.0) as u64;
    let side = u64::from(MAX_SIDE);
    let (columns, rows) = (width.div_ceil(side), height.div_ceil(side));
    let cells: Vec<(u64, u64)> = (0..rows)
        .flat_map(|row| (0..columns).map(move |column| (row, column)))
        .collect();
    let render = |&(row, column): &(u64, u64)| -> Result<Tile, String> {
        let w = (width - column * side).min(side) as u32;
        let h = (height - row * side).min(side) as u32;
        let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h)
            .ok_or_else(|| format!("cannot allocate a {w}x{h} image"))?;
        let transform = resvg::tiny_skia::Transform::from_scale(scale, scale)
            .post_translate(-((column * side) as f32), -((row * side) as f32));
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        Ok(Tile {
            row: row as u32,
            column: column as u32,
            width: w,
            height: h,
            png: pixmap.encode_png().map_err(|e| e.to_string())?,
        })
    };
    // Tiles are independent: one thread per core, each taking every n-th tile.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(cells.len())
        .max(1);
    let mut tiles: Vec<Tile> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|k| {
                let (cells, render) = (&cells, &render);
                scope.spawn(move || {
                    cells
                        .iter()
                        .skip(k)
                        .step_by(threads)
                        .map(render)
                        .collect::<Result<Vec<Tile>, String>>()
                })
            })
            .collect();
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
