//! Data dictionaries: golden files for a sample model, escaping of hostile names and comments,
//! and working anchors. `SCHEMABOARD_UPDATE_GOLDEN=1 cargo test --test it dictionary` rewrites the
//! golden files after an intended change (review the diff).

use crate::common;

use schemaboard::check::check;
use schemaboard::export::dictionary::{to_html, to_markdown};
use std::path::PathBuf;

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("SCHEMABOARD_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with SCHEMABOARD_UPDATE_GOLDEN=1)",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  expected: {:?}\n  actual:   {:?}",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn model(name: &str) -> schemaboard::model::Schema {
    schemaboard::io::load(&common::sample(name)).unwrap()
}

#[test]
fn markdown_and_html_of_the_shop_match_their_golden_files() {
    let schema = model("shop");
    let findings = check(&schema, &schema.check_settings);
    golden("shop.md", &to_markdown(&schema, &findings));
    golden("shop.html", &to_html(&schema, &findings, None));
}

#[test]
fn accepted_findings_show_their_reason() {
    let schema = model("cms");
    let findings = check(&schema, &schema.check_settings);
    let md = to_markdown(&schema, &findings);
    assert!(
        md.contains("accepted: locales holds a few dozen rows"),
        "{md}"
    );
    let html = to_html(&schema, &findings, None);
    assert!(html.contains("accepted: locales holds a few dozen rows"));
}

#[test]
fn names_and_comments_are_escaped() {
    let mut schema = model("shop");
    schema.tables[0].comment = "<script>alert('x')</script> | a*b_c".into();
    schema.tables[0].columns[1].comment = "line one\nline | two <b>".into();
    schema.tables[0].name = "odd\"<name>".into();
    let findings = check(&schema, &schema.check_settings);
    let html = to_html(&schema, &findings, None);
    assert!(!html.contains("<script>"), "raw script tag in HTML");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("odd&quot;&lt;name&gt;"));
    let md = to_markdown(&schema, &findings);
    assert!(!md.contains("<script>"));
    assert!(md.contains("&lt;script&gt;alert('x')&lt;/script&gt; \\| a\\*b\\_c"));
    // A newline inside a table cell stays inside the cell.
    assert!(md.contains("line one<br>line \\| two &lt;b&gt;"));
    // Every row of a column table has the same number of cells.
    for line in md
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("bigint"))
    {
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 8, "{line}");
    }
}

#[test]
fn every_link_points_at_an_anchor_that_exists() {
    for name in ["sales", "shop", "cms", "saas", "flawed_inventory"] {
        let schema = model(name);
        let findings = check(&schema, &schema.check_settings);
        let html = to_html(&schema, &findings, None);
        let ids: Vec<&str> = html
            .split("id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        for href in html
            .split("href=\"#")
            .skip(1)
            .filter_map(|s| s.split('"').next())
        {
            assert!(ids.contains(&href), "{name}: #{href} has no target");
        }
        let md = to_markdown(&schema, &findings);
        let anchors: Vec<&str> = md
            .split("<a id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        for target in md.split("](#").skip(1).filter_map(|s| s.split(')').next()) {
            assert!(anchors.contains(&target), "{name}: #{target} has no anchor");
        }
        assert_eq!(anchors.len(), schema.tables.len());
    }
}

#[test]
fn the_html_from_the_command_line_embeds_the_diagram() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("shop.html");
    let status = common::schemaboard(folder.path())
        .args([
            "export",
            common::sample("shop").to_str().unwrap(),
            "--format",
            "html",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success());
    let html = std::fs::read_to_string(&out).unwrap();
    let svg = &html[html.find("<svg").expect("an embedded SVG")..];
    assert!(svg.contains("@font-face") && svg.contains(">order_items<"));
}

#[test]
fn review_comments_are_listed_with_what_they_are_about() {
    use schemaboard::model::FindingTarget;
    use schemaboard::model::review::{Message, Thread};
    let mut schema = model("shop");
    let orders = schema.tables.iter().find(|t| t.name == "orders").unwrap();
    let total = orders
        .columns
        .iter()
        .find(|c| c.name == "total")
        .map(|c| c.id);
    let on_orders = FindingTarget {
        table: Some(orders.id),
        columns: total.into_iter().collect(),
        ..FindingTarget::default()
    };
    let say = |text: &str| Message {
        author: "ana".into(),
        at: "2026-11-25T10:00:00Z".into(),
        text: text.into(),
    };
    schema.comments = vec![
        Thread {
            number: 1,
            on: on_orders,
            resolved: true,
            messages: vec![
                say("Keep the total as a snapshot <b>on purpose</b>."),
                say("Agreed."),
            ],
        },
        Thread {
            number: 2,
            messages: vec![say("Who owns the model?")],
            ..Thread::default()
        },
    ];
    let findings = check(&schema, &schema.check_settings);
    let md = to_markdown(&schema, &findings);
    assert!(md.contains("## Review comments"), "{md}");
    let about = if total.is_some() {
        "orders.total"
    } else {
        "orders"
    };
    assert!(
        md.contains(&format!(
            "- **#1** on [{}](#table-orders) (resolved)",
            about.replace('_', "\\_")
        )),
        "{md}"
    );
    assert!(
        md.contains("  - ana, 2026-11-25T10:00:00Z: Agreed."),
        "{md}"
    );
    assert!(md.contains("- **#2** on the model (open)"), "{md}");
    let html = to_html(&schema, &findings, None);
    assert!(
        html.contains("&lt;b&gt;on purpose&lt;/b&gt;"),
        "comment text is escaped"
    );
    assert!(
        html.contains("<a href=\"#table-orders\">"),
        "linked to its table"
    );
    let plain = to_markdown(&model("shop"), &[]);
    assert!(
        !plain.contains("Review comments"),
        "no section without comments"
    );
}

#[test]
fn views_routines_and_triggers_are_listed_with_their_tables_and_sql() {
    let mut schema = model("shop");
    let object = |kind: &str, name: &str, sql: &str| schemaboard::model::VerbatimSql {
        kind: kind.into(),
        name: name.into(),
        dialect: schemaboard::model::Dialect::Postgres,
        sql: sql.into(),
    };
    schema.verbatim = vec![
        object(
            "view",
            "late_orders",
            "CREATE VIEW late_orders AS\nSELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id\n-- ```\nWHERE o.number <> '</code><script>alert(1)</script>'",
        ),
        object(
            "trigger",
            "orders_audit",
            "CREATE TRIGGER orders_audit AFTER UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION audit()",
        ),
        object("extension", "pgcrypto", "CREATE EXTENSION pgcrypto"),
    ];
    let findings = check(&schema, &schema.check_settings);
    let md = to_markdown(&schema, &findings);
    assert!(md.contains("## Views and routines"), "{md}");
    assert!(md.contains(
        "### view late\\_orders\n\nWritten for PostgreSQL; reads [customers](#table-customers), [orders](#table-orders).\n\n````sql\nCREATE VIEW late_orders AS\n"
    ), "{md}");
    // The backticks inside cannot close the block: its fence is longer.
    assert!(md.contains("-- ```\nWHERE"), "{md}");
    assert!(md.contains("\n````\n"), "{md}");
    assert!(md.contains(
        "### trigger orders\\_audit\n\nWritten for PostgreSQL; on [orders](#table-orders)."
    ));
    // What a migration makes once (an extension) is not listed among them.
    assert!(!md.contains("pgcrypto"), "{md}");
    let html = to_html(&schema, &findings, None);
    assert!(html.contains("<h3>view late_orders</h3>"), "{html}");
    assert!(html.contains(
        "reads <a href=\"#table-customers\">customers</a>, <a href=\"#table-orders\">orders</a>"
    ));
    assert!(!html.contains("<script>alert(1)"), "raw script tag in HTML");
    assert!(html.contains("&lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
}
