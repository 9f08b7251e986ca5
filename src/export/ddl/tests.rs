//! The DDL writer, dialect by dialect, on small models.

use super::*;
use crate::model::{DataType, ForeignKey, ReferentialAction, SchemaBuilder};

fn shop() -> Schema {
    let mut b = SchemaBuilder::new("Shop");
    b.enum_type("order_status", &["open", "paid"], "");
    b.table("customers", (0.0, 0.0), |t| {
        t.comment("People who buy");
        t.column("id", "bigint").pk().identity();
        t.column("email", "varchar(320)")
            .not_null()
            .unique()
            .comment("Sign-in name");
    });
    b.table("orders", (0.0, 0.0), |t| {
        t.column("id", "bigint").pk().identity();
        t.column("customer_id", "bigint")
            .not_null()
            .references("customers", "id")
            .on_delete(ReferentialAction::Cascade);
        t.column("status", "order_status")
            .not_null()
            .default("'open'");
        t.column("order", "integer");
        t.index(&["customer_id", "status"]);
        t.partial_index(&["status"], false, "status = 'open'");
    });
    b.build().unwrap()
}

#[test]
fn postgres_script() {
    let ddl = export_ddl(&shop(), &postgres::Postgres).unwrap();
    let expected = "-- Shop for postgres, written by Schemaboard

SET check_function_bodies = false;

CREATE TYPE order_status AS ENUM ('open', 'paid');

CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    email varchar(320) NOT NULL,
    CONSTRAINT customers_pkey PRIMARY KEY (id),
    CONSTRAINT customers_email_key UNIQUE (email)
);

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    customer_id bigint NOT NULL,
    status order_status NOT NULL DEFAULT 'open',
    \"order\" integer,
    CONSTRAINT orders_pkey PRIMARY KEY (id)
);

CREATE INDEX orders_customer_id_status_idx ON orders (customer_id, status);
CREATE INDEX orders_status_idx ON orders (status) WHERE status = 'open';

ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;

COMMENT ON TABLE customers IS 'People who buy';
COMMENT ON COLUMN customers.email IS 'Sign-in name';
";
    assert_eq!(ddl.sql, expected);
    assert_eq!(ddl.losses, []);
}

#[test]
fn mysql_says_what_it_cannot_express() {
    let ddl = export_ddl(&shop(), &mysql::MySql).unwrap();
    assert!(
        ddl.sql
            .contains("status enum('open', 'paid') NOT NULL DEFAULT 'open'"),
        "{}",
        ddl.sql
    );
    assert!(
        ddl.sql.contains("id bigint AUTO_INCREMENT NOT NULL"),
        "{}",
        ddl.sql
    );
    assert!(
        ddl.sql.contains("`order` int"),
        "reserved in MySQL: {}",
        ddl.sql
    );
    assert!(ddl.sql.contains("COMMENT 'Sign-in name'"));
    assert!(
        ddl.sql
            .contains(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='People who buy'")
    );
    assert!(!ddl.sql.contains("WHERE"), "no partial index in MySQL");
    let messages: Vec<&str> = ddl.losses.iter().map(|l| l.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("no partial indexes")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("one auto-increment form")),
        "{messages:?}"
    );
}

#[test]
fn sqlite_keeps_every_foreign_key_inline_and_checks_enums() {
    let mut schema = shop();
    // A cycle: customers → orders as well.
    let orders = schema.tables[1].id;
    let last_order = schema.ids.allocate();
    let id_of_orders = schema.tables[1].columns[0].id;
    schema.tables[0]
        .columns
        .push(Column::new(last_order, "last_order_id", DataType::BigInt));
    let fk = schema.ids.allocate();
    schema.tables[0].foreign_keys.push(ForeignKey {
        id: fk,
        name: None,
        columns: vec![last_order],
        references: orders,
        referenced_columns: vec![id_of_orders],
        on_delete: ReferentialAction::SetNull,
        on_update: ReferentialAction::NoAction,
    });
    let ddl = export_ddl(&schema, &sqlite::Sqlite).unwrap();
    assert!(!ddl.sql.contains("ALTER TABLE"), "{}", ddl.sql);
    assert!(
        ddl.sql.contains("id INTEGER PRIMARY KEY AUTOINCREMENT"),
        "{}",
        ddl.sql
    );
    assert!(
        ddl.sql.contains("CHECK (status IN ('open', 'paid'))"),
        "{}",
        ddl.sql
    );
    let pg = export_ddl(&schema, &postgres::Postgres).unwrap();
    assert!(
        pg.sql.contains("ALTER TABLE customers ADD CONSTRAINT customers_last_order_id_fkey FOREIGN KEY (last_order_id) REFERENCES orders (id) ON DELETE SET NULL"),
        "{}",
        pg.sql
    );
}

#[test]
fn hostile_names_stay_single_identifiers_in_every_dialect() {
    let mut b = SchemaBuilder::new("x");
    b.table("a\"; DROP TABLE x; --", (0.0, 0.0), |t| {
        t.column("we]ird`", "text")
            .default("'it''s'")
            .comment("back\\slash 'quote'");
    });
    let schema = b.build().unwrap();
    let pg = export_ddl(&schema, &postgres::Postgres).unwrap().sql;
    assert!(
        pg.contains("CREATE TABLE \"a\"\"; DROP TABLE x; --\" ("),
        "{pg}"
    );
    let my = export_ddl(&schema, &mysql::MySql).unwrap().sql;
    assert!(my.contains("`we]ird```"), "{my}");
    assert!(my.contains("COMMENT 'back\\\\slash ''quote'''"), "{my}");
    let ms = export_ddl(&schema, &mssql::MsSql).unwrap().sql;
    assert!(ms.contains("[we]]ird`]"), "{ms}");
}

#[test]
fn names_over_the_limit_are_cut_as_the_server_cuts_them_and_reported() {
    let mut b = SchemaBuilder::new("x");
    // 62 ASCII bytes and a two-byte letter: the cut at 63 bytes must not split the letter.
    let long = format!("{}é{}", "n".repeat(62), "m".repeat(10));
    b.table(&long, (0.0, 0.0), |t| {
        t.column("id", "int");
    });
    let schema = b.build().unwrap();
    let ddl = export_ddl(&schema, &postgres::Postgres).unwrap();
    let kept = "n".repeat(62);
    assert!(ddl.sql.contains(&format!("CREATE TABLE {kept} (")), "{}", ddl.sql);
    let loss = ddl
        .losses
        .iter()
        .find(|l| l.object == format!("table {long}"))
        .expect("the cut is reported");
    assert!(
        loss.message.contains("74 bytes long; postgres keeps the first 63"),
        "{loss:?}"
    );
    // MySQL counts characters: the é is one, and 64 of them are kept.
    let my = export_ddl(&schema, &mysql::MySql).unwrap();
    assert!(
        my.losses
            .iter()
            .any(|l| l.message.contains("73 characters long; mysql keeps the first 64")),
        "{:?}",
        my.losses
    );
}

#[test]
fn names_that_the_cut_makes_equal_are_refused_naming_both() {
    let mut b = SchemaBuilder::new("x");
    let a = format!("{}_a", "n".repeat(63));
    let c = format!("{}_b", "n".repeat(63));
    b.table("t", (0.0, 0.0), |t| {
        t.column(&a, "int");
        t.column(&c, "int");
    });
    let schema = b.build().unwrap();
    let error = export_ddl(&schema, &postgres::Postgres).unwrap_err().to_string();
    assert!(error.contains(&a) && error.contains(&c), "{error}");
}

#[test]
fn casts_in_defaults_are_dropped_outside_postgres() {
    assert_eq!(without_casts("'ok'::public.mood"), "'ok'");
    assert_eq!(without_casts("('{}'::text[])"), "('{}')");
    assert_eq!(without_casts("'a::b'"), "'a::b'");
}

#[test]
fn auto_updated_at_is_a_trigger_or_a_column_clause() {
    let mut b = SchemaBuilder::new("x");
    b.table("notes", (0.0, 0.0), |t| {
        t.property(AUTO_UPDATED_AT, "updated_at");
        t.column("id", "integer").pk();
        t.column("updated_at", "timestamptz").not_null();
    });
    let schema = b.build().unwrap();
    let pg = export_ddl(&schema, &postgres::Postgres).unwrap().sql;
    assert!(pg.contains("NEW.updated_at := now();"), "{pg}");
    assert!(
        pg.contains("CREATE TRIGGER notes_touch_updated_at BEFORE UPDATE ON notes FOR EACH ROW"),
        "{pg}"
    );
    let my = export_ddl(&schema, &mysql::MySql).unwrap().sql;
    assert!(
        my.contains("updated_at datetime NOT NULL ON UPDATE CURRENT_TIMESTAMP"),
        "{my}"
    );
    let ms = export_ddl(&schema, &mssql::MsSql).unwrap().sql;
    assert!(ms.contains("JOIN inserted i ON t.id = i.id"), "{ms}");
}
