//! Every sample model loads, is sound, and saves back to the same bytes.

use crate::common;

use schemaboard::io;
use schemaboard::model::integrity_problems;

#[test]
fn every_sample_model_saves_back_byte_for_byte() {
    let samples = common::sample_models();
    assert!(samples.len() >= 5, "{samples:?}");
    let folder = tempfile::tempdir().unwrap();
    for path in samples {
        let original = std::fs::read_to_string(&path).unwrap();
        let schema = io::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(integrity_problems(&schema), [], "{}", path.display());
        assert_eq!(io::to_ron_string(&schema), original, "{}", path.display());

        let copy = folder.path().join(path.file_name().unwrap());
        io::save(&copy, &schema).unwrap();
        assert_eq!(std::fs::read_to_string(&copy).unwrap(), original);
        let reloaded = io::load(&copy).unwrap();
        assert_eq!(reloaded, schema);
        io::save(&copy, &reloaded).unwrap();
        assert_eq!(
            std::fs::read_to_string(io::backup_path(&copy)).unwrap(),
            original,
            "the previous file is kept as .bak"
        );
    }
}

#[test]
fn sample_models_are_realistic() {
    for name in ["sales", "shop", "cms", "saas", "flawed_inventory"] {
        let schema = io::load(&common::sample(name)).unwrap();
        let stats = schema.stats();
        assert!(
            (8..=25).contains(&stats.tables),
            "{name}: {} tables",
            stats.tables
        );
        assert!(stats.foreign_keys >= 5, "{name}");
        assert!(!schema.queries.is_empty(), "{name} has sample queries");
        let fds: usize = schema.tables.iter().map(|t| t.dependencies.len()).sum();
        assert!(fds >= 1, "{name} declares functional dependencies");
        let mut positions: Vec<_> = schema
            .tables
            .iter()
            .map(|t| (t.position.x as i64, t.position.y as i64))
            .collect();
        positions.sort();
        positions.dedup();
        assert_eq!(
            positions.len(),
            stats.tables,
            "{name}: every table has its own place"
        );
        if name != "flawed_inventory" {
            for table in &schema.tables {
                assert!(
                    !table.comment.is_empty(),
                    "{name}.{} has a comment",
                    table.name
                );
                assert!(
                    table.primary_key.is_some(),
                    "{name}.{} has a key",
                    table.name
                );
            }
        }
    }
}

#[test]
fn the_flawed_model_has_the_flaws_it_is_for() {
    let schema = io::load(&common::sample("flawed_inventory")).unwrap();
    assert!(
        schema.tables.iter().any(|t| t.primary_key.is_none()),
        "a table without a primary key"
    );
    let products = schema.table_named(None, "tbl_products").unwrap();
    assert!(!products.dependencies.is_empty(), "a transitive dependency");
    let movements = schema.table_named(None, "StockMovement").unwrap();
    let fk_column = movements.foreign_keys[0].columns[0];
    assert!(
        !movements.is_indexed_column(fk_column),
        "an unindexed foreign key"
    );
}
