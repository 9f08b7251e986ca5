//! `schemaboard render`: the diagram as a PNG or SVG image.

use super::{Failure, Outcome, load_model};
use crate::render::{Background, Options, Theme as RenderTheme, to_png, to_svg};
use crate::scene::Detail;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

/// Arguments of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The model (`.ron`).
    pub model: PathBuf,
    /// The image to write; `.png` or `.svg`.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Replace the output file even where schemaboard did not write it (the old one is kept
    /// as `NAME.bak`).
    #[arg(long)]
    pub force: bool,
    /// Pixels per scene unit, for PNG (text is 13 px high at 1).
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,
    /// Only this group's tables.
    #[arg(long)]
    pub group: Option<String>,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
    /// What is behind the diagram.
    #[arg(long, value_enum, default_value_t = BackgroundChoice::White)]
    pub background: BackgroundChoice,
    /// How much of each table to show.
    #[arg(long, value_enum, default_value_t = Detail::Full)]
    pub detail: Detail,
}

/// Colour themes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Theme {
    /// Dark text on light cards.
    Light,
    /// Light text on dark cards.
    Dark,
}

/// Backgrounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BackgroundChoice {
    /// The theme's background colour (white for the light theme).
    White,
    /// None.
    Transparent,
}

/// `--detail`, from the model's own levels of detail.
impl ValueEnum for Detail {
    fn value_variants<'a>() -> &'a [Self] {
        &[Detail::Full, Detail::Keys, Detail::Names]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let (name, help) = match self {
            Detail::Full => ("full", "Every column with its type"),
            Detail::Keys => ("keys", "Key columns only"),
            Detail::Names => ("names", "Table names only"),
        };
        Some(clap::builder::PossibleValue::new(name).help(help))
    }
}

fn write(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    super::write_file(path, bytes, force)
}

pub(super) fn run(args: &RenderArgs) -> Result<Outcome, Failure> {
    let extension = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(extension.as_deref(), Some("png" | "svg")) {
        return Err(Failure::usage_or_io(format!(
            "{}: the image must end in .png or .svg",
            args.output.display()
        )));
    }
    let schema = load_model(&args.model)?;
    let options = Options {
        theme: match args.theme {
            Theme::Light => RenderTheme::Light,
            Theme::Dark => RenderTheme::Dark,
        },
        background: match args.background {
            BackgroundChoice::White => Background::Opaque,
            BackgroundChoice::Transparent => Background::Transparent,
        },
        detail: args.detail,
        group: args.group.clone(),
    };
    if extension.as_deref() == Some("svg") {
        let svg = to_svg(&schema, &options).map_err(Failure::usage_or_io)?;
        write(&args.output, svg.as_bytes(), args.force)?;
        return Ok(Outcome::Success);
    }
    let tiles = to_png(&schema, &options, args.scale).map_err(Failure::usage_or_io)?;
    write_tiles(&args.output, &tiles, args.scale, args.force)
}

/// Writes a PNG picture: one file, or tiles beside it when it is too large for one.
pub(super) fn write_tiles(
    output: &Path,
    tiles: &[crate::render::Tile],
    scale: f32,
    force: bool,
) -> Result<Outcome, Failure> {
    if let [tile] = tiles {
        write(output, &tile.png, force)?;
        eprintln!("{}: {}x{} px", output.display(), tile.width, tile.height);
        return Ok(Outcome::Success);
    }
    // Too big for one image at this scale: tiles beside the requested name, never a shrunk,
    // unreadable picture.
    let rows = tiles.iter().map(|t| t.row).max().unwrap_or(0) + 1;
    let columns = tiles.iter().map(|t| t.column).max().unwrap_or(0) + 1;
    eprintln!(
        "the diagram is larger than {} px on a side at scale {scale}: writing {rows} x {columns} tiles",
        crate::render::MAX_SIDE,
    );
    for tile in tiles {
        let path = tile.path(output, tiles.len());
        write(&path, &tile.png, force)?;
        eprintln!("{}: {}x{} px", path.display(), tile.width, tile.height);
    }
    Ok(Outcome::Success)
}
