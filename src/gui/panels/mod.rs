//! Side windows and panels of the app.

pub mod comments;
pub mod export_migration;
pub mod export_sql;
pub mod findings;
pub mod inspector;
pub mod model_settings;
pub mod search;
