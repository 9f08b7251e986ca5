//! Every edit kind undoes and redoes exactly; refused edits change nothing.

use super::*;
use crate::model::{
    Color, DataType, IndexKey, IndexMethod, ReferentialAction, SchemaBuilder, integrity_problems,
};
use std::collections::BTreeSet;

fn fixture() -> Schema {
    let mut b = SchemaBuilder::new("Fixture");
    let sales = b.group("Sales", "#2563eb", "");
    b.enum_type("status", &["open", "paid"], "");
    b.enum_type("unused", &["a"], "");
    b.table("customers", (0.0, 0.0), |t| {
        t.group(sales);
        t.column("id", "bigint").pk().identity();
        t.column("email", "varchar(200)").not_null().unique();
        t.column("zip", "varchar(10)");
        t.column("city", "text");
        t.column("state", "text");
        t.index(&["zip"]);
        t.dependency(&["zip"], &["city", "state"], "postal data");
        t.check("email_has_at", "email LIKE '%@%'");
    });
    b.table("orders", (300.0, 0.0), |t| {
        t.group(sales);
        t.column("id", "bigint").pk().identity();
        t.column("customer_id", "bigint")
            .not_null()
            .references("customers", "id")
            .on_delete(ReferentialAction::Cascade);
        t.column("status", "status").not_null();
        t.column("tags", "text[]");
        t.index(&["customer_id", "status"]);
    });
    b.table("audit.events", (0.0, 300.0), |t| {
        t.column("id", "bigint").pk();
        t.column("parent_id", "bigint")
            .references("audit.events", "id");
    });
    b.note("Orders are never deleted", (600.0, 0.0), 200.0);
    b.query(
        "orders of a customer",
        "SELECT * FROM orders WHERE customer_id = $1",
        "",
    );
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

/// Applies `edit`, checks invariants, undoes it, redoes it; returns the edited model.
fn round_trip(original: &Schema, edit: Edit) -> Schema {
    let mut schema = original.clone();
    let inverse = edit
        .clone()
        .apply(&mut schema)
        .unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    assert_eq!(integrity_problems(&schema), [], "{edit:?}");
    assert_ne!(&schema, original, "{edit:?} changed nothing");
    let edited = schema.clone();
    let redo = inverse.apply(&mut schema).unwrap();
    // Ids are never reused: the counter an edit moved stays where it went.
    assert_eq!(
        schema.ids.peek(),
        original.ids.peek() + allocated(&edit),
        "{edit:?}"
    );
    schema.ids = original.ids.clone();
    assert_eq!(&schema, original, "undo of {edit:?}");
    schema.ids = edited.ids.clone();
    redo.apply(&mut schema).unwrap();
    assert_eq!(schema, edited, "redo of {edit:?}");
    edited
}

/// How many ids `edit` takes from the counter.
fn allocated(edit: &Edit) -> u32 {
    match edit {
        Edit::Allocating { ids, edit } => ids + allocated(edit),
        Edit::Batch(edits) => edits.iter().map(allocated).sum(),
        _ => 0,
    }
}

/// One number per variant, with no wildcard: a new variant does not compile until it is here.
fn kind(edit: &Edit) -> usize {
    match edit {
        Edit::SetModelInfo { .. } => 0,
        Edit::AddTable { .. } => 1,
        Edit::RemoveTable { .. } => 2,
        Edit::SetTableInfo { .. } => 3,
        Edit::MoveItems { .. } => 4,
        Edit::AddColumn { .. } => 5,
        Edit::RemoveColumn { .. } => 6,
        Edit::SetColumn { .. } => 7,
        Edit::MoveColumn { .. } => 8,
        Edit::SetPrimaryKey { .. } => 9,
        Edit::AddUnique { .. } => 10,
        Edit::RemoveUnique { .. } => 11,
        Edit::SetUnique { .. } => 12,
        Edit::AddForeignKey { .. } => 13,
        Edit::RemoveForeignKey { .. } => 14,
        Edit::SetForeignKey { .. } => 15,
        Edit::AddCheck { .. } => 16,
        Edit::RemoveCheck { .. } => 17,
        Edit::SetCheck { .. } => 18,
        Edit::AddIndex { .. } => 19,
        Edit::RemoveIndex { .. } => 20,
        Edit::SetIndex { .. } => 21,
        Edit::AddDependency { .. } => 22,
        Edit::RemoveDependency { .. } => 23,
        Edit::SetDependency { .. } => 24,
        Edit::AddEnum { .. } => 25,
        Edit::RemoveEnum { .. } => 26,
        Edit::SetEnum { .. } => 27,
        Edit::AddGroup { .. } => 28,
        Edit::RemoveGroup { .. } => 29,
        Edit::SetGroup { .. } => 30,
        Edit::AddNote { .. } => 31,
        Edit::RemoveNote { .. } => 32,
        Edit::SetNote { .. } => 33,
        Edit::AddQuery { .. } => 34,
        Edit::RemoveQuery { .. } => 35,
        Edit::SetQuery { .. } => 36,
        Edit::Batch(_) => 37,
        Edit::SetCheckSettings(_) => 38,
        Edit::SetComments(_) => 39,
        Edit::SetViews(_) => 40,
        Edit::SetTableTemplate(_) => 41,
        Edit::Allocating { .. } => 42,
        Edit::SetVerbatim(_) => 43,
    }
}
const KINDS: usize = 44;

/// One edit of every kind, each valid on the fixture.
fn one_of_each(schema: &mut Schema) -> Vec<Edit> {
    let customers = table(schema, "customers").clone();
    let orders = table(schema, "orders").clone();
    let events = table(schema, "events").clone();
    let email = column(schema, "customers", "email");
    let zip = column(schema, "customers", "zip");
    let customer_id = column(schema, "orders", "customer_id");
    let group = schema.groups[0].clone();
    let note = schema.notes[0].clone();
    let query = schema.queries[0].clone();
    let status = schema.enums[0].clone();

    let mut new_table = Table::new(schema.ids.allocate(), "payments", Point::new(600.0, 300.0));
    let payment_id = schema.ids.allocate();
    let payment_order = schema.ids.allocate();
    new_table
        .columns
        .push(Column::new(payment_id, "id", DataType::BigInt));
    new_table
        .columns
        .push(Column::new(payment_order, "order_id", DataType::BigInt));
    new_table.primary_key = Some(PrimaryKey {
        id: schema.ids.allocate(),
        name: None,
        columns: vec![payment_id],
    });
    new_table.foreign_keys.push(ForeignKey {
        id: schema.ids.allocate(),
        name: Some("payments_order_fk".into()),
        columns: vec![payment_order],
        references: orders.id,
        referenced_columns: vec![orders.columns[0].id],
        on_delete: ReferentialAction::Restrict,
        on_update: ReferentialAction::NoAction,
        deferrable: None,
        match_full: false,
    });

    let mut renamed = customers.info();
    renamed.name = "clients".into();
    renamed.schema = Some("crm".into());
    renamed.group = None;
    renamed.color = Some(Color::rgb(1, 2, 3));

    let new_column = Column::new(schema.ids.allocate(), "phone", DataType::Varchar(Some(30)));
    let mut retyped = email.clone();
    retyped.data_type = DataType::Text;
    retyped.nullable = true;
    retyped.name = "e_mail".into();

    let unique = UniqueConstraint {
        id: schema.ids.allocate(),
        name: Some("orders_customer_status_key".into()),
        columns: vec![customer_id.id, orders.columns[2].id],
        nulls_not_distinct: false,
    };
    let mut unique_changed = customers.uniques[0].clone();
    unique_changed.columns.push(zip.id);

    let fk = ForeignKey {
        id: schema.ids.allocate(),
        name: None,
        columns: vec![events.columns[1].id],
        references: customers.id,
        referenced_columns: vec![customers.columns[0].id],
        on_delete: ReferentialAction::SetNull,
        on_update: ReferentialAction::Cascade,
        deferrable: None,
        match_full: false,
    };
    let mut fk_changed = orders.foreign_keys[0].clone();
    fk_changed.on_delete = ReferentialAction::Restrict;

    let check = CheckConstraint {
        id: schema.ids.allocate(),
        name: None,
        expression: "id > 0".into(),
        on_column: None,
    };
    let mut check_changed = customers.checks[0].clone();
    check_changed.expression = "position('@' in email) > 1".into();

    let index_def = Index {
        id: schema.ids.allocate(),
        name: Some("orders_tags_idx".into()),
        unique: false,
        method: IndexMethod::Gin,
        keys: vec![IndexKey::column(orders.columns[3].id)],
        include: vec![],
        predicate: Some("tags IS NOT NULL".into()),
        comment: String::new(),
        mysql_since: None,
    };
    let mut index_changed = customers.indexes[0].clone();
    index_changed.unique = true;

    let dependency = FunctionalDependency {
        id: schema.ids.allocate(),
        lhs: vec![email.id],
        rhs: vec![zip.id],
        soft: true,
        comment: String::new(),
    };
    let mut dependency_changed = customers.dependencies[0].clone();
    dependency_changed.rhs.pop();

    let new_enum = EnumType {
        id: schema.ids.allocate(),
        schema: None,
        name: "priority".into(),
        values: vec!["low".into(), "high".into()],
        comment: String::new(),
    };
    let mut enum_changed = status.clone();
    enum_changed.values.push("refunded".into());

    let new_group = Group {
        id: schema.ids.allocate(),
        name: "Audit".into(),
        color: Color::rgb(200, 0, 0),
        comment: String::new(),
        area: None,
    };
    let mut group_changed = group.clone();
    group_changed.area = Some(crate::model::Rect {
        x: -10.0,
        y: -10.0,
        width: 700.0,
        height: 260.0,
    });

    let new_note = Note {
        id: schema.ids.allocate(),
        text: "Payments arrive later".into(),
        position: Point::new(900.0, 0.0),
        width: 160.0,
        color: None,
    };
    let mut note_changed = note.clone();
    note_changed.text.push_str(", only archived");

    let new_query = Query {
        id: schema.ids.allocate(),
        name: "open orders".into(),
        sql: "SELECT id FROM orders WHERE status = 'open'".into(),
        comment: String::new(),
    };
    let mut query_changed = query.clone();
    query_changed.sql.push_str(" ORDER BY id");

    let mut settings = crate::model::CheckSettings::default();
    settings.dialects.push(crate::model::Dialect::Postgres);
    settings
        .rules
        .insert("IX201".into(), crate::model::RuleLevel::Off);

    vec![
        Edit::SetCheckSettings(Box::new(settings)),
        Edit::SetTableTemplate(Some(crate::model::template::TableTemplate {
            columns: vec![crate::model::template::TemplateColumn {
                name: "uuid".into(),
                data_type: crate::model::DataType::Uuid,
                nullable: false,
                default: None,
                identity: None,
                primary_key: true,
            }],
        })),
        Edit::SetVerbatim(vec![crate::model::VerbatimSql {
            kind: "view".into(),
            name: "big_orders".into(),
            dialect: crate::model::Dialect::Postgres,
            sql: "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100".into(),
        }]),
        Edit::SetViews(vec![crate::model::views::View {
            name: "billing".into(),
            tables: Vec::new(),
            notes: Vec::new(),
            zoom: Some(1.5),
            detail: crate::model::views::Detail::Keys,
        }]),
        Edit::SetComments(vec![crate::model::review::Thread {
            number: 1,
            messages: vec![crate::model::review::Message {
                author: "ana".into(),
                at: "2026-11-25T10:00:00Z".into(),
                text: "Keep unit_price as a snapshot.".into(),
            }],
            ..Default::default()
        }]),
        Edit::SetModelInfo {
            name: "Renamed".into(),
            comment: "A new description".into(),
        },
        Edit::AddTable {
            table: new_table,
            index: 1,
        },
        Edit::RemoveTable {
            table: customers.id,
        },
        Edit::SetTableInfo {
            table: customers.id,
            info: renamed,
        },
        Edit::MoveItems {
            tables: vec![
                (orders.id, Point::new(320.0, 40.0)),
                (events.id, Point::new(5.0, 5.0)),
            ],
            notes: vec![(note.id, Point::new(610.0, 10.0))],
        },
        Edit::AddColumn {
            table: customers.id,
            column: new_column,
            index: 2,
        },
        Edit::RemoveColumn { column: email.id },
        Edit::SetColumn { column: retyped },
        Edit::MoveColumn {
            column: zip.id,
            index: 0,
        },
        Edit::SetPrimaryKey {
            table: events.id,
            primary_key: None,
        },
        Edit::AddUnique {
            table: orders.id,
            unique,
            index: 0,
        },
        Edit::RemoveUnique {
            unique: customers.uniques[0].id,
        },
        Edit::SetUnique {
            unique: unique_changed,
        },
        Edit::AddForeignKey {
            table: events.id,
            foreign_key: fk,
            index: 0,
        },
        Edit::RemoveForeignKey {
            foreign_key: orders.foreign_keys[0].id,
        },
        Edit::SetForeignKey {
            foreign_key: fk_changed,
        },
        Edit::AddCheck {
            table: orders.id,
            check,
            index: 0,
        },
        Edit::RemoveCheck {
            check: customers.checks[0].id,
        },
        Edit::SetCheck {
            check: check_changed,
        },
        Edit::AddIndex {
            table: orders.id,
            index_def,
            index: 9,
        },
        Edit::RemoveIndex {
            index_id: orders.indexes[0].id,
        },
        Edit::SetIndex {
            index_def: index_changed,
        },
        Edit::AddDependency {
            table: customers.id,
            dependency,
            index: 0,
        },
        Edit::RemoveDependency {
            dependency: customers.dependencies[0].id,
        },
        Edit::SetDependency {
            dependency: dependency_changed,
        },
        Edit::AddEnum {
            enum_type: new_enum,
            index: 0,
        },
        Edit::RemoveEnum {
            enum_type: schema.enums[1].id,
        },
        Edit::SetEnum {
            enum_type: enum_changed,
        },
        Edit::AddGroup {
            group: new_group,
            index: 1,
        },
        Edit::RemoveGroup { group: group.id },
        Edit::SetGroup {
            group: group_changed,
        },
        Edit::AddNote {
            note: new_note,
            index: 0,
        },
        Edit::RemoveNote { note: note.id },
        Edit::SetNote { note: note_changed },
        Edit::AddQuery {
            query: new_query,
            index: 1,
        },
        Edit::RemoveQuery { query: query.id },
        Edit::SetQuery {
            query: query_changed,
        },
        Edit::Batch(vec![
            Edit::MoveColumn {
                column: zip.id,
                index: 9,
            },
            Edit::RemoveTable { table: events.id },
        ]),
        Edit::allocating(
            1,
            Edit::AddNote {
                note: crate::model::Note {
                    id: schema.ids.upcoming(0),
                    text: "with the id the counter gives next".to_string(),
                    position: Point::new(5.0, 5.0),
                    width: 120.0,
                    color: None,
                },
                index: 0,
            },
        ),
    ]
}

#[test]
fn every_edit_kind_undoes_and_redoes_exactly() {
    let mut schema = fixture();
    let edits = one_of_each(&mut schema);
    let covered: BTreeSet<usize> = edits.iter().map(kind).collect();
    assert_eq!(covered, (0..KINDS).collect(), "one edit of each kind");
    for edit in edits {
        round_trip(&schema, edit);
    }
}

#[test]
fn all_edits_in_sequence_undo_back_to_the_start() {
    let mut original = fixture();
    let edits = one_of_each(&mut original);
    let mut schema = original.clone();
    let mut undo = Vec::new();
    let mut taken = 0;
    for edit in edits {
        // Later edits may name what earlier ones removed; those are refused and change nothing.
        let before = schema.clone();
        let ids = allocated(&edit);
        match edit.apply(&mut schema) {
            Ok(inverse) => {
                undo.push(inverse);
                taken += ids;
            }
            Err(_) => assert_eq!(schema, before),
        }
        assert_eq!(integrity_problems(&schema), []);
    }
    // Removing the customers table early refuses the later edits that name it.
    assert!(undo.len() >= 15, "many edits applied: {}", undo.len());
    for inverse in undo.into_iter().rev() {
        inverse.apply(&mut schema).unwrap();
    }
    assert_eq!(schema.ids.peek(), original.ids.peek() + taken);
    schema.ids = original.ids.clone();
    assert_eq!(schema, original);
}

#[test]
fn an_edit_takes_the_ids_it_brings_or_none_when_it_is_refused() {
    let mut schema = fixture();
    let orders = table(&schema, "orders").id;
    let next: ColumnId = schema.ids.upcoming(0);
    let add = |id| {
        Edit::allocating(
            1,
            Edit::AddColumn {
                table: orders,
                column: Column::new(id, "shipped_at", crate::model::DataType::Timestamp),
                index: usize::MAX,
            },
        )
    };
    // Without the allocation the id was never handed out, so the bare edit is refused.
    let Edit::Allocating { edit: bare, .. } = add(next) else {
        unreachable!()
    };
    assert!(bare.apply(&mut schema.clone()).is_err());
    let before = schema.ids.peek();
    let inverse = add(next).apply(&mut schema).unwrap();
    assert_eq!(schema.ids.peek(), before + 1);
    inverse.apply(&mut schema).unwrap();
    assert_eq!(schema.ids.peek(), before + 1, "undo keeps the id taken");
    // Back again (as a redo would): the id is the column's, so a second one is refused and
    // the counter does not move.
    add(next).apply(&mut schema).unwrap();
    let refused = add(next).apply(&mut schema);
    assert!(refused.is_err());
    assert_eq!(
        schema.ids.peek(),
        before + 2,
        "a refused edit takes nothing"
    );
}

#[test]
fn removing_a_table_removes_the_foreign_keys_into_it() {
    let schema = fixture();
    let customers = table(&schema, "customers").id;
    let edited = round_trip(&schema, Edit::RemoveTable { table: customers });
    assert!(edited.table(customers).is_none());
    assert!(table(&edited, "orders").foreign_keys.is_empty());
}

#[test]
fn removing_a_column_removes_what_uses_it_and_narrows_dependencies() {
    let schema = fixture();
    let city = column(&schema, "customers", "city").id;
    let edited = round_trip(&schema, Edit::RemoveColumn { column: city });
    let fd = &table(&edited, "customers").dependencies[0];
    assert_eq!(
        fd.rhs,
        [column(&schema, "customers", "state").id],
        "zip -> state still holds"
    );

    let email = column(&schema, "customers", "email").id;
    let edited = round_trip(&schema, Edit::RemoveColumn { column: email });
    assert!(
        table(&edited, "customers").checks.is_empty(),
        "the check on email went too"
    );

    let zip = column(&schema, "customers", "zip").id;
    let edited = round_trip(&schema, Edit::RemoveColumn { column: zip });
    let customers = table(&edited, "customers");
    assert!(
        customers.indexes.is_empty(),
        "the index on zip went with it"
    );
    assert!(customers.dependencies.is_empty(), "zip was the determinant");

    let customer_pk = column(&schema, "customers", "id").id;
    let edited = round_trip(
        &schema,
        Edit::RemoveColumn {
            column: customer_pk,
        },
    );
    assert!(table(&edited, "customers").primary_key.is_none());
    assert!(
        table(&edited, "orders").foreign_keys.is_empty(),
        "inbound FK removed"
    );
}

#[test]
fn removing_a_group_ungroups_its_tables() {
    let schema = fixture();
    let group = schema.groups[0].id;
    let edited = round_trip(&schema, Edit::RemoveGroup { group });
    assert!(edited.tables.iter().all(|t| t.group.is_none()));
}

#[test]
fn refused_edits_leave_the_model_untouched() {
    let mut schema = fixture();
    let orders = table(&schema, "orders").clone();
    let fresh = schema.ids.allocate::<ConstraintId>();
    let original = schema.clone();
    let refused = [
        Edit::RemoveTable {
            table: TableId(999),
        },
        Edit::RemoveEnum {
            enum_type: schema.enums[0].id,
        },
        Edit::AddForeignKey {
            table: orders.id,
            foreign_key: ForeignKey {
                id: fresh,
                name: None,
                columns: vec![orders.columns[1].id],
                references: TableId(999),
                referenced_columns: vec![],
                on_delete: ReferentialAction::NoAction,
                on_update: ReferentialAction::NoAction,
                deferrable: None,
                match_full: false,
            },
            index: 0,
        },
        Edit::AddUnique {
            table: orders.id,
            unique: UniqueConstraint {
                // Reuses the id of the foreign key: constraint ids share one space.
                id: orders.foreign_keys[0].id,
                name: None,
                columns: vec![orders.columns[0].id],
                nulls_not_distinct: false,
            },
            index: 0,
        },
        Edit::AddColumn {
            table: orders.id,
            column: Column::new(ColumnId(10_000), "never_allocated", DataType::Text),
            index: 0,
        },
        Edit::MoveItems {
            tables: vec![(orders.id, Point::new(f32::NAN, 0.0))],
            notes: vec![],
        },
        Edit::SetPrimaryKey {
            table: orders.id,
            primary_key: Some(PrimaryKey {
                id: orders.primary_key.as_ref().unwrap().id,
                name: None,
                columns: vec![column(&schema, "customers", "zip").id],
            }),
        },
        Edit::Batch(vec![
            Edit::RemoveTable { table: orders.id },
            Edit::RemoveNote { note: NoteId(999) },
        ]),
    ];
    for edit in refused {
        let result = edit.clone().apply(&mut schema);
        assert!(result.is_err(), "{edit:?} should be refused");
        assert_eq!(schema, original, "{edit:?} changed the model");
    }
}

#[test]
fn errors_say_what_is_wrong() {
    let mut schema = fixture();
    let error = Edit::RemoveEnum {
        enum_type: schema.enums[0].id,
    }
    .apply(&mut schema)
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "enum type \"status\" is still used by column \"orders.status\""
    );
}

#[test]
fn adding_a_table_refuses_ids_in_use_by_any_kind_of_object() {
    let mut schema = fixture();
    let taken = schema.tables[0].columns[0].id;
    let mut table = Table::new(schema.ids.allocate(), "new_table", Point::new(0.0, 0.0));
    // A column whose id is another table's column.
    table
        .columns
        .push(Column::new(taken, "x", DataType::Integer));
    let before = schema.clone();
    let error = Edit::AddTable {
        table: table.clone(),
        index: 0,
    }
    .apply(&mut schema)
    .unwrap_err();
    assert!(matches!(error, EditError::IdNotFree { .. }), "{error}");
    assert_eq!(schema, before, "refused edits change nothing");
    // A column whose id is an existing index's: ids of all kinds share one counter.
    let index_id = schema
        .tables
        .iter()
        .flat_map(|t| &t.indexes)
        .next()
        .expect("the sample has an index")
        .id;
    table.columns[0].id = ColumnId(index_id.0);
    let error = Edit::AddTable { table, index: 0 }
        .apply(&mut schema)
        .unwrap_err();
    assert!(matches!(error, EditError::IdNotFree { .. }), "{error}");
    assert_eq!(schema, before);
}

#[test]
fn apply_new_still_refuses_ids_the_allocator_never_gave() {
    let mut schema = fixture();
    let table = schema.tables[0].id;
    let never = ColumnId(schema.ids.peek() + 7);
    let before = schema.clone();
    let error = Edit::AddColumn {
        table,
        column: Column::new(never, "x", DataType::Integer),
        index: 0,
    }
    .apply_new(&mut schema)
    .unwrap_err();
    assert!(matches!(error, EditError::IdNotFree { .. }), "{error}");
    assert_eq!(schema, before);
    let fresh = schema.ids.allocate();
    let inverse = Edit::AddColumn {
        table,
        column: Column::new(fresh, "x", DataType::Integer),
        index: 0,
    }
    .apply_new(&mut schema)
    .unwrap();
    assert!(schema.column(fresh).is_some());
    inverse.apply(&mut schema).unwrap();
    assert_eq!(schema.tables, before.tables, "the inverse undoes it");
}

/// The tests run as debug builds, where apply_new scans like apply: an importer that reused an
/// id would be caught by the corpus tests.
#[test]
#[cfg(debug_assertions)]
fn apply_new_scans_in_debug_builds() {
    let mut schema = fixture();
    let table = schema.tables[1].id;
    let taken = schema.tables[0].columns[0].id;
    let error = Edit::AddColumn {
        table,
        column: Column::new(taken, "x", DataType::Integer),
        index: 0,
    }
    .apply_new(&mut schema)
    .unwrap_err();
    assert!(matches!(error, EditError::IdNotFree { .. }), "{error}");
}
