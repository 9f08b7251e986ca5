//! Review comments: threads on tables, columns or the model, with replies, resolving, a filter,
//! and turning a decision into the acceptance of the finding it is about. Every change is one
//! undoable edit of the model, so comments travel in the `.ron` file with the design.

use crate::check::{Finding, target_label};
use crate::gui::commands::AppCommand;
use crate::model::review::{Message, Thread, next_number};
use crate::model::{ColumnId, ConstraintId, Edit, FindingTarget, Schema, Suppression, TableId};
use std::collections::HashMap;

/// Which threads are listed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    /// Those still open.
    #[default]
    Open,
    /// Those resolved.
    Resolved,
    /// All of them.
    All,
}

/// What in the selected table a new thread is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Subject {
    /// The table itself.
    #[default]
    Table,
    /// One of its columns.
    Column(ColumnId),
    /// One of its foreign keys: the relationship drawn on the canvas.
    Relationship(ConstraintId),
}

/// The panel's state.
#[derive(Debug)]
pub struct CommentsPanel {
    /// Which threads are listed.
    pub show: Show,
    /// The name comments are signed with.
    pub author: String,
    /// The text of a new thread.
    pub draft: String,
    /// What in the selected table a new thread is about.
    pub subject: Subject,
    /// The relationship last selected on the canvas: selecting another makes it the subject.
    seen_relationship: Option<ConstraintId>,
    /// Replies being typed, by thread number.
    replies: HashMap<u32, String>,
}

/// The name comments are signed with until the user types another: `$SCHEMABOARD_AUTHOR`, else
/// the login name.
pub fn default_author() -> String {
    ["SCHEMABOARD_AUTHOR", "USER", "USERNAME"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "me".to_string())
}

impl Default for CommentsPanel {
    fn default() -> Self {
        Self {
            show: Show::Open,
            author: default_author(),
            draft: String::new(),
            subject: Subject::Table,
            seen_relationship: None,
            replies: HashMap::new(),
        }
    }
}

impl CommentsPanel {
    /// Draws the panel; `table` is the selected table (new threads are about it, else the model).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        findings: &[&Finding],
        (table, relationship): (Option<TableId>, Option<ConstraintId>),
        commands: &mut Vec<AppCommand>,
    ) {
        if relationship != self.seen_relationship {
            self.seen_relationship = relationship;
            if let Some(fk) = relationship {
                self.subject = Subject::Relationship(fk);
            }
        }
        let set = |threads: Vec<Thread>| AppCommand::Apply(Box::new(Edit::SetComments(threads)));
        ui.heading("Comments");
        ui.horizontal(|ui| {
            ui.label("You");
            ui.add(egui::TextEdit::singleline(&mut self.author).desired_width(140.0))
                .accessible_name("comment author");
        });
        self.new_thread_ui(ui, schema, table, commands);
        ui.separator();
        let open = schema.comments.iter().filter(|t| !t.resolved).count();
        let resolved = schema.comments.len() - open;
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.show, Show::Open, format!("{open} open"));
            ui.selectable_value(
                &mut self.show,
                Show::Resolved,
                format!("{resolved} resolved"),
            );
            ui.selectable_value(&mut self.show, Show::All, "all");
        });
        egui::ScrollArea::vertical().show(ui, |ui| {
            for (index, thread) in schema.comments.iter().enumerate() {
                let listed = match self.show {
                    Show::Open => !thread.resolved,
                    Show::Resolved => thread.resolved,
                    Show::All => true,
                };
                if !listed {
                    continue;
                }
                ui.group(|ui| {
                    let about = about(schema, &thread.on);
                    let heading = format!("#{} on {about}", thread.number);
                    let response =
                        ui.selectable_label(false, egui::RichText::new(heading).strong());
                    if response.clicked()
                        && let Some(table) = thread.on.table.filter(|t| schema.table(*t).is_some())
                    {
                        commands.push(AppCommand::FocusTable(table));
                    }
                    for message in &thread.messages {
                        ui.label(
                            egui::RichText::new(format!("{}, {}", message.author, message.at))
                                .weak(),
                        );
                        ui.label(&message.text);
                    }
                    let reply = self.replies.entry(thread.number).or_default();
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::TextEdit::singleline(reply)
                                .hint_text("reply")
                                .desired_width(180.0),
                        )
                        .accessible_name(format!("reply to #{}", thread.number));
                        let button = egui::Button::new("Reply");
                        if ui.add_enabled(!reply.trim().is_empty(), button).clicked() {
                            let mut threads = schema.comments.clone();
                            threads[index]
                                .messages
                                .push(message(&self.author, reply.trim()));
                            reply.clear();
                            commands.push(set(threads));
                        }
                    });
                    ui.horizontal(|ui| {
                        let toggle = if thread.resolved { "Reopen" } else { "Resolve" };
                        if ui.button(toggle).clicked() {
                            let mut threads = schema.comments.clone();
                            threads[index].resolved = !thread.resolved;
                            commands.push(set(threads));
                        }
                        if ui.button("Delete thread").clicked() {
                            let mut threads = schema.comments.clone();
                            threads.remove(index);
                            commands.push(set(threads));
                        }
                    });
                    decisions_ui(ui, schema, findings, index, thread, commands);
                });
            }
        });
    }

    fn new_thread_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: Option<TableId>,
        commands: &mut Vec<AppCommand>,
    ) {
        let table = table.and_then(|t| schema.table(t));
        let label = |subject: Subject| table.and_then(|t| subject_label(schema, t, subject));
        if label(self.subject).is_none() {
            self.subject = Subject::Table;
        }
        ui.horizontal(|ui| {
            ui.label("New comment on");
            match table {
                None => {
                    ui.strong("the model");
                }
                Some(table) => {
                    let subjects = std::iter::once(Subject::Table)
                        .chain(table.columns.iter().map(|c| Subject::Column(c.id)))
                        .chain(
                            table
                                .foreign_keys
                                .iter()
                                .map(|k| Subject::Relationship(k.id)),
                        );
                    egui::ComboBox::from_id_salt("comment-subject")
                        .selected_text(label(self.subject).unwrap_or_default())
                        .show_ui(ui, |ui| {
                            for subject in subjects {
                                let text = label(subject).unwrap_or_default();
                                ui.selectable_value(&mut self.subject, subject, text);
                            }
                        })
                        .response
                        .accessible_name("comment on");
                }
            }
        });
        ui.add(
            egui::TextEdit::multiline(&mut self.draft)
                .hint_text("what should the team know or decide?")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .accessible_name("new comment");
        let add = egui::Button::new("Add comment");
        if ui.add_enabled(!self.draft.trim().is_empty(), add).clicked() {
            let mut on = FindingTarget {
                table: table.map(|t| t.id),
                ..FindingTarget::default()
            };
            if table.is_some() {
                match self.subject {
                    Subject::Table => {}
                    Subject::Column(column) => on.columns = vec![column],
                    Subject::Relationship(fk) => on.constraint = Some(fk),
                }
            }
            let mut threads = schema.comments.clone();
            threads.push(Thread {
                number: next_number(&threads),
                on,
                resolved: false,
                messages: vec![message(&self.author, self.draft.trim())],
            });
            self.draft.clear();
            commands.push(AppCommand::Apply(Box::new(Edit::SetComments(threads))));
        }
    }
}

/// "Accept IX201 with this as the reason": for each active finding about the thread's object, one
/// edit that records the thread's opening message as the suppression's reason and resolves it.
fn decisions_ui(
    ui: &mut egui::Ui,
    schema: &Schema,
    findings: &[&Finding],
    index: usize,
    thread: &Thread,
    commands: &mut Vec<AppCommand>,
) {
    if thread.resolved || thread.on.table.is_none() {
        return;
    }
    let about_it = |f: &&&Finding| {
        f.is_active()
            && f.target.table == thread.on.table
            && (thread.on.columns.is_empty() || f.target.columns == thread.on.columns)
            && (thread.on.constraint.is_none() || f.target.constraint == thread.on.constraint)
    };
    for finding in findings.iter().filter(about_it) {
        let label = format!("Accept {} with this as the reason", finding.code);
        if ui.button(label).on_hover_text(&finding.message).clicked() {
            let mut settings = schema.check_settings.clone();
            settings.suppressions.push(Suppression {
                code: finding.code.to_string(),
                target: finding.target.clone(),
                reason: thread.opening().to_string(),
            });
            let mut threads = schema.comments.clone();
            threads[index].resolved = true;
            commands.push(AppCommand::Apply(Box::new(Edit::Batch(vec![
                Edit::SetCheckSettings(Box::new(settings)),
                Edit::SetComments(threads),
            ]))));
        }
    }
}

fn about(schema: &Schema, on: &FindingTarget) -> String {
    let Some(table) = on.table.map(|id| schema.table(id)) else {
        return "the model".to_string();
    };
    let Some(table) = table else {
        return "a removed table".to_string();
    };
    match on.constraint {
        Some(fk) => subject_label(schema, table, Subject::Relationship(fk))
            .unwrap_or_else(|| format!("a removed relationship of {}", table.name)),
        None => target_label(schema, on),
    }
}

/// How a thread's subject is named: `orders`, `orders.total`, or a relationship as
/// `orders (customer_id) → customers`; `None` when the table no longer has it.
fn subject_label(schema: &Schema, table: &crate::model::Table, subject: Subject) -> Option<String> {
    match subject {
        Subject::Table => Some(table.name.clone()),
        Subject::Column(id) => table
            .column(id)
            .map(|c| format!("{}.{}", table.name, c.name)),
        Subject::Relationship(id) => {
            let fk = table.foreign_keys.iter().find(|k| k.id == id)?;
            let columns: Vec<&str> = fk
                .columns
                .iter()
                .filter_map(|c| table.column(*c).map(|c| c.name.as_str()))
                .collect();
            let target = schema.table(fk.references).map_or("?", |t| t.name.as_str());
            Some(format!(
                "{} ({}) → {target}",
                table.name,
                columns.join(", ")
            ))
        }
    }
}

fn message(author: &str, text: &str) -> Message {
    Message {
        author: author.trim().to_string(),
        at: now_utc(),
        text: text.to_string(),
    }
}

/// The time now as RFC 3339 UTC, to the second.
fn now_utc() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(seconds)
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (the civil calendar from a day count, after
/// Howard Hinnant's `civil_from_days`).
fn rfc3339(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(super::rfc3339(1_795_539_845), "2026-11-24T17:04:05Z");
    }
}
