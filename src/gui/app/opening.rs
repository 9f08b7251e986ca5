//! Opening the first model away from the window's thread: the window shows at once, says what it
//! is opening and for how long, and takes the model when it arrives. A large model then gets one
//! more frame saying that its cards are being laid out, since that first layout is the slow part.

use super::App;
use crate::gui::Document;
use crate::gui::view_state::Notice;
use std::sync::mpsc;

/// From this many tables the first layout takes long enough to be announced.
const LARGE: usize = 300;

/// A model on its way.
pub struct Opening {
    arrival: mpsc::Receiver<(Document, Option<Notice>)>,
    /// What is being opened, in words.
    what: String,
    /// When the window first showed it (egui's clock), for the seconds shown.
    since: Option<f64>,
}

impl Opening {
    /// Waits for what `arrival` brings; `what` names it for the user.
    pub fn new(what: String, arrival: mpsc::Receiver<(Document, Option<Notice>)>) -> Self {
        Opening {
            arrival,
            what,
            since: None,
        }
    }
}

impl App {
    /// A window that shows at once and opens the model that `opening` brings.
    pub fn opening(opening: Opening) -> Self {
        let mut app = App::new(Document::untitled(crate::model::Schema::new("Untitled")));
        app.opening = Some(opening);
        app
    }

    /// Draws the waiting screen while a model is on its way; false once there is none.
    pub(super) fn opening_ui(&mut self, ui: &mut egui::Ui) -> bool {
        if std::mem::take(&mut self.laying_out) {
            // The announcement was drawn last frame; this frame lays the model out.
            return false;
        }
        let Some(opening) = &mut self.opening else {
            return false;
        };
        let now = ui.input(|i| i.time);
        let since = *opening.since.get_or_insert(now);
        let message = match opening.arrival.try_recv() {
            Ok((document, notice)) => {
                let tables = document.schema().tables.len();
                self.document = document;
                if let Some(path) = self.document.path.clone() {
                    self.recent.remember(&path);
                }
                if notice.is_some() {
                    self.view.dialogs.notice = notice;
                }
                self.view.canvas.fitted = false;
                self.opening = None;
                if tables < LARGE {
                    return false;
                }
                self.laying_out = true;
                format!("Laying out {}…", crate::words::count(tables, "table"))
            }
            Err(mpsc::TryRecvError::Empty) => {
                format!("Opening {} ({:.0} s)…", opening.what, now - since)
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                self.view.dialogs.notice = Some(Notice::error(format!(
                    "{} could not be opened: the reader stopped. Your file was left as it was.",
                    opening.what
                )));
                self.opening = None;
                return false;
            }
        };
        egui::CentralPanel::default().show(ui, |ui| {
            ui.centered_and_justified(|ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(ui.available_height() / 2.0 - 30.0);
                    ui.spinner();
                    ui.label(message);
                });
            });
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
        true
    }
}
