//! The scene as SVG: real text in the bundled fonts (embedded), group areas, cards, crow's-foot
//! connectors, notes, a title and a legend. Deterministic: the same model gives the same bytes.

use super::fonts::{MONO, SANS, base64};
use super::{Background, Palette};
use crate::export::escape::xml as esc;
use crate::model::{Color, Point, Rect};
use crate::scene::{Connector, EndShape, Mark, Metrics, Scene, TableCard};
use std::fmt::Write;

/// Height of the band above the diagram holding the title and the legend.
pub(super) const HEADER: f32 = 64.0;
/// Space around the diagram.
pub(super) const MARGIN: f32 = 24.0;

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// Coordinates with one decimal: enough for 0.1 px, and stable text.
fn n(v: f32) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// The page's area in scene units: the diagram, the margin and the header band.
pub(super) fn page(scene: &Scene) -> Rect {
    let b = scene.bounds;
    Rect {
        x: b.x - MARGIN,
        y: b.y - MARGIN - HEADER,
        width: b.width.max(420.0) + 2.0 * MARGIN,
        height: b.height + 2.0 * MARGIN + HEADER,
    }
}

/// Baseline of text vertically centred at `center_y` (Ubuntu's and Hack's x-height sits about
/// 0.35 em above the baseline).
fn baseline(center_y: f32, size: f32) -> f32 {
    center_y + 0.35 * size
}

/// One line of text of the picture. The SVG writes it as `<text>`; the PNG rasteriser draws its
/// glyphs itself from the bundled fonts (`png::glyphs`), many times faster than resvg's text.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Label {
    /// Where the text starts (or ends, with `end`), scene units.
    pub x: f32,
    /// The baseline, scene units.
    pub baseline: f32,
    /// Font size, scene units.
    pub size: f32,
    /// Colour of the runs that have none of their own.
    pub color: Color,
    /// Hack (types) rather than Ubuntu Light.
    pub mono: bool,
    /// Anchored at its end (right-aligned types).
    pub end: bool,
    /// The text, in runs; a run with its own colour becomes a `<tspan>`.
    pub runs: Vec<(String, Option<Color>)>,
}

impl Label {
    fn plain(x: f32, baseline: f32, size: f32, color: Color, text: &str) -> Self {
        Self {
            x,
            baseline,
            size,
            color,
            mono: false,
            end: false,
            runs: vec![(text.to_string(), None)],
        }
    }
}

/// Where the picture is written: the SVG, and, for the rasteriser, its text kept aside.
struct Out {
    svg: String,
    labels: Option<Vec<Label>>,
    /// The page's top-left corner: labels aside are moved by it, as the SVG's viewBox moves
    /// everything else.
    origin: Point,
}

impl Write for Out {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.svg.push_str(s);
        Ok(())
    }
}

impl Out {
    fn text(&mut self, label: Label) {
        match &mut self.labels {
            Some(labels) => labels.push(Label {
                x: label.x - self.origin.x,
                baseline: label.baseline - self.origin.y,
                ..label
            }),
            None => {
                let _ = write!(
                    self.svg,
                    "<text{} x=\"{}\" y=\"{}\" font-size=\"{}\"{} fill=\"{}\">",
                    if label.mono { " class=\"m\"" } else { "" },
                    n(label.x),
                    n(label.baseline),
                    n(label.size),
                    if label.end {
                        " text-anchor=\"end\""
                    } else {
                        ""
                    },
                    hex(label.color)
                );
                for (text, color) in &label.runs {
                    match color {
                        Some(c) => {
                            let _ = write!(
                                self.svg,
                                "<tspan fill=\"{}\">{}</tspan>",
                                hex(*c),
                                esc(text)
                            );
                        }
                        None => self.svg.push_str(&esc(text)),
                    }
                }
                self.svg.push_str("</text>\n");
            }
        }
    }
}

pub(super) fn write_svg(
    scene: &Scene,
    metrics: &Metrics,
    palette: &Palette,
    background: Background,
    title: &str,
) -> String {
    write_picture(scene, metrics, palette, background, title, false, None).0
}

/// The picture as SVG; with `labels_aside`, without its text and fonts, which come back as
/// labels for the rasteriser to draw, in units from the page's top-left corner.
pub(super) fn write_picture(
    scene: &Scene,
    metrics: &Metrics,
    palette: &Palette,
    background: Background,
    title: &str,
    labels_aside: bool,
    highlights: Option<&super::Highlights>,
) -> (String, Vec<Label>) {
    let area = page(scene);
    let mut out = Out {
        svg: String::new(),
        labels: labels_aside.then(Vec::new),
        origin: Point::new(area.x, area.y),
    };
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\">",
        n(area.x),
        n(area.y),
        n(area.width),
        n(area.height),
        n(area.width),
        n(area.height)
    );
    if !labels_aside {
        let _ = writeln!(
            out,
            "<style>@font-face{{font-family:\"Schemaboard Sans\";src:url(data:font/ttf;base64,{})}}\
         @font-face{{font-family:\"Schemaboard Mono\";src:url(data:font/ttf;base64,{})}}\
         text{{font-family:\"Schemaboard Sans\",sans-serif}}.m{{font-family:\"Schemaboard Mono\",monospace}}</style>",
            base64(SANS),
            base64(MONO)
        );
    }
    if background == Background::Opaque {
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            n(area.x),
            n(area.y),
            n(area.width),
            n(area.height),
            hex(palette.paper)
        );
    }
    header(&mut out, metrics, palette, title, area);
    for g in &scene.groups {
        let r = g.rect;
        rect(
            &mut out,
            r,
            &format!(
                "rx=\"10\" fill=\"{c}\" fill-opacity=\"0.11\" stroke=\"{c}\" stroke-opacity=\"0.47\"",
                c = hex(g.color)
            ),
        );
        out.text(Label::plain(
            r.x + 10.0,
            baseline(r.y + 6.0 + metrics.title_size / 2.0, metrics.title_size),
            metrics.title_size,
            g.color,
            &g.name,
        ));
    }
    let _ = writeln!(
        out,
        "<g fill=\"none\" stroke=\"{}\" stroke-width=\"{}\">",
        hex(palette.connector),
        n(metrics.connector_width)
    );
    for c in &scene.connectors {
        connector(&mut out, c, palette);
    }
    let _ = writeln!(out, "</g>");
    if !scene.view_links.is_empty() {
        let _ = writeln!(
            out,
            "<g fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-dasharray=\"6 4\">",
            hex(palette.connector),
            n(metrics.connector_width)
        );
        for link in &scene.view_links {
            let [a, b] = link.points;
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                n(a.x),
                n(a.y),
                n(b.x),
                n(b.y)
            );
        }
        let _ = writeln!(out, "</g>");
    }
    for card in &scene.tables {
        table(&mut out, card, metrics, palette);
    }
    for card in &scene.views {
        view(&mut out, card, metrics, palette);
    }
    if let Some(highlights) = highlights {
        highlight(&mut out, scene, metrics, palette, highlights);
    }
    for note in &scene.notes {
        let r = note.rect;
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{}\" stroke=\"{}\"/>",
            n(r.x),
            n(r.y),
            n(r.width),
            n(r.height),
            hex(note.color.unwrap_or(palette.note)),
            hex(palette.card_border)
        );
        for (i, line) in note.lines.iter().enumerate() {
            let center = r.y + metrics.padding + (i as f32 + 0.5) * metrics.note_line_height;
            out.text(Label::plain(
                r.x + metrics.padding,
                baseline(center, metrics.body_size),
                metrics.body_size,
                palette.note_text,
                line,
            ));
        }
    }
    out.svg.push_str("</svg>\n");
    (out.svg, out.labels.unwrap_or_default())
}

/// A `<rect>` over `r` with more attributes.
fn rect(out: &mut Out, r: Rect, attributes: &str) {
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {attributes}/>",
        n(r.x),
        n(r.y),
        n(r.width),
        n(r.height)
    );
}

/// A comparison's marks: tinted rows and outlined cards of the new model, and the cards of removed
/// tables as dashed ghosts where they were.
fn highlight(
    out: &mut Out,
    scene: &Scene,
    metrics: &Metrics,
    palette: &Palette,
    h: &super::Highlights,
) {
    for card in &scene.tables {
        for row in &card.rows {
            if let Some((_, color)) = h.rows.iter().find(|(c, _)| *c == row.column) {
                let fill = format!("fill=\"{}\" fill-opacity=\"0.22\"", hex(*color));
                rect(out, row.rect, &fill);
            }
        }
        if let Some((_, color)) = h.outlines.iter().find(|(t, _)| *t == card.table) {
            let r = card.rect;
            let around = Rect {
                x: r.x - 2.0,
                y: r.y - 2.0,
                width: r.width + 4.0,
                height: r.height + 4.0,
            };
            let stroke = format!(
                "rx=\"7\" fill=\"none\" stroke=\"{}\" stroke-width=\"3\"",
                hex(*color)
            );
            rect(out, around, &stroke);
        }
    }
    for (r, title) in &h.ghosts {
        let ghost = format!(
            "rx=\"6\" fill=\"{c}\" fill-opacity=\"0.08\" stroke=\"{c}\" stroke-width=\"2\" stroke-dasharray=\"8 6\"",
            c = hex(palette.removed)
        );
        rect(out, *r, &ghost);
        out.text(Label::plain(
            r.x + metrics.padding,
            baseline(r.y + metrics.header_height / 2.0, metrics.title_size),
            metrics.title_size,
            palette.removed,
            &format!("{title} (removed)"),
        ));
    }
}

fn connector(out: &mut Out, c: &Connector, palette: &Palette) {
    let points: Vec<String> = c
        .points
        .iter()
        .map(|p| format!("{},{}", n(p.x), n(p.y)))
        .collect();
    let _ = writeln!(out, "<polyline points=\"{}\"/>", points.join(" "));
    for m in c.end_marks() {
        mark(out, &m, palette);
    }
}

fn mark(out: &mut Out, mark: &Mark, palette: &Palette) {
    match mark {
        Mark::Line(a, b) => {
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                n(a.x),
                n(a.y),
                n(b.x),
                n(b.y)
            );
        }
        Mark::Circle { center, radius } => {
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
                n(center.x),
                n(center.y),
                n(*radius),
                hex(palette.card)
            );
        }
    }
}

fn table(out: &mut Out, card: &TableCard, m: &Metrics, palette: &Palette) {
    let r = card.rect;
    let header_fill = hex(card.color.unwrap_or(palette.header));
    let _ = writeln!(out, "<g>");
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{}\" stroke=\"{}\"/>",
        n(r.x),
        n(r.y),
        n(r.width),
        n(r.height),
        hex(palette.card),
        hex(palette.card_border)
    );
    // The header: rounded on top, square where the rows begin.
    let _ = writeln!(
        out,
        "<path d=\"M{x0},{yb} V{y6} Q{x0},{y0} {x6},{y0} H{x1m} Q{x1},{y0} {x1},{y6} V{yb} Z\" fill=\"{header_fill}\"/>",
        x0 = n(r.x),
        x6 = n(r.x + 6.0),
        x1 = n(r.x + r.width),
        x1m = n(r.x + r.width - 6.0),
        y0 = n(r.y),
        y6 = n(r.y + 6.0),
        yb = n(r.y + m.header_height),
    );
    out.text(Label::plain(
        r.x + m.padding,
        baseline(r.y + m.header_height / 2.0, m.title_size),
        m.title_size,
        palette.header_text,
        &card.title,
    ));
    for row in &card.rows {
        let center = row.rect.y + row.rect.height / 2.0;
        let marker = if row.markers.primary_key {
            Some(("PK", palette.primary_key))
        } else if row.markers.foreign_key {
            Some(("FK", palette.foreign_key))
        } else if row.markers.unique {
            Some(("UQ", palette.muted))
        } else {
            None
        };
        if let Some((label, color)) = marker {
            out.text(Label::plain(
                r.x + m.padding,
                baseline(center, m.marker_size),
                m.marker_size,
                color,
                label,
            ));
        }
        let name_color = if row.markers.not_null {
            palette.text
        } else {
            palette.muted
        };
        out.text(Label::plain(
            r.x + m.padding + m.gutter,
            baseline(center, m.body_size),
            m.body_size,
            name_color,
            &row.name,
        ));
        right_detail(out, r, m, palette, center, &row.type_text);
    }
    // Partitions below the columns, after a rule: the card is the whole logical table.
    if let Some(first) = card.partitions.first() {
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>",
            n(r.x),
            n(first.rect.y),
            n(r.x + r.width),
            n(first.rect.y),
            hex(palette.card_border)
        );
    }
    for row in &card.partitions {
        let center = row.rect.y + row.rect.height / 2.0;
        out.text(Label::plain(
            r.x + m.padding,
            baseline(center, m.marker_size),
            m.marker_size,
            palette.muted,
            "P",
        ));
        out.text(Label::plain(
            r.x + m.padding + m.gutter,
            baseline(center, m.body_size),
            m.body_size,
            palette.text,
            &row.name,
        ));
        right_detail(out, r, m, palette, center, &row.bound);
    }
    let _ = writeln!(out, "</g>");
}

/// A view's card: a table's shape with the view's own header colour, its columns' names and
/// types.
fn view(out: &mut Out, card: &crate::scene::views::ViewCard, m: &Metrics, palette: &Palette) {
    let r = card.rect;
    let _ = writeln!(out, "<g>");
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{}\" stroke=\"{}\" stroke-dasharray=\"4 3\"/>",
        n(r.x),
        n(r.y),
        n(r.width),
        n(r.height),
        hex(palette.card),
        hex(palette.view_header)
    );
    let _ = writeln!(
        out,
        "<path d=\"M{x0},{yb} V{y6} Q{x0},{y0} {x6},{y0} H{x1m} Q{x1},{y0} {x1},{y6} V{yb} Z\" fill=\"{fill}\"/>",
        x0 = n(r.x),
        x6 = n(r.x + 6.0),
        x1 = n(r.x + r.width),
        x1m = n(r.x + r.width - 6.0),
        y0 = n(r.y),
        y6 = n(r.y + 6.0),
        yb = n(r.y + m.header_height),
        fill = hex(palette.view_header),
    );
    out.text(Label::plain(
        r.x + m.padding,
        baseline(r.y + m.header_height / 2.0, m.title_size),
        m.title_size,
        palette.header_text,
        &card.title,
    ));
    for row in &card.rows {
        let center = row.rect.y + row.rect.height / 2.0;
        out.text(Label::plain(
            r.x + m.padding + m.gutter,
            baseline(center, m.body_size),
            m.body_size,
            palette.text,
            &row.name,
        ));
        right_detail(out, r, m, palette, center, &row.type_text);
    }
    let _ = writeln!(out, "</g>");
}

/// A row's detail (a column's type, a partition's bound), at the card's right edge.
fn right_detail(out: &mut Out, r: Rect, m: &Metrics, palette: &Palette, center: f32, text: &str) {
    out.text(Label {
        mono: true,
        end: true,
        ..Label::plain(
            r.x + r.width - m.padding,
            baseline(center, m.detail_size),
            m.detail_size,
            palette.muted,
            text,
        )
    });
}

/// The title, and a legend of the markers and the crow's-foot ends.
fn header(out: &mut Out, m: &Metrics, palette: &Palette, title: &str, area: Rect) {
    let x = area.x + MARGIN;
    let title_y = area.y + MARGIN + 4.0;
    out.text(Label::plain(x, title_y + 8.0, 20.0, palette.text, title));
    let legend_y = title_y + 30.0;
    let mut at = x;
    for (label, meaning, color) in [
        ("PK", "primary key", palette.primary_key),
        ("FK", "foreign key", palette.foreign_key),
        ("UQ", "unique", palette.muted),
    ] {
        out.text(Label {
            runs: vec![(label.into(), Some(color)), (format!(" {meaning}"), None)],
            ..Label::plain(
                at,
                baseline(legend_y, m.detail_size),
                m.detail_size,
                palette.muted,
                "",
            )
        });
        at += 110.0;
    }
    let ends = [
        (
            "exactly one",
            EndShape {
                many: false,
                optional: false,
            },
        ),
        (
            "zero or one",
            EndShape {
                many: false,
                optional: true,
            },
        ),
        (
            "zero or many",
            EndShape {
                many: true,
                optional: true,
            },
        ),
    ];
    let _ = writeln!(
        out,
        "<g fill=\"none\" stroke=\"{}\" stroke-width=\"{}\">",
        hex(palette.connector),
        n(m.connector_width)
    );
    let mut labels = Vec::new();
    for (label, end) in ends {
        // A short line whose left end carries the mark, like a connector entering a card.
        let sample = Connector {
            foreign_key: crate::model::ConstraintId(0),
            from_table: crate::model::TableId(0),
            to_table: crate::model::TableId(0),
            points: vec![Point::new(at, legend_y), Point::new(at + 34.0, legend_y)],
            from_end: end,
            to_end: EndShape {
                many: false,
                optional: false,
            },
        };
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            n(at),
            n(legend_y),
            n(at + 34.0),
            n(legend_y)
        );
        // Only the marks at the sample's left end (the other end is a plain line).
        for m in sample.end_marks().iter().take(3) {
            let left = match m {
                Mark::Line(a, _) => a.x <= at + 17.0,
                Mark::Circle { center, .. } => center.x <= at + 17.0,
            };
            if left {
                mark(out, m, palette);
            }
        }
        labels.push((at + 40.0, label));
        at += 130.0;
    }
    let _ = writeln!(out, "</g>");
    for (lx, label) in labels {
        out.text(Label::plain(
            lx,
            baseline(legend_y, m.detail_size),
            m.detail_size,
            palette.muted,
            label,
        ));
    }
}
