//! ERD images: the same `scene` the canvas draws, written as SVG (text kept as text, fonts
//! embedded) and rasterised to PNG. No window and no GPU.

mod fonts;
mod glyphs;
mod png;
mod svg;

pub use fonts::FontMeasure;
pub use png::{MAX_SIDE, Tile};

use crate::model::{Color, Schema};
use crate::scene::{Detail, Metrics, Scene, build_detailed};

pub(crate) use crate::scene::palette::Palette;
/// Colour theme of an image: the canvas's palettes.
pub use crate::scene::palette::Theme;

/// What is behind the diagram.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Background {
    /// The theme's background colour.
    #[default]
    Opaque,
    /// Nothing (PNG alpha, SVG without a background rectangle).
    Transparent,
}

/// How to draw an image.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Colours.
    pub theme: Theme,
    /// Background.
    pub background: Background,
    /// How much of each table.
    pub detail: Detail,
    /// Only the tables of this group (by name), when set.
    pub group: Option<String>,
}

/// The group's tables only (foreign keys to other tables are left out of the picture).
fn restricted(schema: &Schema, group: &str) -> Result<Schema, String> {
    let Some(found) = schema.groups.iter().find(|g| g.name == group) else {
        let names: Vec<&str> = schema.groups.iter().map(|g| g.name.as_str()).collect();
        return Err(format!(
            "no group named {group:?}; the model's groups: {}",
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ));
    };
    let mut copy = schema.clone();
    copy.tables.retain(|t| t.group == Some(found.id));
    copy.groups.retain(|g| g.id == found.id);
    copy.notes.clear();
    Ok(copy)
}

/// The scene an image of `schema` shows, measured with the bundled fonts.
pub fn scene(schema: &Schema, options: &Options) -> Result<(Scene, Metrics), String> {
    let restricted_copy;
    let schema = match &options.group {
        Some(group) => {
            restricted_copy = restricted(schema, group)?;
            &restricted_copy
        }
        None => schema,
    };
    let metrics = Metrics::default();
    let measure = FontMeasure::new(metrics);
    let mut scene = build_detailed(schema, &measure, &metrics, options.detail);
    let views = crate::check::view_shape::views(schema);
    crate::scene::views::add_views(&mut scene, schema, &views, &measure, &metrics);
    Ok((scene, metrics))
}

/// The diagram as an SVG document.
pub fn to_svg(schema: &Schema, options: &Options) -> Result<String, String> {
    let (scene, metrics) = scene(schema, options)?;
    Ok(svg::write_svg(
        &scene,
        &metrics,
        Palette::of(options.theme),
        options.background,
        &title(schema, options),
    ))
}

/// The diagram as PNG, `scale` pixels per scene unit; one tile unless the image would exceed
/// [`MAX_SIDE`] pixels on a side.
pub fn to_png(schema: &Schema, options: &Options, scale: f32) -> Result<Vec<Tile>, String> {
    let (scene, metrics) = scene(schema, options)?;
    let (svg, labels) = svg::write_picture(
        &scene,
        &metrics,
        Palette::of(options.theme),
        options.background,
        &title(schema, options),
        true,
        None,
    );
    png::rasterise(&svg, &labels, scale)
}

/// Marks drawn over a diagram: a comparison's, for `diff --format png`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlights {
    /// Cards outlined, by table.
    pub outlines: Vec<(crate::model::TableId, Color)>,
    /// Rows tinted, by column.
    pub rows: Vec<(crate::model::ColumnId, Color)>,
    /// Cards of tables that are gone, drawn dashed where they were, with their titles.
    pub ghosts: Vec<(crate::model::Rect, String)>,
}

/// The comparison of `old` with `new` as a picture of `new`: added tables and columns in green,
/// changed ones in amber, removed tables as red ghosts where they were; `title` heads it.
pub fn comparison_png(
    old: &Schema,
    new: &Schema,
    marks: &crate::compare::marks::Marks,
    title: &str,
    scale: f32,
) -> Result<Vec<Tile>, String> {
    use crate::compare::marks::Mark;
    let options = Options::default();
    let (old_scene, _) = scene(old, &options)?;
    let (mut scene, metrics) = scene(new, &options)?;
    let palette = Palette::of(options.theme);
    let color = |mark: Mark| {
        if mark == Mark::Added {
            palette.added
        } else {
            palette.changed
        }
    };
    let highlights = Highlights {
        outlines: marks
            .tables
            .iter()
            .map(|(t, (m, _))| (*t, color(*m)))
            .collect(),
        rows: marks
            .columns
            .iter()
            .map(|(c, (m, _))| (*c, color(*m)))
            .collect(),
        ghosts: old_scene
            .tables
            .iter()
            .filter(|card| marks.removed.contains(&card.table))
            .map(|card| (card.rect, card.title.clone()))
            .collect(),
    };
    // The page must hold the ghosts too.
    for (r, _) in &highlights.ghosts {
        let b = scene.bounds;
        let (x, y) = (b.x.min(r.x), b.y.min(r.y));
        scene.bounds = crate::model::Rect {
            x,
            y,
            width: (b.x + b.width).max(r.x + r.width) - x,
            height: (b.y + b.height).max(r.y + r.height) - y,
        };
    }
    let (svg, labels) = svg::write_picture(
        &scene,
        &metrics,
        Palette::of(options.theme),
        options.background,
        title,
        true,
        Some(&highlights),
    );
    png::rasterise(&svg, &labels, scale)
}

fn title(schema: &Schema, options: &Options) -> String {
    match &options.group {
        Some(group) => format!("{} — {group}", schema.name),
        None => schema.name.clone(),
    }
}
