//! Review comments kept in the model file: threads attached to a table, a column, a constraint
//! or the model, each with its messages and whether it is resolved.

use super::FindingTarget;
use serde::{Deserialize, Serialize};

/// A discussion about one object of the model.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thread {
    /// Stable within the model: the largest number in use plus one when a thread is added.
    pub number: u32,
    /// What it is about, by id (like a finding's target); empty means the model as a whole.
    /// A thread whose table was removed is kept and shown as being about a removed object.
    #[serde(default, skip_serializing_if = "is_model")]
    pub on: FindingTarget,
    /// The discussion is settled.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resolved: bool,
    /// Oldest first.
    pub messages: Vec<Message>,
}

/// One message of a thread.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// Who wrote it (the name set in the app).
    pub author: String,
    /// When, as an RFC 3339 UTC timestamp (`2026-11-25T17:04:05Z`).
    pub at: String,
    /// What they wrote.
    pub text: String,
}

fn is_model(target: &FindingTarget) -> bool {
    *target == FindingTarget::default()
}

impl Thread {
    /// The first message's text: what the thread is about, and the reason a decision records.
    pub fn opening(&self) -> &str {
        self.messages.first().map_or("", |m| m.text.as_str())
    }
}

/// The number a new thread gets in `threads`.
pub fn next_number(threads: &[Thread]) -> u32 {
    threads.iter().map(|t| t.number).max().unwrap_or(0) + 1
}
