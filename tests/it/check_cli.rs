//! `schemaboard check` through the real binary: the sample models, the three formats, exit
//! codes under `--deny`, SQL input, and the dialect override.

use crate::common;

use common::{sample, schemaboard};
use serde_json::Value;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let folder = tempfile::tempdir().unwrap();
    let output = schemaboard(folder.path()).args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn clean_samples_pass_at_warning_level() {
    for name in ["sales", "shop", "cms", "saas"] {
        let model = sample(name);
        let (code, out, err) = run(&["check", model.to_str().unwrap(), "--deny", "warning"]);
        assert_eq!(code, Some(0), "{name}: {out}{err}");
        assert!(out.contains("0 errors, 0 warnings"), "{name}: {out}");
    }
}

#[test]
fn the_flawed_sample_shows_every_family_like_a_compiler() {
    let model = sample("flawed_inventory");
    let (code, out, _) = run(&["check", model.to_str().unwrap()]);
    assert_eq!(code, Some(1), "DL501 errors fail the default --deny error");
    for family in ["[NF1", "[IX2", "[IN3", "[NM4", "[DL5"] {
        assert!(out.contains(family), "{family} missing:\n{out}");
    }
    assert!(
        out.contains("warning[IX201] fk-without-index: foreign key tbl_products.(supplier_id)"),
        "{out}"
    );
    assert!(out.contains("  --> "), "{out}");
    assert!(
        out.contains("  = help: Create an index on tbl_products(supplier_id)."),
        "{out}"
    );
}

#[test]
fn json_has_the_documented_shape() {
    let model = sample("flawed_inventory");
    let (_, out, _) = run(&["check", model.to_str().unwrap(), "--format", "json"]);
    let report: Value = serde_json::from_str(&out).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.len() > 20);
    for f in findings {
        for key in [
            "code", "rule", "severity", "table", "columns", "index", "message", "help",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
    let summary = &report["summary"];
    let total = summary["errors"].as_u64().unwrap()
        + summary["warnings"].as_u64().unwrap()
        + summary["infos"].as_u64().unwrap();
    assert_eq!(total as usize, findings.len());
    assert!(findings.iter().any(|f| f["code"] == "IX201"
        && f["table"] == "tbl_products"
        && f["columns"][0] == "supplier_id"));
}

#[test]
fn sarif_is_2_1_0_with_rules_and_located_results() {
    let model = sample("flawed_inventory");
    let (_, out, _) = run(&["check", model.to_str().unwrap(), "--format", "sarif"]);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["version"], "2.1.0");
    let run = &report["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 45);
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap();
        assert!(line >= 1);
    }
    // The IX201 on tbl_products.supplier_id points at that column's line in the .ron file.
    let text = std::fs::read_to_string(&model).unwrap();
    let hit = results
        .iter()
        .find(|r| {
            r["ruleId"] == "IX201"
                && r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                    == "tbl_products.supplier_id"
        })
        .unwrap();
    let line = hit["locations"][0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap() as usize;
    assert!(
        text.lines()
            .nth(line - 1)
            .unwrap()
            .contains("\"supplier_id\"")
    );
}

#[test]
fn deny_level_and_dialect_override() {
    let model = sample("shop");
    let model = model.to_str().unwrap();
    assert_eq!(run(&["check", model, "--deny", "warning"]).0, Some(0));
    assert_eq!(run(&["check", model, "--deny", "info"]).0, Some(1));
    // Checked for MySQL instead of PostgreSQL, `position` is a reserved word there.
    let (code, out, _) = run(&["check", model, "--deny", "warning", "--dialect", "mysql"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("NM403"), "{out}");
}

#[test]
fn sql_input_is_imported_and_checked_for_its_dialect() {
    let folder = tempfile::tempdir().unwrap();
    let sql = folder.path().join("legacy.sql");
    std::fs::write(
        &sql,
        "CREATE TABLE customers (id bigint PRIMARY KEY, name text);\n\
         CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers(id), price double precision);\n",
    )
    .unwrap();
    let (code, out, _) = run(&[
        "check",
        sql.to_str().unwrap(),
        "--format",
        "json",
        "--deny",
        "warning",
    ]);
    assert_eq!(code, Some(1));
    let report: Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"IX201") && codes.contains(&"IN320"),
        "{codes:?}"
    );
}

#[test]
fn dbml_input_is_imported_and_checked() {
    let folder = tempfile::tempdir().unwrap();
    let dbml = folder.path().join("sketch.dbml");
    std::fs::write(
        &dbml,
        "Table customers {\n  id bigint [pk]\n}\nTable orders {\n  id bigint [pk]\n  customer_id bigint [ref: > customers.id]\n}\nTable broken {\n  id int [note: 'open]\n}\n",
    )
    .unwrap();
    let (code, out, err) = run(&["check", dbml.to_str().unwrap(), "--deny", "warning"]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        out.contains("fk-without-index: foreign key orders.(customer_id)"),
        "{out}"
    );
    assert!(err.contains("1 statements could not be read"), "{err}");
}
