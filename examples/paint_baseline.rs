//! The least an eframe window can paint while it is panned: 15 rectangles on a background,
//! moved by dragging. `scripts/bench-paint` pans this and the app the same way and compares the
//! CPU each step costs, so that what Schemaboard adds over eframe's own cost stays visible.

use eframe::egui;

struct Baseline {
    offset: egui::Vec2,
}

impl eframe::App for Baseline {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let (rect, response) =
            ui.allocate_exact_size(ui.available_size(), egui::Sense::click_and_drag());
        self.offset += response.drag_delta();
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, egui::Color32::LIGHT_GRAY);
        for i in 0..15 {
            let at = rect.min
                + self.offset
                + egui::vec2(40.0 + (i % 5) as f32 * 240.0, 40.0 + (i / 5) as f32 * 220.0);
            let card = egui::Rect::from_min_size(at, egui::vec2(200.0, 160.0));
            painter.rect_filled(card, 6.0, egui::Color32::WHITE);
        }
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("paint-baseline")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "paint-baseline",
        options,
        Box::new(|_| {
            Ok(Box::new(Baseline {
                offset: egui::Vec2::ZERO,
            }))
        }),
    )
}
