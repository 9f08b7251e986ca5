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

pub(super) fn write_svg(
    scene: &Scene,
    metrics: &Metrics,
    palette: &Palette,
    background: Background,
    title: &str,
) -> String {
    let area = page(scene);
    let mut out = String::new();
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
    let _ = writeln!(
        out,
        "<style>@font-face{{font-family:\"Schemaboard Sans\";src:url(data:font/ttf;base64,{})}}\
         @font-face{{font-family:\"Schemaboard Mono\";src:url(data:font/ttf;base64,{})}}\
         text{{font-family:\"Schemaboard Sans\",sans-serif}}.m{{font-family:\"Schemaboard Mono\",monospace}}</style>",
        base64(SANS),
        base64(MONO)
    );
    if background == Background::Opaque {
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            n(area.x),
            n(area.y),
            n(area.width),
            n(area.height),
            hex(palette.background)
        );
    }
    header(&mut out, metrics, palette, title, area);
    for g in &scene.groups {
        let r = g.rect;
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"{c}\" fill-opacity=\"0.11\" stroke=\"{c}\" stroke-opacity=\"0.47\"/>",
            n(r.x),
            n(r.y),
            n(r.width),
            n(r.height),
            c = hex(g.color)
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>",
            n(r.x + 10.0),
            n(baseline(
                r.y + 6.0 + metrics.title_size / 2.0,
                metrics.title_size
            )),
            n(metrics.title_size),
            hex(g.color),
            esc(&g.name)
        );
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
    for card in &scene.tables {
        table(&mut out, card, metrics, palette);
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
            hex(palette.border)
        );
        for (i, line) in note.lines.iter().enumerate() {
            let center = r.y + metrics.padding + (i as f32 + 0.5) * metrics.note_line_height;
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>",
                n(r.x + metrics.padding),
                n(baseline(center, metrics.body_size)),
                n(metrics.body_size),
                hex(palette.note_text),
                esc(line)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

fn connector(out: &mut String, c: &Connector, palette: &Palette) {
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

fn mark(out: &mut String, mark: &Mark, palette: &Palette) {
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

fn table(out: &mut String, card: &TableCard, m: &Metrics, palette: &Palette) {
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
        hex(palette.border)
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
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>",
        n(r.x + m.padding),
        n(baseline(r.y + m.header_height / 2.0, m.title_size)),
        n(m.title_size),
        hex(palette.header_text),
        esc(&card.title)
    );
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
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"9.5\" fill=\"{}\">{label}</text>",
                n(r.x + m.padding),
                n(baseline(center, 9.5)),
                hex(color)
            );
        }
        let name_color = if row.markers.not_null {
            palette.text
        } else {
            palette.muted
        };
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>",
            n(r.x + m.padding + m.gutter),
            n(baseline(center, m.body_size)),
            n(m.body_size),
            hex(name_color),
            esc(&row.name)
        );
        let _ = writeln!(
            out,
            "<text class=\"m\" x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"end\" fill=\"{}\">{}</text>",
            n(r.x + r.width - m.padding),
            n(baseline(center, m.detail_size)),
            n(m.detail_size),
            hex(palette.muted),
            esc(&row.type_text)
        );
    }
    let _ = writeln!(out, "</g>");
}

/// The title, and a legend of the markers and the crow's-foot ends.
fn header(out: &mut String, m: &Metrics, palette: &Palette, title: &str, area: Rect) {
    let x = area.x + MARGIN;
    let title_y = area.y + MARGIN + 4.0;
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"20\" fill=\"{}\">{}</text>",
        n(x),
        n(title_y + 8.0),
        hex(palette.text),
        esc(title)
    );
    let legend_y = title_y + 30.0;
    let mut at = x;
    for (label, meaning, color) in [
        ("PK", "primary key", palette.primary_key),
        ("FK", "foreign key", palette.foreign_key),
        ("UQ", "unique", palette.muted),
    ] {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"><tspan fill=\"{}\">{label}</tspan> {meaning}</text>",
            n(at),
            n(baseline(legend_y, m.detail_size)),
            n(m.detail_size),
            hex(palette.muted),
            hex(color)
        );
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
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\">{label}</text>",
            n(lx),
            n(baseline(legend_y, m.detail_size)),
            n(m.detail_size),
            hex(palette.muted)
        );
    }
}
