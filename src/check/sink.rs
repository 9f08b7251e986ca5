//! Where rules put findings: skips disabled rules before any work is spent on the message, and
//! applies the model's severity overrides and suppressions at the end.

use super::finding::Finding;
use super::fix::Fix;
use super::rules::rule;
use crate::model::{CheckSettings, FindingTarget, RuleLevel, Severity};

pub(crate) struct Sink<'a> {
    settings: &'a CheckSettings,
    out: Vec<Finding>,
}

/// A finding being filled in; a no-op when its rule is off.
pub(crate) struct Draft<'s>(Option<&'s mut Finding>);

impl Draft<'_> {
    pub fn help(self, help: impl Into<String>) -> Self {
        if let Some(f) = self.0 {
            f.help = help.into();
            return Draft(Some(f));
        }
        self
    }

    pub fn fix(self, fix: Fix) -> Self {
        if let Some(f) = self.0 {
            f.fix = Some(fix);
            return Draft(Some(f));
        }
        self
    }

    pub fn severity(self, severity: Severity) -> Self {
        if let Some(f) = self.0 {
            f.severity = severity;
            return Draft(Some(f));
        }
        self
    }
}

impl<'a> Sink<'a> {
    pub fn new(settings: &'a CheckSettings) -> Self {
        Self {
            settings,
            out: Vec::new(),
        }
    }

    /// Whether the rule runs; rules check this before expensive work.
    pub fn enabled(&self, code: &str) -> bool {
        self.settings.rules.get(code) != Some(&RuleLevel::Off)
    }

    /// Reports `message` under rule `code` (which must be in the catalog).
    pub fn emit(
        &mut self,
        code: &'static str,
        target: FindingTarget,
        message: impl Into<String>,
    ) -> Draft<'_> {
        if !self.enabled(code) {
            return Draft(None);
        }
        let rule = rule(code).unwrap_or_else(|| panic!("rule {code} is not in the catalog"));
        self.out.push(Finding {
            code,
            rule: rule.name,
            severity: rule.severity,
            target,
            message: message.into(),
            why: rule.why,
            help: String::new(),
            fix: None,
            suppressed: None,
        });
        Draft(self.out.last_mut())
    }

    /// The findings with the model's overrides and suppressions applied.
    pub fn finish(self) -> Vec<Finding> {
        let settings = self.settings;
        let mut out = self.out;
        for f in &mut out {
            if let Some(RuleLevel::At(severity)) = settings.rules.get(f.code) {
                f.severity = *severity;
            }
            f.suppressed = settings
                .suppression(f.code, &f.target)
                .map(|s| s.reason.clone());
        }
        out
    }
}
