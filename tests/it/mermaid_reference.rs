//! Mermaid export checked by Mermaid itself (npm `mermaid` under jsdom, run with node): every
//! sample model and every corpus schema parses as an `erDiagram` with one entity per table and
//! one relationship per foreign key. `scripts/test` installs Mermaid in a temporary folder and
//! names it in SCHEMABOARD_MERMAID; without it the test says it was skipped.

use crate::common;

use schemaboard::export::mermaid::to_mermaid;

#[test]
fn mermaid_export_parses_with_mermaid_and_keeps_the_counts() {
    common::check_counts_with_node(
        "SCHEMABOARD_MERMAID",
        "mermaid_check.mjs",
        "mmd",
        &common::sample_and_corpus_models(),
        to_mermaid,
        common::mermaid_shown,
        common::mermaid_views,
    );
}
