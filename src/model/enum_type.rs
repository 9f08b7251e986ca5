//! Named enum types (`CREATE TYPE … AS ENUM` on PostgreSQL, `ENUM(...)` on MySQL).

use super::ids::EnumId;
use serde::{Deserialize, Serialize};

/// A named enumeration that columns can use as their type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumType {
    /// Stable id.
    pub id: EnumId,
    /// The SQL schema it lives in; `None` is the default schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Type name.
    pub name: String,
    /// Allowed values in order.
    pub values: Vec<String>,
    /// What the values mean.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}
