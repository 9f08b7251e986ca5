//! `render`: every sample model to PNG and SVG through the real binary; the PNG decodes at the
//! size the SVG declares (times the scale), the SVG is well-formed XML whose text holds every
//! table name, output is deterministic, and options behave.

use crate::common;

use common::{sample, schemaboard};
use schemaboard::render::{Options, to_png, to_svg};
use schemaboard::scene::Detail;

const SAMPLES: [&str; 5] = ["sales", "shop", "cms", "saas", "flawed_inventory"];

fn svg_size(svg: &str) -> (f64, f64) {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let root = doc.root_element();
    let number = |name: &str| root.attribute(name).unwrap().parse::<f64>().unwrap();
    (number("width"), number("height"))
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut pixels).expect("decodes");
    (frame.width, frame.height)
}

#[test]
fn every_sample_renders_to_png_and_svg() {
    let folder = tempfile::tempdir().unwrap();
    for name in SAMPLES {
        let model = sample(name);
        let schema = schemaboard::io::load(&model).unwrap();
        let svg_path = folder.path().join(format!("{name}.svg"));
        let png_path = folder.path().join(format!("{name}.png"));
        for (path, extra) in [(&svg_path, &[][..]), (&png_path, &["--scale", "2"][..])] {
            let output = schemaboard(folder.path())
                .args([
                    "render",
                    model.to_str().unwrap(),
                    "-o",
                    path.to_str().unwrap(),
                ])
                .args(extra)
                .output()
                .unwrap();
            assert_eq!(
                output.status.code(),
                Some(0),
                "{name}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let svg = std::fs::read_to_string(&svg_path).unwrap();
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let text: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join("\n");
        for table in &schema.tables {
            assert!(
                text.contains(&table.qualified_name()),
                "{name}: {} missing from the SVG text",
                table.name
            );
        }
        assert!(svg.contains("@font-face"), "the bundled font is embedded");
        let (w, h) = svg_size(&svg);
        let (pw, ph) = png_size(&std::fs::read(&png_path).unwrap());
        assert_eq!(
            (pw, ph),
            ((w * 2.0).ceil() as u32, (h * 2.0).ceil() as u32),
            "{name}"
        );
    }
}

#[test]
fn output_is_deterministic_and_options_change_it() {
    let schema = schemaboard::io::load(&sample("shop")).unwrap();
    let plain = to_svg(&schema, &Options::default()).unwrap();
    assert_eq!(plain, to_svg(&schema, &Options::default()).unwrap());
    let first = to_png(&schema, &Options::default(), 1.0).unwrap();
    assert_eq!(first, to_png(&schema, &Options::default(), 1.0).unwrap());
    // Keys only: fewer rows, so a shorter picture; names only: shorter still.
    let keys = to_svg(
        &schema,
        &Options {
            detail: Detail::Keys,
            ..Default::default()
        },
    )
    .unwrap();
    let names = to_svg(
        &schema,
        &Options {
            detail: Detail::Names,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(svg_size(&keys).1 < svg_size(&plain).1);
    assert!(svg_size(&names).1 < svg_size(&keys).1);
    assert!(!keys.contains(">marketing_opt_in<") && plain.contains(">marketing_opt_in<"));
    // One group: only its tables.
    let group = to_svg(
        &schema,
        &Options {
            group: Some("Orders".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(group.contains(">orders<") && !group.contains(">products<"));
    assert!(
        to_svg(
            &schema,
            &Options {
                group: Some("Nope".into()),
                ..Default::default()
            }
        )
        .unwrap_err()
        .contains("Catalogue")
    );
    // Transparent PNG: the corner pixel has no alpha.
    let transparent = Options {
        background: schemaboard::render::Background::Transparent,
        ..Default::default()
    };
    let tile = &to_png(&schema, &transparent, 1.0).unwrap()[0];
    let decoder = png::Decoder::new(std::io::Cursor::new(&tile.png));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    reader.next_frame(&mut pixels).unwrap();
    assert_eq!(pixels[3], 0, "alpha of the top-left pixel");
}

#[test]
fn hostile_names_stay_text() {
    let mut schema = schemaboard::io::load(&sample("shop")).unwrap();
    schema.tables[0].name = "a<b>&\"c\u{1}".into();
    let svg = to_svg(&schema, &Options::default()).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("still well-formed");
    assert!(doc.descendants().any(|n| n.text() == Some("a<b>&\"c ")));
}

#[test]
fn a_huge_model_is_tiled_not_shrunk() {
    let schema = schemaboard::synth::generate(schemaboard::synth::Spec {
        tables: 400,
        columns: 8,
        queries: 0,
        seed: 5,
    });
    let tiles = to_png(&schema, &Options::default(), 1.0).unwrap();
    assert!(tiles.len() > 1, "{} tile(s)", tiles.len());
    assert!(
        tiles
            .iter()
            .all(|t| t.width <= schemaboard::render::MAX_SIDE
                && t.height <= schemaboard::render::MAX_SIDE)
    );
    let svg = to_svg(&schema, &Options::default()).unwrap();
    let (w, h) = svg_size(&svg);
    let total_w: u32 = tiles.iter().filter(|t| t.row == 0).map(|t| t.width).sum();
    let total_h: u32 = tiles
        .iter()
        .filter(|t| t.column == 0)
        .map(|t| t.height)
        .sum();
    assert_eq!(
        (total_w, total_h),
        (w.ceil() as u32, h.ceil() as u32),
        "tiles cover the picture at scale 1"
    );
}

#[test]
fn tables_too_far_apart_or_a_huge_scale_are_refused_with_the_reason() {
    for far in [1e38_f32, 1e8] {
        let mut b = schemaboard::model::SchemaBuilder::new("far");
        b.table("here", (0.0, 0.0), |t| {
            t.column("id", "integer").pk();
        });
        b.table("there", (far, -far), |t| {
            t.column("id", "integer").pk();
        });
        let schema = b.build().unwrap();
        let refused = to_png(&schema, &Options::default(), 1.0).unwrap_err();
        assert!(refused.contains("too far apart"), "{refused}");
        // The SVG has no pixels to run out of.
        assert!(to_svg(&schema, &Options::default()).is_ok());
    }
    let schema = schemaboard::synth::generate(schemaboard::synth::Spec {
        tables: 2,
        columns: 2,
        queries: 0,
        seed: 1,
    });
    for scale in [1e6_f32, f32::INFINITY, -1.0, 0.0] {
        assert!(
            to_png(&schema, &Options::default(), scale).is_err(),
            "{scale}"
        );
    }
}

#[test]
fn a_view_is_drawn_in_the_image_as_a_card_with_dashed_lines_to_what_it_reads() {
    let mut schema = schemaboard::io::load(&sample("shop")).unwrap();
    schema.verbatim.push(schemaboard::model::VerbatimSql {
        kind: "view".into(),
        name: "customer_orders".into(),
        dialect: schemaboard::model::Dialect::Postgres,
        sql: "CREATE VIEW customer_orders AS SELECT c.email, o.number FROM customers c \
              JOIN orders o ON o.customer_id = c.id"
            .into(),
    });
    let svg = to_svg(&schema, &Options::default()).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert!(texts.contains(&"view customer_orders"), "{texts:?}");
    assert!(texts.contains(&"email") && texts.contains(&"varchar(320)"));
    let dashed: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("stroke-dasharray") == Some("6 4"))
        .flat_map(|g| g.children().filter(|c| c.has_tag_name("line")))
        .collect();
    assert_eq!(dashed.len(), 2, "a line to customers and one to orders");
    // The PNG is drawn from the same picture.
    let tiles = to_png(&schema, &Options::default(), 1.0).unwrap();
    assert!(!tiles.is_empty());
}
