//! `schemaboard render`: the diagram as a PNG or SVG image.

use super::{Failure, load_model};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Arguments of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The model (`.ron`).
    pub model: PathBuf,
    /// The image to write; `.png` or `.svg`.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Pixels per scene unit, for PNG.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,
    /// Only this group's tables.
    #[arg(long)]
    pub group: Option<String>,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
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

/// Level of detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Detail {
    /// Every column with its type.
    Full,
    /// Key columns only.
    Keys,
    /// Table names only.
    Names,
}

pub(super) fn run(args: &RenderArgs) -> Result<super::Outcome, Failure> {
    load_model(&args.model)?;
    Err(Failure::not_yet("render", 7))
}
