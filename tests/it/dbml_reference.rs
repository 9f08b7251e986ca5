//! DBML export checked by the reference parser, `@dbml/core` (npm), run with node: every sample
//! model and every corpus schema parses, with the model's table and reference counts; and so does
//! the DBML of each of them read back by our DBML importer.
//! `scripts/test` installs the parser in a temporary folder and names it in
//! SCHEMABOARD_DBML_CORE; without it the test says it was skipped.

use crate::common;

use schemaboard::export::dbml::to_dbml;
use schemaboard::model::Schema;

#[test]
fn dbml_export_parses_with_dbml_core_and_keeps_the_counts() {
    let mut models = common::sample_and_corpus_models();
    // DBML import → DBML export must agree with @dbml/core too.
    let reimported: Vec<(String, Schema)> = models
        .iter()
        .map(|(name, model)| {
            let read = schemaboard::import::dbml::import_dbml(&to_dbml(model), name);
            assert_eq!(
                read.report.failed(),
                0,
                "{name}: {:?}",
                read.report.diagnostics
            );
            (format!("{name}.reimported"), read.schema)
        })
        .collect();
    models.extend(reimported);
    common::check_counts_with_node(
        "SCHEMABOARD_DBML_CORE",
        "dbml_check.js",
        "dbml",
        &models,
        to_dbml,
        common::dbml_shown,
        common::nothing_else,
    );
}
