//! SQL the model does not understand but must not lose: views, functions, procedures and
//! triggers read from a script, kept as written so a DDL export for the same dialect can write
//! them back.

use serde::{Deserialize, Serialize};

/// One statement kept verbatim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbatimSql {
    /// What it creates: `view`, `materialized view`, `function`, `procedure` or `trigger`.
    pub kind: String,
    /// The object's name as written (possibly qualified and quoted).
    pub name: String,
    /// The dialect it is written in (`postgres`, `mysql`, `sqlite`, `mssql`).
    pub dialect: String,
    /// The statement, without its terminator.
    pub sql: String,
}
