use super::*;
use crate::export::ddl::postgres::Postgres;
use crate::model::{Edit, SchemaBuilder};

fn base() -> Schema {
    let mut b = SchemaBuilder::new("m");
    b.table("customers", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("email", "varchar(100)").not_null();
    });
    b.build().unwrap()
}

#[test]
fn renames_are_renames_and_drops_are_marked() {
    let old = base();
    let mut new = old.clone();
    let email = new.tables[0].columns[1].clone();
    Edit::SetColumn {
        column: Column {
            name: "mail".into(),
            data_type: DataType::Varchar(Some(50)),
            ..email
        },
    }
    .apply(&mut new)
    .unwrap();
    let mut info = new.tables[0].info();
    info.name = "clients".into();
    Edit::SetTableInfo {
        table: new.tables[0].id,
        info,
    }
    .apply(&mut new)
    .unwrap();
    let up = migration(&old, &new, &Postgres).unwrap();
    assert!(
        up.sql.contains("ALTER TABLE customers RENAME TO clients"),
        "{}",
        up.sql
    );
    assert!(
        up.sql
            .contains("ALTER TABLE clients RENAME COLUMN email TO mail"),
        "{}",
        up.sql
    );
    assert!(
        up.sql
            .contains("ALTER TABLE clients ALTER COLUMN mail TYPE varchar(50)"),
        "{}",
        up.sql
    );
    assert_eq!(
        up.destructive,
        ["clients.mail: varchar(100) narrowed to varchar(50)"]
    );
    let down = migration(&new, &old, &Postgres).unwrap();
    assert!(
        down.sql.contains("ALTER TABLE clients RENAME TO customers"),
        "{}",
        down.sql
    );
    assert!(
        down.destructive.is_empty(),
        "widening back is safe: {:?}",
        down.destructive
    );
}

#[test]
fn an_index_comment_change_is_a_comment_not_a_new_index() {
    let mut old = base();
    let id = old.ids.allocate();
    let table = &mut old.tables[0];
    let email = table.columns[1].id;
    table.indexes.push(crate::model::Index {
        id,
        name: Some("customers_email".into()),
        unique: false,
        method: Default::default(),
        keys: vec![crate::model::IndexKey::column(email)],
        include: Vec::new(),
        predicate: None,
        comment: String::new(),
        mysql_since: None,
    });
    let mut new = old.clone();
    new.tables[0].indexes[0].comment = "sign-in".into();
    let up = migration(&old, &new, &Postgres).unwrap();
    assert!(
        up.sql
            .contains("COMMENT ON INDEX customers_email IS 'sign-in'"),
        "{}",
        up.sql
    );
    assert!(!up.sql.contains("DROP INDEX"), "{}", up.sql);
    let down = migration(&new, &old, &Postgres).unwrap();
    assert!(
        down.sql
            .contains("COMMENT ON INDEX customers_email IS NULL"),
        "{}",
        down.sql
    );
    // MySQL says the comment in CREATE INDEX: the index is made again.
    let my = migration(&old, &new, &crate::export::ddl::mysql::MySql).unwrap();
    assert!(my.sql.contains("DROP INDEX customers_email"), "{}", my.sql);
    assert!(my.sql.contains("COMMENT 'sign-in'"), "{}", my.sql);
}

#[test]
fn narrowing_is_recognised() {
    assert!(narrows(&DataType::BigInt, &DataType::Integer));
    assert!(!narrows(&DataType::Integer, &DataType::BigInt));
    assert!(narrows(&DataType::Text, &DataType::Varchar(Some(10))));
    assert!(!narrows(&DataType::Varchar(Some(10)), &DataType::Text));
    assert!(narrows(&DataType::Text, &DataType::Integer));
}
