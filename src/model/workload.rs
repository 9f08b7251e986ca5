//! The model's workload: named sample queries the application will run, which the index-coverage
//! checks read to say whether each query is served by an index.

use super::ids::QueryId;
use serde::{Deserialize, Serialize};

/// A named sample query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// Stable id.
    pub id: QueryId,
    /// Short name (`"orders of a customer"`).
    pub name: String,
    /// The SQL text, with `$1`-style or literal parameters.
    pub sql: String,
    /// Why it matters (how often it runs, who waits for it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}
