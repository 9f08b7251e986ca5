//! One palette: the canvas and the PNG export draw a model's cards, headers and key markers in
//! the same colours, in the light theme and in the dark, each on its own background (the
//! image on the palette's paper). The canvas side is read
//! from what the app hands egui to paint in a frame (its shapes: no GPU needed); the image side
//! from the PNG's pixels.

use crate::harness;

use egui::epaint::{Shape, TextShape};
use egui_kittest::Harness;
use schemaboard::gui::{App, Document};
use schemaboard::model::{Color, ReferentialAction, Schema, SchemaBuilder};
use schemaboard::render::{Options, Theme, to_png, to_svg};
use schemaboard::scene::palette::Palette;
use std::collections::HashMap;

/// The colours compared.
#[derive(Debug, PartialEq, Eq)]
struct Drawn {
    background: Color,
    card: Color,
    header: Color,
    primary_key: Color,
    foreign_key: Color,
}

fn model() -> Schema {
    let mut b = SchemaBuilder::new("colours");
    b.table("customers", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("name", "text").not_null();
    });
    b.table("orders", (320.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("customer_id", "integer").not_null();
        t.column("note", "text");
        t.foreign_key(
            &["customer_id"],
            "customers",
            &["id"],
            ReferentialAction::NoAction,
        );
    });
    b.build().unwrap()
}

fn color(c: egui::Color32) -> Color {
    Color::rgb(c.r(), c.g(), c.b())
}

fn text_color(text: &TextShape) -> egui::Color32 {
    text.override_text_color.unwrap_or_else(|| {
        text.galley
            .job
            .sections
            .first()
            .map_or(text.fallback_color, |s| s.format.color)
    })
}

/// What the canvas paints for `orders` in `theme`.
fn on_canvas(theme: egui::Theme) -> Drawn {
    let mut harness: Harness<'static, App> = Harness::builder()
        .with_size(egui::Vec2::new(1200.0, 800.0))
        .with_theme(theme)
        .build_ui_state(
            |ui, app: &mut App| app.show(ui),
            App::new(Document::untitled(model())),
        );
    harness.run();
    let (card_rect, header_height) = {
        let app = harness.state();
        let scene = harness::scene(&harness);
        let orders = harness::table(app.document.schema(), "orders").id;
        let card = scene.tables.iter().find(|c| c.table == orders).unwrap();
        let to_screen = app.view.canvas.screen_from_scene;
        let r = card.rect;
        let rect = egui::Rect::from_min_max(
            to_screen * egui::pos2(r.x, r.y),
            to_screen * egui::pos2(r.x + r.width, r.y + r.height),
        );
        let metrics = schemaboard::scene::Metrics::default();
        (rect, metrics.header_height * to_screen.scaling)
    };
    let shapes = harness::painted(&harness);
    let near = |a: egui::Rect, b: egui::Rect| {
        (a.min - b.min).length() < 1.5 && (a.max - b.max).length() < 1.5
    };
    let fill_of = |wanted: egui::Rect| {
        shapes
            .iter()
            .find_map(|s| match s {
                Shape::Rect(r) if near(r.rect, wanted) && r.fill.a() == 255 => Some(color(r.fill)),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no filled rectangle at {wanted:?}"))
    };
    let header =
        egui::Rect::from_min_size(card_rect.min, egui::vec2(card_rect.width(), header_height));
    let marker = |label: &str| {
        shapes
            .iter()
            .find_map(|s| match s {
                Shape::Text(t) if t.galley.job.text == label && card_rect.contains(t.pos) => {
                    Some(color(text_color(t)))
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("no {label} marker on the card"))
    };
    // The canvas's background: the last large rectangle painted under the card.
    let card_at = shapes
        .iter()
        .position(|s| matches!(s, Shape::Rect(r) if near(r.rect, card_rect)))
        .expect("the card");
    let background = shapes[..card_at]
        .iter()
        .rev()
        .find_map(|s| match s {
            Shape::Rect(r)
                if r.rect.contains_rect(card_rect)
                    && r.rect.width() > 2.0 * card_rect.width()
                    && r.fill.a() == 255 =>
            {
                Some(color(r.fill))
            }
            _ => None,
        })
        .expect("a canvas background");
    Drawn {
        background,
        card: fill_of(card_rect),
        header: fill_of(header),
        primary_key: marker("PK"),
        foreign_key: marker("FK"),
    }
}

/// What the PNG shows for `orders` in `theme`.
fn in_png(theme: Theme) -> Drawn {
    const SCALE: f32 = 3.0;
    let schema = model();
    let options = Options {
        theme,
        ..Options::default()
    };
    let svg = to_svg(&schema, &options).unwrap();
    let view_box: Vec<f32> = roxmltree::Document::parse(&svg)
        .unwrap()
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    let tiles = to_png(&schema, &options, SCALE).unwrap();
    assert_eq!(tiles.len(), 1);
    let mut reader = png::Decoder::new(std::io::Cursor::new(&tiles[0].png))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    let channels = frame.line_size / frame.width as usize;
    let pixel = |x: u32, y: u32| {
        let at = y as usize * frame.line_size + x as usize * channels;
        Color::rgb(pixels[at], pixels[at + 1], pixels[at + 2])
    };
    // Scene units to pixels, over a region: every pixel's colour, counted.
    let region = |x0: f32, y0: f32, x1: f32, y1: f32| {
        let to_px = |v: f32, origin: f32| ((v - origin) * SCALE).round() as u32;
        let mut counts: HashMap<Color, usize> = HashMap::new();
        for y in to_px(y0, view_box[1])..to_px(y1, view_box[1]) {
            for x in to_px(x0, view_box[0])..to_px(x1, view_box[0]) {
                *counts.entry(pixel(x, y)).or_default() += 1;
            }
        }
        counts
    };
    let most =
        |counts: HashMap<Color, usize>| counts.into_iter().max_by_key(|(_, n)| *n).unwrap().0;
    let (scene, metrics) = schemaboard::render::scene(&schema, &options).unwrap();
    let orders = schema.tables.iter().find(|t| t.name == "orders").unwrap();
    let card = scene.tables.iter().find(|c| c.table == orders.id).unwrap();
    let r = card.rect;
    let inset = 4.0;
    let header = most(region(
        r.x + inset,
        r.y + inset,
        r.x + r.width - inset,
        r.y + metrics.header_height - 1.0,
    ));
    let body = most(region(
        r.x + inset,
        r.y + metrics.header_height + 1.0,
        r.x + r.width - inset,
        r.y + r.height - inset,
    ));
    // A marker's colour: the commonest colour in its label that is neither the card's fill
    // nor a blend of glyph edges (the label's full-coverage pixels are its own colour).
    let marker = |primary: bool| {
        let row = card
            .rows
            .iter()
            .find(|row| {
                if primary {
                    row.markers.primary_key
                } else {
                    row.markers.foreign_key && !row.markers.primary_key
                }
            })
            .unwrap()
            .rect;
        let mut counts = region(
            row.x + metrics.padding,
            row.y,
            row.x + metrics.gutter,
            row.y + row.height,
        );
        counts.remove(&body);
        most(counts)
    };
    let background = most(region(
        view_box[0],
        view_box[1] + view_box[3] - 8.0,
        view_box[0] + view_box[2],
        view_box[1] + view_box[3],
    ));
    Drawn {
        background,
        card: body,
        header,
        primary_key: marker(true),
        foreign_key: marker(false),
    }
}

#[test]
fn the_canvas_and_the_png_draw_in_the_palettes_colours_in_both_themes() {
    for (gui, image, palette) in [
        (egui::Theme::Light, Theme::Light, Palette::LIGHT),
        (egui::Theme::Dark, Theme::Dark, Palette::DARK),
    ] {
        let expected = Drawn {
            background: palette.background,
            card: palette.card,
            header: palette.header,
            primary_key: palette.primary_key,
            foreign_key: palette.foreign_key,
        };
        assert_eq!(on_canvas(gui), expected, "canvas, {gui:?}");
        let on_paper = Drawn {
            background: palette.paper,
            ..expected
        };
        assert_eq!(in_png(image), on_paper, "PNG, {image:?}");
    }
    assert_ne!(Palette::LIGHT.card, Palette::DARK.card, "two themes");
}
