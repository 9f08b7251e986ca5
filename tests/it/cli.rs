//! The command line, through the real binary: help, version, exit codes, error messages.

use crate::common;

use common::{sample, schemaboard};

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_lists_the_five_subcommands() {
    let folder = tempfile::tempdir().unwrap();
    let output = schemaboard(folder.path()).arg("--help").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    for subcommand in ["import", "check", "export", "render", "diff"] {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(subcommand)),
            "{subcommand} missing from:\n{help}"
        );
    }
    assert!(help.contains("Exit codes"));
}

#[test]
fn every_subcommand_has_help() {
    let folder = tempfile::tempdir().unwrap();
    for subcommand in ["import", "check", "export", "render", "diff"] {
        let output = schemaboard(folder.path())
            .args([subcommand, "--help"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{subcommand} --help");
        assert!(String::from_utf8_lossy(&output.stdout).contains("Usage: schemaboard"));
    }
}

#[test]
fn version_names_the_crate_version() {
    let folder = tempfile::tempdir().unwrap();
    let output = schemaboard(folder.path())
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("schemaboard {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let folder = tempfile::tempdir().unwrap();
    for args in [
        &["frobnicate"][..],
        &["export", "x.ron", "--format", "pdf"],
        &["render"],
    ] {
        let output = schemaboard(folder.path()).args(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr_of(&output)
        );
    }
}

#[test]
fn a_missing_model_is_an_io_error_naming_the_file() {
    let folder = tempfile::tempdir().unwrap();
    let output = schemaboard(folder.path())
        .args(["check", "nowhere.ron"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("nowhere.ron"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn a_malformed_model_is_an_input_error_with_line_and_column() {
    let folder = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("shop")).unwrap();
    // A stray `]` where the model's comment should be.
    let line = text.lines().position(|l| l.contains("comment:")).unwrap() + 1;
    let broken = text.replacen("comment: ", "comment: ]", 1);
    std::fs::write(folder.path().join("broken.ron"), broken).unwrap();
    let output = schemaboard(folder.path())
        .args(["check", "broken.ron"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    let column = "        comment: ".len() + 1;
    assert!(
        stderr.starts_with(&format!("schemaboard: broken.ron:{line}:{column}: ")),
        "{stderr}"
    );
}

#[test]
fn diff_reports_what_changed_as_text_json_and_html() {
    let folder = tempfile::tempdir().unwrap();
    let old = sample("sales");
    let mut schema = schemaboard::io::load(&old).unwrap();
    let users = schema
        .tables
        .iter_mut()
        .find(|t| t.name == "users")
        .unwrap();
    users
        .columns
        .iter_mut()
        .find(|c| c.name == "phone")
        .unwrap()
        .name = "mobile".into();
    let new = folder.path().join("sales-v2.ron");
    schemaboard::io::save(&new, &schema).unwrap();
    let run = |format: &str| {
        let output = schemaboard(folder.path())
            .args([
                "diff",
                old.to_str().unwrap(),
                new.to_str().unwrap(),
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    let text = run("text");
    assert!(text.contains("> column users.mobile: was phone"), "{text}");
    assert!(text.contains("matched by stable ids"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(
        json["changes"],
        serde_json::json!([{"kind": "renamed", "object": "column", "table": "users",
            "name": "mobile", "detail": "was phone"}])
    );
    let html = run("html");
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("was phone"),
        "{html}"
    );
    // A report and a migration are different jobs.
    let output = schemaboard(folder.path())
        .args(["diff", old.to_str().unwrap(), new.to_str().unwrap()])
        .args(["--format", "json", "--dialect", "postgres"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn import_writes_a_model_and_ends_with_the_summary_line() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("shop.sql"),
        "CREATE TABLE `customer` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;\n\
         CREATE TABLE `order` (`id` int PRIMARY KEY, `customer_id` int, KEY `k` (`customer_id`),\n\
         FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`));\nGRANT ALL ON shop.* TO app;\n",
    )
    .unwrap();
    let output = schemaboard(folder.path())
        .args(["import", "shop.sql", "-o", "shop.ron"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("read as mysql (guessed"), "{stderr}");
    assert_eq!(
        stderr.lines().last().unwrap(),
        "imported: 2 tables, 3 columns, 1 foreign keys, 3 indexes; kept 0 statements verbatim; dropped 1 statements; 0 failed"
    );
    let model = schemaboard::io::load(&folder.path().join("shop.ron")).unwrap();
    assert_eq!(model.tables.len(), 2);
}

#[test]
fn import_never_replaces_an_existing_model_without_force() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("new.sql"),
        "CREATE TABLE fresh (id int);\n",
    )
    .unwrap();
    let model = folder.path().join("model.ron");
    std::fs::copy(sample("shop"), &model).unwrap();
    let before = std::fs::read(&model).unwrap();
    let output = schemaboard(folder.path())
        .args(["import", "new.sql", "-o", "model.ron"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("model.ron: the file exists; pass --force to replace it"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&model).unwrap(), before, "untouched");
    let output = schemaboard(folder.path())
        .args(["import", "new.sql", "--force", "-o", "model.ron"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let replaced = schemaboard::io::load(&model).unwrap();
    assert_eq!(replaced.tables.len(), 1);
    assert_eq!(
        std::fs::read(folder.path().join("model.ron.bak")).unwrap(),
        before,
        "the replaced model is kept beside it"
    );
}

#[test]
fn inputs_over_the_size_limit_are_refused_with_the_limit_named() {
    let folder = tempfile::tempdir().unwrap();
    let limits = [
        ("huge.sql", schemaboard::io::MAX_SCRIPT_BYTES),
        ("huge.ron", schemaboard::io::MAX_MODEL_BYTES),
    ];
    for (name, limit) in limits {
        // Sparse files: the size without the disk.
        let file = std::fs::File::create(folder.path().join(name)).unwrap();
        file.set_len(limit + 1).unwrap();
    }
    let (script, model) = (
        "513 MiB; Schemaboard reads files of up to 512 MiB",
        "2049 MiB; Schemaboard reads files of up to 2048 MiB",
    );
    for (args, says) in [
        (vec!["import", "huge.sql", "-o", "out.ron"], script),
        (vec!["check", "huge.sql"], script),
        (vec!["check", "huge.ron"], model),
        (vec!["export", "huge.ron", "--format", "dbml"], model),
    ] {
        let output = schemaboard(folder.path()).args(&args).output().unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("{}: the file is {says}", args[1])),
            "{args:?}: {stderr}"
        );
    }
    assert!(!folder.path().join("out.ron").exists());
}

#[test]
fn import_reports_a_bad_statement_at_its_place_and_exits_1() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("bad.sql"),
        "CREATE TABLE a (id int);\nCREATE TABLE b (id int,, x int);\nCREATE TABLE c (id int);\n",
    )
    .unwrap();
    let output = schemaboard(folder.path())
        .args([
            "import",
            "bad.sql",
            "--dialect",
            "postgres",
            "-o",
            "out.ron",
        ])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad.sql:2:"), "{stderr}");
    assert!(stderr.ends_with("imported: 2 tables, 2 columns, 0 foreign keys, 0 indexes; kept 0 statements verbatim; dropped 0 statements; 1 failed\n"), "{stderr}");
}

#[test]
fn export_sql_writes_ddl_and_warns_about_losses() {
    let folder = tempfile::tempdir().unwrap();
    let model = sample("saas");
    let output = schemaboard(folder.path())
        .args([
            "export",
            model.to_str().unwrap(),
            "--format",
            "sql",
            "--dialect",
            "mysql",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let sql = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(sql.contains("CREATE TABLE tenants ("), "{sql}");
    assert!(stderr_of(&output).contains("uuid written as CHAR(36)"));
    let output = schemaboard(folder.path())
        .args(["export", model.to_str().unwrap(), "--format", "sql"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "no dialect");
    // --strict: the same script, and exit 1 because it does not carry everything.
    let strict = |model: &std::path::Path, dialect: &str| {
        schemaboard(folder.path())
            .args([
                "export",
                model.to_str().unwrap(),
                "--format",
                "sql",
                "--strict",
            ])
            .args(["--dialect", dialect])
            .output()
            .unwrap()
    };
    let output = strict(&model, "mysql");
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("-- Not carried as it is in the model")
    );
    assert!(
        stderr_of(&output).contains("export --strict"),
        "{}",
        stderr_of(&output)
    );
    // shop says nothing PostgreSQL cannot.
    let output = strict(&sample("shop"), "postgres");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
}

#[test]
fn gen_writes_a_deterministic_synthetic_model() {
    let folder = tempfile::tempdir().unwrap();
    for name in ["a.ron", "b.ron"] {
        let output = schemaboard(folder.path())
            .args([
                "gen",
                "--tables",
                "60",
                "--columns",
                "8",
                "--queries",
                "5",
                "--seed",
                "3",
                "-o",
                name,
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        assert!(stderr_of(&output).contains("generated: 60 tables, 480 columns"));
    }
    let a = std::fs::read(folder.path().join("a.ron")).unwrap();
    assert_eq!(a, std::fs::read(folder.path().join("b.ron")).unwrap());
    let model = schemaboard::io::load(&folder.path().join("a.ron")).unwrap();
    assert_eq!(model.queries.len(), 5);
    let output = schemaboard(folder.path())
        .args(["gen", "--tables", "0", "-o", "c.ron"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// Pixels of exactly this colour in a PNG.
fn pixels_of(png_bytes: &[u8], rgb: [u8; 3]) -> usize {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let channels = info.color_type.samples();
    buffer[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| p[..3] == rgb)
        .count()
}

#[test]
fn diff_as_png_marks_added_changed_and_removed_tables() {
    use schemaboard::model::{DataType, Edit, Point, Table};
    let folder = tempfile::tempdir().unwrap();
    let old = schemaboard::io::load(&sample("sales")).unwrap();
    let mut new = old.clone();
    let id = new.ids.allocate();
    Edit::AddTable {
        table: Table::new(id, "price_lists", Point::new(0.0, 1200.0)),
        index: usize::MAX,
    }
    .apply(&mut new)
    .unwrap();
    let audit = new
        .tables
        .iter()
        .find(|t| t.name == "audit_log")
        .unwrap()
        .id;
    Edit::RemoveTable { table: audit }.apply(&mut new).unwrap();
    let retailers = new.tables.iter().find(|t| t.name == "retailers").unwrap();
    let mut column = retailers.columns[1].clone();
    column.data_type = DataType::Text;
    Edit::SetColumn { column }.apply(&mut new).unwrap();
    schemaboard::io::save(&folder.path().join("old.ron"), &old).unwrap();
    schemaboard::io::save(&folder.path().join("new.ron"), &new).unwrap();
    let run = |new: &str, out: &str| {
        let output = schemaboard(folder.path())
            .args(["diff", "old.ron", new, "--format", "png", "-o", out])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        std::fs::read(folder.path().join(out)).unwrap()
    };
    let changed = run("new.ron", "changes.png");
    let same = run("old.ron", "same.png");
    if let Some(keep) = std::env::var_os("SCHEMABOARD_KEEP_DIFF_PNG") {
        std::fs::write(keep, &changed).unwrap();
    }
    let (green, amber, red) = ([22, 163, 74], [217, 119, 6], [220, 38, 38]);
    for (colour, what) in [(green, "added"), (amber, "changed"), (red, "removed")] {
        assert!(
            pixels_of(&changed, colour) > pixels_of(&same, colour) + 100,
            "{what} is marked"
        );
    }
    let output = schemaboard(folder.path())
        .args(["diff", "old.ron", "new.ron", "--format", "png"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "a picture needs a file");
}

#[test]
fn outputs_never_clobber_what_schemaboard_did_not_write() {
    let folder = tempfile::tempdir().unwrap();
    let model = common::sample_models()[0].clone();
    let export = |out: &str, force: bool| {
        let mut command = common::schemaboard(folder.path());
        command.arg("export").arg(&model).args([
            "--format",
            "sql",
            "--dialect",
            "postgres",
            "-o",
            out,
        ]);
        if force {
            command.arg("--force");
        }
        command.assert()
    };
    // Ours, unchanged: replaced again and again.
    export("shop.sql", false).success();
    export("shop.sql", false).success();
    // Someone's file, or ours edited since: refused, and left as it was.
    std::fs::write(folder.path().join("notes.sql"), "my notes").unwrap();
    let refused = export("notes.sql", false).failure();
    assert!(String::from_utf8_lossy(&refused.get_output().stderr).contains("pass --force"));
    assert_eq!(
        std::fs::read_to_string(folder.path().join("notes.sql")).unwrap(),
        "my notes"
    );
    std::fs::write(folder.path().join("shop.sql"), "edited").unwrap();
    export("shop.sql", false).failure();
    export("shop.sql", true).success();
    assert_eq!(
        std::fs::read_to_string(folder.path().join("shop.sql.bak")).unwrap(),
        "edited"
    );
    // A model: refused, twice over, and the model and its backup survive.
    std::fs::copy(&model, folder.path().join("m.ron")).unwrap();
    let refused = export("m.ron", false).failure();
    assert!(String::from_utf8_lossy(&refused.get_output().stderr).contains("is a model"));
    export("m.ron", false).failure();
    assert_eq!(
        std::fs::read(folder.path().join("m.ron")).unwrap(),
        std::fs::read(&model).unwrap()
    );
    // A device is written through, never replaced by a file.
    export("/dev/null", false).success();
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    // Through a symbolic link, the file it names is written and the link stays.
    std::os::unix::fs::symlink("target.sql", folder.path().join("link.sql")).unwrap();
    export("link.sql", false).success();
    assert!(
        std::fs::symlink_metadata(folder.path().join("link.sql"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(folder.path().join("target.sql"))
            .unwrap()
            .contains("CREATE TABLE")
    );
}

#[test]
fn a_fifo_is_read_once_and_utf16_scripts_are_read_as_text() {
    let folder = tempfile::tempdir().unwrap();
    let fifo = folder.path().join("model.fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let model = std::fs::read(&common::sample_models()[0]).unwrap();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, model).unwrap())
    };
    let output = common::schemaboard(folder.path())
        .args(["check", "model.fifo", "--format", "json"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    writer.join().unwrap();
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let sql = "CREATE TABLE a (x int);\nCREATE TABLE b (y int);\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(sql.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(folder.path().join("win.sql"), utf16).unwrap();
    let output = common::schemaboard(folder.path())
        .args([
            "import",
            "win.sql",
            "--dialect",
            "postgres",
            "-o",
            "win.ron",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("imported: 2 tables"));
}

/// Imports `v1` and `v2` (SQL) separately, as `v1.ron` and `v2.ron` in `folder`.
fn import_versions(folder: &std::path::Path, v1: &str, v2: &str) {
    for (name, text) in [("v1", v1), ("v2", v2)] {
        std::fs::write(folder.join(format!("{name}.sql")), text).unwrap();
        common::schemaboard(folder)
            .args([
                "import",
                &format!("{name}.sql"),
                "-o",
                &format!("{name}.ron"),
            ])
            .assert()
            .success();
    }
}

/// `diff --dialect` between two separately imported SQL files pairs them by name (their ids
/// mean nothing to each other): the migration adds the inserted column, renames nothing.
#[test]
fn diff_of_two_imports_writes_the_real_change() {
    let folder = tempfile::tempdir().unwrap();
    let v1 = "CREATE TABLE a (id int PRIMARY KEY, x int);\nCREATE TABLE b (id int PRIMARY KEY, y int);\n";
    let v2 = "CREATE TABLE a (id int PRIMARY KEY, inserted int, x int);\nCREATE TABLE b (id int PRIMARY KEY, y int);\n";
    import_versions(folder.path(), v1, v2);
    let output = common::schemaboard(folder.path())
        .args(["diff", "v1.ron", "v2.ron", "--dialect", "postgres"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let sql = String::from_utf8(output.stdout).unwrap();
    assert!(sql.contains("ALTER TABLE a ADD COLUMN inserted"), "{sql}");
    assert!(!sql.contains("RENAME") && !sql.contains("DROP"), "{sql}");
    // Asked to pair by id, the same files give the accident this guards against.
    let by_id = common::schemaboard(folder.path())
        .args([
            "diff",
            "v1.ron",
            "v2.ron",
            "--dialect",
            "postgres",
            "--match",
            "ids",
        ])
        .output()
        .unwrap();
    assert_ne!(String::from_utf8_lossy(&by_id.stdout), sql);
}

/// `diff --out-dir` writes the up and down scripts as the folder's next numbered pair, as
/// Flyway names them.
#[test]
fn diff_writes_numbered_migration_files() {
    let folder = tempfile::tempdir().unwrap();
    let v1 = "CREATE TABLE a (id int PRIMARY KEY);\n";
    let v2 = "CREATE TABLE a (id int PRIMARY KEY, tax numeric(5,2));\n";
    import_versions(folder.path(), v1, v2);
    let migrations = folder.path().join("migrations");
    std::fs::create_dir(&migrations).unwrap();
    std::fs::write(migrations.join("V007__earlier.sql"), "SELECT 1;\n").unwrap();
    let diff = |name: &str| {
        common::schemaboard(folder.path())
            .args(["diff", "v1.ron", "v2.ron", "--dialect", "postgres"])
            .args(["--out-dir", "migrations", "--name", name])
            .output()
            .unwrap()
    };
    let output = diff("add_tax");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let up = std::fs::read_to_string(migrations.join("V008__add_tax.sql")).unwrap();
    let down = std::fs::read_to_string(migrations.join("U008__add_tax.sql")).unwrap();
    assert!(up.contains("ADD COLUMN tax"), "{up}");
    assert!(down.contains("DROP COLUMN tax"), "{down}");
    assert!(diff("again").status.success());
    assert!(migrations.join("V009__again.sql").exists());
    let refused = diff("no spaces");
    assert!(!refused.status.success());
    assert!(
        stderr_of(&refused).contains("--name"),
        "{}",
        stderr_of(&refused)
    );
}

/// `diff --backfill TABLE.COLUMN=EXPR` fills the rows of a column that becomes required before
/// it does; a flag without `TABLE.COLUMN=`, a column the model lacks and a value that is more
/// than one expression are refused with the flag named, and nothing is written.
#[test]
fn diff_backfill_fills_a_required_column_and_refuses_what_it_cannot_write() {
    let folder = tempfile::tempdir().unwrap();
    let v1 = "CREATE TABLE app.orders (id int PRIMARY KEY, status text);\n";
    let v2 = "CREATE TABLE app.orders (id int PRIMARY KEY, status text NOT NULL);\n";
    import_versions(folder.path(), v1, v2);
    let diff = |backfill: &str| postgres_diff(folder.path(), &["--backfill", backfill], "");
    let output = diff("app.orders.status='open'");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let sql = String::from_utf8(output.stdout).unwrap();
    let update = sql
        .find("UPDATE app.orders SET status = 'open' WHERE status IS NULL")
        .unwrap();
    assert!(update < sql.find("SET NOT NULL").unwrap(), "{sql}");
    for (flag, said) in [
        ("status='open'", "TABLE.COLUMN=EXPR"),
        ("app.orders.nope=1", "app.orders.nope"),
        ("app.orders.status=1; DROP TABLE app.orders", "refused"),
    ] {
        let output = diff(flag);
        assert!(!output.status.success(), "{flag}");
        assert!(output.stdout.is_empty(), "{flag}");
        assert!(
            stderr_of(&output).contains(said),
            "{flag}: {}",
            stderr_of(&output)
        );
    }
}

/// Between two imports (paired by name), a column and a table alike in all but the name are
/// probable renames: listed and migrated as drop and add by default, migrated as renames with
/// `--renames accept`, or asked with `--renames ask` (answers read from standard input).
#[test]
fn diff_proposes_probable_renames_and_applies_only_the_accepted() {
    let folder = tempfile::tempdir().unwrap();
    let v1 = "CREATE TABLE orders (id int PRIMARY KEY, customer int NOT NULL, note text);\n\
              CREATE TABLE people (id int PRIMARY KEY, name text);\n";
    let v2 = "CREATE TABLE orders (id int PRIMARY KEY, client int NOT NULL, note text);\n\
              CREATE TABLE persons (id int PRIMARY KEY, name text);\n";
    import_versions(folder.path(), v1, v2);
    let diff = |renames: &str, answers: &str| {
        postgres_diff(folder.path(), &["--renames", renames], answers)
    };
    let never = diff("never", "");
    assert!(never.status.success(), "{}", stderr_of(&never));
    let sql = String::from_utf8(never.stdout.clone()).unwrap();
    assert!(
        !sql.contains("RENAME") && sql.contains("DROP COLUMN customer"),
        "{sql}"
    );
    let said = stderr_of(&never);
    assert!(said.contains("column orders.customer → client"), "{said}");
    assert!(said.contains("table people → persons"), "{said}");

    let accept = diff("accept", "");
    let sql = String::from_utf8(accept.stdout).unwrap();
    assert!(
        sql.contains("ALTER TABLE orders RENAME COLUMN customer TO client"),
        "{sql}"
    );
    assert!(
        sql.contains("ALTER TABLE people RENAME TO persons"),
        "{sql}"
    );
    assert!(
        !sql.contains("DROP COLUMN") && !sql.contains("DROP TABLE"),
        "{sql}"
    );

    // Asked in the order proposed: the column yes, the table no.
    let ask = diff("ask", "y\nn\n");
    let sql = String::from_utf8(ask.stdout).unwrap();
    assert!(sql.contains("RENAME COLUMN customer TO client"), "{sql}");
    assert!(
        sql.contains("DROP TABLE people") && !sql.contains("RENAME TO persons"),
        "{sql}"
    );
}

/// `diff v1.ron v2.ron --dialect postgres` with `extra` flags, `answers` on standard input.
fn postgres_diff(folder: &std::path::Path, extra: &[&str], answers: &str) -> std::process::Output {
    common::schemaboard(folder)
        .args(["diff", "v1.ron", "v2.ron", "--dialect", "postgres"])
        .args(extra)
        .write_stdin(answers)
        .output()
        .unwrap()
}
