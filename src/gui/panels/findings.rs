//! The findings panel: what the validator says about the model, live, most serious first;
//! click one to see why it matters and to apply its quick fix or accept it with a reason.

use super::super::commands::AppCommand;
use super::super::theme;
use crate::check::{Finding, Summary, target_label};
use crate::model::{Schema, Severity};
use egui::{RichText, Ui};

/// What chose the findings listed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Listing {
    /// The model revision the findings are of.
    revision: Option<u64>,
    /// How many there are (a check still running has none yet).
    count: usize,
    show_info: bool,
    show_accepted: bool,
    /// Lower case, trimmed.
    filter: String,
}

impl Listing {
    /// The positions of the findings to list, sorted by severity (most serious first) and rule,
    /// so that one group per rule keeps a big model's findings readable.
    fn choose(&self, schema: &Schema, findings: &[&Finding]) -> Vec<usize> {
        let mut chosen: Vec<usize> = (0..findings.len())
            .filter(|i| {
                let f = findings[*i];
                (f.is_active() || self.show_accepted)
                    && (f.severity > Severity::Info || self.show_info)
                    && (self.filter.is_empty()
                        || [f.code, f.rule, &f.message, &target_label(schema, &f.target)]
                            .iter()
                            .any(|text| text.to_lowercase().contains(&self.filter)))
            })
            .collect();
        chosen.sort_by_key(|i| (std::cmp::Reverse(findings[*i].severity), findings[*i].code));
        chosen
    }
}

/// Rows listed per rule before "… and N more".
const ROWS_PER_GROUP: usize = 200;

/// The panel's state.
#[derive(Debug, Default)]
pub struct FindingsPanel {
    /// Also list info-level findings.
    pub show_info: bool,
    /// Also list accepted (suppressed) findings.
    pub show_accepted: bool,
    /// Only findings whose rule code or name, table or column, or message contains this.
    pub filter: String,
    /// The finding opened, by code and target.
    open: Option<(String, crate::model::FindingTarget)>,
    /// The reason being typed to accept the open finding.
    reason: String,
    /// The findings listed, as positions in the checker's order, sorted, and what they were
    /// chosen by: filtering and sorting tens of thousands of findings is not redone each frame.
    listed: Option<(Listing, Vec<usize>)>,
}

impl FindingsPanel {
    /// Draws the panel and queues what the user asked for.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        schema: &Schema,
        (findings, summary, revision): (Vec<&Finding>, Summary, Option<u64>),
        commands: &mut Vec<AppCommand>,
    ) {
        ui.horizontal(|ui| {
            ui.heading("Findings");
            let theme = theme::palette(ui.visuals());
            ui.label(
                RichText::new(crate::words::count(summary.errors, "error")).color(theme.error),
            );
            ui.label(
                RichText::new(crate::words::count(summary.warnings, "warning"))
                    .color(theme.warning),
            );
        });
        ui.horizontal(|ui| {
            ui.checkbox(
                &mut self.show_info,
                crate::words::count(summary.infos, "info"),
            );
            ui.checkbox(
                &mut self.show_accepted,
                format!("{} accepted", summary.suppressed),
            );
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("filter: rule, table, column, text")
                    .desired_width(220.0),
            )
            .accessible_name("filter findings");
        });
        ui.separator();
        let listing = Listing {
            revision,
            count: findings.len(),
            show_info: self.show_info,
            show_accepted: self.show_accepted,
            filter: self.filter.trim().to_lowercase(),
        };
        let listed = match self.listed.take() {
            Some((made_by, listed)) if made_by == listing => listed,
            _ => listing.choose(schema, &findings),
        };
        let shown: Vec<&Finding> = listed
            .iter()
            .filter_map(|i| findings.get(*i).copied())
            .collect();
        self.listed = Some((listing, listed));
        if shown.is_empty() {
            ui.label("Nothing to report at this level.");
            return;
        }
        let theme = theme::palette(ui.visuals());
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for group in shown.chunk_by(|a, b| a.code == b.code) {
                    let first = group[0];
                    let title = RichText::new(format!(
                        "{} {} {} ({})",
                        first.severity.label(),
                        first.code,
                        first.rule,
                        group.len()
                    ))
                    .color(theme.severity(first.severity));
                    egui::CollapsingHeader::new(title)
                        .id_salt(first.code)
                        .default_open(group.len() <= 12)
                        .show(ui, |ui| {
                            for finding in group.iter().take(ROWS_PER_GROUP) {
                                self.row(ui, schema, finding, commands);
                            }
                            if group.len() > ROWS_PER_GROUP {
                                ui.label(format!(
                                    "… and {} more (the CLI lists them all: schemaboard check)",
                                    group.len() - ROWS_PER_GROUP
                                ));
                            }
                        });
                }
            });
    }

    fn row(&mut self, ui: &mut Ui, schema: &Schema, f: &Finding, commands: &mut Vec<AppCommand>) {
        let theme = theme::palette(ui.visuals());
        let key = (f.code.to_string(), f.target.clone());
        let is_open = self.open.as_ref() == Some(&key);
        let title = RichText::new(target_label(schema, &f.target))
            .color(theme.severity(f.severity))
            .strong();
        let response = ui.selectable_label(is_open, title).on_hover_text(f.rule);
        ui.label(&f.message);
        if response.clicked() {
            self.open = if is_open { None } else { Some(key.clone()) };
            self.reason.clear();
            if let Some(table) = f.target.table {
                commands.push(AppCommand::FocusTable(table));
            }
        }
        if self.open.as_ref() == Some(&key) {
            ui.indent(("finding", f.code, &f.target), |ui| {
                ui.label(RichText::new(f.why).italics());
                if !f.help.is_empty() {
                    ui.label(format!("Help: {}", f.help));
                }
                if let Some(reason) = &f.suppressed {
                    ui.label(format!("Accepted: {reason}"));
                    return;
                }
                ui.horizontal(|ui| {
                    if let Some(fix) = &f.fix
                        && ui.button(fix.label()).clicked()
                    {
                        commands.push(AppCommand::ApplyFix(fix.clone()));
                        self.open = None;
                    }
                });
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.reason)
                            .hint_text("why this is fine here")
                            .desired_width(200.0),
                    );
                    let accept = egui::Button::new("Accept");
                    if ui
                        .add_enabled(!self.reason.trim().is_empty(), accept)
                        .clicked()
                    {
                        commands.push(AppCommand::Suppress {
                            code: f.code.to_string(),
                            target: f.target.clone(),
                            reason: self.reason.trim().to_string(),
                        });
                        self.open = None;
                        self.reason.clear();
                    }
                });
            });
        }
        ui.add_space(6.0);
    }
}
