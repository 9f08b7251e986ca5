//! Migrations on real servers: for each pair of model versions, a database made from the old
//! version, after the up script, has the new version's shape; after the down script, the old one
//! again; and a row in a table no change touches is still there.

use crate::common;

use common::servers;
use common::shape::{Server, shape};
use schemaboard::export::ddl::{SqlDialect, export_ddl, mysql, postgres, sqlite};
use schemaboard::export::diff::{Options, migration, migration_with};
use schemaboard::import::{Dialect, Severity, import_sql};
use schemaboard::model::{
    CheckConstraint, Column, DataType, Edit, ForeignKey, Index, IndexKey, PrimaryKey,
    ReferentialAction, Schema, SchemaBuilder, Table, TableInfo, UniqueConstraint,
};
use std::path::PathBuf;

fn base() -> Schema {
    let mut b = SchemaBuilder::new("migrations");
    b.table("customers", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("email", "varchar(100)").not_null().unique();
        t.column("name", "text");
        t.column("zip", "varchar(10)");
    });
    b.table("orders", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("customer_id", "integer")
            .references("customers", "id")
            .on_delete(ReferentialAction::Cascade);
        t.column("status", "varchar(20)").default("'open'");
        t.column("total", "numeric(10,2)");
        t.index(&["customer_id"]);
    });
    b.table("products", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("sku", "varchar(40)").not_null().unique();
        t.column("price", "numeric(10,2)");
        t.check("products_price_check", "price >= 0");
    });
    b.table("keep_me", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("note", "text");
    });
    b.build().unwrap()
}

fn table<'a>(schema: &'a Schema, name: &str) -> &'a Table {
    schema.tables.iter().find(|t| t.name == name).unwrap()
}

fn column(schema: &Schema, table_name: &str, name: &str) -> Column {
    table(schema, table_name)
        .column_named(name)
        .unwrap()
        .clone()
}

fn changed(edits: impl FnOnce(&mut Schema) -> Vec<Edit>) -> Schema {
    let mut schema = base();
    for edit in edits(&mut schema) {
        edit.apply(&mut schema).unwrap();
    }
    schema
}

/// At least one pair for every kind of change the migrations handle.
fn pairs() -> Vec<(&'static str, Schema)> {
    let edited = |edit: &dyn Fn(&mut Schema)| {
        let mut schema = base();
        edit(&mut schema);
        schema
    };
    vec![
        (
            // Foreign keys reference the key: they are dropped first and come back after it.
            "key of a referenced table",
            edited(&|s| {
                let customers = s.tables.iter_mut().find(|t| t.name == "customers").unwrap();
                customers.primary_key.as_mut().unwrap().name = Some("customers_key".into());
            }),
        ),
        (
            // The parent comes first in the model; its child holds a foreign key to it.
            "parent and child dropped",
            edited(&|s| {
                s.tables
                    .retain(|t| t.name != "customers" && t.name != "orders")
            }),
        ),
        (
            "add table",
            changed(|s| {
                let orders = table(s, "orders").clone();
                let mut payments = Table::new(s.ids.allocate(), "payments", Default::default());
                let (id, order_id) = (s.ids.allocate(), s.ids.allocate());
                payments.columns.push(Column {
                    nullable: false,
                    ..Column::new(id, "id", DataType::Integer)
                });
                payments
                    .columns
                    .push(Column::new(order_id, "order_id", DataType::Integer));
                payments.primary_key = Some(PrimaryKey {
                    id: s.ids.allocate(),
                    name: None,
                    columns: vec![id],
                });
                payments.foreign_keys.push(ForeignKey {
                    id: s.ids.allocate(),
                    name: None,
                    columns: vec![order_id],
                    references: orders.id,
                    referenced_columns: vec![orders.columns[0].id],
                    on_delete: ReferentialAction::Restrict,
                    on_update: ReferentialAction::NoAction,
                    deferrable: None,
                    match_full: false,
                });
                vec![Edit::AddTable {
                    table: payments,
                    index: 9,
                }]
            }),
        ),
        (
            "drop table",
            changed(|s| {
                vec![Edit::RemoveTable {
                    table: table(s, "products").id,
                }]
            }),
        ),
        (
            "rename table",
            changed(|s| {
                let customers = table(s, "customers");
                vec![Edit::SetTableInfo {
                    table: customers.id,
                    info: TableInfo {
                        name: "clients".into(),
                        ..customers.info()
                    },
                }]
            }),
        ),
        (
            "add column",
            changed(|s| {
                let mut note = Column::new(s.ids.allocate(), "note", DataType::Text);
                note.default = Some("'none'".into());
                vec![Edit::AddColumn {
                    table: table(s, "orders").id,
                    column: note,
                    index: 9,
                }]
            }),
        ),
        (
            "drop column",
            changed(|s| {
                vec![Edit::RemoveColumn {
                    column: column(s, "customers", "zip").id,
                }]
            }),
        ),
        (
            "rename column",
            changed(|s| {
                vec![Edit::SetColumn {
                    column: Column {
                        name: "full_name".into(),
                        ..column(s, "customers", "name")
                    },
                }]
            }),
        ),
        (
            "widen types",
            changed(|s| {
                vec![
                    Edit::SetColumn {
                        column: Column {
                            data_type: DataType::Varchar(Some(200)),
                            ..column(s, "customers", "email")
                        },
                    },
                    Edit::SetColumn {
                        column: Column {
                            data_type: DataType::Numeric {
                                precision: Some(12),
                                scale: Some(2),
                            },
                            ..column(s, "orders", "total")
                        },
                    },
                ]
            }),
        ),
        (
            "nullability",
            changed(|s| {
                vec![
                    Edit::SetColumn {
                        column: Column {
                            nullable: false,
                            ..column(s, "orders", "status")
                        },
                    },
                    Edit::SetColumn {
                        column: Column {
                            nullable: true,
                            ..column(s, "customers", "email")
                        },
                    },
                ]
            }),
        ),
        (
            "defaults",
            changed(|s| {
                vec![
                    Edit::SetColumn {
                        column: Column {
                            default: Some("'new'".into()),
                            ..column(s, "orders", "status")
                        },
                    },
                    Edit::SetColumn {
                        column: Column {
                            default: Some("'anonymous'".into()),
                            ..column(s, "customers", "name")
                        },
                    },
                ]
            }),
        ),
        (
            "primary key",
            changed(|s| {
                let products = table(s, "products").clone();
                let sku = column(s, "products", "sku");
                let id = column(s, "products", "id");
                vec![Edit::SetPrimaryKey {
                    table: products.id,
                    primary_key: Some(PrimaryKey {
                        id: s.ids.allocate(),
                        name: None,
                        columns: vec![sku.id, id.id],
                    }),
                }]
            }),
        ),
        (
            "unique constraints",
            changed(|s| {
                let unique = UniqueConstraint {
                    id: s.ids.allocate(),
                    name: None,
                    columns: vec![column(s, "customers", "name").id],
                    nulls_not_distinct: false,
                };
                vec![
                    Edit::AddUnique {
                        table: table(s, "customers").id,
                        unique,
                        index: 9,
                    },
                    Edit::RemoveUnique {
                        unique: table(s, "products").uniques[0].id,
                    },
                ]
            }),
        ),
        (
            "foreign key actions",
            changed(|s| {
                let fk = table(s, "orders").foreign_keys[0].clone();
                vec![Edit::SetForeignKey {
                    foreign_key: ForeignKey {
                        on_delete: ReferentialAction::SetNull,
                        ..fk
                    },
                }]
            }),
        ),
        (
            "indexes",
            changed(|s| {
                let orders = table(s, "orders").clone();
                let status = column(s, "orders", "status");
                let index_def = Index {
                    id: s.ids.allocate(),
                    name: Some("orders_status_idx".into()),
                    unique: false,
                    method: Default::default(),
                    keys: vec![IndexKey::column(status.id)],
                    include: vec![],
                    predicate: None,
                    comment: String::new(),
                    mysql_since: None,
                };
                vec![
                    Edit::AddIndex {
                        table: orders.id,
                        index_def,
                        index: 9,
                    },
                    Edit::RemoveIndex {
                        index_id: orders.indexes[0].id,
                    },
                ]
            }),
        ),
        (
            "checks",
            changed(|s| {
                let check = CheckConstraint {
                    id: s.ids.allocate(),
                    name: None,
                    expression: "total >= 0".into(),
                    on_column: None,
                };
                vec![
                    Edit::AddCheck {
                        table: table(s, "orders").id,
                        check,
                        index: 9,
                    },
                    Edit::RemoveCheck {
                        check: table(s, "products").checks[0].id,
                    },
                ]
            }),
        ),
    ]
}

enum Database {
    Postgres(String),
    MariaDb(String),
    Sqlite(PathBuf),
}

impl Database {
    fn open(server: Server, name: &str, folder: &std::path::Path) -> Option<Database> {
        Some(match server {
            Server::Postgres => {
                let connection = std::env::var("SCHEMABOARD_TEST_POSTGRES").ok()?;
                servers::postgres_create(&connection, name).unwrap();
                Database::Postgres(connection)
            }
            Server::MariaDb => {
                let socket = std::env::var("SCHEMABOARD_TEST_MARIADB").ok()?;
                servers::mariadb_create(&socket, name).unwrap();
                Database::MariaDb(socket)
            }
            Server::Sqlite => Database::Sqlite(folder.join(format!("{name}.db"))),
        })
    }

    /// A database made from `model`'s DDL with `rows` inserted; `None` (said) without a server.
    fn made_from(
        server: Server,
        name: &str,
        folder: &std::path::Path,
        model: &Schema,
        rows: &str,
    ) -> Option<Database> {
        let Some(db) = Database::open(server, name, folder) else {
            println!("skipped on {server:?}: no server");
            return None;
        };
        let (dialect, _) = dialect_of(server);
        db.run(name, &export_ddl(model, dialect).unwrap().sql)
            .unwrap();
        db.run(name, rows).unwrap();
        Some(db)
    }

    fn run(&self, name: &str, script: &str) -> Result<String, String> {
        match self {
            Database::Postgres(c) => servers::postgres_run(c, name, script),
            Database::MariaDb(s) => servers::mariadb_run(s, name, script),
            Database::Sqlite(f) => servers::sqlite_run(f, script),
        }
    }

    /// Asserts that the database has `model`'s shape, after `script` ran.
    fn assert_shape(&self, name: &str, server: Server, model: &Schema, script: &str) {
        let back = self.read_back(name, dialect_of(server).1).unwrap();
        assert_eq!(
            shape(server, model, None),
            shape(server, &back, Some(model)),
            "{script}"
        );
    }

    fn read_back(&self, name: &str, dialect: Dialect) -> Result<Schema, String> {
        let text = match self {
            Database::Postgres(c) => servers::postgres_dump(c, name)?,
            Database::MariaDb(s) => servers::mariadb_dump(s, name)?,
            Database::Sqlite(f) => servers::sqlite_dump(f)?,
        };
        let import = import_sql(&text, Some(dialect), "back");
        let failed: Vec<_> = import
            .report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Failed)
            .map(|d| d.message.clone())
            .collect();
        if failed.is_empty() {
            Ok(import.schema)
        } else {
            Err(format!("{failed:?}"))
        }
    }
}

/// Table shapes with their columns in any order: an added column comes last on the server,
/// wherever the model has it.
fn any_order(
    shapes: std::collections::BTreeMap<String, common::shape::TableShape>,
) -> std::collections::BTreeMap<String, common::shape::TableShape> {
    shapes
        .into_iter()
        .map(|(name, table)| (name, table.columns_in_any_order()))
        .collect()
}

fn dialect_of(server: Server) -> (&'static dyn SqlDialect, Dialect) {
    match server {
        Server::Postgres => (&postgres::Postgres, Dialect::Postgres),
        Server::MariaDb => (&mysql::MySql, Dialect::MySql),
        Server::Sqlite => (&sqlite::Sqlite, Dialect::Sqlite),
    }
}

fn check_pair(
    server: Server,
    label: &str,
    old: &Schema,
    new: &Schema,
    folder: &std::path::Path,
    options: Options,
) -> Result<bool, String> {
    let (dialect, import_dialect) = dialect_of(server);
    let safe = if options.safe { "safe_" } else { "" };
    let name = format!("mig_{safe}{}", label.replace(' ', "_"));
    let Some(db) = Database::open(server, &name, folder) else {
        return Ok(false);
    };
    let create = export_ddl(old, dialect).map_err(|e| e.to_string())?;
    db.run(&name, &create.sql)
        .map_err(|e| format!("creating old: {e}"))?;
    db.run(
        &name,
        "INSERT INTO keep_me (id, note) VALUES (1, 'survives');",
    )
    .map_err(|e| format!("insert: {e}"))?;
    let read_note = |db: &Database| -> Result<(), String> {
        let out = db.run(&name, "SELECT note FROM keep_me WHERE id = 1;")?;
        if out.lines().any(|l| l.trim() == "survives") {
            Ok(())
        } else {
            Err(format!("the row in keep_me is gone: {out:?}"))
        }
    };
    for (direction, from, to) in [("up", old, new), ("down", new, old)] {
        let script = migration_with(from, to, dialect, &options).map_err(|e| e.to_string())?;
        db.run(&name, &script.sql)
            .map_err(|e| format!("{direction} script failed: {e}\n{}", script.sql))?;
        let back = db.read_back(&name, import_dialect)?;
        let (expected, actual) = (shape(server, to, None), shape(server, &back, Some(to)));
        if expected != actual {
            let diff: Vec<String> = expected
                .iter()
                .filter(|(k, v)| actual.get(*k) != Some(v))
                .map(|(k, v)| format!("  {k}:\n    want {v:?}\n    have {:?}", actual.get(k)))
                .chain(
                    actual
                        .keys()
                        .filter(|k| !expected.contains_key(*k))
                        .map(|k| format!("  extra {k}")),
                )
                .collect();
            return Err(format!(
                "after {direction}:\n{}\n{}",
                diff.join("\n"),
                script.sql
            ));
        }
        read_note(&db)?;
        if server == Server::Sqlite {
            // A rebuilt table keeps no name derived from its scratch name.
            let left = db.run(
                &name,
                "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%schemaboard_new%';",
            )?;
            if left.trim() != "0" {
                return Err(format!(
                    "after {direction}: scratch names left\n{}",
                    script.sql
                ));
            }
        }
    }
    Ok(true)
}

#[test]
fn every_pair_migrates_up_and_down_on_every_server() {
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let old = base();
    let pairs = pairs();
    assert!(pairs.len() >= 10);
    let mut problems = Vec::new();
    for server in [Server::Postgres, Server::MariaDb, Server::Sqlite] {
        let mut ran = 0;
        for (label, new) in &pairs {
            match check_pair(server, label, &old, new, folder.path(), Options::default()) {
                Ok(true) => ran += 1,
                Ok(false) => {}
                Err(e) => problems.push(format!("{label} on {server:?}: {e}")),
            }
        }
        println!(
            "{server:?}: {ran} of {} pairs migrated up and down",
            pairs.len()
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn destructive_steps_are_listed() {
    let old = base();
    let new = changed(|s| {
        vec![
            Edit::RemoveTable {
                table: table(s, "products").id,
            },
            Edit::RemoveColumn {
                column: column(s, "customers", "zip").id,
            },
        ]
    });
    let up = migration(&old, &new, &postgres::Postgres).unwrap();
    assert_eq!(
        up.destructive,
        ["drop column customers.zip", "drop table products"]
    );
    assert_eq!(up.sql.matches("-- DESTRUCTIVE").count(), 2, "{}", up.sql);
    let down = migration(&new, &old, &postgres::Postgres).unwrap();
    assert!(down.destructive.is_empty());
}

/// Two versions of a corpus schema, each imported from its own SQL file (so both number their
/// objects from 1 and one inserted column shifts every later id), are paired by name: the
/// comparison finds exactly the three real changes, the migration renames nothing, and on
/// PostgreSQL it takes a database built from the user's own first file to the second model.
#[test]
fn two_imports_of_two_versions_give_their_real_differences() {
    let v1 =
        std::fs::read_to_string(common::root().join("tests/data/corpus/chinook.postgresql.sql"))
            .unwrap();
    let mut v2 = v1.replacen(
        "    title VARCHAR(160) NOT NULL,\n",
        "    title VARCHAR(160) NOT NULL,\n    released DATE,\n",
        1,
    );
    v2 = v2.replacen(
        "CREATE TABLE customer\n",
        "CREATE TABLE label\n(\n    label_id INT NOT NULL,\n    name VARCHAR(80),\n    CONSTRAINT label_pkey PRIMARY KEY  (label_id)\n);\n\nCREATE TABLE customer\n",
        1,
    );
    v2 = v2.replacen("    company VARCHAR(80),\n", "", 1);
    assert_ne!(v1, v2);
    let old = import_sql(&v1, Some(Dialect::Postgres), "v1").schema;
    let new = import_sql(&v2, Some(Dialect::Postgres), "v2").schema;
    assert_ne!(old.lineage, new.lineage, "made apart");

    let comparison =
        schemaboard::compare::compare(&old, &new, schemaboard::compare::MatchingChoice::Auto);
    let mut changes: Vec<String> = comparison
        .changes
        .iter()
        .map(|c| format!("{} {} {}", c.kind.as_str(), c.object, c.name))
        .collect();
    changes.sort();
    assert_eq!(
        changes,
        [
            "added column released",
            "added table label",
            "removed column company"
        ]
    );

    let aligned = schemaboard::compare::align::by_names(&old, &new);
    let up = migration(&old, &aligned, &postgres::Postgres).unwrap();
    assert!(!up.sql.contains("RENAME"), "{}", up.sql);
    assert_eq!(up.destructive.len(), 1, "{:?}", up.destructive);
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let Some(db) = Database::open(Server::Postgres, "mig_two_imports", folder.path()) else {
        println!("skipped on PostgreSQL: SCHEMABOARD_TEST_POSTGRES is not set");
        return;
    };
    // The user's own file, with its rows, from its first table on (it opens by connecting to
    // a database of its own).
    db.run("mig_two_imports", &v1[v1.find("CREATE TABLE").unwrap()..])
        .unwrap();
    let count = "SELECT count(*) FROM customer;";
    let before = db.run("mig_two_imports", count).unwrap();
    db.run("mig_two_imports", &up.sql)
        .unwrap_or_else(|e| panic!("{e}\n{}", up.sql));
    assert_eq!(
        db.run("mig_two_imports", count).unwrap(),
        before,
        "every row survives"
    );
    let back = db.read_back("mig_two_imports", Dialect::Postgres).unwrap();
    let (expected, actual) = (
        any_order(shape(Server::Postgres, &new, None)),
        any_order(shape(Server::Postgres, &back, Some(&new))),
    );
    let differ: Vec<_> = expected
        .iter()
        .filter(|(k, v)| actual.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    assert!(differ.is_empty(), "{differ:?}\n{}", up.sql);
}

/// A table without a key that gets an auto-numbered one, and a numbered key that widens.
fn numbered_keys(keyed: bool) -> Schema {
    let mut b = SchemaBuilder::new("events");
    b.table("events", (0.0, 0.0), |t| {
        if keyed {
            t.column("id", "integer").pk().identity();
        }
        t.column("note", "text");
    });
    // A numbered key that widens: MySQL's numbering comes off for the old key to go.
    b.table("ledger", (0.0, 0.0), |t| {
        t.column("id", "integer").pk().identity();
        let tenant = t.column("tenant", "integer").not_null();
        if keyed {
            tenant.pk();
        }
    });
    b.build().unwrap()
}

/// People whose name becomes required and who get a required tier.
fn people(required: bool) -> Schema {
    let mut b = SchemaBuilder::new("people");
    b.table("people", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        let name = t.column("name", "text");
        if required {
            name.not_null();
            t.column("tier", "integer").not_null();
        }
    });
    b.build().unwrap()
}

/// The values for [`people`]'s required columns.
fn people_backfill() -> Options {
    Options {
        backfill: vec![
            schemaboard::export::diff::Backfill {
                table: "people".into(),
                column: "name".into(),
                value: "'unknown'".into(),
            },
            schemaboard::export::diff::Backfill {
                table: "people".into(),
                column: "tier".into(),
                value: "id * 10".into(),
            },
        ],
        ..Options::default()
    }
}

/// A `mood` type that loses `ok`, gains `meh` and changes its order; its column gets a default.
fn reordered_moods() -> (Schema, Schema) {
    let old = moods(&["sad", "ok", "happy"]);
    let mut new = old.clone();
    new.enums[0].values = ["happy", "sad", "meh"].map(String::from).to_vec();
    new.tables[0].columns[1].default = Some("'sad'".into());
    (old, new)
}

/// A table of people whose `feeling` is of the enum type `mood` with these values.
fn moods(values: &[&str]) -> Schema {
    let mut b = SchemaBuilder::new("moods");
    b.enum_type("mood", values, "");
    b.table("people", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("feeling", "mood");
    });
    b.build().unwrap()
}

/// A value added to an enum type lands where the model has it, not at the end: PostgreSQL's
/// `ADD VALUE … BEFORE` the next value the type already had, and rows keep theirs.
#[test]
fn new_enum_values_take_their_place_in_the_order() {
    let old = moods(&["sad", "happy"]);
    let mut new = old.clone();
    new.enums[0].values = ["awful", "sad", "ok", "fine", "happy", "ecstatic"]
        .map(String::from)
        .to_vec();
    let up = migration(&old, &new, &postgres::Postgres).unwrap();
    assert!(
        up.sql.contains("ADD VALUE 'ok' BEFORE 'happy'"),
        "{}",
        up.sql
    );
    assert!(
        up.sql.contains("ADD VALUE 'awful' BEFORE 'sad'"),
        "{}",
        up.sql
    );
    assert!(up.sql.contains("ADD VALUE 'ecstatic';"), "{}", up.sql);
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let Some(db) = Database::open(Server::Postgres, "mig_enum_order", folder.path()) else {
        println!("skipped on PostgreSQL: SCHEMABOARD_TEST_POSTGRES is not set");
        return;
    };
    let create = export_ddl(&old, &postgres::Postgres).unwrap();
    db.run("mig_enum_order", &create.sql).unwrap();
    db.run("mig_enum_order", "INSERT INTO people VALUES (1, 'happy');")
        .unwrap();
    db.run("mig_enum_order", &up.sql)
        .unwrap_or_else(|e| panic!("{e}\n{}", up.sql));
    let back = db.read_back("mig_enum_order", Dialect::Postgres).unwrap();
    assert_eq!(back.enums[0].values, new.enums[0].values);
    let kept = db
        .run("mig_enum_order", "SELECT feeling FROM people WHERE id = 1;")
        .unwrap();
    assert!(kept.contains("happy"), "{kept}");
}

/// A PostgreSQL migration is one transaction: when a step fails (a NOT NULL column added to a
/// table with rows), the steps before it are taken back and the database is as it was.
#[test]
fn a_failed_postgresql_migration_changes_nothing() {
    let old = base();
    let mut new = old.clone();
    let mut b = SchemaBuilder::new("extra");
    b.table("extra", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
    });
    let mut extra = b.build().unwrap().tables.remove(0);
    extra.id = new.ids.allocate();
    for c in &mut extra.columns {
        c.id = new.ids.allocate();
    }
    if let Some(pk) = &mut extra.primary_key {
        pk.id = new.ids.allocate();
        pk.columns = extra.columns.iter().map(|c| c.id).collect();
    }
    new.tables.insert(0, extra);
    let mut code = Column::new(new.ids.allocate(), "code", DataType::Text);
    code.nullable = false;
    new.tables
        .iter_mut()
        .find(|t| t.name == "keep_me")
        .unwrap()
        .columns
        .push(code);
    let up = migration(&old, &new, &postgres::Postgres).unwrap();
    assert!(
        up.sql.contains("BEGIN;") && up.sql.contains("COMMIT;"),
        "{}",
        up.sql
    );
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let Some(db) = Database::open(Server::Postgres, "mig_atomic", folder.path()) else {
        println!("skipped on PostgreSQL: SCHEMABOARD_TEST_POSTGRES is not set");
        return;
    };
    db.run(
        "mig_atomic",
        &export_ddl(&old, &postgres::Postgres).unwrap().sql,
    )
    .unwrap();
    db.run(
        "mig_atomic",
        "INSERT INTO keep_me (id, note) VALUES (1, 'survives');",
    )
    .unwrap();
    assert!(
        db.run("mig_atomic", &up.sql).is_err(),
        "the NOT NULL column fails"
    );
    let back = db.read_back("mig_atomic", Dialect::Postgres).unwrap();
    assert!(
        back.tables.iter().all(|t| t.name != "extra"),
        "the table made before the failure is taken back"
    );
}

/// Moving a table into a schema the database does not have yet creates the schema first.
#[test]
fn a_table_moved_to_a_new_schema_gets_its_schema() {
    let old = base();
    let mut new = old.clone();
    new.tables
        .iter_mut()
        .find(|t| t.name == "products")
        .unwrap()
        .schema = Some("catalogue".into());
    let up = migration(&old, &new, &postgres::Postgres).unwrap();
    let create = up
        .sql
        .find("CREATE SCHEMA IF NOT EXISTS catalogue")
        .expect(&up.sql);
    assert!(create < up.sql.find("SET SCHEMA catalogue").expect(&up.sql));
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let Some(db) = Database::open(Server::Postgres, "mig_new_schema", folder.path()) else {
        println!("skipped on PostgreSQL: SCHEMABOARD_TEST_POSTGRES is not set");
        return;
    };
    db.run(
        "mig_new_schema",
        &export_ddl(&old, &postgres::Postgres).unwrap().sql,
    )
    .unwrap();
    db.run("mig_new_schema", &up.sql)
        .unwrap_or_else(|e| panic!("{e}\n{}", up.sql));
    let back = db.read_back("mig_new_schema", Dialect::Postgres).unwrap();
    let moved = back.tables.iter().find(|t| t.name == "products").unwrap();
    assert_eq!(moved.schema.as_deref(), Some("catalogue"));
}

/// A change that would reject or cut values is guarded on PostgreSQL: the guard stops the
/// migration with a message naming the column, before anything changed; with no such rows the
/// same migration runs. Narrowing never cuts a value.
#[test]
fn guards_stop_a_migration_that_would_lose_or_reject_values() {
    let old = base();
    let with = |edit: &dyn Fn(&mut Column)| {
        let mut new = old.clone();
        let customers = new
            .tables
            .iter_mut()
            .find(|t| t.name == "customers")
            .unwrap();
        edit(
            customers
                .columns
                .iter_mut()
                .find(|c| c.name == "zip")
                .unwrap(),
        );
        new
    };
    let narrowed = with(&|c| c.data_type = DataType::Varchar(Some(5)));
    let required = with(&|c| c.nullable = false);
    let mut added = old.clone();
    let mut code = Column::new(added.ids.allocate(), "code", DataType::Text);
    code.nullable = false;
    added
        .tables
        .iter_mut()
        .find(|t| t.name == "customers")
        .unwrap()
        .columns
        .push(code);
    let cases = [
        (
            "narrowed",
            &narrowed,
            "'12345678'",
            "longer than 5 characters",
        ),
        ("required", &required, "NULL", "has NULLs"),
        ("added", &added, "'1'", "NOT NULL without a default"),
    ];
    for (label, new, _, message) in &cases {
        let up = migration(&old, new, &postgres::Postgres).unwrap();
        assert!(up.sql.contains(message), "{label}: {}", up.sql);
        assert!(
            !up.sql.contains("USING zip::"),
            "{label}: a cast would cut: {}",
            up.sql
        );
    }
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    for (server, (label, new, zip, message)) in [Server::Postgres, Server::MariaDb]
        .into_iter()
        .flat_map(|server| cases.iter().map(move |case| (server, *case)))
    {
        let (dialect, import_dialect) = dialect_of(server);
        let name = format!("mig_guard_{label}");
        let Some(db) = Database::open(server, &name, folder.path()) else {
            println!("skipped on {server:?}: no server");
            continue;
        };
        db.run(&name, &export_ddl(&old, dialect).unwrap().sql)
            .unwrap();
        let up = migration(&old, new, dialect).unwrap();
        if label != "added" {
            // Without an offending row the guard lets it through.
            db.run(
                &name,
                "INSERT INTO customers (id, email, zip) VALUES (1, 'a@b', '123');",
            )
            .unwrap();
            db.run(&name, &up.sql)
                .unwrap_or_else(|e| panic!("{server:?} {label}: {e}\n{}", up.sql));
            let down = migration(new, &old, dialect).unwrap();
            db.run(&name, &down.sql).unwrap();
        }
        db.run(
            &name,
            &format!("INSERT INTO customers (id, email, zip) VALUES (2, 'c@d', {zip});"),
        )
        .unwrap();
        let error = db.run(&name, &up.sql).expect_err(label);
        assert!(error.contains(message), "{server:?} {label}: {error}");
        let kept = db
            .run(&name, "SELECT count(*) FROM customers WHERE id = 2;")
            .unwrap();
        assert!(kept.contains('1'), "{label}: {kept}");
        let back = db.read_back(&name, import_dialect).unwrap();
        assert_eq!(
            shape(server, &back, Some(&old)),
            shape(server, &old, None),
            "{server:?} {label}: nothing changed"
        );
    }
}

/// After renaming tables and columns, the database's constraint and index names are the ones a
/// fresh build of the new model has (PostgreSQL keeps the old ones unless told), so the next
/// migration, which drops them by those names, runs.
#[test]
fn renames_carry_the_constraint_names_derived_from_them() {
    let v1 = base();
    let mut v2 = v1.clone();
    let rename = |s: &mut Schema, table: &str, to: &str| {
        s.tables.iter_mut().find(|t| t.name == table).unwrap().name = to.into();
    };
    let rename_column = |s: &mut Schema, table: &str, column: &str, to: &str| {
        let t = s.tables.iter_mut().find(|t| t.name == table).unwrap();
        t.columns
            .iter_mut()
            .find(|c| c.name == column)
            .unwrap()
            .name = to.into();
    };
    rename(&mut v2, "customers", "clients");
    rename_column(&mut v2, "clients", "email", "mail");
    rename_column(&mut v2, "orders", "customer_id", "client_id");
    rename(&mut v2, "products", "items");
    let mut v3 = v2.clone();
    for t in &mut v3.tables {
        t.uniques.clear();
        t.foreign_keys.clear();
        t.checks.clear();
        t.indexes.clear();
        if t.name == "clients" {
            t.primary_key = None;
        }
    }
    let up = migration(&v1, &v2, &postgres::Postgres).unwrap();
    assert!(
        up.sql
            .contains("RENAME CONSTRAINT customers_pkey TO clients_pkey"),
        "{}",
        up.sql
    );
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let names = "SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace \
                 UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1;";
    let Some(fresh) = Database::open(Server::Postgres, "mig_names_fresh", folder.path()) else {
        println!("skipped on PostgreSQL: SCHEMABOARD_TEST_POSTGRES is not set");
        return;
    };
    fresh
        .run(
            "mig_names_fresh",
            &export_ddl(&v2, &postgres::Postgres).unwrap().sql,
        )
        .unwrap();
    let db = Database::open(Server::Postgres, "mig_names", folder.path()).unwrap();
    db.run(
        "mig_names",
        &export_ddl(&v1, &postgres::Postgres).unwrap().sql,
    )
    .unwrap();
    db.run("mig_names", &up.sql)
        .unwrap_or_else(|e| panic!("{e}\n{}", up.sql));
    assert_eq!(
        db.run("mig_names", names).unwrap(),
        fresh.run("mig_names_fresh", names).unwrap(),
        "{}",
        up.sql
    );
    let next = migration(&v2, &v3, &postgres::Postgres).unwrap();
    db.run("mig_names", &next.sql)
        .unwrap_or_else(|e| panic!("{e}\n{}", next.sql));
}

/// Comments migrate: a table's changed, a column's added and one removed, on a kept table and
/// on a new one; read back from PostgreSQL and MariaDB as the model has them.
#[test]
fn comments_migrate() {
    let old = {
        let mut s = base();
        let t = s.tables.iter_mut().find(|t| t.name == "orders").unwrap();
        t.columns
            .iter_mut()
            .find(|c| c.name == "total")
            .unwrap()
            .comment = "gross".into();
        s
    };
    let mut new = old.clone();
    let orders = new.tables.iter_mut().find(|t| t.name == "orders").unwrap();
    orders.comment = "What customers bought".into();
    orders
        .columns
        .iter_mut()
        .find(|c| c.name == "total")
        .unwrap()
        .comment = String::new();
    orders
        .columns
        .iter_mut()
        .find(|c| c.name == "status")
        .unwrap()
        .comment = "open or shipped".into();
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    for server in [Server::Postgres, Server::MariaDb] {
        let (dialect, import_dialect) = dialect_of(server);
        let Some(db) = Database::open(server, "mig_comments", folder.path()) else {
            println!("skipped on {server:?}: no server");
            continue;
        };
        db.run("mig_comments", &export_ddl(&old, dialect).unwrap().sql)
            .unwrap();
        let up = migration(&old, &new, dialect).unwrap();
        db.run("mig_comments", &up.sql)
            .unwrap_or_else(|e| panic!("{server:?}: {e}\n{}", up.sql));
        let back = db.read_back("mig_comments", import_dialect).unwrap();
        let orders = back.tables.iter().find(|t| t.name == "orders").unwrap();
        assert_eq!(
            orders.comment, "What customers bought",
            "{server:?}\n{}",
            up.sql
        );
        let comment = |name: &str| orders.column_named(name).unwrap().comment.clone();
        assert_eq!(comment("total"), "", "{server:?}\n{}", up.sql);
        assert_eq!(
            comment("status"),
            "open or shipped",
            "{server:?}\n{}",
            up.sql
        );
    }
}

/// The squawk warnings a safe-mode script may still have, each with why it stays.
const ACCEPTED: &[(&str, &str)] = &[
    (
        "changing-column-type",
        "a type change rewrites the table; there is no safe form",
    ),
    (
        "ban-drop-column",
        "a dropped column is the change asked for, marked DESTRUCTIVE",
    ),
    (
        "ban-drop-table",
        "a dropped table is the change asked for, marked DESTRUCTIVE",
    ),
    (
        "renaming-column",
        "a rename is the change asked for; clients must follow it",
    ),
    (
        "renaming-table",
        "a rename is the change asked for; clients must follow it",
    ),
    (
        "adding-required-field",
        "guarded: the migration stops first if the table has rows",
    ),
    (
        "prefer-robust-stmts",
        "the script runs once, in one transaction, not re-run by hand",
    ),
    (
        "prefer-bigint-over-int",
        "the model's choice of type, not the migration's",
    ),
    (
        "prefer-big-int",
        "the model's choice of type, not the migration's",
    ),
    (
        "prefer-text-field",
        "the model's choice of type, not the migration's",
    ),
    (
        "prefer-identity",
        "the model's choice of type, not the migration's",
    ),
    (
        "ban-char-field",
        "the model's choice of type, not the migration's",
    ),
    (
        "adding-serial-primary-key-field",
        "the model's choice of type, not the migration's",
    ),
    (
        "ban-drop-constraint",
        "the constraint is dropped because the model drops or changes it",
    ),
    ("ban-drop-default", "the model drops the default"),
    ("ban-drop-not-null", "the model makes the column nullable"),
    (
        "renaming-object",
        "a derived name follows its renamed table, as a fresh build names it",
    ),
    (
        "ban-drop-type",
        "the type is one the model drops, or its old self renamed aside by a rebuild",
    ),
    (
        "adding-field-with-default",
        "only on a column that numbers itself: numbering every row is the change asked for",
    ),
];

/// Safe mode on PostgreSQL: every pair migrates up and down with the safe forms, and squawk
/// (`scripts/test` installs it into a virtualenv and names it in SCHEMABOARD_SQUAWK) finds
/// nothing in the scripts but the warnings listed here, each with why it stays.
#[test]
fn safe_mode_migrates_every_pair_and_passes_squawk() {
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let old = base();
    let options = Options {
        safe: true,
        ..Options::default()
    };
    let mut problems = Vec::new();
    let mut scripts = Vec::new();
    for (label, new) in pairs() {
        for (direction, from, to) in [("up", &old, &new), ("down", &new, &old)] {
            let script = migration_with(from, to, &postgres::Postgres, &options).unwrap();
            let path = folder
                .path()
                .join(format!("{}_{direction}.sql", label.replace(' ', "_")));
            std::fs::write(&path, &script.sql).unwrap();
            scripts.push(path);
        }
        if let Err(e) = check_pair(
            Server::Postgres,
            label,
            &old,
            &new,
            folder.path(),
            options.clone(),
        ) {
            problems.push(format!("{label}: {e}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    squawk_finds_only_the_accepted(&scripts);
}

/// Lints `scripts` with squawk (`scripts/test` installs it and names it in SCHEMABOARD_SQUAWK):
/// nothing but [`ACCEPTED`] warnings.
fn squawk_finds_only_the_accepted(scripts: &[PathBuf]) {
    let Ok(squawk) = std::env::var("SCHEMABOARD_SQUAWK") else {
        println!("squawk skipped: SCHEMABOARD_SQUAWK is not set (scripts/test installs it)");
        return;
    };
    let output = std::process::Command::new(&squawk)
        .args(["--reporter", "gcc"])
        .args(scripts)
        .output()
        .expect("squawk runs");
    let report = String::from_utf8_lossy(&output.stdout);
    let unexpected: Vec<&str> = report
        .lines()
        .filter(|line| line.contains(": warning: ") || line.contains(": error: "))
        .filter(|line| {
            !ACCEPTED
                .iter()
                .any(|(rule, _)| line.contains(&format!(" {rule} ")))
        })
        .collect();
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
    // Those accepted on one kind of statement only: anywhere else they are a miss.
    for (rule, only_on) in [("adding-field-with-default", "AS IDENTITY")] {
        for line in report.lines().filter(|l| l.contains(&format!(" {rule} "))) {
            let (file, rest) = line.split_once(".sql:").unwrap();
            let number: usize = rest.split(':').next().unwrap().parse().unwrap();
            let text = std::fs::read_to_string(format!("{file}.sql")).unwrap();
            // squawk counts lines from 0.
            let statement = text.lines().nth(number).unwrap_or_default();
            assert!(statement.contains(only_on), "{line}: {statement}");
        }
    }
}

/// Where an enum's values live in each column (MariaDB) or in a check (SQLite), a new value is
/// a changed column or table: after the migration the server takes the new value, and the row
/// already there keeps its own.
#[test]
fn a_new_enum_value_is_taken_where_enums_live_in_columns() {
    let old = moods(&["sad", "happy"]);
    let mut new = old.clone();
    new.enums[0].values = ["sad", "ok", "happy"].map(String::from).to_vec();
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    for server in [Server::MariaDb, Server::Sqlite] {
        let (dialect, _) = dialect_of(server);
        let Some(db) = Database::open(server, "mig_enum_columns", folder.path()) else {
            println!("skipped on {server:?}: no server");
            continue;
        };
        db.run("mig_enum_columns", &export_ddl(&old, dialect).unwrap().sql)
            .unwrap();
        db.run(
            "mig_enum_columns",
            "INSERT INTO people VALUES (1, 'happy');",
        )
        .unwrap();
        let up = migration(&old, &new, dialect).unwrap();
        db.run("mig_enum_columns", &up.sql)
            .unwrap_or_else(|e| panic!("{server:?}: {e}\n{}", up.sql));
        db.run("mig_enum_columns", "INSERT INTO people VALUES (2, 'ok');")
            .unwrap_or_else(|e| panic!("{server:?}: the new value is refused: {e}\n{}", up.sql));
        let kept = db
            .run(
                "mig_enum_columns",
                "SELECT feeling FROM people WHERE id = 1;",
            )
            .unwrap();
        assert!(kept.contains("happy"), "{server:?}: {kept}");
    }
}

/// Views, a routine and triggers kept as written are migrated too: a view reading a column whose
/// type changes (PostgreSQL refuses the change under it), a view on that view, and a trigger
/// on the changed table are dropped first and made again after; a removed view is dropped, an
/// added one made, a changed trigger or function replaced. After up and after down, the server
/// has exactly the views of the target and its trigger does what the target's does.
#[test]
fn views_routines_and_triggers_migrate_around_the_tables_they_read() {
    struct Case {
        server: Server,
        old: &'static str,
        new: &'static str,
        views: &'static str,
        triggers: &'static str,
    }
    let cases = [
        Case {
            server: Server::Postgres,
            old: "CREATE TABLE orders (id integer PRIMARY KEY, amount integer NOT NULL);
CREATE TABLE audit (order_id integer, logged bigint);
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
CREATE VIEW biggest AS SELECT max(amount) AS top FROM big_orders;
CREATE VIEW old_view AS SELECT 1 AS one;
CREATE FUNCTION log_order() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit VALUES (NEW.id, NEW.amount); RETURN NEW; END $$;
CREATE TRIGGER orders_log AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION log_order();",
            new: "CREATE TABLE orders (id integer PRIMARY KEY, amount bigint NOT NULL);
CREATE TABLE audit (order_id integer, logged bigint);
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
CREATE VIEW biggest AS SELECT max(amount) AS top FROM big_orders;
CREATE VIEW \"Totals\" AS SELECT sum(amount) AS total FROM orders;
CREATE FUNCTION log_order() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit VALUES (NEW.id, NEW.amount * 2); RETURN NEW; END $$;
CREATE TRIGGER orders_log AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION log_order();",
            views: "SELECT string_agg(viewname, ',' ORDER BY viewname) FROM pg_views WHERE schemaname = 'public';",
            triggers: "SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE NOT tgisinternal;",
        },
        Case {
            server: Server::MariaDb,
            old: "CREATE TABLE orders (id int PRIMARY KEY, amount int NOT NULL);
CREATE TABLE audit (order_id int, logged bigint);
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
CREATE VIEW old_view AS SELECT 1 AS one;
CREATE TRIGGER orders_log AFTER INSERT ON orders FOR EACH ROW INSERT INTO audit VALUES (NEW.id, NEW.amount);",
            new: "CREATE TABLE orders (id int PRIMARY KEY, amount bigint NOT NULL);
CREATE TABLE audit (order_id int, logged bigint);
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
CREATE VIEW `Totals` AS SELECT sum(amount) AS total FROM orders;
CREATE TRIGGER orders_log AFTER INSERT ON orders FOR EACH ROW INSERT INTO audit VALUES (NEW.id, NEW.amount * 2);",
            views: "SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE();",
            triggers: "SELECT GROUP_CONCAT(TRIGGER_NAME ORDER BY TRIGGER_NAME) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE();",
        },
        Case {
            server: Server::Sqlite,
            old: "CREATE TABLE orders (id integer PRIMARY KEY, amount integer NOT NULL);
CREATE TABLE audit (order_id integer, logged integer);
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
CREATE VIEW old_view AS SELECT 1 AS one;
CREATE TRIGGER orders_log AFTER INSERT ON orders BEGIN INSERT INTO audit VALUES (NEW.id, NEW.amount); END;",
            new: "CREATE TABLE orders (id integer PRIMARY KEY, amount integer NOT NULL DEFAULT 0);
CREATE TABLE audit (order_id integer, logged integer);
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
CREATE VIEW \"Totals\" AS SELECT sum(amount) AS total FROM orders;
CREATE TRIGGER orders_log AFTER INSERT ON orders BEGIN INSERT INTO audit VALUES (NEW.id, NEW.amount * 2); END;",
            views: "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name);",
            triggers: "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name);",
        },
    ];
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    for case in cases {
        let (dialect, import_dialect) = dialect_of(case.server);
        let old = import_sql(case.old, Some(import_dialect), "v1").schema;
        let new = import_sql(case.new, Some(import_dialect), "v2").schema;
        assert!(old.verbatim.len() >= 3, "{:?}", old.verbatim);

        let comparison =
            schemaboard::compare::compare(&old, &new, schemaboard::compare::MatchingChoice::Auto);
        let mut seen: Vec<String> = comparison
            .changes
            .iter()
            .filter(|c| c.object != "column")
            .map(|c| format!("{} {} {}", c.kind.as_str(), c.object, c.name))
            .collect();
        seen.sort();
        let changed_routine = match case.server {
            Server::Postgres => "changed function log_order",
            _ => "changed trigger orders_log",
        };
        let totals = if case.server == Server::MariaDb {
            "added view `Totals`"
        } else {
            "added view \"Totals\""
        };
        let mut wanted = vec![totals, changed_routine, "removed view old_view"];
        wanted.sort();
        assert_eq!(seen, wanted, "{:?}", case.server);

        let aligned = schemaboard::compare::align::by_names(&old, &new);
        let name = "mig_verbatim";
        let Some(db) = Database::open(case.server, name, folder.path()) else {
            println!("skipped on {:?}: no server", case.server);
            continue;
        };
        db.run(name, case.old).unwrap();
        db.run(name, "INSERT INTO orders (id, amount) VALUES (1, 500);")
            .unwrap();
        let steps = [
            ("up", &old, &aligned, "Totals,big_orders", "1000"),
            ("down", &aligned, &old, "big_orders,old_view", "300"),
        ];
        for (n, (direction, from, to, views, logged)) in steps.into_iter().enumerate() {
            let script = migration(from, to, dialect).unwrap();
            db.run(name, &script.sql)
                .unwrap_or_else(|e| panic!("{:?} {direction}: {e}\n{}", case.server, script.sql));
            let have = db.run(name, case.views).unwrap();
            let mut have: Vec<&str> = have.trim().split(',').collect();
            have.sort();
            let biggest = case.server == Server::Postgres;
            let mut want: Vec<&str> = views
                .split(',')
                .chain(biggest.then_some("biggest"))
                .collect();
            want.sort();
            assert_eq!(have, want, "{:?} {direction}\n{}", case.server, script.sql);
            assert_eq!(db.run(name, case.triggers).unwrap().trim(), "orders_log");
            let id = n + 2;
            let amount = if direction == "up" { 500 } else { 300 };
            db.run(
                name,
                &format!("INSERT INTO orders (id, amount) VALUES ({id}, {amount});"),
            )
            .unwrap();
            let got = db
                .run(
                    name,
                    &format!("SELECT logged FROM audit WHERE order_id = {id};"),
                )
                .unwrap();
            assert_eq!(
                got.trim(),
                logged,
                "{:?} {direction}: the trigger of the target",
                case.server
            );
            let kept = db
                .run(name, "SELECT amount FROM orders WHERE id = 1;")
                .unwrap();
            assert_eq!(
                kept.trim(),
                "500",
                "{:?} {direction}: rows survive",
                case.server
            );
            // The definitions are the ones a fresh build of the target has, as the server
            // itself prints them back.
            let fresh_name = "mig_verbatim_fresh";
            let fresh = Database::open(case.server, fresh_name, folder.path()).unwrap();
            if let Database::Sqlite(path) = &fresh {
                let _ = std::fs::remove_file(path);
            }
            fresh
                .run(fresh_name, &export_ddl(to, dialect).unwrap().sql)
                .unwrap();
            let definitions = |db: &Database, name: &str| {
                let mut all: Vec<String> = db
                    .read_back(name, import_dialect)
                    .unwrap()
                    .verbatim
                    .iter()
                    .map(|v| format!("{} {}: {}", v.kind, v.name, v.sql))
                    .collect();
                all.sort();
                all
            };
            let want = definitions(&fresh, fresh_name);
            assert!(want.len() >= 3, "{want:?}");
            assert_eq!(
                definitions(&db, name),
                want,
                "{:?} {direction}\n{}",
                case.server,
                script.sql
            );
        }
    }
}

/// A table without a key gets an auto-numbered key column: the column numbers the rows already
/// there, MariaDB gets the key in the same statement (AUTO_INCREMENT on a column that is not yet
/// a key is ERROR 1075), and no guard takes the generated values for missing ones. Down drops the
/// column again, and the rows keep their notes both ways.
#[test]
fn an_auto_numbered_key_added_to_a_table_with_rows_numbers_them() {
    let model = numbered_keys;
    let old = model(false);
    let new = schemaboard::compare::align::by_names(&old, &model(true));
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    for server in [Server::Postgres, Server::MariaDb, Server::Sqlite] {
        let (dialect, import_dialect) = dialect_of(server);
        let name = "mig_identity_key";
        let rows = "INSERT INTO events (note) VALUES ('a'); INSERT INTO events (note) VALUES ('b'); \
                    INSERT INTO ledger (tenant) VALUES (7);";
        let Some(db) = Database::made_from(server, name, folder.path(), &old, rows) else {
            continue;
        };
        for (direction, from, to) in [("up", &old, &new), ("down", &new, &old)] {
            let script = migration(from, to, dialect).unwrap();
            db.run(name, &script.sql)
                .unwrap_or_else(|e| panic!("{server:?} {direction}: {e}\n{}", script.sql));
            let back = db.read_back(name, import_dialect).unwrap();
            assert_eq!(
                any_order(shape(server, to, None)),
                any_order(shape(server, &back, Some(to))),
                "{server:?} {direction}\n{}",
                script.sql
            );
            let notes = db
                .run(
                    name,
                    "SELECT count(*) FROM events WHERE note IN ('a', 'b');",
                )
                .unwrap();
            assert_eq!(notes.trim(), "2", "{server:?} {direction}: rows survive");
            if direction == "up" {
                let ids = db
                    .run(name, "SELECT count(DISTINCT id) FROM events;")
                    .unwrap();
                assert_eq!(ids.trim(), "2", "{server:?}: each row has its own number");
            }
            // Numbering goes on after the key changed, where a key of two columns can number
            // one of them (SQLite numbers only an INTEGER PRIMARY KEY of its own, and says so).
            if server == Server::Sqlite {
                let said = script.losses.iter().any(|l| l.object.contains("ledger"));
                assert!(direction == "down" || said, "{:?}", script.losses);
                continue;
            }
            let next = db
                .run(name, "INSERT INTO ledger (tenant) VALUES (8); SELECT count(DISTINCT id) FROM ledger;")
                .unwrap();
            let rows = if direction == "up" { "2" } else { "3" };
            assert_eq!(
                next.trim(),
                rows,
                "{server:?} {direction}: ledger numbers its rows"
            );
        }
    }
}

/// A kept key column that starts or stops numbering itself: PostgreSQL adds or drops the
/// identity and starts its sequence after the rows already there, MariaDB modifies the column;
/// after up a new row gets the next number, after down the rows are as they were.
#[test]
fn a_kept_column_starts_and_stops_numbering_itself() {
    let model = |identity: Option<schemaboard::model::Identity>| {
        let mut b = SchemaBuilder::new("items");
        b.table("items", (0.0, 0.0), |t| {
            t.column("id", "integer").pk();
            t.column("name", "text");
        });
        let mut schema = b.build().unwrap();
        schema.tables[0].columns[0].identity = identity;
        schema
    };
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    for (server, identity) in [
        (Server::Postgres, schemaboard::model::Identity::ByDefault),
        (Server::MariaDb, schemaboard::model::Identity::AutoIncrement),
    ] {
        let (dialect, import_dialect) = dialect_of(server);
        let (old, new) = (model(None), model(Some(identity)));
        let name = "mig_identity_kept";
        let rows = "INSERT INTO items (id, name) VALUES (1, 'a'), (5, 'b');";
        let Some(db) = Database::made_from(server, name, folder.path(), &old, rows) else {
            continue;
        };
        for (direction, from, to) in [("up", &old, &new), ("down", &new, &old)] {
            let script = migration(from, to, dialect).unwrap();
            assert!(
                script.losses.is_empty(),
                "{server:?} {direction}: {:?}",
                script.losses
            );
            db.run(name, &script.sql)
                .unwrap_or_else(|e| panic!("{server:?} {direction}: {e}\n{}", script.sql));
            let back = db.read_back(name, import_dialect).unwrap();
            assert_eq!(
                shape(server, to, None),
                shape(server, &back, Some(to)),
                "{server:?} {direction}\n{}",
                script.sql
            );
        }
        db.run(name, &migration(&old, &new, dialect).unwrap().sql)
            .unwrap();
        let next = db
            .run(
                name,
                "INSERT INTO items (name) VALUES ('c'); SELECT id FROM items WHERE name = 'c';",
            )
            .unwrap();
        assert_eq!(
            next.trim(),
            "6",
            "{server:?}: numbering starts after the rows there"
        );
    }
}

/// Rows already in a table get the value given for a column that becomes required: a nullable
/// column made NOT NULL keeps its values and fills its NULLs, an added NOT NULL column without a
/// default is filled, and no guard stops the migration (which it does without the values).
#[test]
fn backfilled_values_fill_required_columns_on_tables_with_rows() {
    let model = people;
    let old = model(false);
    let new = schemaboard::compare::align::by_names(&old, &model(true));
    // The same values kept in the model, one of them given again over it as `--backfill` does.
    let mut carried = new.clone();
    for column in &mut carried.tables[0].columns {
        column.existing_rows = match column.name.as_str() {
            "name" => Some("'unknown'".into()),
            "tier" => Some("id * 1000".into()),
            _ => None,
        };
    }
    let over = Options {
        backfill: people_backfill().backfill.split_off(1),
        ..Options::default()
    };
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    for (server, new, options) in [Server::Postgres, Server::MariaDb, Server::Sqlite]
        .into_iter()
        .flat_map(|s| [(s, &new, people_backfill()), (s, &carried, over.clone())])
    {
        let carried_in_model = new.tables[0]
            .columns
            .iter()
            .any(|c| c.existing_rows.is_some());
        let (dialect, import_dialect) = dialect_of(server);
        let rows =
            "INSERT INTO people (id, name) VALUES (1, 'ann'); INSERT INTO people (id) VALUES (2);";
        let name = if carried_in_model {
            "mig_backfill_model"
        } else {
            "mig_backfill"
        };
        let Some(db) = Database::made_from(server, name, folder.path(), &old, rows) else {
            continue;
        };
        // Without the values a guard (or SQLite's NOT NULL) stops it, changing nothing.
        let bare = migration(&old, &model(true), dialect).unwrap();
        assert!(db.run(name, &bare.sql).is_err(), "{server:?}\n{}", bare.sql);
        let script = migration_with(&old, new, dialect, &options).unwrap();
        db.run(name, &script.sql)
            .unwrap_or_else(|e| panic!("{server:?}: {e}\n{}", script.sql));
        let back = db.read_back(name, import_dialect).unwrap();
        assert_eq!(
            any_order(shape(server, new, None)),
            any_order(shape(server, &back, Some(new))),
            "{server:?}\n{}",
            script.sql
        );
        // MariaDB reads `||` as OR.
        let query = match server {
            Server::MariaDb => "SELECT concat(name, ':', tier) FROM people ORDER BY id;",
            _ => "SELECT name || ':' || tier FROM people ORDER BY id;",
        };
        let rows = db.run(name, query).unwrap();
        let rows: Vec<&str> = rows.lines().map(str::trim).collect();
        assert_eq!(rows, ["ann:10", "unknown:20"], "{server:?}\n{}", script.sql);
    }
    // Only one expression is written: anything more is refused, and nothing is.
    let hostile = Options {
        backfill: vec![schemaboard::export::diff::Backfill {
            table: "people".into(),
            column: "name".into(),
            value: "'x'; DROP TABLE people; --".into(),
        }],
        ..Options::default()
    };
    let refused = migration_with(&old, &new, &postgres::Postgres, &hostile).unwrap_err();
    assert!(refused.to_string().contains("people.name"), "{refused}");
    let unknown = Options {
        backfill: vec![schemaboard::export::diff::Backfill {
            table: "people".into(),
            column: "nope".into(),
            value: "1".into(),
        }],
        ..Options::default()
    };
    let refused = migration_with(&old, &new, &postgres::Postgres, &unknown).unwrap_err();
    assert!(refused.to_string().contains("people.nope"), "{refused}");
    carried.tables[0].columns[1].existing_rows = Some("'x'); DROP TABLE people; --".into());
    let refused = migration(&old, &carried, &postgres::Postgres).unwrap_err();
    assert!(refused.to_string().contains("people.name"), "{refused}");
}

/// PostgreSQL cannot drop or move an enum's value: a type that loses one and changes its order
/// is rebuilt under its name, its columns cast through text (a default of the type taken off and
/// put back). A row holding the removed value stops the migration before anything changes;
/// without one, the rows keep their values and the type has the new order.
#[test]
fn an_enum_type_that_loses_or_reorders_values_is_rebuilt() {
    let (old, new) = reordered_moods();
    let up = migration(&old, &new, &postgres::Postgres).unwrap();
    assert!(up.losses.is_empty(), "{:?}", up.losses);
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let name = "mig_enum_rebuild";
    let rows = "INSERT INTO people VALUES (1, 'sad'), (2, 'happy'), (3, 'ok');";
    let Some(db) = Database::made_from(Server::Postgres, name, folder.path(), &old, rows) else {
        return;
    };
    let labels = || {
        let query = "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum;";
        db.run(name, query).unwrap().trim().to_string()
    };
    let refused = db.run(name, &up.sql).unwrap_err();
    assert!(
        refused.contains("people.feeling holds 'ok'"),
        "{refused}\n{}",
        up.sql
    );
    assert_eq!(labels(), "sad,ok,happy", "nothing changed");
    db.run(name, "DELETE FROM people WHERE id = 3;").unwrap();
    db.run(name, &up.sql)
        .unwrap_or_else(|e| panic!("{e}\n{}", up.sql));
    assert_eq!(labels(), "happy,sad,meh");
    let kept = db
        .run(
            name,
            "SELECT string_agg(feeling::text, ',' ORDER BY feeling) FROM people;",
        )
        .unwrap();
    assert_eq!(
        kept.trim(),
        "happy,sad",
        "rows keep their values, in the new order"
    );
    db.assert_shape(name, Server::Postgres, &new, &up.sql);
    let down = migration(&new, &old, &postgres::Postgres).unwrap();
    db.run(name, &down.sql)
        .unwrap_or_else(|e| panic!("{e}\n{}", down.sql));
    assert_eq!(labels(), "sad,ok,happy");
}

/// Accepted renames between two imports keep their values: a column and a table renamed on the
/// way up and back on the way down, on each server, with the rows there all along.
#[test]
fn accepted_renames_between_imports_keep_the_values() {
    use schemaboard::compare::{align, renames};
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    for server in [Server::Postgres, Server::MariaDb, Server::Sqlite] {
        let (dialect, import_dialect) = dialect_of(server);
        let v1 = "CREATE TABLE orders (id integer PRIMARY KEY, customer integer NOT NULL);\n\
                  CREATE TABLE people (id integer PRIMARY KEY, name text);";
        let v2 = v1
            .replace("customer", "client")
            .replace("people", "persons");
        let old = import_sql(v1, Some(import_dialect), "v1").schema;
        let new = import_sql(&v2, Some(import_dialect), "v2").schema;
        let accepted = renames::probable_renames(&old, &new);
        assert_eq!(accepted.len(), 2, "{accepted:?}");
        let up_to = align::by_names_with(&old, &new, &accepted);
        let down_to = align::by_names_with(&new, &old, &renames::reversed(&accepted));
        let rows = "INSERT INTO orders VALUES (1, 42); INSERT INTO people VALUES (7, 'ann');";
        let name = "mig_accepted_renames";
        let Some(db) = Database::made_from(server, name, folder.path(), &old, rows) else {
            continue;
        };
        for (direction, from, to, column, table) in [
            ("up", &old, &up_to, "client", "persons"),
            ("down", &new, &down_to, "customer", "people"),
        ] {
            let script = migration(from, to, dialect).unwrap();
            assert!(
                script.destructive.is_empty(),
                "{server:?} {direction}: {:?}",
                script.destructive
            );
            db.run(name, &script.sql)
                .unwrap_or_else(|e| panic!("{server:?} {direction}: {e}\n{}", script.sql));
            let kept = db
                .run(name, &format!("SELECT {column} FROM orders WHERE id = 1;"))
                .unwrap();
            assert_eq!(kept.trim(), "42", "{server:?} {direction}");
            let kept = db
                .run(name, &format!("SELECT name FROM {table} WHERE id = 7;"))
                .unwrap();
            assert_eq!(kept.trim(), "ann", "{server:?} {direction}");
        }
    }
}

/// The scenarios beyond the pairs (numbering, backfill, an enum rebuild) in safe mode on
/// PostgreSQL: they run up and down, and squawk finds nothing but the accepted warnings.
#[test]
fn safe_mode_scripts_of_the_other_scenarios_pass_squawk() {
    let safe = |options: Options| Options {
        safe: true,
        ..options
    };
    let numbered = numbered_keys(false);
    let (moods_old, moods_new) = reordered_moods();
    let people_old = people(false);
    let scenarios = [
        (
            "numbered",
            schemaboard::compare::align::by_names(&numbered, &numbered_keys(true)),
            numbered.clone(),
            Options::default(),
        ),
        (
            "backfill",
            schemaboard::compare::align::by_names(&people_old, &people(true)),
            people_old.clone(),
            people_backfill(),
        ),
        ("enum", moods_new, moods_old, Options::default()),
    ];
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let mut scripts = Vec::new();
    for (label, new, old, options) in scenarios {
        let options = safe(options);
        let name = format!("mig_safe_{label}");
        let db = Database::made_from(Server::Postgres, &name, folder.path(), &old, "SELECT 1;");
        for (direction, from, to) in [("up", &old, &new), ("down", &new, &old)] {
            let backfill = if direction == "up" {
                options.clone()
            } else {
                safe(Options::default())
            };
            let script = migration_with(from, to, &postgres::Postgres, &backfill).unwrap();
            if let Some(db) = &db {
                db.run(&name, &script.sql)
                    .unwrap_or_else(|e| panic!("{label} {direction}: {e}\n{}", script.sql));
            }
            let path = folder.path().join(format!("{label}_{direction}.sql"));
            std::fs::write(&path, &script.sql).unwrap();
            scripts.push(path);
        }
    }
    squawk_finds_only_the_accepted(&scripts);
}

/// Where enums live in columns (MariaDB), a value removed from the type is guarded: a row that
/// holds it stops the migration, which MariaDB would otherwise refuse half-way or turn into ''.
#[test]
fn a_removed_enum_value_still_in_use_stops_a_mariadb_migration() {
    let old = moods(&["sad", "ok", "happy"]);
    let new = moods(&["sad", "happy"]);
    let new = schemaboard::compare::align::by_names(&old, &new);
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let name = "mig_enum_removed";
    let rows = "INSERT INTO people VALUES (1, 'sad'), (2, 'ok');";
    let Some(db) = Database::made_from(Server::MariaDb, name, folder.path(), &old, rows) else {
        return;
    };
    let up = migration(&old, &new, &mysql::MySql).unwrap();
    let refused = db.run(name, &up.sql).unwrap_err();
    assert!(
        refused.contains("people.feeling holds 'ok'"),
        "{refused}\n{}",
        up.sql
    );
    let kept = db
        .run(name, "SELECT feeling FROM people WHERE id = 2;")
        .unwrap();
    assert_eq!(kept.trim(), "ok", "nothing changed");
    db.run(name, "UPDATE people SET feeling = 'happy' WHERE id = 2;")
        .unwrap();
    db.run(name, &up.sql)
        .unwrap_or_else(|e| panic!("{e}\n{}", up.sql));
    db.assert_shape(name, Server::MariaDb, &new, &up.sql);
}

/// A view that reads a column of a rebuilt enum type is dropped before the rebuild and made
/// again after it: PostgreSQL refuses to change the type of a column a view reads.
#[test]
fn a_view_over_a_rebuilt_enum_column_is_made_again_around_the_rebuild() {
    let sql = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n\
               CREATE TABLE people (id integer PRIMARY KEY, feeling mood);\n\
               CREATE VIEW glad AS SELECT id FROM people WHERE feeling = 'happy';\n";
    let old = schemaboard::import::import_sql(sql, Some(Dialect::Postgres), "moods").schema;
    assert_eq!(old.verbatim.len(), 1, "the view is kept as written");
    let mut new = old.clone();
    new.enums[0].values = ["happy", "sad"].map(String::from).to_vec();
    let up = migration(&old, &new, &postgres::Postgres).unwrap();
    let drop_at = up.sql.find("DROP VIEW").expect("the view is dropped first");
    let rebuild_at = up.sql.find("ALTER TYPE").expect("the type is rebuilt");
    let create_at = up
        .sql
        .rfind("CREATE VIEW")
        .expect("and the view made again");
    assert!(drop_at < rebuild_at && rebuild_at < create_at, "{}", up.sql);
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let name = "mig_enum_view";
    let rows = "INSERT INTO people VALUES (1, 'sad'), (2, 'happy');";
    let Some(db) = Database::made_from(Server::Postgres, name, folder.path(), &old, rows) else {
        return;
    };
    db.run(name, &up.sql)
        .unwrap_or_else(|e| panic!("{e}\n{}", up.sql));
    let glad = db
        .run(name, "SELECT string_agg(id::text, ',') FROM glad;")
        .unwrap();
    assert_eq!(glad.trim(), "2", "the view reads the rebuilt column");
    let down = migration(&new, &old, &postgres::Postgres).unwrap();
    db.run(name, &down.sql)
        .unwrap_or_else(|e| panic!("{e}\n{}", down.sql));
    let glad = db
        .run(name, "SELECT string_agg(id::text, ',') FROM glad;")
        .unwrap();
    assert_eq!(glad.trim(), "2");
}

/// Checks the user's own MySQL SQL left unnamed have the server's names (MariaDB:
/// `CONSTRAINT_1`, or the column's for one written on a column, which only a MODIFY of that
/// column removes): the migration finds them by their clause when it runs, drops and changes
/// them, and one written on a column it modifies is kept.
#[test]
fn checks_the_server_named_are_dropped_changed_and_kept() {
    let sql = "CREATE TABLE items (id int PRIMARY KEY, price int CHECK (price > 0), \
               weight int CHECK (weight >= 0), qty int, \
               CHECK (qty >= 0), CHECK (qty < 1000));";
    let old = import_sql(sql, Some(Dialect::MySql), "v1").schema;
    let mut new = old.clone();
    let items = new.tables.iter_mut().find(|t| t.name == "items").unwrap();
    let price = items.columns.iter().find(|c| c.name == "price").unwrap().id;
    items.checks.retain(|c| c.on_column != Some(price));
    let cap = items
        .checks
        .iter_mut()
        .find(|c| c.expression.contains("1000"))
        .unwrap();
    cap.expression = cap.expression.replace("1000", "5000");
    let weight = items
        .columns
        .iter_mut()
        .find(|c| c.name == "weight")
        .unwrap();
    weight.data_type = DataType::BigInt;
    weight.native_type = None;
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    let name = "mig_server_named_checks";
    let Some(db) = Database::open(Server::MariaDb, name, folder.path()) else {
        println!("skipped: no MariaDB");
        return;
    };
    db.run(name, sql).unwrap();
    db.run(name, "INSERT INTO items VALUES (1, 5, 7, 3);")
        .unwrap();
    let up = migration(&old, &new, &mysql::MySql).unwrap();
    db.run(name, &up.sql)
        .unwrap_or_else(|e| panic!("{e}\n{}", up.sql));
    let clauses = db
        .run(
            name,
            "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS \
             WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'items' \
             ORDER BY CHECK_CLAUSE;",
        )
        .unwrap();
    let clauses: Vec<&str> = clauses.lines().map(str::trim).collect();
    assert_eq!(
        clauses,
        ["`qty` < 5000", "`qty` >= 0", "`weight` >= 0"],
        "{}",
        up.sql
    );
    let kept = db
        .run(name, "SELECT price, weight, qty FROM items;")
        .unwrap();
    assert_eq!(kept.split_whitespace().collect::<Vec<_>>(), ["5", "7", "3"]);
    db.run(name, "INSERT INTO items VALUES (2, -1, 0, 4000);")
        .unwrap_or_else(|e| panic!("the dropped check and the old cap are gone: {e}"));
    let refused = db.run(name, "INSERT INTO items VALUES (3, 1, -1, 0);");
    assert!(refused.is_err(), "the weight check is kept");
    db.assert_shape(name, Server::MariaDb, &new, &up.sql);
    let twice = db.run(name, &up.sql).unwrap_err();
    assert!(
        twice.contains("no check (price > 0) on items to drop"),
        "a check that is not there stops the script with its clause: {twice}"
    );
    let again = migration(&new, &old, &mysql::MySql).unwrap();
    db.run(name, "DELETE FROM items WHERE id = 2;").unwrap();
    db.run(name, &again.sql)
        .unwrap_or_else(|e| panic!("down: {e}\n{}", again.sql));
}

/// A required computed column added to a table with rows needs no value for those rows: the
/// database computes it, so no guard stops the migration and each row gets its value.
#[test]
fn a_required_computed_column_is_added_to_a_table_with_rows_without_a_guard() {
    let mut b = SchemaBuilder::new("order_lines");
    b.table("order_lines", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("qty", "integer").not_null();
        t.column("price", "integer").not_null();
    });
    let old = b.build().unwrap();
    let mut new = old.clone();
    let mut total = Column::new(new.ids.allocate(), "total", DataType::Integer);
    total.nullable = false;
    total.generated = Some("qty * price".into());
    new.tables[0].columns.push(total);
    let _servers = common::server_lock();
    let folder = tempfile::tempdir().unwrap();
    for server in [Server::Postgres, Server::MariaDb, Server::Sqlite] {
        let (dialect, _) = dialect_of(server);
        let name = "mig_computed";
        let rows = "INSERT INTO order_lines VALUES (1, 2, 3);";
        let Some(db) = Database::made_from(server, name, folder.path(), &old, rows) else {
            continue;
        };
        let up = migration(&old, &new, dialect).unwrap();
        assert!(!up.sql.contains("Guard:"), "{server:?}\n{}", up.sql);
        db.run(name, &up.sql)
            .unwrap_or_else(|e| panic!("{server:?}: {e}\n{}", up.sql));
        let total = db.run(name, "SELECT total FROM order_lines;").unwrap();
        assert_eq!(total.trim(), "6", "{server:?}\n{}", up.sql);
    }
}

/// The value kept for a column's existing rows is no change to the database: a model that only
/// gains or changes one migrates as an unchanged one does, on every dialect.
#[test]
fn a_value_for_existing_rows_alone_changes_nothing() {
    let sql = "CREATE TABLE items (id int PRIMARY KEY, qty int CHECK (qty >= 0));";
    let old = import_sql(sql, Some(Dialect::MySql), "v1").schema;
    let mut new = old.clone();
    new.tables[0].columns[1].existing_rows = Some("0".into());
    for dialect in [
        &postgres::Postgres as &dyn SqlDialect,
        &mysql::MySql,
        &sqlite::Sqlite,
    ] {
        let script = migration(&old, &new, dialect).unwrap();
        let unchanged = migration(&old, &old, dialect).unwrap();
        assert_eq!(script.sql, unchanged.sql, "{}", dialect.name());
    }
}
