//! Everything that writes a model out: SQL DDL per dialect and migrations between versions, DBML,
//! Mermaid, DOT, data dictionaries (Markdown, HTML), each with its own escaping.

pub mod dbml;
pub mod ddl;
pub mod dictionary;
pub mod diff;
pub mod dot;
pub mod escape;
pub mod mermaid;
#[cfg(test)]
mod writer_lint;
