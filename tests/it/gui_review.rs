//! Design review in the app, headless with egui_kittest: comparing the open model with another
//! version marks what was added, removed and changed.
#![cfg(feature = "gui")]

use crate::common;
use crate::harness;

use egui_kittest::kittest::Queryable;
use harness::{harness, table};
use schemaboard::gui::commands::AppCommand;
use schemaboard::gui::comparing::Mark;
use schemaboard::gui::{App, Document};
use schemaboard::model::{DataType, Edit, Point, Table};

#[test]
fn comparing_with_the_previous_version_marks_added_removed_and_changed() {
    let old = schemaboard::io::load(&common::sample("sales")).unwrap();
    let mut new = old.clone();
    // Added: a table. Removed: audit_log. Changed: a column's type in retailers.
    let table_id = new.ids.allocate();
    let added = Table::new(table_id, "price_lists", Point::new(2000.0, 0.0));
    Edit::AddTable {
        table: added,
        index: usize::MAX,
    }
    .apply(&mut new)
    .unwrap();
    let audit = table(&new, "audit_log").id;
    Edit::RemoveTable { table: audit }.apply(&mut new).unwrap();
    let mut name = table(&new, "retailers")
        .columns
        .iter()
        .find(|c| c.name == "trading_name")
        .unwrap()
        .clone();
    name.data_type = DataType::Text;
    let changed_column = name.id;
    Edit::SetColumn { column: name }.apply(&mut new).unwrap();

    let mut harness = harness(App::new(Document::untitled(new)));
    harness.run();
    harness
        .state_mut()
        .queue(AppCommand::CompareWithPath(common::sample("sales")));
    harness.run();
    harness.run();
    let app = harness.state();
    let comparing = app.view.comparing.as_ref().expect("comparing");
    let schema = app.document.schema();
    assert_eq!(
        comparing.marks.tables[&table(schema, "price_lists").id].0,
        Mark::Added
    );
    let retailers = &comparing.marks.tables[&table(schema, "retailers").id];
    assert_eq!(retailers.0, Mark::Changed);
    assert!(
        retailers.1.iter().any(|c| c.contains("trading_name")),
        "{retailers:?}"
    );
    assert_eq!(
        comparing.marks.removed,
        [audit],
        "removed, drawn where it was"
    );
    let (mark, what) = &comparing.marks.columns[&changed_column];
    assert_eq!(*mark, Mark::Changed);
    assert!(what.contains("varchar(200) → text"), "{what}");
    assert_eq!(
        comparing.marks.tables.len(),
        2,
        "nothing else is marked: {:?}",
        comparing.marks.tables
    );
    // The change list names each change.
    harness.get_by_label("Changes");
    harness.get_by_label_contains("since sales.ron: 1 added, 1 removed");
    harness.get_by_label_contains("retailers: changed column trading_name");

    // Editing updates the marks; Stop comparing clears them.
    let users = table(harness.state().document.schema(), "users").id;
    let column = schemaboard::model::Column::new(
        harness.state().document.schema().ids.upcoming(0),
        "nickname",
        DataType::Text,
    );
    harness
        .state_mut()
        .queue(AppCommand::Apply(Box::new(Edit::allocating(
            1,
            Edit::AddColumn {
                table: users,
                column,
                index: usize::MAX,
            },
        ))));
    harness.run();
    harness.run();
    let comparing = harness.state().view.comparing.as_ref().unwrap();
    assert_eq!(comparing.marks.tables[&users].0, Mark::Changed);
    harness.get_by_label("Stop comparing").click();
    harness.run();
    assert!(harness.state().view.comparing.is_none());
}

#[test]
fn comparing_with_the_last_commit_reads_the_file_from_git() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: git is not installed");
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shop.ron");
    std::fs::copy(common::sample("shop"), &path).unwrap();
    for args in [
        vec!["init", "-q"],
        vec!["add", "shop.ron"],
        vec!["commit", "-q", "-m", "shop"],
    ] {
        let status = std::process::Command::new("git")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(&args)
            .current_dir(folder.path())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }
    let mut harness = harness(App::new(Document::open(&path).unwrap()));
    harness.run();
    let orders = table(harness.state().document.schema(), "orders").clone();
    let mut info = orders.info();
    info.name = "purchase_orders".to_string();
    harness
        .state_mut()
        .queue(AppCommand::Apply(Box::new(Edit::SetTableInfo {
            table: orders.id,
            info,
        })));
    harness.run();
    // File > Compare with git revision…, answered with HEAD.
    harness.state_mut().view.dialogs.revision_prompt = Some(String::new());
    harness.run();
    harness.get_by_label("git revision").click();
    harness.run();
    harness.get_by_label("git revision").type_text("HEAD");
    harness.run();
    harness.get_by_label("Compare").click();
    harness.run();
    harness.run();
    harness.run();
    let comparing = harness.state().view.comparing.as_ref().expect("comparing");
    assert_eq!(comparing.against, "HEAD:shop.ron");
    let renamed = &comparing.marks.tables[&orders.id];
    assert_eq!(renamed.0, Mark::Changed);
    assert!(
        renamed
            .1
            .iter()
            .any(|c| c.starts_with("renamed table purchase_orders")),
        "a rename, not a drop and an add: {renamed:?}"
    );
    assert!(comparing.marks.removed.is_empty());
}

/// Types a new thread in the comments panel and adds it.
fn add_comment(harness: &mut egui_kittest::Harness<'_, App>, text: &str) {
    harness.get_by_label("new comment").click();
    harness.run();
    harness.get_by_label("new comment").type_text(text);
    harness.run();
    harness.get_by_label("Add comment").click();
    harness.run();
    harness.run();
}

#[test]
fn comments_are_added_answered_resolved_filtered_and_turned_into_a_suppression() {
    let schema = schemaboard::io::load(&common::sample("flawed_inventory")).unwrap();
    // A table the validator has something to say about.
    let findings = schemaboard::check::check(&schema, &schema.check_settings);
    let finding = findings
        .iter()
        .find(|f| f.is_active() && f.target.table.is_some() && f.target.columns.is_empty())
        .expect("a table-level finding")
        .clone();
    let table_id = finding.target.table.unwrap();
    let mut app = App::new(Document::untitled(schema));
    app.view.prefs.show_comments = true;
    app.view.panels.comments.author = "ana".to_string();
    app.view.selection.tables = [table_id].into();
    let mut harness = harness(app);
    harness.run();
    add_comment(&mut harness, "We keep this on purpose: legacy import.");
    let threads = &harness.state().document.schema().comments;
    assert_eq!(threads.len(), 1);
    assert_eq!(threads[0].on.table, Some(table_id));
    assert_eq!(threads[0].messages[0].author, "ana");
    assert!(threads[0].messages[0].at.ends_with('Z'));
    assert_eq!(harness.state().document.history().undo_len(), 1);

    // Reply.
    harness.get_by_label("reply to #1").click();
    harness.run();
    harness.get_by_label("reply to #1").type_text("Agreed.");
    harness.run();
    harness.get_by_label("Reply").click();
    harness.run();
    harness.run();
    assert_eq!(
        harness.state().document.schema().comments[0].messages.len(),
        2
    );

    // Turn the decision into an acceptance of the finding: one step, thread resolved.
    harness
        .get_by_label(&format!("Accept {} with this as the reason", finding.code))
        .click();
    harness.run();
    harness.run();
    let schema = harness.state().document.schema();
    let accepted = schema
        .check_settings
        .suppressions
        .iter()
        .find(|s| s.code == finding.code && s.target == finding.target)
        .expect("suppression recorded");
    assert_eq!(accepted.reason, "We keep this on purpose: legacy import.");
    assert!(schema.comments[0].resolved);
    assert_eq!(harness.state().document.history().undo_len(), 3);

    // Resolved threads leave the default (open) list and show under "resolved".
    assert!(
        harness.query_by_label("reply to #1").is_none(),
        "hidden when resolved"
    );
    harness.get_by_label("1 resolved").click();
    harness.run();
    harness.get_by_label("reply to #1");
    harness.get_by_label("Reopen").click();
    harness.run();
    harness.run();
    assert!(!harness.state().document.schema().comments[0].resolved);

    // The comments are in the saved file.
    let text = schemaboard::io::to_ron_string(harness.state().document.schema());
    let again = schemaboard::io::load_str(&text, std::path::Path::new("m.ron")).unwrap();
    assert_eq!(again.comments, harness.state().document.schema().comments);
}

#[test]
fn a_comment_can_be_about_the_relationship_selected_on_the_canvas() {
    let mut app = harness::app_on("shop");
    let orders = table(app.document.schema(), "orders").clone();
    let fk = orders
        .foreign_keys
        .iter()
        .find(|k| app.document.schema().table(k.references).unwrap().name == "customers")
        .expect("orders references customers")
        .id;
    app.view.prefs.show_comments = true;
    app.view.panels.comments.author = "ana".to_string();
    // A click on the line selects the relationship and the table that holds its key.
    app.view.selection.tables = [orders.id].into();
    app.view.selection.fk = Some(fk);
    let mut harness = harness(app);
    harness.run();
    add_comment(
        &mut harness,
        "Guest checkout will need this to be optional.",
    );
    let thread = &harness.state().document.schema().comments[0];
    assert_eq!(thread.on.table, Some(orders.id));
    assert_eq!(thread.on.constraint, Some(fk));
    assert!(thread.on.columns.is_empty());
    // Listed by what it is about.
    harness.get_by_label_contains("orders (customer_id) → customers");
}

#[test]
fn the_comment_author_and_view_choices_are_remembered_for_the_next_session() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("schemaboard").join("settings.ron");
    let mut harness = harness(harness::app_on("shop"));
    let ctx = harness.ctx.clone();
    harness.state_mut().remember_settings(&ctx, file.clone());
    harness.state_mut().view.prefs.show_comments = true;
    harness.run();
    harness.get_by_label("comment author").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("comment author")
        .type_text("Grace Hopper");
    harness.run();
    let saved = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        !saved.contains("Grace"),
        "not written while the name is being typed"
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.state_mut().view.prefs.snap_to_grid = false;
    harness.ctx.set_theme(egui::ThemePreference::Dark);
    harness.run();
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("Grace Hopper"), "{saved}");

    // The next window starts with them.
    let mut next = self::harness(harness::app_on("shop"));
    let ctx = next.ctx.clone();
    next.state_mut().remember_settings(&ctx, file.clone());
    next.run();
    let view = &next.state().view;
    assert_eq!(view.panels.comments.author, "Grace Hopper");
    assert!(!view.prefs.snap_to_grid);
    assert!(view.prefs.show_comments);
    assert_eq!(
        next.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );

    // A broken file is reported, and the app goes on with the defaults.
    std::fs::write(&file, "(author: 12").unwrap();
    let mut broken = self::harness(harness::app_on("shop"));
    let ctx = broken.ctx.clone();
    broken.state_mut().remember_settings(&ctx, file.clone());
    let notice = broken
        .state()
        .view
        .dialogs
        .notice
        .as_ref()
        .expect("a notice");
    assert!(notice.text.contains("settings.ron:1:"), "{}", notice.text);
}

#[test]
fn named_views_show_their_own_tables_and_positions() {
    let mut harness = harness(harness::app_on("shop"));
    harness.run();
    let schema = harness.state().document.schema().clone();
    let (orders, customers) = (table(&schema, "orders").id, table(&schema, "customers").id);
    harness.state_mut().view.selection.tables = [orders, customers].into();
    harness.state_mut().queue(AppCommand::NewViewFromSelection);
    harness.run();
    harness.run();
    let app = harness.state();
    assert_eq!(app.document.schema().views.len(), 1);
    assert_eq!(app.view.active_view, Some(0));
    let shown: Vec<_> = harness::scene(&harness)
        .tables
        .iter()
        .map(|c| c.table)
        .collect();
    assert_eq!(shown.len(), 2, "only the view's tables are drawn");
    assert!(shown.contains(&orders) && shown.contains(&customers));

    // Moving a table in the view moves it there only.
    let at = harness::header_of(&harness, "orders");
    harness::drag(&mut harness, at, egui::Vec2::new(100.0, 0.0));
    let schema = harness.state().document.schema();
    let in_view = schema.views[0]
        .tables
        .iter()
        .find(|(t, _)| *t == orders)
        .unwrap()
        .1;
    assert!(
        in_view.x > table(schema, "orders").position.x + 50.0,
        "{in_view:?}"
    );
    assert_eq!(
        table(schema, "orders").position,
        table(harness::app_on("shop").document.schema(), "orders").position,
        "the model's own position is unchanged"
    );
    assert_eq!(
        harness.state().document.history().undo_len(),
        2,
        "the view, the move"
    );

    // Keys only, then back to the whole model.
    harness.state_mut().queue(AppCommand::SetViewDetail(
        schemaboard::model::views::Detail::Keys,
    ));
    harness.run();
    harness.run();
    let orders_rows = harness::scene(&harness)
        .tables
        .iter()
        .find(|c| c.table == orders)
        .unwrap()
        .rows
        .len();
    assert!(
        orders_rows
            < table(harness.state().document.schema(), "orders")
                .columns
                .len()
    );
    harness.state_mut().queue(AppCommand::ShowView(None));
    harness.run();
    harness.run();
    assert_eq!(
        harness::scene(&harness).tables.len(),
        12,
        "the whole model again"
    );
}

#[test]
fn presentation_mode_hides_the_chrome_and_steps_through_the_views() {
    let mut harness = harness(harness::app_on("shop"));
    harness.run();
    let schema = harness.state().document.schema().clone();
    for names in [["orders", "customers"], ["products", "warehouses"]] {
        harness.state_mut().view.selection.tables =
            names.iter().map(|n| table(&schema, n).id).collect();
        harness.state_mut().queue(AppCommand::NewViewFromSelection);
        harness.run();
    }
    harness.state_mut().queue(AppCommand::ShowView(None));
    harness.run();
    harness.key_press(egui::Key::F5);
    harness.run();
    harness.run();
    assert!(harness.state().view.presenting);
    assert!(
        harness.query_by_label("File").is_none(),
        "no menu while presenting"
    );
    harness.get_by_label_contains("Esc leaves the presentation");
    let mut seen = Vec::new();
    for _ in 0..3 {
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
        harness.run();
        seen.push(harness.state().view.active_view);
    }
    assert_eq!(
        seen,
        [Some(0), Some(1), None],
        "each view in turn, then the whole model"
    );
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().view.active_view, Some(1));
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(!harness.state().view.presenting);
    harness.get_by_label("File");
}

/// Compared with a model made apart (paired by name), a column alike in all but the name is
/// offered as a probable rename with a checkbox: unticked it is a removal and an addition,
/// ticked one rename, in the list and on the canvas.
#[test]
fn probable_renames_are_offered_with_checkboxes_and_taken_only_when_ticked() {
    let folder = tempfile::tempdir().unwrap();
    let v1 = "CREATE TABLE orders (id int PRIMARY KEY, customer int NOT NULL);\n";
    let v2 = v1.replace("customer", "client");
    let old = schemaboard::import::import_sql(v1, None, "v1").schema;
    let new = schemaboard::import::import_sql(&v2, None, "v2").schema;
    let path = folder.path().join("v1.ron");
    schemaboard::io::save(&path, &old).unwrap();
    let mut harness = harness(App::new(Document::untitled(new)));
    harness.run();
    harness.state_mut().queue(AppCommand::CompareWithPath(path));
    harness.run();
    harness.run();
    let kinds = |harness: &egui_kittest::Harness<'_, App>| {
        let comparing = harness.state().view.comparing.as_ref().unwrap();
        comparing
            .comparison
            .changes
            .iter()
            .map(|c| format!("{} {} {}", c.kind.as_str(), c.object, c.name))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kinds(&harness),
        ["added column client", "removed column customer"]
    );
    harness
        .get_by_label("column orders.customer → client")
        .click();
    harness.run();
    harness.run();
    assert_eq!(kinds(&harness), ["renamed column client"]);
    harness.get_by_label_contains("1 renamed");
}

/// The comparison's Migration script… window writes the script `diff --dialect` writes, asks a
/// value for the rows already there in a column that becomes required (without one, the script
/// stops at a guard), offers PostgreSQL's safe mode, and writes the way back too.
#[test]
fn the_comparison_writes_the_migration_with_values_for_the_rows_and_safe_mode() {
    let folder = tempfile::tempdir().unwrap();
    let v1 = "CREATE TABLE orders (id int PRIMARY KEY, note text);\n";
    let old = schemaboard::import::import_sql(v1, None, "shop").schema;
    let path = folder.path().join("shop.ron");
    schemaboard::io::save(&path, &old).unwrap();
    // The open model is the same lineage, a version on: `note` becomes required and a required
    // column `status` is added, neither with a default.
    let mut new = old.clone();
    let orders = table(&new, "orders").clone();
    let mut note = orders
        .columns
        .iter()
        .find(|c| c.name == "note")
        .unwrap()
        .clone();
    note.nullable = false;
    Edit::SetColumn { column: note }.apply(&mut new).unwrap();
    let mut status = schemaboard::model::Column::new(new.ids.allocate(), "status", DataType::Text);
    status.nullable = false;
    Edit::AddColumn {
        table: orders.id,
        column: status,
        index: usize::MAX,
    }
    .apply(&mut new)
    .unwrap();

    let mut harness = harness(App::new(Document::untitled(new.clone())));
    harness.run();
    harness.state_mut().queue(AppCommand::CompareWithPath(path));
    harness.run();
    harness.run();
    harness.get_by_label("Migration script…").click();
    harness.run();
    harness.run();
    let script = |harness: &egui_kittest::Harness<'_, App>| {
        let window = harness
            .state()
            .view
            .panels
            .export_migration
            .as_ref()
            .unwrap();
        let (needing, sql) = window.last_script().expect("drawn");
        (needing.clone(), sql.as_ref().unwrap().sql.clone())
    };
    let (needing, sql) = script(&harness);
    assert_eq!(
        needing,
        [
            ("orders".to_string(), "note".to_string()),
            ("orders".to_string(), "status".to_string())
        ]
    );
    let cli = schemaboard::export::diff::migration(
        &old,
        &new,
        &schemaboard::export::ddl::postgres::Postgres,
    )
    .unwrap();
    assert_eq!(sql, cli.sql, "the same script as diff --dialect postgres");
    assert!(sql.contains("Guard:"), "{sql}");

    for (field, value) in [("orders.status", "'open'"), ("orders.note", "''")] {
        harness.get_by_label(field).click();
        harness.run();
        harness.get_by_label(field).type_text(value);
        harness.run();
    }
    harness.run();
    harness.run();
    let (_, sql) = script(&harness);
    assert!(!sql.contains("Guard:"), "the values fill the rows: {sql}");
    assert!(sql.contains("UPDATE orders SET status = 'open'"), "{sql}");
    assert!(
        sql.contains("UPDATE orders SET note = '' WHERE note IS NULL"),
        "{sql}"
    );

    harness.get_by_label("Safe for a live database").click();
    harness.run();
    harness.run();
    let (_, sql) = script(&harness);
    assert!(sql.contains("SET lock_timeout"), "{sql}");
    // The values are the open model's, kept with its columns once a field is left, so the
    // next migration (and `diff`) has them too; each is an edit that undo takes back.
    let kept = |harness: &egui_kittest::Harness<'_, App>, name: &str| {
        let schema = harness.state().document.schema();
        let orders = table(schema, "orders");
        let column = orders.columns.iter().find(|c| c.name == name).unwrap();
        column.existing_rows.clone()
    };
    assert_eq!(kept(&harness, "status").as_deref(), Some("'open'"));
    assert_eq!(kept(&harness, "note").as_deref(), Some("''"));
    let from_model = schemaboard::export::diff::migration(
        &old,
        harness.state().document.schema(),
        &schemaboard::export::ddl::postgres::Postgres,
    )
    .unwrap();
    assert!(
        from_model.sql.contains("UPDATE orders SET status = 'open'"),
        "{}",
        from_model.sql
    );
    harness.state_mut().queue(AppCommand::Undo);
    harness.run();
    harness.run();
    assert_eq!(kept(&harness, "note"), None, "undone");
    assert_eq!(kept(&harness, "status").as_deref(), Some("'open'"));
    harness.get_by_label("Safe for a live database").click();
    harness.run();
    harness.run();
    let (_, sql) = script(&harness);
    assert!(
        sql.contains("Guard:"),
        "the note field shows the model's value again (none): {sql}"
    );
    harness.get_by_label("Safe for a live database").click();
    harness.run();

    harness.get_by_label("Down: back again").click();
    harness.run();
    harness.run();
    let (needing, sql) = script(&harness);
    assert!(
        needing.is_empty(),
        "nothing becomes required on the way back"
    );
    assert!(sql.contains("DROP COLUMN status"), "{sql}");
}
