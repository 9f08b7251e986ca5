//! Names built to break exporters — quotes of every kind, backslashes, semicolons, comment
//! openers, `</script>`, `]]>`, newlines, NUL, right-to-left marks, emoji, reserved words,
//! 200-character names — through every exporter but SQL (which `ddl_real_db` runs on real
//! servers): the SVG and the HTML dictionary stay well-formed with the names as text, DBML and
//! Mermaid still parse with their reference parsers (when `scripts/test` installed them) with one
//! table per table and one reference per foreign key, and DOT still lays out with Graphviz.

use crate::common;

use schemaboard::model::{ReferentialAction, Schema, SchemaBuilder};

/// A name that runs script wherever it becomes markup says so in the page: it sets a `data-ran`
/// attribute on the body, which no text can contain.
const NAMES: [&str; 15] = [
    "a\"b'c`d",
    "back\\slash;semi",
    "-- comment /* open",
    "</script><script>alert(1)</script>",
    "]]> <![CDATA[",
    "new\nline",
    "nul\u{0}byte",
    "\u{200F}rtl\u{202E}mark",
    "emoji 🦀🗄️",
    "select",
    "Order",
    "{{ }} | pipe & amp",
    "<img src=x onerror=\"document.body.dataset.ran=1+1\">",
    "<svg onload=document.body.dataset.ran=2+2>",
    "</script><script>document.body.dataset.ran=3+3</script>",
];

fn adversarial() -> Schema {
    let long = format!("long_{}", "n".repeat(195));
    let mut b = SchemaBuilder::new("adversarial </script> \"model\"");
    b.comment("*/ -- </script> ]]>");
    b.table(&long, (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.comment("the longest name, 200 characters");
    });
    for (k, name) in NAMES.iter().enumerate() {
        b.table(name, (k as f32 * 300.0, 300.0), |t| {
            t.comment(name);
            t.column(name, "integer").pk().comment(name);
            t.column(&format!("{name} ref"), "integer")
                .references(&long, "id")
                .on_delete(ReferentialAction::Cascade);
            t.column(&format!("{name} 2"), "text").default("'--; */'");
            t.index(&[&format!("{name} 2")]);
        });
    }
    b.build().unwrap()
}

/// What a name looks like once written as XML text: control characters become spaces.
fn as_text(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

#[test]
fn svg_stays_well_formed_with_every_name_as_text() {
    let model = adversarial();
    let svg = schemaboard::render::to_svg(&model, &Default::default()).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for name in NAMES {
        let want = as_text(name).replace('\n', " ");
        assert!(
            texts.iter().any(|t| t.replace('\n', " ") == want),
            "{name:?} not drawn as text"
        );
    }
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    // The PNG of it draws, too.
    let tiles = schemaboard::render::to_png(&model, &Default::default(), 1.0).unwrap();
    assert!(!tiles.is_empty());
}

#[test]
fn the_html_dictionary_shows_every_name_as_text_and_runs_nothing() {
    let model = adversarial();
    let svg = schemaboard::render::to_svg(&model, &Default::default()).unwrap();
    let html = schemaboard::export::dictionary::to_html(&model, &[], Some(&svg));
    assert!(!html.contains("<script"), "a name became markup");
    assert!(!html.contains("]]>"), "a CDATA end passed through");
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    let markdown = schemaboard::export::dictionary::to_markdown(&model, &[]);
    assert!(
        !markdown.contains("<script"),
        "Markdown renderers pass raw HTML through"
    );
    // Every table row of the Markdown has as many cells as its header.
    for table in markdown.split("\n\n").filter(|b| b.starts_with('|')) {
        let cells = |line: &str| line.replace("\\|", "").matches('|').count();
        let mut lines = table.lines();
        let header = cells(lines.next().unwrap());
        for line in lines {
            assert_eq!(cells(line), header, "{line}");
        }
    }
}

/// The page as headless Chromium leaves it once its scripts and loads have run, or `None` when
/// Chromium is not installed.
fn after_chromium_ran(page: &std::path::Path) -> Option<String> {
    let chromium = std::env::var_os("SCHEMABOARD_CHROMIUM").unwrap_or_else(|| "chromium".into());
    let output = std::process::Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=2000",
            "--dump-dom",
        ])
        .arg(format!("file://{}", page.display()))
        .output()
        .ok()?;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn the_html_dictionary_and_the_svg_run_no_script_in_chromium() {
    let folder = tempfile::tempdir().unwrap();
    let control = folder.path().join("control.html");
    std::fs::write(&control, format!("<html><body>{}</body></html>", NAMES[13])).unwrap();
    let Some(dom) = after_chromium_ran(&control) else {
        println!("skipped: Chromium is not installed (scripts/test installs it)");
        return;
    };
    assert!(
        dom.contains("data-ran=\"4\""),
        "the probe shows a script that ran: {dom}"
    );

    let model = adversarial();
    let svg = schemaboard::render::to_svg(&model, &Default::default()).unwrap();
    let html = schemaboard::export::dictionary::to_html(&model, &[], Some(&svg));
    for (file, text) in [("dictionary.html", html), ("diagram.svg", svg)] {
        let page = folder.path().join(file);
        std::fs::write(&page, text).unwrap();
        let dom = after_chromium_ran(&page).unwrap();
        assert!(!dom.contains("data-ran="), "{file}: a name ran as script");
        assert!(
            dom.contains("dataset.ran=2+2"),
            "{file}: the names are on the page, as text"
        );
    }
}

#[test]
fn dbml_and_mermaid_still_parse_with_their_reference_parsers() {
    let models = [("adversarial".to_string(), adversarial())];
    common::check_counts_with_node(
        "SCHEMABOARD_DBML_CORE",
        "dbml_check.js",
        "dbml",
        &models,
        schemaboard::export::dbml::to_dbml,
        common::dbml_shown,
        common::nothing_else,
    );
    common::check_counts_with_node(
        "SCHEMABOARD_MERMAID",
        "mermaid_check.mjs",
        "mmd",
        &models,
        schemaboard::export::mermaid::to_mermaid,
        common::mermaid_shown,
        common::mermaid_views,
    );
}

#[test]
fn dot_still_lays_out_with_graphviz() {
    if std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_err()
    {
        println!("skipped: Graphviz (dot) is not installed (scripts/test installs it)");
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("adversarial.dot");
    std::fs::write(&path, schemaboard::export::dot::to_dot(&adversarial())).unwrap();
    let output = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg = String::from_utf8(output.stdout).unwrap();
    let nodes = svg.matches("class=\"node\"").count();
    assert_eq!(nodes, NAMES.len() + 1, "one node per table");
    // Graphviz draws each table's name, whole, as the text of its node's header.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&svg, options)
        .expect("Graphviz writes well-formed SVG");
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect();
    for name in NAMES {
        let want = as_text(name).replace('\n', " ");
        assert!(
            texts.iter().any(|t| t.trim() == want.trim()),
            "{name:?} not read back by Graphviz: {texts:?}"
        );
    }
}
