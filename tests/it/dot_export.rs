//! DOT export read by Graphviz itself: every sample model lays out with `dot`, with one node per
//! table and one edge per foreign key. `scripts/test` installs Graphviz; without `dot` on the
//! PATH this test says it was skipped.

use crate::common;

use schemaboard::export::dot::to_dot;

#[test]
fn graphviz_reads_the_dot_of_every_sample() {
    if std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_err()
    {
        println!("skipped: Graphviz `dot` is not installed (scripts/test installs it)");
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    for path in common::sample_models() {
        let mut model = schemaboard::io::load(&path).unwrap();
        // Names that would break a careless writer.
        model.tables[0].comment = "x".into();
        model.tables[0].name = "odd \"name\" <&>".into();
        let file = folder.path().join("model.dot");
        std::fs::write(&file, to_dot(&model)).unwrap();
        let output = std::process::Command::new("dot")
            .args(["-Tsvg"])
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{}: {stderr}", path.display());
        let svg = String::from_utf8_lossy(&output.stdout);
        let stats = model.stats();
        assert_eq!(
            svg.matches("class=\"node\"").count(),
            stats.tables,
            "{}",
            path.display()
        );
        assert_eq!(
            svg.matches("class=\"edge\"").count(),
            stats.foreign_keys,
            "{}",
            path.display()
        );
        assert!(
            svg.contains("odd &quot;name&quot; &lt;&amp;&gt;"),
            "{}",
            path.display()
        );
    }
}
