//! What several benchmarks read: the largest corpus schema, as the importer lays it out.

/// Odoo 16 (776 tables, 2,995 foreign keys), imported from its `pg_dump`.
pub fn odoo() -> schemaboard::model::Schema {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/corpus/odoo16.postgresql.sql"
    );
    let text =
        String::from_utf8_lossy(&std::fs::read(path).expect("the Odoo corpus file")).into_owned();
    schemaboard::import::import_sql(
        &text,
        Some(schemaboard::import::Dialect::Postgres),
        "odoo16",
    )
    .schema
}
