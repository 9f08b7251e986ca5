//! Edit → Model settings…: what the model is checked against, saved with it so a team shares
//! one definition of "clean": the target dialects, the naming convention, each rule's level
//! (with why it matters and how many findings it has now) and the findings accepted, with their
//! reasons. Every change is one undoable edit of the settings.

use crate::check::{Family, Finding, RULES, Rule};
use crate::model::{
    CheckSettings, Dialect, Edit, Inflection, NameCase, RuleLevel, Schema, Severity,
};
use egui::Ui;
use std::collections::HashMap;

/// The window's state while it is open.
#[derive(Debug, Default)]
pub struct ModelSettings {
    /// Rules shown: those whose code, name or explanation holds this.
    filter: String,
}

const CASES: [(NameCase, &str); 5] = [
    (NameCase::Majority, "as most of its names"),
    (NameCase::Snake, "snake_case"),
    (NameCase::Camel, "camelCase"),
    (NameCase::Pascal, "PascalCase"),
    (NameCase::Any, "no convention"),
];

const INFLECTIONS: [(Inflection, &str); 3] = [
    (Inflection::Any, "either"),
    (Inflection::Singular, "singular (customer)"),
    (Inflection::Plural, "plural (customers)"),
];

const FAMILIES: [(Family, &str); 5] = [
    (Family::NormalForms, "Normal forms"),
    (Family::Indexes, "Indexes"),
    (Family::Integrity, "Integrity"),
    (Family::Naming, "Naming"),
    (Family::Portability, "Portability"),
];

/// A rule's level as the menu names it.
fn level_label(rule: &Rule, level: Option<RuleLevel>) -> String {
    match level {
        None => format!("{} (its default)", rule.severity),
        Some(RuleLevel::Off) => "off".to_string(),
        Some(RuleLevel::At(severity)) => severity.to_string(),
    }
}

impl ModelSettings {
    /// Draws the window's contents; returns the edit a change makes.
    pub fn ui(&mut self, ui: &mut Ui, schema: &Schema, findings: &[&Finding]) -> Option<Edit> {
        let settings = &schema.check_settings;
        let mut changed: Option<CheckSettings> = None;
        let mut change = |f: &mut dyn FnMut(&mut CheckSettings)| {
            let mut new = changed.take().unwrap_or_else(|| settings.clone());
            f(&mut new);
            changed = Some(new);
        };
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading("Target dialects");
            ui.horizontal_wrapped(|ui| {
                for dialect in Dialect::ALL {
                    let mut on = settings.dialects.contains(&dialect);
                    if ui.checkbox(&mut on, dialect.product()).changed() {
                        change(&mut |s| {
                            s.dialects.retain(|d| *d != dialect);
                            if on {
                                s.dialects.push(dialect);
                                s.dialects
                                    .sort_by_key(|d| Dialect::ALL.iter().position(|a| a == d));
                            }
                        });
                    }
                }
            });
            if settings.dialects.is_empty() {
                ui.weak("None chosen: the model is checked as portable to all four.");
            }
            ui.separator();
            ui.heading("Naming convention");
            egui::Grid::new("naming-convention")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("Letter case");
                    let shown = CASES
                        .iter()
                        .find(|(c, _)| *c == settings.naming.case)
                        .map_or("?", |(_, n)| n);
                    egui::ComboBox::from_id_salt("naming-case")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for (case, name) in CASES {
                                if ui
                                    .selectable_label(case == settings.naming.case, name)
                                    .clicked()
                                {
                                    change(&mut |s| s.naming.case = case);
                                }
                            }
                        })
                        .response
                        .accessible_name("letter case of names");
                    ui.end_row();
                    ui.label("Table names");
                    let shown = INFLECTIONS
                        .iter()
                        .find(|(c, _)| *c == settings.naming.tables)
                        .map_or("?", |(_, n)| n);
                    egui::ComboBox::from_id_salt("naming-tables")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for (inflection, name) in INFLECTIONS {
                                let chosen = inflection == settings.naming.tables;
                                if ui.selectable_label(chosen, name).clicked() {
                                    change(&mut |s| s.naming.tables = inflection);
                                }
                            }
                        })
                        .response
                        .accessible_name("singular or plural table names");
                    ui.end_row();
                    ui.label("Index names start with");
                    let mut prefix = settings.naming.index_prefix.clone();
                    let response = ui
                        .add(egui::TextEdit::singleline(&mut prefix).desired_width(120.0))
                        .accessible_name("index name prefix");
                    // Each letter typed is a change; one edit a field is what undo should take back,
                    // so the prefix is taken whole when the field is left.
                    if response.changed() {
                        ui.memory_mut(|m| m.data.insert_temp(response.id, prefix.clone()));
                    }
                    if response.lost_focus()
                        && let Some(typed) =
                            ui.memory_mut(|m| m.data.remove_temp::<String>(response.id))
                    {
                        let typed = typed.trim().to_string();
                        if typed != settings.naming.index_prefix {
                            change(&mut |s| s.naming.index_prefix = typed.clone());
                        }
                    }
                    ui.end_row();
                });
            ui.separator();
            ui.heading("Rules");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("code, name or what it is about")
                    .desired_width(240.0),
            )
            .accessible_name("find a rule");
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for finding in findings.iter().filter(|f| f.is_active()) {
                *counts.entry(finding.code).or_default() += 1;
            }
            let filter = self.filter.to_lowercase();
            for (family, title) in FAMILIES {
                let rules: Vec<&Rule> = RULES
                    .iter()
                    .filter(|r| r.family == family)
                    .filter(|r| {
                        filter.is_empty()
                            || [r.code, r.name, r.why]
                                .iter()
                                .any(|t| t.to_lowercase().contains(&filter))
                    })
                    .collect();
                if rules.is_empty() {
                    continue;
                }
                egui::CollapsingHeader::new(title)
                    // A search opens every family with a match; cleared, each is as left.
                    .open((!filter.is_empty()).then_some(true))
                    .show(ui, |ui| {
                        egui::Grid::new(("rules", title))
                            .num_columns(4)
                            .striped(true)
                            .show(ui, |ui| {
                                for rule in rules {
                                    if let Some(choice) = rule_row(ui, rule, settings, &counts) {
                                        change(&mut |s| match choice {
                                            None => {
                                                s.rules.remove(rule.code);
                                            }
                                            Some(level) => {
                                                s.rules.insert(rule.code.to_string(), level);
                                            }
                                        });
                                    }
                                    ui.end_row();
                                }
                            });
                    });
            }
            ui.separator();
            ui.heading("Accepted findings");
            if settings.suppressions.is_empty() {
                ui.weak("None: a finding is accepted from the findings panel, with a reason.");
            }
            for (at, suppression) in settings.suppressions.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(&suppression.code);
                    ui.label(crate::check::target_label(schema, &suppression.target));
                    ui.weak(format!("because {}", suppression.reason));
                    if ui
                        .small_button("×")
                        .on_hover_text("Raise it again")
                        .accessible_name(format!("raise {} again", suppression.code))
                        .clicked()
                    {
                        change(&mut |s| {
                            s.suppressions.remove(at);
                        });
                    }
                });
            }
        });
        changed.map(|settings| Edit::SetCheckSettings(Box::new(settings)))
    }
}

/// A rule's code and name (its explanation on hover), its level, and its findings now;
/// returns the level chosen (`None` inside: back to the rule's default).
fn rule_row(
    ui: &mut Ui,
    rule: &Rule,
    settings: &CheckSettings,
    counts: &HashMap<&str, usize>,
) -> Option<Option<RuleLevel>> {
    let mut chosen = None;
    ui.strong(rule.code).on_hover_text(rule.why);
    ui.label(rule.name).on_hover_text(rule.why);
    let level = settings.rules.get(rule.code).copied();
    egui::ComboBox::from_id_salt(("rule-level", rule.code))
        .selected_text(level_label(rule, level))
        .show_ui(ui, |ui| {
            let choices = [
                None,
                Some(RuleLevel::At(Severity::Error)),
                Some(RuleLevel::At(Severity::Warning)),
                Some(RuleLevel::At(Severity::Info)),
                Some(RuleLevel::Off),
            ];
            for choice in choices {
                if ui
                    .selectable_label(choice == level, level_label(rule, choice))
                    .clicked()
                {
                    chosen = Some(choice);
                }
            }
        })
        .response
        .accessible_name(format!("{} level", rule.code));
    match counts.get(rule.code) {
        Some(n) => ui.label(crate::words::count(*n, "finding")),
        None => ui.weak("none"),
    };
    chosen
}
