//! The canvas frame: one headless egui pass of the whole app (menus, findings panel, the canvas
//! painting a synthetic model of 1,000 tables, and of 20,000) plus its tessellation into triangles, with the
//! whole model fitted in a 1600 × 1000 window and at 100%. What a GPU would then draw is left
//! out: this is the CPU's share of a frame.
//!
//! `cargo bench --bench frame`

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, Vec2, emath::TSTransform};
use schemaboard::gui::commands::AppCommand;
use schemaboard::gui::{App, Document};
use schemaboard::synth::{Spec, generate};
use std::hint::black_box;
use std::time::Duration;

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1600.0, 1000.0))),
        ..Default::default()
    }
}

/// One frame: the UI pass and its tessellation; returns the triangle count.
fn frame(ctx: &egui::Context, app: &mut App) -> usize {
    let mut output = ctx.run_ui(input(), |ui| app.show(ui));
    // No GPU here to take the font atlas's updates.
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point)
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.indices.len() / 3,
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

fn frames(c: &mut Criterion) {
    // 1,000 tables is the target; 20,000 shows the window stays usable at the size limit.
    for tables in [1000, 20_000] {
        let mut schema = generate(Spec {
            tables,
            columns: if tables > 1000 { 15 } else { 30 },
            queries: 200,
            seed: 42,
        });
        schemaboard::layout::arrange(&mut schema);
        let mut group = c.benchmark_group(format!("canvas frame {tables} tables"));
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(10))
            .warm_up_time(Duration::from_secs(2));
        for fitted in [true, false] {
            let ctx = egui::Context::default();
            let mut app = App::new(Document::untitled(schema.clone()));
            // Frames to settle: fonts, the first validation (on a worker thread for a large
            // model: wait for it, so it does not share the measured time), the fit.
            frame(&ctx, &mut app);
            while app.document.is_checking() {
                std::thread::sleep(Duration::from_millis(20));
                frame(&ctx, &mut app);
            }
            frame(&ctx, &mut app);
            if fitted {
                app.queue(AppCommand::FitAll);
            } else {
                app.view.canvas.screen_from_scene = TSTransform::IDENTITY;
                app.view.canvas.fitted = true;
            }
            frame(&ctx, &mut app);
            let name = if fitted { "fit all" } else { "100%" };
            group.bench_function(name, |b| b.iter(|| black_box(frame(&ctx, &mut app))));
        }
        if tables == 1000 {
            // What a drag costs instead of a layout: the cached cards shifted, connectors and
            // groups redone (scene::moved), against measuring every card again (scene::build).
            let measure = schemaboard::scene::ApproxMeasure;
            let metrics = schemaboard::scene::Metrics::default();
            let laid_out = schemaboard::scene::build(&schema, &measure, &metrics);
            let mut dragged = schema.clone();
            group.bench_function("layout of the scene", |b| {
                b.iter(|| black_box(schemaboard::scene::build(&schema, &measure, &metrics)))
            });
            let mut step = 0.0;
            group.bench_function("scene during a drag", |b| {
                b.iter(|| {
                    step += 1.0;
                    dragged.tables[0].position.x = schema.tables[0].position.x + step % 200.0;
                    black_box(schemaboard::scene::moved(&laid_out, &dragged, &metrics))
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, frames);
criterion_main!(benches);
