//! The physical design authored in the app, through its widgets only: what an architect would
//! otherwise write into the `.ron` file by hand. Each change is one undoable edit, and undoing
//! them all gives back the model as it was, byte for byte.
#![cfg(feature = "gui")]

use crate::harness::app_on;

use egui_kittest::kittest::{NodeT, Queryable};
use schemaboard::gui::App;
use schemaboard::gui::commands::AppCommand;
use schemaboard::model::DataType;

/// Types `text` into the field named `label` and presses the button named `button`.
fn type_and_press(
    harness: &mut egui_kittest::Harness<'static, App>,
    label: &str,
    text: &str,
    button: &str,
) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
    harness.get_by_label(button).scroll_to_me();
    harness.run();
    harness.get_by_label(button).click();
    harness.run();
    harness.run();
}

/// The shop sample in a window tall enough for a whole table's inspector, with `table` selected;
/// and the model as it was, saved as text.
fn shop_inspecting(table: &str) -> (egui_kittest::Harness<'static, App>, String) {
    inspecting("shop", table)
}

/// [`shop_inspecting`] on the sample model `sample`.
fn inspecting(sample: &str, table: &str) -> (egui_kittest::Harness<'static, App>, String) {
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(1400.0, 1100.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app_on(sample));
    harness.run();
    let start = schemaboard::io::to_ron_string(harness.state().document.schema());
    let id = crate::harness::table(harness.state().document.schema(), table).id;
    harness.state_mut().queue(AppCommand::FocusTable(id));
    for _ in 0..3 {
        harness.run();
    }
    (harness, start)
}

/// The model's PostgreSQL DDL says `wanted`; then every step undone gives back the model as it
/// was (`start`), byte for byte.
fn assert_exported_and_undone(
    harness: &mut egui_kittest::Harness<'static, App>,
    wanted: &str,
    start: &str,
) {
    let ddl = schemaboard::export::ddl::export_ddl(
        harness.state().document.schema(),
        schemaboard::export::ddl::writer(schemaboard::model::Dialect::Postgres),
    )
    .unwrap();
    assert!(ddl.sql.contains(wanted), "{wanted} in\n{}", ddl.sql);
    // Where a real PostgreSQL is given, the script runs there.
    if let Ok(connection) = std::env::var("SCHEMABOARD_TEST_POSTGRES") {
        let _servers = crate::common::server_lock();
        let dumped = crate::common::servers::postgres(&connection, "physical_design", &ddl.sql)
            .unwrap_or_else(|e| panic!("PostgreSQL refused the script: {e}\n{}", ddl.sql));
        let name = wanted
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .find(|w| w.contains('_'))
            .unwrap_or(wanted);
        assert!(
            dumped.contains(name),
            "{name} in the server's schema:\n{dumped}"
        );
    }
    while harness.state().document.history().undo_label().is_some() {
        harness.state_mut().queue(AppCommand::Undo);
        harness.run();
    }
    assert_eq!(
        schemaboard::io::to_ron_string(harness.state().document.schema()),
        start
    );
}

/// Some text of the window holds `text` (a refusal: others may still show theirs).
fn said(harness: &egui_kittest::Harness<'static, App>, text: &str) {
    assert!(
        harness.query_all_by_label_contains(text).next().is_some(),
        "nothing says {text}"
    );
}

/// `table` selected, its inspector shown.
fn focus(harness: &mut egui_kittest::Harness<'static, App>, table: &str) {
    let id = crate::harness::table(harness.state().document.schema(), table).id;
    harness.state_mut().queue(AppCommand::FocusTable(id));
    for _ in 0..3 {
        harness.run();
    }
}

/// Nothing selected: the model's inspector shown.
fn focus_nothing(harness: &mut egui_kittest::Harness<'static, App>) {
    harness.state_mut().view.selection.tables.clear();
    harness.run();
    harness.run();
}

/// The sample model `sample` in a window tall enough for a whole inspector, nothing selected;
/// and the model as it was, saved as text.
fn inspecting_nothing(sample: &str) -> (egui_kittest::Harness<'static, App>, String) {
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(1400.0, 1100.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app_on(sample));
    harness.run();
    let start = schemaboard::io::to_ron_string(harness.state().document.schema());
    (harness, start)
}

/// An enum type made, filled and reordered in the model's inspector, then given to payments.provider and shipments.carrier.
fn make_an_enum_used_by_two_columns(harness: &mut egui_kittest::Harness<'static, App>) {
    focus_nothing(harness);

    // Nothing selected: the model's inspector, with its enum types.
    type_and_press(
        harness,
        "new enum type name",
        "ticket_state",
        "Add enum type",
    );
    harness
        .get_by_label_contains("ticket_state (0 values")
        .click();
    harness.run();
    for value in ["open", "waiting", "closed"] {
        type_and_press(harness, "new value of ticket_state", value, "Add value");
    }
    harness.get_by_label("move closed up").click();
    harness.run();
    crate::harness::type_into(harness, "ticket_state value 1", "new");
    // A value typed twice is refused and said.
    type_and_press(harness, "new value of ticket_state", "new", "Add value");
    harness.get_by_label("new is a value already.");
    let schema = harness.state().document.schema();
    let id = schema.enum_named("ticket_state").expect("made");
    let made = schema.enums.iter().find(|e| e.id == id).unwrap();
    assert_eq!(made.values, ["new", "closed", "waiting"]);

    // Two columns take the type in the column grid, by its name.
    for (table, column) in [("payments", "provider"), ("shipments", "carrier")] {
        let table_id = crate::harness::table(harness.state().document.schema(), table).id;
        harness.state_mut().queue(AppCommand::FocusTable(table_id));
        for _ in 0..3 {
            harness.run();
        }
        crate::harness::type_into(harness, &format!("{column} type"), "ticket_state");
        let schema = harness.state().document.schema();
        let typed = &crate::harness::table(schema, table)
            .columns
            .iter()
            .find(|c| c.name == column)
            .unwrap()
            .data_type;
        assert_eq!(typed, &DataType::Enum(id), "{table}.{column}");
    }
    // Back to the model: the type lists its columns, and cannot be removed while they use it.
    harness.state_mut().view.selection.tables.clear();
    harness.run();
    harness.run();
    harness.get_by_label_contains("ticket_state (3 values, 2 columns)");
    harness.get_by_label("payments.provider");
    harness.get_by_label("shipments.carrier");
    // Another type's section may be open too: the ticket_state one is the disabled one.
    assert!(
        harness
            .query_all_by_label("Remove the type")
            .any(|b| b.accesskit_node().is_disabled()),
        "a type in use cannot be removed"
    );
}

/// A check added to products, named and its expression edited; nonsense refused.
fn name_and_edit_a_check(harness: &mut egui_kittest::Harness<'static, App>) {
    focus(harness, "products");
    let checks = crate::harness::table(harness.state().document.schema(), "products")
        .checks
        .len();
    // Not an expression: refused before it reaches the model, with the reason.
    type_and_press(harness, "check expression", "name <>", "Add check");
    said(harness, "Not an expression");
    assert_eq!(
        crate::harness::table(harness.state().document.schema(), "products")
            .checks
            .len(),
        checks
    );
    harness.get_by_label("check expression").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label("check expression")
        .type_text("length(name) > 0");
    harness.run();
    harness.get_by_label("Add check").click();
    harness.run();
    harness.run();
    let n = checks + 1;
    for _ in 0..3 {
        harness.run();
    }
    crate::harness::type_into(harness, &format!("check {n} name"), "products_name_present");
    crate::harness::type_into(
        harness,
        &format!("check {n} expression"),
        "length(name) >= 1",
    );
    // Nonsense typed over it is not taken; the check keeps its expression.
    crate::harness::type_into(harness, &format!("check {n} expression"), "length(name) >=");
    said(harness, "Not an expression");
    let schema = harness.state().document.schema();
    let check = crate::harness::table(schema, "products")
        .checks
        .last()
        .unwrap()
        .clone();
    assert_eq!(check.name.as_deref(), Some("products_name_present"));
    assert_eq!(check.expression, "length(name) >= 1");
}

/// An index on products with an expression key, INCLUDE, a predicate and a name.
fn write_a_partial_expression_index(harness: &mut egui_kittest::Harness<'static, App>) {
    focus(harness, "products");
    let before = crate::harness::table(harness.state().document.schema(), "products")
        .indexes
        .len();
    type_and_press(harness, "index columns", "slug", "Add index");
    let n = before + 1;
    harness
        .get_by_label_contains("products_slug_idx (slug)")
        .click();
    harness.run();
    harness.run();
    crate::harness::type_into(
        harness,
        &format!("index {n} keys"),
        "lower(name) DESC, slug",
    );
    crate::harness::type_into(harness, &format!("index {n} include"), "description");
    crate::harness::type_into(harness, &format!("index {n} predicate"), "is_published");
    crate::harness::type_into(
        harness,
        &format!("index {n} name"),
        "products_published_name_idx",
    );
    // What does not read is refused, and the index keeps what it had.
    crate::harness::type_into(harness, &format!("index {n} predicate"), "is_published AND");
    said(harness, "Not an expression");
    crate::harness::type_into(harness, &format!("index {n} include"), "nowhere");
    harness.get_by_label_contains("has no column nowhere");

    let schema = harness.state().document.schema();
    let index = crate::harness::table(schema, "products")
        .indexes
        .last()
        .unwrap()
        .clone();
    assert_eq!(index.name.as_deref(), Some("products_published_name_idx"));
    assert_eq!(index.predicate.as_deref(), Some("is_published"));
    assert_eq!(index.include.len(), 1);
    assert_eq!(index.keys.len(), 2);
}

/// An identity column added to product_variants, and weight_grams generated from options.
fn choose_identity_and_generated_columns(harness: &mut egui_kittest::Harness<'static, App>) {
    focus(harness, "product_variants");
    harness.get_by_label("Add column").click();
    harness.run();
    harness.run();
    crate::harness::type_into(harness, "column_1 type", "bigint");
    // The new column's details: an identity the database supplies unless an insert gives one.
    harness.get_by_label("column whose details show").click();
    harness.run();
    harness.get_by_label("column_1").click();
    harness.run();
    harness.get_by_label("column_1 identity").click();
    harness.run();
    harness
        .get_by_label("by default (GENERATED BY DEFAULT AS IDENTITY)")
        .click();
    harness.run();
    // A stored generated column, from another column's value.
    harness.get_by_label("column whose details show").click();
    harness.run();
    harness.get_by_label("weight_grams").click();
    harness.run();
    crate::harness::type_into(
        harness,
        "weight_grams generated as",
        "(options ->> 'grams')::integer",
    );
    crate::harness::type_into(harness, "weight_grams generated as", "options ->>");
    said(harness, "Not an expression");

    let schema = harness.state().document.schema();
    let columns = &crate::harness::table(schema, "product_variants").columns;
    let column = |name: &str| columns.iter().find(|c| c.name == name).unwrap();
    assert_eq!(
        column("column_1").identity,
        Some(schemaboard::model::Identity::ByDefault)
    );
    assert_eq!(
        column("weight_grams").generated.as_deref(),
        Some("(options ->> 'grams')::integer")
    );
}

/// A column added to order_items and a two-column foreign key to inventory_levels' primary key, deferred, cascaded, MATCH FULL.
fn draw_a_composite_foreign_key(harness: &mut egui_kittest::Harness<'static, App>) {
    focus(harness, "order_items");
    harness.get_by_label("Add column").click();
    harness.run();
    harness.run();
    crate::harness::type_into(harness, "column_1 type", "smallint");
    let pick_parent = |harness: &mut egui_kittest::Harness<'static, App>, name: &str| {
        harness.get_by_label("referenced table").click();
        harness.run();
        harness.get_by_label(name).click();
        harness.run();
        harness.run();
    };
    // Picking the parent fills in its primary key; one child column is not enough for it.
    pick_parent(harness, "inventory_levels");
    type_and_press(
        harness,
        "foreign key columns",
        "variant_id",
        "Add foreign key",
    );
    harness.get_by_label_contains("1 columns reference 2 of inventory_levels");
    // Columns that are no key of the parent are refused.
    crate::harness::type_into(harness, "referenced columns", "warehouse_id, on_hand");
    crate::harness::type_into(harness, "foreign key columns", "column_1, quantity");
    harness.get_by_label("Add foreign key").click();
    harness.run();
    harness.get_by_label_contains("(warehouse_id, on_hand) is not a key of inventory_levels");
    let fks = |harness: &egui_kittest::Harness<'static, App>| {
        crate::harness::table(harness.state().document.schema(), "order_items")
            .foreign_keys
            .len()
    };
    let before = fks(harness);
    // Its primary key, in the order the key has it, pairs up.
    pick_parent(harness, "inventory_levels");
    crate::harness::type_into(harness, "foreign key columns", "variant_id, column_1");
    harness.get_by_label("Add foreign key").click();
    harness.run();
    harness.run();
    assert_eq!(fks(harness), before + 1);
    // Checked at commit, all or none of its columns NULL, and deleted with its parent.
    let nth = |harness: &mut egui_kittest::Harness<'static, App>, label: &str| {
        let count = harness.query_all_by_label(label).count();
        harness
            .query_all_by_label(label)
            .nth(count - 1)
            .unwrap()
            .click();
        harness.run();
    };
    nth(harness, "when checked");
    harness
        .get_by_label("deferrable, checked: at commit")
        .click();
    harness.run();
    nth(harness, "on delete");
    harness.get_by_label("cascade").click();
    harness.run();
    nth(harness, "match full");
    harness.run();

    let schema = harness.state().document.schema();
    let fk = crate::harness::table(schema, "order_items")
        .foreign_keys
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        fk.deferrable,
        Some(schemaboard::model::table::Deferral::Deferred)
    );
    assert!(fk.match_full);
}

/// A trigger function, a view over orders and customers, and a trigger on orders, written in the SQL editor.
fn write_a_function_view_and_trigger(harness: &mut egui_kittest::Harness<'static, App>) {
    focus_nothing(harness);
    let save = |harness: &mut egui_kittest::Harness<'static, App>| {
        harness.get_by_label("Save object").click();
        harness.run();
        harness.run();
    };
    // With nothing selected, the model's objects: a function from its template.
    harness.get_by_label_contains("None yet: views, functions");
    harness.get_by_label("New function").click();
    harness.run();
    harness.run();
    save(harness);
    // A view that does not read is marked at its line and not saved; nor is a second statement.
    harness.get_by_label("New view").click();
    harness.run();
    harness.run();
    write_sql(
        harness,
        "CREATE VIEW late_orders AS\nSELECT id FROM orders WHERE",
    );
    harness.get_by_label_contains("Line 2, column 28");
    save(harness);
    harness.get_by_label_contains("Line 2, column 28");
    write_sql(
        harness,
        "CREATE VIEW late_orders AS SELECT 1;\nDROP TABLE orders",
    );
    harness.get_by_label_contains("Line 2, column 1: A second statement starts here");
    save(harness);
    let objects = |harness: &egui_kittest::Harness<'static, App>| {
        harness.state().document.schema().verbatim.len()
    };
    assert_eq!(objects(harness), 1);
    write_sql(
        harness,
        "CREATE VIEW late_orders AS\nSELECT o.id, o.placed_at, c.email\nFROM orders o JOIN customers c ON c.id = o.customer_id\nWHERE o.placed_at < now() - interval '7 days'",
    );
    save(harness);
    assert_eq!(objects(harness), 2);

    // The table's own: the view that reads it, and a trigger on it, rewritten after it is made.
    let orders = crate::harness::table(harness.state().document.schema(), "orders").id;
    harness.state_mut().queue(AppCommand::FocusTable(orders));
    for _ in 0..3 {
        harness.run();
    }
    harness.get_by_label("edit view late_orders");
    harness.get_by_label("New trigger").scroll_to_me();
    harness.run();
    harness.get_by_label("New trigger").click();
    harness.run();
    harness.run();
    save(harness);
    harness
        .get_by_label("edit trigger orders_set_updated_at")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_label("edit trigger orders_set_updated_at")
        .click();
    harness.run();
    harness.run();
    write_sql(
        harness,
        "CREATE TRIGGER orders_set_updated_at\nBEFORE INSERT OR UPDATE ON orders\nFOR EACH ROW EXECUTE FUNCTION set_updated_at()",
    );
    save(harness);
    let schema = harness.state().document.schema();
    let kinds: Vec<(&str, &str)> = schema
        .verbatim
        .iter()
        .map(|o| (o.kind.as_str(), o.name.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("function", "set_updated_at"),
            ("view", "late_orders"),
            ("trigger", "orders_set_updated_at")
        ]
    );
    assert!(schema.verbatim[2].sql.contains("BEFORE INSERT OR UPDATE"));
    // Removed, and back with one undo.
    harness
        .get_by_label("remove view late_orders")
        .scroll_to_me();
    harness.run();
    harness.get_by_label("remove view late_orders").click();
    harness.run();
    assert_eq!(objects(harness), 2);
    harness.state_mut().queue(AppCommand::Undo);
    harness.run();
    assert_eq!(objects(harness), 3);
}

/// A sample query added in the model's inspector, refused when it does not read, renamed, its tables shown.
fn add_a_sample_query(harness: &mut egui_kittest::Harness<'static, App>) {
    focus_nothing(harness);
    // The model's queries, each with what serves it.
    harness.get_by_label("product_variants: a UNIQUE constraint (sku) finds its rows");
    harness.get_by_label("orders: no index sorts its rows; an index on orders(placed_at) would");
    let n = harness.state().document.schema().queries.len() + 1;
    let scroll = |harness: &mut egui_kittest::Harness<'static, App>, label: &str| {
        harness.get_by_label(label).scroll_to_me();
        harness.run();
    };
    scroll(harness, "new query name");
    crate::harness::type_into(harness, "new query name", "customers by city");
    harness.get_by_label("new query sql").click();
    harness.run();
    harness
        .get_by_label("new query sql")
        .type_text("SELECT id, email FROM customers WHERE full_name = $1");
    harness.run();
    scroll(harness, "Add sample query");
    harness.get_by_label("Add sample query").click();
    harness.run();
    harness.run();
    let schema = harness.state().document.schema();
    assert_eq!(schema.queries.len(), n);
    harness.get_by_label(
        "customers: no index finds its rows: a full scan; an index on customers(full_name) would",
    );
    // Text the checks cannot read is refused, and the query keeps what it had.
    scroll(harness, &format!("query {n} sql"));
    harness.get_by_label(&format!("query {n} sql")).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label(&format!("query {n} sql"))
        .type_text("SELECT FROM WHERE city");
    harness.run();
    harness.get_by_label(&format!("query {n} name")).click();
    harness.run();
    harness.run();
    harness.get_by_label_contains("Not SQL that PostgreSQL reads");
    assert!(
        harness.state().document.schema().queries[n - 1]
            .sql
            .contains("full_name = $1")
    );
    crate::harness::type_into(harness, &format!("query {n} name"), "customers of a city");
    assert_eq!(
        harness.state().document.schema().queries[n - 1].name,
        "customers of a city"
    );
    // Its tables, selected on the canvas.
    scroll(harness, &format!("show the tables of query {n}"));
    harness
        .get_by_label(&format!("show the tables of query {n}"))
        .click();
    harness.run();
    let schema = harness.state().document.schema();
    let wanted: std::collections::BTreeSet<_> = ["customers"]
        .iter()
        .map(|t| crate::harness::table(schema, t).id)
        .collect();
    assert_eq!(harness.state().view.selection.tables, wanted);
}

/// inventory_levels partitioned by range of warehouse into two partitions, one a default.
fn partition_by_range(harness: &mut egui_kittest::Harness<'static, App>) {
    focus(harness, "inventory_levels");
    crate::harness::type_into(harness, "partition key", "RANGE (warehouse_id)");
    for (name, bound) in [
        ("inventory_levels_first", "FROM (MINVALUE) TO (100)"),
        ("inventory_levels_rest", "DEFAULT"),
    ] {
        crate::harness::type_into(harness, "new partition name", name);
        crate::harness::type_into(harness, "new partition bound", bound);
        harness.get_by_label("Add partition").scroll_to_me();
        harness.run();
        harness.get_by_label("Add partition").click();
        harness.run();
        harness.run();
    }
    // A range bound gives a value per key column.
    crate::harness::type_into(
        harness,
        "partition inventory_levels_first bound",
        "FROM (1, 1) TO (100, 1)",
    );
    harness.get_by_label_contains("FROM gives 2 values for a key of 1");
    let schema = harness.state().document.schema();
    let bound = |t: &str| {
        crate::harness::table(schema, t)
            .properties
            .get("partition_bound")
            .cloned()
    };
    assert_eq!(
        bound("inventory_levels_first").as_deref(),
        Some("FOR VALUES FROM (MINVALUE) TO (100)")
    );
    assert_eq!(bound("inventory_levels_rest").as_deref(), Some("DEFAULT"));
}

#[test]
fn an_enum_type_is_made_filled_ordered_and_used_by_two_columns_all_undoably() {
    let (mut harness, start) = inspecting_nothing("shop");
    make_an_enum_used_by_two_columns(&mut harness);
    assert_exported_and_undone(
        &mut harness,
        "CREATE TYPE ticket_state AS ENUM ('new', 'closed', 'waiting');",
        &start,
    );
}

#[test]
fn a_check_is_named_and_its_expression_edited_after_it_is_made_and_nonsense_is_refused() {
    let (mut harness, start) = inspecting_nothing("shop");
    name_and_edit_a_check(&mut harness);
    assert_exported_and_undone(
        &mut harness,
        "CONSTRAINT products_name_present CHECK (length(name) >= 1)",
        &start,
    );
}

#[test]
fn a_partial_expression_index_with_include_is_written_in_the_inspector() {
    let (mut harness, start) = inspecting_nothing("shop");
    write_a_partial_expression_index(&mut harness);
    assert_exported_and_undone(
        &mut harness,
        "CREATE INDEX products_published_name_idx ON products ((lower(name)) DESC, slug) INCLUDE (description) WHERE is_published;",
        &start,
    );
}

#[test]
fn identity_and_generated_columns_are_chosen_under_the_column_grid() {
    let (mut harness, start) = inspecting_nothing("shop");
    choose_identity_and_generated_columns(&mut harness);
    assert_exported_and_undone(
        &mut harness,
        "weight_grams integer GENERATED ALWAYS AS ((options ->> 'grams')::integer) STORED",
        &start,
    );
}

#[test]
fn primary_unique_and_foreign_keys_are_named_over_the_servers_default() {
    let (mut harness, start) = shop_inspecting("product_variants");
    // Unnamed, each shows the name the server would give it.
    for (field, name) in [
        ("primary key (id) name", "product_variants_pk"),
        ("unique (sku) name", "product_variants_sku_uq"),
        (
            "foreign key (product_id) to products name",
            "product_variants_product_fk",
        ),
    ] {
        crate::harness::type_into(&mut harness, field, name);
    }
    let schema = harness.state().document.schema();
    let table = crate::harness::table(schema, "product_variants");
    assert_eq!(
        table.primary_key.as_ref().unwrap().name.as_deref(),
        Some("product_variants_pk")
    );
    assert_eq!(
        table.uniques[0].name.as_deref(),
        Some("product_variants_sku_uq")
    );
    assert_eq!(
        table.foreign_keys[0].name.as_deref(),
        Some("product_variants_product_fk")
    );
    // An emptied field goes back to the server's name.
    harness.get_by_label("unique (sku) name").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    let schema = harness.state().document.schema();
    assert_eq!(
        crate::harness::table(schema, "product_variants").uniques[0].name,
        None
    );
    assert_exported_and_undone(
        &mut harness,
        "CONSTRAINT product_variants_product_fk FOREIGN KEY (product_id)",
        &start,
    );
}

#[test]
fn a_composite_foreign_key_pairs_columns_with_a_key_of_its_parent_and_is_deferred() {
    let (mut harness, start) = inspecting_nothing("shop");
    draw_a_composite_foreign_key(&mut harness);
    assert_exported_and_undone(
        &mut harness,
        "FOREIGN KEY (variant_id, column_1) REFERENCES inventory_levels (variant_id, warehouse_id) MATCH FULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
        &start,
    );
}

#[test]
fn a_table_is_partitioned_by_hash_into_partitions_whose_bounds_are_checked() {
    let (mut harness, start) = shop_inspecting("inventory_levels");
    let refused = [
        (
            "LIST (warehouse)",
            "inventory_levels has no column warehouse",
        ),
        (
            "LIST (warehouse_id, variant_id)",
            "one column or expression",
        ),
        ("SPREAD (warehouse_id)", "starts with RANGE, LIST or HASH"),
    ];
    for (typed, why) in refused {
        crate::harness::type_into(&mut harness, "partition key", typed);
        harness.get_by_label_contains(why);
    }
    crate::harness::type_into(&mut harness, "partition key", "hash(warehouse_id)");
    let property = |harness: &egui_kittest::Harness<'static, App>, table: &str, key: &str| {
        crate::harness::table(harness.state().document.schema(), table)
            .properties
            .get(key)
            .cloned()
    };
    assert_eq!(
        property(&harness, "inventory_levels", "partition_by").as_deref(),
        Some("HASH (warehouse_id)")
    );
    let add = |harness: &mut egui_kittest::Harness<'static, App>, name: &str, bound: &str| {
        crate::harness::type_into(harness, "new partition name", name);
        crate::harness::type_into(harness, "new partition bound", bound);
        harness.get_by_label("Add partition").click();
        harness.run();
        harness.run();
    };
    add(
        &mut harness,
        "inventory_levels_p0",
        "with (modulus 2, remainder 0)",
    );
    add(&mut harness, "inventory_levels_p1", "DEFAULT");
    harness.get_by_label_contains("no default partition");
    add(
        &mut harness,
        "inventory_levels_p1",
        "WITH (MODULUS 2, REMAINDER 1)",
    );
    assert_eq!(
        property(&harness, "inventory_levels_p1", "partition_bound").as_deref(),
        Some("FOR VALUES WITH (MODULUS 2, REMAINDER 1)")
    );
    // A bound edited in place is checked as one typed to add.
    crate::harness::type_into(
        &mut harness,
        "partition inventory_levels_p1 bound",
        "WITH (MODULUS 2, REMAINDER 2)",
    );
    harness.get_by_label_contains("not 2 of 2");
    assert_eq!(
        property(&harness, "inventory_levels_p1", "partition_bound").as_deref(),
        Some("FOR VALUES WITH (MODULUS 2, REMAINDER 1)")
    );
    // The partitions hold the parent's columns.
    let schema = harness.state().document.schema();
    let names = |table: &str| -> Vec<String> {
        crate::harness::table(schema, table)
            .columns
            .iter()
            .map(|c| c.name.clone())
            .collect()
    };
    assert_eq!(names("inventory_levels_p0"), names("inventory_levels"));
    // Partitioning cannot be taken away from under its partitions.
    harness.get_by_label("partition key").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    harness.get_by_label_contains("It has 2 partitions: remove them first.");
    assert_exported_and_undone(
        &mut harness,
        "CREATE TABLE inventory_levels_p1 PARTITION OF inventory_levels FOR VALUES WITH (MODULUS 2, REMAINDER 1);",
        &start,
    );

    // A key the primary key does not hold is said to be left out of the script.
    let orders = crate::harness::table(harness.state().document.schema(), "orders").id;
    harness.state_mut().queue(AppCommand::FocusTable(orders));
    harness.run();
    crate::harness::type_into(&mut harness, "partition key", "RANGE (placed_at)");
    harness.get_by_label_contains("PostgreSQL needs the primary key to hold");
}

#[test]
fn a_mysql_tables_engine_and_character_set_are_set_in_the_inspector() {
    let (mut harness, start) = inspecting("flawed_inventory", "Suppliers");
    harness.get_by_label_contains("None of its own: written with ENGINE=InnoDB");
    crate::harness::type_into(
        &mut harness,
        "mysql table options",
        "ENGINE=InnoDB; DROP TABLE Suppliers",
    );
    harness.get_by_label_contains("Not table options");
    crate::harness::type_into(&mut harness, "mysql table options", "ENGINE=MyISAM");
    harness.get_by_label_contains("MyISAM keeps no foreign keys");
    crate::harness::type_into(
        &mut harness,
        "mysql table options",
        "ENGINE=InnoDB  DEFAULT CHARSET=latin1 COLLATE=latin1_bin ROW_FORMAT=DYNAMIC",
    );
    let schema = harness.state().document.schema();
    let ddl = schemaboard::export::ddl::export_ddl(
        schema,
        schemaboard::export::ddl::writer(schemaboard::model::Dialect::MySql),
    )
    .unwrap();
    assert!(
        ddl.sql
            .contains(") ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_bin ROW_FORMAT=DYNAMIC COMMENT='Companies we buy from.';"),
        "{}",
        ddl.sql
    );
    if let Ok(socket) = std::env::var("SCHEMABOARD_TEST_MARIADB") {
        let _servers = crate::common::server_lock();
        let dumped = crate::common::servers::mariadb(&socket, "physical_design", &ddl.sql)
            .unwrap_or_else(|e| panic!("MariaDB refused the script: {e}\n{}", ddl.sql));
        let suppliers = &dumped[dumped.find("CREATE TABLE `Suppliers`").unwrap()..];
        let suppliers = &suppliers[..suppliers.find(';').unwrap()];
        assert!(
            suppliers.contains("CHARSET=latin1") && suppliers.contains("ROW_FORMAT=DYNAMIC"),
            "{suppliers}"
        );
    }
    while harness.state().document.history().undo_label().is_some() {
        harness.state_mut().queue(AppCommand::Undo);
        harness.run();
    }
    assert_eq!(
        schemaboard::io::to_ron_string(harness.state().document.schema()),
        start
    );
}

/// Puts `sql` in the SQL editor in place of what it holds.
fn write_sql(harness: &mut egui_kittest::Harness<'static, App>, sql: &str) {
    harness.get_by_label("object sql").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label("object sql").type_text(sql);
    harness.run();
}

#[test]
fn a_function_view_and_trigger_are_written_in_the_sql_editor_and_run_in_order() {
    let (mut harness, start) = inspecting_nothing("shop");
    write_a_function_view_and_trigger(&mut harness);
    assert_exported_and_undone(
        &mut harness,
        "CREATE TRIGGER orders_set_updated_at\nBEFORE INSERT OR UPDATE ON orders",
        &start,
    );
}

#[test]
fn sample_queries_are_added_and_edited_with_the_verdict_of_the_index_checks() {
    let (mut harness, start) = inspecting_nothing("shop");
    add_a_sample_query(&mut harness);
    while harness.state().document.history().undo_label().is_some() {
        harness.state_mut().queue(AppCommand::Undo);
        harness.run();
    }
    assert_eq!(
        schemaboard::io::to_ron_string(harness.state().document.schema()),
        start
    );
}

#[test]
fn the_model_settings_window_sets_targets_naming_rule_levels_and_raises_an_accepted_finding() {
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(1400.0, 1100.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app_on("cms"));
    for _ in 0..3 {
        harness.run();
    }
    let start = schemaboard::io::to_ron_string(harness.state().document.schema());
    harness.get_by_label("Model settings…").click();
    harness.run();
    harness.run();
    let settings = |harness: &egui_kittest::Harness<'static, App>| {
        harness.state().document.schema().check_settings.clone()
    };
    harness.get_by_label("MySQL").click();
    harness.run();
    assert_eq!(
        settings(&harness).dialects,
        [
            schemaboard::model::Dialect::Postgres,
            schemaboard::model::Dialect::MySql
        ]
    );
    harness.get_by_label("letter case of names").click();
    harness.run();
    harness.get_by_label("snake_case").click();
    harness.run();
    assert_eq!(
        settings(&harness).naming.case,
        schemaboard::model::NameCase::Snake
    );
    crate::harness::type_into(&mut harness, "index name prefix", "idx_");
    assert_eq!(settings(&harness).naming.index_prefix, "idx_");
    // A rule found by what it is about, with its findings counted, switched off.
    crate::harness::type_into(&mut harness, "find a rule", "multi-valued");
    harness.get_by_label("2 findings");
    harness.get_by_label("NF102 level").click();
    harness.run();
    harness.get_by_label("off").click();
    harness.run();
    harness.run();
    assert_eq!(
        settings(&harness).rules.get("NF102"),
        Some(&schemaboard::model::RuleLevel::Off)
    );
    assert!(
        !harness
            .state()
            .document
            .findings()
            .any(|f| f.code == "NF102"),
        "NF102 still reported"
    );
    // The accepted finding, with its reason, raised again.
    harness.get_by_label_contains("because locales holds a few dozen rows");
    harness.get_by_label("raise IX201 again").click();
    harness.run();
    assert!(settings(&harness).suppressions.is_empty());
    while harness.state().document.history().undo_label().is_some() {
        harness.state_mut().queue(AppCommand::Undo);
        harness.run();
    }
    assert_eq!(
        schemaboard::io::to_ron_string(harness.state().document.schema()),
        start
    );
}

#[test]
fn the_whole_physical_design_is_built_in_the_app_runs_on_postgresql_and_is_undone() {
    let (mut harness, start) = inspecting_nothing("shop");
    make_an_enum_used_by_two_columns(&mut harness);
    write_a_partial_expression_index(&mut harness);
    choose_identity_and_generated_columns(&mut harness);
    name_and_edit_a_check(&mut harness);
    draw_a_composite_foreign_key(&mut harness);
    partition_by_range(&mut harness);
    write_a_function_view_and_trigger(&mut harness);
    add_a_sample_query(&mut harness);

    // The model as saved, read back, exported.
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shop.ron");
    schemaboard::io::save(&path, harness.state().document.schema()).unwrap();
    let saved = schemaboard::io::load(&path).unwrap();
    assert_eq!(
        saved.queries.len(),
        harness.state().document.schema().queries.len()
    );
    let ddl = schemaboard::export::ddl::export_ddl(
        &saved,
        schemaboard::export::ddl::writer(schemaboard::model::Dialect::Postgres),
    )
    .unwrap();
    assert!(ddl.losses.is_empty(), "{:?}", ddl.losses);
    if let Ok(connection) = std::env::var("SCHEMABOARD_TEST_POSTGRES") {
        let _servers = crate::common::server_lock();
        let catalog = crate::common::servers::postgres(&connection, "whole_design", &ddl.sql)
            .unwrap_or_else(|e| panic!("PostgreSQL refused the script: {e}\n{}", ddl.sql));
        for held in [
            "CREATE TYPE public.ticket_state AS ENUM (\n    'new',\n    'closed',\n    'waiting'\n);",
            "provider public.ticket_state",
            "carrier public.ticket_state",
            "CREATE INDEX products_published_name_idx ON public.products USING btree (lower((name)::text) DESC, slug) INCLUDE (description) WHERE is_published;",
            "GENERATED BY DEFAULT AS IDENTITY",
            "weight_grams integer GENERATED ALWAYS AS (((options ->> 'grams'::text))::integer) STORED",
            "CONSTRAINT products_name_present CHECK ((length((name)::text) >= 1))",
            "FOREIGN KEY (variant_id, column_1) REFERENCES public.inventory_levels(variant_id, warehouse_id) MATCH FULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
            "PARTITION BY RANGE (warehouse_id)",
            "ATTACH PARTITION public.inventory_levels_first FOR VALUES FROM (MINVALUE) TO ('100');",
            "ATTACH PARTITION public.inventory_levels_rest DEFAULT;",
            "CREATE VIEW public.late_orders AS",
            "JOIN public.customers c ON ((c.id = o.customer_id)))",
            "CREATE FUNCTION public.set_updated_at() RETURNS trigger",
            "CREATE TRIGGER orders_set_updated_at BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();",
        ] {
            if !catalog.contains(held) {
                let _ = std::fs::write(
                    std::env::temp_dir().join("whole_design_catalog.sql"),
                    &catalog,
                );
            }
            assert!(
                catalog.contains(held),
                "the catalog lacks {held}:\n{catalog}"
            );
        }
    }
    while harness.state().document.history().undo_label().is_some() {
        harness.state_mut().queue(AppCommand::Undo);
        harness.run();
    }
    assert_eq!(
        schemaboard::io::to_ron_string(harness.state().document.schema()),
        start
    );
}

#[test]
fn a_view_is_a_card_on_the_canvas_with_dashed_lines_to_its_tables_and_opens_its_sql() {
    let (mut harness, _) = inspecting_nothing("shop");
    harness.get_by_label("New view").click();
    harness.run();
    harness.run();
    write_sql(
        &mut harness,
        "CREATE VIEW customer_orders AS\nSELECT c.email, o.number, o.placed_at, count(*) AS lines\nFROM customers c JOIN orders o ON o.customer_id = c.id\nGROUP BY 1, 2, 3",
    );
    harness.get_by_label("Save object").click();
    harness.run();
    harness.state_mut().queue(AppCommand::FitAll);
    for _ in 0..3 {
        harness.run();
    }
    let scene = harness
        .state()
        .view
        .canvas
        .scene_cache
        .as_ref()
        .expect("laid out")
        .scene
        .clone();
    assert_eq!(scene.views.len(), 1);
    let card = &scene.views[0];
    let rows: Vec<(&str, &str)> = card
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.type_text.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("email", "varchar(320)"),
            ("number", "varchar(20)"),
            ("placed_at", "timestamptz"),
            ("lines", "expression")
        ]
    );
    assert_eq!(scene.view_links.len(), 2);
    // Drawn: its title, and its lines as dashes (many short segments).
    let painted = crate::harness::painted(&harness);
    assert!(
        painted.iter().any(
            |s| matches!(s, egui::Shape::Text(t) if t.galley.text() == "view customer_orders")
        ),
        "the view's title is painted"
    );
    let segments = painted
        .iter()
        .filter(|s| matches!(s, egui::Shape::LineSegment { .. }))
        .count();
    assert!(segments > 10, "dashed lines: {segments} segments");
    // A click on the card opens its SQL.
    let center = egui::Pos2::new(
        card.rect.x + card.rect.width / 2.0,
        card.rect.y + card.rect.height / 2.0,
    );
    let at = harness.state().view.canvas.screen_from_scene * center;
    crate::harness::click_at(&mut harness, at, egui::Modifiers::NONE);
    harness.run();
    harness.get_by_label("Edit view customer_orders");
}
