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
        deferrable: None,
        match_full: false,
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
    assert!(
        ddl.sql.contains(&format!("CREATE TABLE {kept} (")),
        "{}",
        ddl.sql
    );
    let loss = ddl
        .losses
        .iter()
        .find(|l| l.object == format!("table {long}"))
        .expect("the cut is reported");
    assert!(
        loss.message
            .contains("74 bytes long; postgres keeps the first 63"),
        "{loss:?}"
    );
    // MySQL counts characters: the é is one, and 64 of them are kept.
    let my = export_ddl(&schema, &mysql::MySql).unwrap();
    assert!(
        my.losses.iter().any(|l| l
            .message
            .contains("73 characters long; mysql keeps the first 64")),
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
    let error = export_ddl(&schema, &postgres::Postgres)
        .unwrap_err()
        .to_string();
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

/// Imports `sql` as `dialect` and exports it back to the same dialect.
fn same_dialect(sql: &str, dialect: crate::model::Dialect) -> Ddl {
    let import = crate::import::import_sql(sql, Some(dialect), "snippet");
    assert_eq!(import.report.failed(), 0, "{:?}", import.report.diagnostics);
    let target: &dyn SqlDialect = match dialect {
        crate::model::Dialect::Postgres => &postgres::Postgres,
        crate::model::Dialect::MySql => &mysql::MySql,
        crate::model::Dialect::Sqlite => &sqlite::Sqlite,
        crate::model::Dialect::MsSql => &mssql::MsSql,
    };
    export_ddl(&import.schema, target).unwrap()
}

#[test]
fn mysql_types_come_back_as_mysql_spelled_them() {
    let ddl = same_dialect(
        "CREATE TABLE t (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, body mediumtext, \
         at timestamp NULL, ratio double(15,8), pic blob, name varchar(20) CHARACTER SET latin1 COLLATE latin1_bin, \
         flag tinyint(1), n int(11) unsigned zerofill, pw VARCHAR(40) BINARY DEFAULT NULL, \
         code CHAR(2) BINARY, raw BINARY NOT NULL);",
        crate::model::Dialect::MySql,
    );
    for written in [
        "id BIGINT UNSIGNED AUTO_INCREMENT NOT NULL",
        "body mediumtext",
        "at timestamp",
        "ratio double(15,8)",
        "pic blob",
        "name varchar(20) CHARACTER SET latin1 COLLATE latin1_bin",
        "flag tinyint(1)",
        "n int(11) unsigned zerofill",
        // BINARY after a character type is a binary collation; alone it is a type.
        "pw VARCHAR(40) BINARY DEFAULT NULL",
        "code CHAR(2) BINARY,",
        "raw BINARY NOT NULL",
    ] {
        assert!(ddl.sql.contains(written), "{written} in\n{}", ddl.sql);
    }
}

#[test]
fn postgres_types_keep_their_precision_and_collation() {
    let ddl = same_dialect(
        "CREATE TABLE t (a timestamp(0) without time zone, b timestamp(6) with time zone, \
         c text COLLATE \"C\", d character varying(40), e numeric(12,4));",
        crate::model::Dialect::Postgres,
    );
    for written in [
        "a timestamp(0) without time zone",
        "b timestamp(6) with time zone",
        "c text COLLATE \"C\"",
        "d character varying(40)",
        "e numeric(12,4)",
    ] {
        assert!(ddl.sql.contains(written), "{written} in\n{}", ddl.sql);
    }
}

#[test]
fn sqlite_keeps_untyped_columns_int_keys_and_declared_nullability() {
    let ddl = same_dialect(
        "CREATE TABLE a (id INT PRIMARY KEY, anything, v varchar(10) DEFAULT FALSE);\n\
         CREATE TABLE b (x TEXT, y TEXT, PRIMARY KEY (x, y));\n\
         CREATE TABLE c (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT);",
        crate::model::Dialect::Sqlite,
    );
    // INT (not INTEGER) is no rowid alias; an untyped column stays untyped; SQLite lets key
    // columns hold NULL unless they say NOT NULL, so none is added.
    assert!(ddl.sql.contains("id INT,"), "{}", ddl.sql);
    assert!(ddl.sql.contains("    anything,"), "{}", ddl.sql);
    assert!(
        ddl.sql.contains("v varchar(10) DEFAULT FALSE"),
        "{}",
        ddl.sql
    );
    assert!(ddl.sql.contains("    x TEXT,\n    y TEXT,"), "{}", ddl.sql);
    assert!(
        ddl.sql
            .contains("id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"),
        "{}",
        ddl.sql
    );
}

#[test]
fn a_changed_portable_type_forgets_the_source_spelling() {
    let import = crate::import::import_sql(
        "CREATE TABLE t (a mediumtext);",
        Some(crate::model::Dialect::MySql),
        "x",
    );
    let mut schema = import.schema;
    let mut column = schema.tables[0].columns[0].clone();
    assert_eq!(
        column.native_type_in(crate::model::Dialect::MySql),
        Some("mediumtext")
    );
    column.data_type = crate::model::DataType::Varchar(Some(10));
    let undo = crate::model::Edit::SetColumn { column }
        .apply(&mut schema)
        .unwrap();
    let ddl = export_ddl(&schema, &mysql::MySql).unwrap().sql;
    assert!(ddl.contains("a varchar(10)"), "{ddl}");
    undo.apply(&mut schema).unwrap();
    let ddl = export_ddl(&schema, &mysql::MySql).unwrap().sql;
    assert!(
        ddl.contains("a mediumtext"),
        "undo brings the spelling back: {ddl}"
    );
}

#[test]
fn mysql_keeps_prefixes_options_actions_and_the_servers_names() {
    let ddl = same_dialect(
        "CREATE TABLE p (id int PRIMARY KEY) ENGINE=MyISAM DEFAULT CHARSET=latin1;\n\
         CREATE TABLE c (id int, p_id int, name varchar(200), KEY (name(10)), UNIQUE KEY (p_id),\n\
           FOREIGN KEY (p_id) REFERENCES p (id), FOREIGN KEY (id) REFERENCES p (id) ON DELETE NO ACTION);\n\
         CREATE TABLE n (id int);\n\
         /*!50610 ALTER TABLE n ENGINE=InnoDB */;",
        crate::model::Dialect::MySql,
    );
    assert!(
        ddl.sql
            .contains(") ENGINE = MyISAM DEFAULT CHARSET = latin1;"),
        "{}",
        ddl.sql
    );
    assert!(
        ddl.sql
            .contains("CREATE TABLE n (\n    id int\n) ENGINE = InnoDB;"),
        "{}",
        ddl.sql
    );
    // Unnamed keys stay unnamed, for the server to name as it always does.
    assert!(ddl.sql.contains("    UNIQUE (p_id)"), "{}", ddl.sql);
    assert!(
        ddl.sql.contains("ALTER TABLE c ADD INDEX (name(10))"),
        "{}",
        ddl.sql
    );
    // Left unsaid, InnoDB's action is RESTRICT; said, NO ACTION: each comes back as it was.
    assert!(
        ddl.sql.contains(
            "ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE RESTRICT ON UPDATE RESTRICT"
        ),
        "{}",
        ddl.sql
    );
    assert!(
        ddl.sql.contains("ON DELETE NO ACTION ON UPDATE RESTRICT"),
        "{}",
        ddl.sql
    );
    // Migrations drop them by the names the server gave.
    let import = crate::import::import_sql(
        "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int, p_id int, KEY (p_id), FOREIGN KEY (p_id) REFERENCES p (id));",
        Some(crate::model::Dialect::MySql),
        "x",
    );
    let c = &import.schema.tables[1];
    assert_eq!(
        mysql::MySql.foreign_key_name(c, &c.foreign_keys[0]),
        "c_ibfk_1"
    );
    assert_eq!(mysql::MySql.index_name(c, &c.indexes[0]), "p_id");
}

#[test]
fn postgres_keeps_sequences_inheritance_and_objects_it_does_not_model() {
    let ddl = same_dialect(
        "CREATE SEQUENCE ids START 1000;\n\
         CREATE TABLE parent (id integer DEFAULT nextval('ids'::regclass) NOT NULL, note text);\n\
         COMMENT ON COLUMN parent.note IS 'a note';\n\
         CREATE TABLE child (extra int) INHERITS (parent);\n\
         CREATE MATERIALIZED VIEW v AS SELECT id FROM parent;\n\
         CREATE UNIQUE INDEX v_id ON v (id);\n\
         CREATE FUNCTION gone() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n\
         DROP FUNCTION gone();",
        crate::model::Dialect::Postgres,
    );
    let at = |needle: &str| {
        ddl.sql
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in\n{}", ddl.sql))
    };
    assert!(at("CREATE SEQUENCE ids START 1000") < at("CREATE TABLE parent"));
    assert!(
        ddl.sql
            .to_lowercase()
            .contains("id integer not null default nextval('ids'::regclass)"),
        "{}",
        ddl.sql
    );
    assert!(at(") INHERITS (parent);") > at("CREATE TABLE parent"));
    assert!(at("CREATE UNIQUE INDEX v_id ON v (id)") > at("CREATE MATERIALIZED VIEW v"));
    assert!(!ddl.sql.contains("gone"), "{}", ddl.sql);
    // The child's copy of an inherited column has no comment of its own.
    assert_eq!(ddl.sql.matches("IS 'a note'").count(), 1, "{}", ddl.sql);
    // Elsewhere the sequence-fed key is an auto-increment key, and the sequence is said lost.
    let import = crate::import::import_sql(&ddl.sql, Some(crate::model::Dialect::Postgres), "x");
    let my = export_ddl(&import.schema, &mysql::MySql).unwrap();
    assert!(
        my.sql.contains("id int AUTO_INCREMENT NOT NULL"),
        "{}",
        my.sql
    );
    assert!(
        my.losses
            .iter()
            .any(|l| l.object == "child" && l.message.contains("inheritance")),
        "{:?}",
        my.losses
    );
    assert!(!my.sql.contains("nextval"), "{}", my.sql);
    assert!(
        my.losses.iter().any(|l| l.object == "sequence ids"),
        "{:?}",
        my.losses
    );
}

#[test]
fn the_script_lists_what_it_does_not_carry_at_its_top() {
    let ddl = same_dialect(
        "CREATE TABLE t (id int, doc jsonb);",
        crate::model::Dialect::Postgres,
    );
    assert!(ddl.losses.is_empty());
    let import = crate::import::import_sql(
        "CREATE TABLE t (id int, doc jsonb);",
        Some(crate::model::Dialect::Postgres),
        "x\n; DROP TABLE t; --",
    );
    let my = export_ddl(&import.schema, &mysql::MySql).unwrap();
    let head: Vec<&str> = my.sql.lines().take(4).collect();
    assert_eq!(
        head[0],
        "-- x ; DROP TABLE t; -- for mysql, written by Schemaboard"
    );
    assert_eq!(head[2], "-- Not carried as it is in the model (1 item(s)):");
    assert!(
        head[3].starts_with("--   t.doc: jsonb written as JSON"),
        "{head:?}"
    );
}

#[test]
fn postgres_partitions_come_back_as_partitions() {
    let ddl = same_dialect(
        "CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);\n\
         CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n\
         CREATE TABLE m_rest PARTITION OF m DEFAULT;",
        crate::model::Dialect::Postgres,
    );
    assert!(ddl.sql.contains(") PARTITION BY RANGE(at);"), "{}", ddl.sql);
    assert!(
        ddl.sql.contains(
            "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
        ),
        "{}",
        ddl.sql
    );
    assert!(
        ddl.sql
            .contains("CREATE TABLE m_rest PARTITION OF m DEFAULT;"),
        "{}",
        ddl.sql
    );
    // Elsewhere each part is a table of its own, and the export says so.
    let import = crate::import::import_sql(&ddl.sql, Some(crate::model::Dialect::Postgres), "x");
    let my = export_ddl(&import.schema, &mysql::MySql).unwrap();
    assert!(
        my.sql
            .contains("CREATE TABLE m_2024 (\n    id int,\n    at date\n)"),
        "{}",
        my.sql
    );
    assert!(
        my.losses
            .iter()
            .any(|l| l.object == "m_2024" && l.message.contains("PARTITION OF"))
    );
    assert!(
        my.losses
            .iter()
            .any(|l| l.object == "m" && l.message.contains("partitioning"))
    );
}

#[test]
fn deferrable_foreign_keys_stay_deferrable_where_the_target_has_them() {
    let sql = "CREATE TABLE p (id int PRIMARY KEY);\n\
               CREATE TABLE c (a int REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED,\n\
                 b int, CONSTRAINT c_b FOREIGN KEY (b) REFERENCES p (id) DEFERRABLE);";
    let ddl = same_dialect(sql, crate::model::Dialect::Postgres);
    assert!(
        ddl.sql
            .contains("REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED;"),
        "{}",
        ddl.sql
    );
    assert!(
        ddl.sql
            .contains("REFERENCES p (id) DEFERRABLE INITIALLY IMMEDIATE;"),
        "{}",
        ddl.sql
    );
    let import = crate::import::import_sql(sql, Some(crate::model::Dialect::Postgres), "x");
    let lite = export_ddl(&import.schema, &sqlite::Sqlite).unwrap();
    assert!(
        lite.sql.contains("DEFERRABLE INITIALLY DEFERRED"),
        "{}",
        lite.sql
    );
    let my = export_ddl(&import.schema, &mysql::MySql).unwrap();
    assert!(!my.sql.contains("DEFERRABLE INITIALLY"), "{}", my.sql);
    assert!(
        my.losses
            .iter()
            .any(|l| l.message.contains("DEFERRABLE left out"))
    );
}

#[test]
fn nulls_not_distinct_stays_in_postgres_and_is_said_lost_elsewhere() {
    let sql = "CREATE TABLE t (code text, CONSTRAINT t_code_key UNIQUE NULLS NOT DISTINCT (code));";
    let ddl = same_dialect(sql, crate::model::Dialect::Postgres);
    assert!(
        ddl.sql
            .contains("CONSTRAINT t_code_key UNIQUE NULLS NOT DISTINCT (code)"),
        "{}",
        ddl.sql
    );
    let import = crate::import::import_sql(sql, Some(crate::model::Dialect::Postgres), "x");
    let lite = export_ddl(&import.schema, &sqlite::Sqlite).unwrap();
    assert!(lite.sql.contains("UNIQUE (code)"), "{}", lite.sql);
    assert!(
        lite.losses
            .iter()
            .any(|l| l.message.contains("NULLS NOT DISTINCT"))
    );
}

#[test]
fn mysql_shortens_an_index_longer_than_innodbs_key_and_says_so() {
    let import = crate::import::import_sql(
        "CREATE TABLE r (a varchar(255), b varchar(255), c varchar(255), d varchar(20), n bigint, \
         t text);\n\
         CREATE INDEX r_wide ON r (a, b, c, d, n);\n\
         CREATE INDEX r_fits ON r (a, b, d);\n\
         CREATE INDEX r_texts ON r (t, a, b, c);\n\
         CREATE UNIQUE INDEX r_unique ON r (a, b, c, d);",
        Some(crate::model::Dialect::Postgres),
        "snippet",
    );
    let ddl = export_ddl(&import.schema, &mysql::MySql).unwrap();
    // 3,072 bytes less the bigint's 8 and d's 80 are 2,984, shared by a, b and c.
    assert!(
        ddl.sql
            .contains("CREATE INDEX r_wide ON r (a(248), b(249), c(249), d, n);"),
        "{}",
        ddl.sql
    );
    assert!(
        ddl.sql.contains("CREATE INDEX r_fits ON r (a, b, d);"),
        "{}",
        ddl.sql
    );
    // The text's 191 characters fit its share and stay; the rest fill exactly 3,072 bytes.
    assert!(
        ddl.sql
            .contains("CREATE INDEX r_texts ON r (t(191), a(192), b(192), c(193));"),
        "{}",
        ddl.sql
    );
    // MariaDB keeps a long unique key whole (as a hash): a prefix would change what is unique.
    assert!(
        ddl.sql
            .contains("CREATE UNIQUE INDEX r_unique ON r (a, b, c, d);"),
        "{}",
        ddl.sql
    );
    let cut: Vec<&str> = ddl
        .losses
        .iter()
        .filter(|l| l.message.contains("3072-byte key"))
        .map(|l| l.object.as_str())
        .collect();
    assert_eq!(cut, ["index r_wide", "index r_texts"]);
}

#[test]
fn index_comments_are_read_and_written_in_every_dialect_that_has_them() {
    let mysql = crate::import::import_sql(
        "CREATE TABLE t (a int, b int, KEY t_a (a) COMMENT 'for lookups by a');\n\
         CREATE INDEX t_b ON t (b) COMMENT 'it''s for b';",
        Some(crate::model::Dialect::MySql),
        "snippet",
    );
    let comments: Vec<&str> = mysql.schema.tables[0]
        .indexes
        .iter()
        .map(|i| i.comment.as_str())
        .collect();
    assert_eq!(comments, ["for lookups by a", "it's for b"]);
    let postgres = crate::import::import_sql(
        "CREATE SCHEMA s; CREATE TABLE s.t (a int);\n\
         CREATE INDEX t_a ON s.t (a);\n\
         COMMENT ON INDEX s.t_a IS 'for lookups by a';",
        Some(crate::model::Dialect::Postgres),
        "snippet",
    );
    assert_eq!(
        postgres.report.failed(),
        0,
        "{:?}",
        postgres.report.diagnostics
    );
    assert!(postgres.schema.verbatim.is_empty(), "modelled, not kept");
    assert_eq!(
        postgres.schema.tables[0].indexes[0].comment,
        "for lookups by a"
    );

    let my = export_ddl(&mysql.schema, &mysql::MySql).unwrap().sql;
    assert!(
        my.contains("CREATE INDEX t_a ON t (a) COMMENT 'for lookups by a';"),
        "{my}"
    );
    let pg = export_ddl(&postgres.schema, &postgres::Postgres)
        .unwrap()
        .sql;
    assert!(
        pg.contains("CREATE INDEX t_a ON s.t (a);\nCOMMENT ON INDEX s.t_a IS 'for lookups by a';"),
        "{pg}"
    );
    let pg = export_ddl(&mysql.schema, &postgres::Postgres).unwrap().sql;
    assert!(
        pg.contains("COMMENT ON INDEX t_b IS 'it''s for b';"),
        "{pg}"
    );
    let lite = export_ddl(&mysql.schema, &sqlite::Sqlite).unwrap();
    assert!(!lite.sql.contains("for lookups"), "{}", lite.sql);
    assert!(
        lite.losses
            .iter()
            .any(|l| l.object == "index t_a" && l.message.contains("no index comments")),
        "{:?}",
        lite.losses
    );
    let ms = export_ddl(&mysql.schema, &mssql::MsSql).unwrap().sql;
    assert!(ms.contains("N'TABLE', N't', N'INDEX', N't_a'"), "{ms}");
}

#[test]
fn match_full_is_written_where_it_is_kept_and_said_lost_elsewhere() {
    let import = crate::import::import_sql(
        "CREATE TABLE p (a int, b int, UNIQUE (a, b), id int PRIMARY KEY);\n\
         CREATE TABLE c (a int, b int, p_id int REFERENCES p (id) MATCH FULL,\n\
           CONSTRAINT c_ab FOREIGN KEY (a, b) REFERENCES p (a, b) MATCH FULL ON DELETE CASCADE);",
        Some(crate::model::Dialect::Postgres),
        "snippet",
    );
    assert!(
        import.schema.tables[1]
            .foreign_keys
            .iter()
            .all(|fk| fk.match_full)
    );
    let pg = export_ddl(&import.schema, &postgres::Postgres).unwrap().sql;
    assert!(
        pg.contains("FOREIGN KEY (a, b) REFERENCES p (a, b) MATCH FULL ON DELETE CASCADE"),
        "{pg}"
    );
    let my = export_ddl(&import.schema, &mysql::MySql).unwrap();
    assert!(
        my.sql
            .lines()
            .all(|l| l.starts_with("--") || !l.contains("MATCH")),
        "{}",
        my.sql
    );
    // Only the two-column key loses anything: for one column MATCH FULL is the default.
    let lost: Vec<&str> = my
        .losses
        .iter()
        .filter(|l| l.message.contains("MATCH FULL"))
        .map(|l| l.object.as_str())
        .collect();
    assert_eq!(lost.len(), 1, "{:?}", my.losses);
    assert!(lost[0].contains("c_ab"), "{lost:?}");
}

#[test]
fn a_key_of_more_fixed_width_columns_than_innodb_holds_does_not_panic() {
    // 400 bigint columns are 3,200 bytes before any text: nothing is left to share.
    let columns: Vec<String> = (0..400).map(|i| format!("n{i} bigint")).collect();
    let keys: Vec<String> = (0..400).map(|i| format!("n{i}")).collect();
    let sql = format!(
        "CREATE TABLE k ({}, s varchar(255));\nCREATE INDEX k_all ON k ({}, s);",
        columns.join(", "),
        keys.join(", ")
    );
    let import = crate::import::import_sql(&sql, Some(crate::model::Dialect::Postgres), "snippet");
    let ddl = export_ddl(&import.schema, &mysql::MySql).unwrap();
    assert!(ddl.sql.contains("s(1));"), "the text keeps one character");
}

#[test]
fn version_gates_keep_the_list_whole_for_a_server_that_skips_them() {
    let items: Vec<String> = ["a int", "b int", "c varchar(9) COMMENT 'x */ y'", "d int"]
        .map(String::from)
        .to_vec();
    // A gated first item carries the comma after it; later ones the comma before them.
    let gated = clauses::table_items(&items, &[Some(50705), None, None, Some(80000)]);
    assert_eq!(
        gated,
        "\n    /*!50705 a int, */\n    b int,\n    c varchar(9) COMMENT 'x */ y'\n    /*!80000 , d int */"
    );
    // `*/` inside the text would end the gate early: such an item is written plain.
    let plain = clauses::table_items(&items, &[None, None, Some(50705), None]);
    assert!(!plain.contains("/*!"), "{plain}");
    // A list of gated items alone would be empty where the gates are skipped.
    let all = clauses::table_items(&items[..2], &[Some(50705), Some(50705)]);
    assert_eq!(all, "\n    a int,\n    b int");
}
