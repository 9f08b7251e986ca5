//! DBML import: the language's features into the model, errors with line and column that do
//! not stop the import, and every sample model through export → import → export.

use crate::common;

use schemaboard::export::dbml::to_dbml;
use schemaboard::import::dbml::import_dbml;
use schemaboard::model::{DataType, Dialect, IndexTarget, ReferentialAction};

const EXAMPLE: &str = r#"
// A small shop, written for dbdiagram.io.
Project shop {
  database_type: 'PostgreSQL'
  Note: '''
    Orders and
    their customers.
  '''
}

Enum order_status {
  placed [note: 'new']
  "paid"
  shipped
}

Table customers as C [headercolor: #3b82f6] {
  id integer [pk, increment]
  email varchar(320) [not null, unique, note: 'Login; it\'s unique.']
  name "character varying(200)"
  Note: 'People who buy.'
}

Table orders {
  id bigint [primary key]
  customer_id integer [not null, ref: > C.id]
  status order_status [not null, default: 'placed']
  total decimal(12, 2) [default: 0]
  tags text[]
  placed_at timestamp [default: `now()`]

  Indexes {
    (customer_id, placed_at) [name: 'orders_customer_placed']
    `lower(status)`
    status [type: hash]
  }
}

Table order_lines {
  order_id bigint
  line_no int
  qty int [not null, check: `qty > 0`]
  Indexes {
    (order_id, line_no) [pk]
  }
}

Table tags {
  id int [pk]
}

Ref lines_order: order_lines.order_id > orders.id [delete: cascade, update: no action]
Ref { orders.id <> tags.id }

TableGroup sales [color: #10b981] {
  orders
  order_lines
}

Note todo {
  'Add payments.'
}
"#;

#[test]
fn the_features_of_dbml_become_the_model() {
    let import = import_dbml(EXAMPLE, "fallback title");
    let s = &import.schema;
    assert_eq!(schemaboard::model::integrity_problems(s), []);
    assert_eq!(s.name, "shop");
    assert_eq!(s.comment, "Orders and\ntheir customers.");
    assert_eq!(s.check_settings.dialects, [Dialect::Postgres]);
    assert_eq!(s.enums[0].values, ["placed", "paid", "shipped"]);
    let customers = s.table_named(None, "customers").unwrap();
    assert_eq!(customers.comment, "People who buy.");
    assert_eq!(customers.color.unwrap().to_string(), "#3b82f6");
    let email = customers.column_named("email").unwrap();
    assert!(!email.nullable);
    assert_eq!(email.comment, "Login; it's unique.");
    assert!(customers.is_unique_column(email.id));
    assert_eq!(
        customers.column_named("name").unwrap().data_type,
        DataType::Varchar(Some(200))
    );
    assert!(customers.column_named("id").unwrap().identity.is_some());
    let orders = s.table_named(None, "orders").unwrap();
    let status = orders.column_named("status").unwrap();
    assert!(matches!(status.data_type, DataType::Enum(_)));
    assert_eq!(status.default.as_deref(), Some("'placed'"));
    assert_eq!(
        orders.column_named("placed_at").unwrap().default.as_deref(),
        Some("now()")
    );
    assert_eq!(
        orders.column_named("tags").unwrap().data_type,
        DataType::Array(Box::new(DataType::Text))
    );
    // The inline reference through the alias.
    assert_eq!(orders.foreign_keys.len(), 1);
    assert_eq!(orders.foreign_keys[0].references, customers.id);
    assert_eq!(orders.indexes.len(), 3);
    assert_eq!(
        orders.indexes[0].name.as_deref(),
        Some("orders_customer_placed")
    );
    assert_eq!(
        orders.indexes[1].keys[0].target,
        IndexTarget::Expression("lower(status)".into())
    );
    assert_eq!(
        orders.indexes[2].method,
        schemaboard::model::IndexMethod::Hash
    );
    let lines = s.table_named(None, "order_lines").unwrap();
    assert_eq!(lines.primary_key.as_ref().unwrap().columns.len(), 2);
    assert_eq!(lines.checks[0].expression, "qty > 0");
    assert_eq!(lines.foreign_keys[0].on_delete, ReferentialAction::Cascade);
    assert_eq!(lines.foreign_keys[0].name.as_deref(), Some("lines_order"));
    assert_eq!(s.groups[0].name, "sales");
    assert_eq!(lines.group, Some(s.groups[0].id));
    assert_eq!(s.notes[0].text, "Add payments.");
    // The many-to-many reference is reported, not guessed into a table.
    assert!(
        import
            .report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("many-to-many"))
    );
    assert_eq!(import.report.failed(), 0);
}

/// The imported tables' names, sorted, and the failures as `line:column message`.
fn read(text: &str) -> (Vec<String>, Vec<String>) {
    let import = import_dbml(text, "t");
    let mut names: Vec<String> = import
        .schema
        .tables
        .iter()
        .map(|t| t.name.clone())
        .collect();
    names.sort();
    let failures = import
        .report
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
        .collect();
    (names, failures)
}

#[test]
fn a_malformed_element_is_reported_with_its_place_and_the_rest_is_read() {
    let text = "Table a {\n  id int [pk]\n}\n\nTable b {\n  id int [pk,\n}\n\nTable c {\n  id int\n}\n\nRef: c.id > a.nope\n";
    let (names, failures) = read(text);
    assert!(
        names.contains(&"a".to_string()) && names.contains(&"c".to_string()),
        "{names:?}"
    );
    assert!(
        failures.iter().any(|f| f.starts_with("7:1 ")),
        "{failures:?}"
    );
    assert!(
        failures
            .iter()
            .any(|f| f.starts_with("13:1 ") && f.contains("column")),
        "{failures:?}"
    );
    // Unterminated strings are errors too, never a panic.
    let import = import_dbml("Table t {\n  id int [note: 'open\n}\n", "t");
    assert_eq!(import.report.failed(), 1);
}

/// The parser drops the tokens of a long element as it reads on; an error far into a table of
/// thousands of columns (its indexes block nested inside) still skips exactly that table.
#[test]
fn an_error_deep_in_a_wide_table_skips_that_table_only() {
    let columns: String = (0..6000)
        .map(|i| format!("  c{i} int [note: 'n{i}']\n"))
        .collect();
    let bad = format!(
        "Table a {{\n  id int\n}}\nTable wide {{\n{columns}  indexes {{\n    c1\n  }}\n  oops int [pk,\n}}\nTable c {{\n  id int\n}}\n"
    );
    let (names, failures) = read(&bad);
    assert_eq!(names, ["a", "c"], "{failures:?}");
    let line = 4 + 6000 + 3 + 2;
    assert_eq!(
        failures.len(),
        1,
        "{:?}",
        &failures[..failures.len().min(5)]
    );
    assert!(failures[0].starts_with(&format!("{line}:")), "{failures:?}");
    // The same table well formed is read whole.
    let good = bad.replace("  oops int [pk,\n", "");
    let import = import_dbml(&good, "t");
    assert_eq!(import.report.failed(), 0, "{:?}", import.report.diagnostics);
    let wide = import
        .schema
        .tables
        .iter()
        .find(|t| t.name == "wide")
        .unwrap();
    assert_eq!((wide.columns.len(), wide.indexes.len()), (6000, 1));
}

/// One bad quote or character fails the element it is in, once, at its place; the tables
/// around it are read, and a quote that runs to the end says how much it swallowed.
#[test]
fn a_bad_quote_fails_its_element_only() {
    let around = |inner: &str| {
        format!("Table a {{\n id int\n}}\nTable b {{\n {inner}\n}}\nTable c {{\n id int\n}}\n")
    };
    for (inner, at) in [
        (
            "name text [note: \"open]",
            "5:19 unterminated \" quote: it ends at the end of its line",
        ),
        (
            "name text [note: 'open]",
            "5:19 unterminated ' quote: it ends at the end of its line",
        ),
        ("name text ^", "5:12 unexpected character '^'"),
    ] {
        let (names, failures) = read(&around(inner));
        assert_eq!(names, ["a", "c"], "{inner}");
        assert_eq!(failures, [at], "{inner}");
    }
    let (names, failures) = read(&around("name text [default: `now()]"));
    assert_eq!(names, ["a"]);
    assert_eq!(
        failures,
        ["5:22 unterminated ` quote: it swallows 5 lines, 5 to 9"]
    );
    let (names, failures) = read(&around("/* name text"));
    assert_eq!(names, ["a"]);
    assert_eq!(
        failures,
        ["5:2 unterminated /* comment: it swallows 5 lines, 5 to 9"]
    );
}

#[test]
fn every_sample_survives_export_import_export() {
    for path in common::sample_models() {
        let model = schemaboard::io::load(&path).unwrap();
        let dbml = to_dbml(&model);
        let import = import_dbml(&dbml, "x");
        assert_eq!(
            import.report.failed(),
            0,
            "{}: {:?}",
            path.display(),
            import.report.diagnostics
        );
        let back = import.schema;
        assert_eq!(schemaboard::model::integrity_problems(&back), []);
        let (a, b) = (model.stats(), back.stats());
        assert_eq!(
            (a.tables, a.columns, a.foreign_keys),
            (b.tables, b.columns, b.foreign_keys),
            "{}",
            path.display()
        );
        for (t, u) in model.tables.iter().zip(&back.tables) {
            assert_eq!(t.qualified_name(), u.qualified_name());
            for (c, d) in t.columns.iter().zip(&u.columns) {
                assert_eq!(
                    (&c.name, model.type_name(c), c.nullable),
                    (&d.name, back.type_name(d), d.nullable),
                    "{}",
                    t.name
                );
            }
        }
        // Exporting again gives the same DBML, apart from notes on index features DBML lacks.
        let again = to_dbml(&back);
        let strip = |text: &str| -> Vec<String> {
            text.lines()
                .map(|l| match l.find(", note: '") {
                    Some(at) if l.trim_start().starts_with('(') || !l.contains(" [pk") => {
                        format!("{}]", &l[..at])
                    }
                    _ => l.to_string(),
                })
                .collect()
        };
        assert_eq!(strip(&dbml), strip(&again), "{}", path.display());
    }
}

#[test]
fn the_command_line_imports_dbml() {
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("shop.dbml");
    std::fs::write(&input, EXAMPLE).unwrap();
    let output = common::schemaboard(folder.path())
        .args(["import", input.to_str().unwrap(), "-o", "shop.ron"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("imported: 4 tables"), "{stderr}");
    assert!(stderr.contains("many-to-many"), "{stderr}");
    assert!(schemaboard::io::load(&folder.path().join("shop.ron")).is_ok());
}

#[test]
fn odd_text_never_panics() {
    // Multi-byte whitespace in a triple-quoted note, stray bytes, unclosed blocks, lone symbols.
    for text in [
        "Project p {\n  Note: '''\n    a\n\u{3000}\u{3000}\n  b\n  '''\n}\n",
        "Table t {\n  id int [pk\n",
        "Table { }",
        "Ref: a.b > c.d",
        "Table t { id int [ref: > ] }",
        "}}}}",
        "Table t {\n  \"quoted name\" \"varchar(10)\" [default: -1.5, note: \"x\"]\n}",
        "Enum e {\n}\nTable t {\n  c e\n}\n",
        "Table t {\n  Indexes {\n    (a, `lower(b)`) [unique]\n  }\n}\n",
    ] {
        let import = import_dbml(text, "t");
        assert_eq!(
            schemaboard::model::integrity_problems(&import.schema),
            [],
            "{text:?}"
        );
    }
}

/// Thousands of small corruptions of real DBML (a character dropped, or replaced by one that
/// means something to the grammar): the importer reports, never panics, and the model it
/// returns is always sound.
/// Found by the corruption test below: a composite reference whose right side lost its `(`.
#[test]
fn a_reference_pairing_unequal_column_lists_is_reported_not_imported() {
    let text =
        "Table a {\n  x int\n  y int\n}\nTable b {\n  x int\n  y int\n}\nRef: a.(x, y) > b.x, y)\n";
    let import = import_dbml(text, "t");
    assert!(
        import
            .schema
            .tables
            .iter()
            .all(|t| t.foreign_keys.is_empty())
    );
    assert!(
        import
            .report
            .diagnostics
            .iter()
            .any(|d| d.message == "reference pairs 2 column(s) of a with 1 of b"),
        "{:?}",
        import.report.diagnostics
    );
    assert_eq!(schemaboard::model::integrity_problems(&import.schema), []);
}

#[test]
fn corrupted_dbml_never_panics_or_yields_a_broken_model() {
    let specials = [
        '{', '}', '[', ']', '(', ')', '\'', '"', '`', ':', ',', '.', '>', '<', '-', '\n', '#', 'é',
    ];
    for (seed, path) in common::sample_models().into_iter().enumerate() {
        let text = to_dbml(&schemaboard::io::load(&path).unwrap());
        for mutated in common::corruptions(&text, 400, seed as u64 + 1, &specials) {
            let import = import_dbml(&mutated, "fuzz");
            assert_eq!(
                schemaboard::model::integrity_problems(&import.schema),
                [],
                "{mutated}"
            );
        }
    }
}

#[test]
fn index_notes_are_index_comments_both_ways() {
    let dbml = "Table t {\n  a int\n  b int\n  indexes {\n    a [name: 't_a', note: 'for lookups by a']\n    (a, b)\n  }\n}\n";
    let imported = import_dbml(dbml, "notes");
    let table = &imported.schema.tables[0];
    assert_eq!(table.indexes[0].comment, "for lookups by a");
    assert_eq!(table.indexes[1].comment, "");
    let written = to_dbml(&imported.schema);
    assert!(
        written.contains("a [name: 't_a', note: 'for lookups by a']"),
        "{written}"
    );
    let again = import_dbml(&written, "notes");
    assert_eq!(
        again.schema.tables[0].indexes[0].comment,
        "for lookups by a"
    );
}

#[test]
fn defaults_of_several_lines_come_back_from_dbml() {
    let mut b = schemaboard::model::SchemaBuilder::new("lines");
    b.table("t", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("greeting", "text").default("'hello\nworld'");
        t.column("total", "integer").default("1 +\n2");
    });
    let model = b.build().unwrap();
    let written = to_dbml(&model);
    let back = import_dbml(&written, "lines");
    assert!(
        back.report.diagnostics.is_empty(),
        "{:?}\n{written}",
        back.report.diagnostics
    );
    let table = &back.schema.tables[0];
    assert_eq!(
        table.columns[1].default.as_deref(),
        Some("'hello\nworld'"),
        "{written}"
    );
    assert_eq!(
        table.columns[2].default.as_deref(),
        Some("1 + 2"),
        "{written}"
    );
}

#[test]
fn what_is_named_before_it_is_declared_is_found() {
    // Elements become the model as they are read; a reference, an alias or an enum used before
    // its declaration is still found, as @dbml/core finds it.
    let text = "\
Ref: orders.customer_id > C.id
Table orders {
  id int [pk]
  customer_id int
  status order_status
  codes order_status[]
  warehouse_id int [ref: > warehouses.id]
  shipped_from int [ref: < warehouses.code]
}
Table warehouses {
  id int [pk]
  code int [unique]
}
Table customers as C {
  id int [pk]
}
Ref: orders.id > nowhere.id
Table late {
  x int [ref: > missing.id]
  y int [ref: > customers.nope]
}
Enum order_status {
  placed
  paid
}
";
    let import = import_dbml(text, "t");
    let schema = &import.schema;
    let table = |name: &str| schema.tables.iter().find(|t| t.name == name).unwrap();
    let status = schema
        .enums
        .iter()
        .find(|e| e.name == "order_status")
        .unwrap();
    let orders = table("orders");
    assert_eq!(orders.columns[2].data_type, DataType::Enum(status.id));
    assert_eq!(
        orders.columns[3].data_type,
        DataType::Array(Box::new(DataType::Enum(status.id)))
    );
    let references = |t: &str| -> Vec<(String, Vec<String>)> {
        table(t)
            .foreign_keys
            .iter()
            .map(|fk| {
                let child = table(t);
                let parent = schema
                    .tables
                    .iter()
                    .find(|p| p.id == fk.references)
                    .unwrap();
                let names = fk
                    .columns
                    .iter()
                    .chain(&fk.referenced_columns)
                    .map(|c| {
                        child
                            .column(*c)
                            .or_else(|| parent.column(*c))
                            .unwrap()
                            .name
                            .clone()
                    })
                    .collect();
                (parent.name.clone(), names)
            })
            .collect()
    };
    assert_eq!(
        references("orders"),
        [
            (
                "customers".to_string(),
                vec!["customer_id".into(), "id".into()]
            ),
            (
                "warehouses".to_string(),
                vec!["warehouse_id".into(), "id".into()]
            ),
        ]
    );
    // `<`: the other table holds the key.
    assert_eq!(
        references("warehouses"),
        [(
            "orders".to_string(),
            vec!["code".into(), "shipped_from".into()]
        )]
    );
    let messages: Vec<(usize, &str)> = import
        .report
        .diagnostics
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            (17, "reference between unknown tables orders and nowhere"),
            (19, "reference between unknown tables late and missing"),
            (
                20,
                "reference names a column that late or customers does not have"
            ),
        ]
    );
    assert_eq!(schemaboard::model::integrity_problems(schema), []);
}
