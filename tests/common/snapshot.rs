//! What a server's catalog holds after a script ran, object by object, as sorted lines: the
//! ground truth that a same-dialect round trip (import, then export to the same dialect) must
//! reproduce. Each line names one fact (a column with its type as the catalog reports it, its
//! nullability, default and collation; a constraint with the server's own definition text; an
//! index as the server would recreate it; a comment; a sequence with its options), so two
//! snapshots differ exactly where a fact differs.
//!
//! The servers are the ones `scripts/test` starts; the scripts run through the servers' own
//! clients, which carry on past errors and report each one.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

/// The catalog's facts and the errors the script raised while it ran.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// One fact a line.
    pub facts: BTreeSet<String>,
    /// Each error the server reported, as it reported it.
    pub errors: Vec<String>,
}

impl Snapshot {
    /// The facts only in `self` (`-`) and only in `other` (`+`).
    pub fn differences(&self, other: &Snapshot) -> Vec<String> {
        let mut out: Vec<String> = self
            .facts
            .difference(&other.facts)
            .map(|f| format!("- {f}"))
            .chain(
                other
                    .facts
                    .difference(&self.facts)
                    .map(|f| format!("+ {f}")),
            )
            .collect();
        out.sort_by(|a, b| a[2..].cmp(&b[2..]));
        out
    }

    /// How many facts of each kind (the line's first word).
    pub fn count(&self, kind: &str) -> usize {
        self.facts
            .iter()
            .filter(|f| f.split(' ').next() == Some(kind))
            .count()
    }
}

fn pipe(mut command: Command, input: &str) -> (String, String) {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let mut stdin = child.stdin.take().expect("piped");
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let output = child.wait_with_output().expect("the client runs");
    let _ = writer.join();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
}

const PG_NAMESPACES: &str = "n.nspname NOT IN ('pg_catalog', 'information_schema') \
     AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

/// Not made by an extension (`CREATE EXTENSION` objects are the extension's, not the script's).
fn pg_not_extension(oid: &str, catalog: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{catalog}'::regclass \
         AND e.objid = {oid} AND e.deptype = 'e')"
    )
}

fn pg_queries() -> Vec<String> {
    let ns = PG_NAMESPACES;
    let class_ok = pg_not_extension("c.oid", "pg_class");
    vec![
        format!("SELECT 'schema ' || quote_ident(n.nspname) FROM pg_namespace n WHERE {ns} AND n.nspname <> 'public'"),
        "SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'".to_string(),
        format!(
            "SELECT 'relation ' || c.oid::regclass || ' kind ' || c.relkind::text
               || CASE c.relpersistence WHEN 'u' THEN ' unlogged' ELSE '' END
               || coalesce(' partition by ' || pg_get_partkeydef(c.oid), '')
               || coalesce(' ' || pg_get_expr(c.relpartbound, c.oid), '')
               || coalesce(' inherits ' || (SELECT string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno)
                                              FROM pg_inherits i WHERE i.inhrelid = c.oid), '')
               || coalesce(' options ' || array_to_string(c.reloptions, ','), '')
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {ns} AND {class_ok}"
        ),
        format!(
            "SELECT 'column ' || c.oid::regclass || '.' || quote_ident(a.attname)
               || ' #' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)
               || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
               || CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END
               || CASE a.attgenerated WHEN 's' THEN ' stored' ELSE '' END
               || CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || quote_ident(co.collname) ELSE '' END
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             LEFT JOIN pg_collation co ON co.oid = a.attcollation
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
               AND {ns} AND {class_ok}"
        ),
        format!(
            "SELECT 'constraint ' || coalesce(k.conrelid::regclass::text, k.contypid::regtype::text)
               || ' ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid)
             FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
             WHERE {ns} AND {}",
            pg_not_extension("k.oid", "pg_constraint")
        ),
        format!(
            "SELECT 'index ' || pg_get_indexdef(i.indexrelid)
               || CASE WHEN i.indisclustered THEN ' clustered' ELSE '' END
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {ns} AND {class_ok}"
        ),
        format!(
            "SELECT 'comment ' || c.oid::regclass || coalesce('.' || quote_ident(a.attname), '')
               || ' ' || quote_literal(ds.description)
             FROM pg_description ds JOIN pg_class c ON ds.classoid = 'pg_class'::regclass AND ds.objoid = c.oid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ds.objsubid AND ds.objsubid > 0
             WHERE {ns} AND {class_ok}"
        ),
        format!(
            "SELECT 'sequence ' || s.seqrelid::regclass || ' ' || format_type(s.seqtypid, NULL)
               || ' start ' || s.seqstart || ' increment ' || s.seqincrement || ' min ' || s.seqmin
               || ' max ' || s.seqmax || ' cache ' || s.seqcache || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END
               || coalesce(' owned by ' || (SELECT d.refobjid::regclass || '.' || quote_ident(a.attname)
                    FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.deptype IN ('a', 'i') LIMIT 1), '')
             FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {ns} AND {class_ok}"
        ),
        format!(
            "SELECT 'type ' || t.oid::regtype || ' ' || CASE t.typtype
                 WHEN 'e' THEN 'enum ' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
                 WHEN 'd' THEN 'domain ' || format_type(t.typbasetype, t.typtypmod)
                   || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END || coalesce(' default ' || t.typdefault, '')
                 ELSE t.typtype::text END
             FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE t.typtype IN ('e', 'd', 'c', 'r') AND {ns} AND {}
               AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')",
            pg_not_extension("t.oid", "pg_type")
        ),
        format!(
            "SELECT 'routine ' || p.oid::regprocedure || ' ' || md5(pg_get_functiondef(p.oid))
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE p.prokind IN ('f', 'p') AND {ns} AND {}",
            pg_not_extension("p.oid", "pg_proc")
        ),
        format!(
            "SELECT 'trigger ' || t.tgrelid::regclass || ' ' || pg_get_triggerdef(t.oid)
             FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND {ns}"
        ),
        format!(
            "SELECT 'view ' || c.oid::regclass || ' ' || md5(pg_get_viewdef(c.oid))
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('v', 'm') AND {ns} AND {class_ok}"
        ),
        format!(
            "SELECT 'collation ' || quote_ident(co.collname) || ' ' || co.collprovider::text || ' '
               || coalesce(co.collcollate, '') || ' ' || coalesce(co.colliculocale, '')
               || CASE WHEN co.collisdeterministic THEN '' ELSE ' nondeterministic' END
             FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace WHERE {ns}"
        ),
    ]
}

/// Runs `script` in a fresh database `database` on the PostgreSQL server at `connection`,
/// going on past errors, and reads the catalog.
pub fn postgres(connection: &str, database: &str, script: &str) -> Snapshot {
    let psql = |db: &str| {
        let mut command = Command::new("psql");
        command.args([
            &format!("{connection} dbname={db}"),
            "-X",
            "-q",
            "-t",
            "-A",
            "-v",
            "ON_ERROR_STOP=0",
        ]);
        command
    };
    // Scripts may make or enter other databases (`CREATE DATABASE x; \c x`): start from none.
    let (stale, _) = pipe(
        {
            let mut c = psql("postgres");
            c.args(["-c", "SELECT quote_ident(datname) FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')"]);
            c
        },
        "",
    );
    for name in lines(&stale) {
        pipe(
            {
                let mut c = psql("postgres");
                c.args(["-c", &format!("DROP DATABASE {name} WITH (FORCE)")]);
                c
            },
            "",
        );
    }
    pipe(
        {
            let mut c = psql("postgres");
            c.args(["-c", &format!("CREATE DATABASE \"{database}\"")]);
            c
        },
        "",
    );
    let (_, stderr) = pipe(
        {
            let mut c = psql(database);
            c.args(["-f", "-"]);
            c
        },
        script,
    );
    let errors = lines(&stderr).filter(|l| l.contains("ERROR:")).collect();
    // The facts of whichever database the script left its tables in.
    let (databases, _) = pipe(
        {
            let mut c = psql("postgres");
            c.args(["-c", "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')"]);
            c
        },
        "",
    );
    let mut facts = BTreeSet::new();
    let query = pg_queries().join(";\n");
    for db in lines(&databases) {
        let (out, err) = pipe(psql(&db), &format!("{query};"));
        assert!(
            !err.contains("ERROR"),
            "the catalog queries failed on {db}: {err}"
        );
        facts.extend(lines(&out));
    }
    Snapshot { facts, errors }
}

const MARIADB_USER: &str = "NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')";

fn mariadb_queries() -> Vec<String> {
    let u = MARIADB_USER;
    vec![
        format!("SELECT CONCAT('database ', schema_name, ' ', default_character_set_name, ' ', default_collation_name) FROM information_schema.schemata WHERE schema_name {u}"),
        format!(
            "SELECT CONCAT_WS(' ', 'table', CONCAT(table_schema, '.', table_name), table_type, engine,
               table_collation, NULLIF(create_options, ''), IF(table_comment = '', NULL, CONCAT('comment ', QUOTE(table_comment))))
             FROM information_schema.tables WHERE table_schema {u}"
        ),
        format!(
            "SELECT CONCAT_WS(' ', 'column', CONCAT(table_schema, '.', table_name, '.', column_name),
               CONCAT('#', ordinal_position), column_type, IF(is_nullable = 'NO', 'not null', NULL),
               CONCAT('default ', column_default), character_set_name, collation_name,
               NULLIF(extra, ''), CONCAT('generated ', NULLIF(generation_expression, '')),
               IF(column_comment = '', NULL, CONCAT('comment ', QUOTE(column_comment))))
             FROM information_schema.columns WHERE table_schema {u}"
        ),
        format!(
            "SELECT CONCAT_WS(' ', 'index', CONCAT(table_schema, '.', table_name, '.', index_name),
               IF(non_unique = 0, 'unique', NULL), index_type,
               CONCAT('(', GROUP_CONCAT(CONCAT(column_name, COALESCE(CONCAT('(', sub_part, ')'), ''),
                 IF(collation = 'D', ' desc', '')) ORDER BY seq_in_index SEPARATOR ', '), ')'),
               IF(MAX(index_comment) = '', NULL, CONCAT('comment ', QUOTE(MAX(index_comment)))))
             FROM information_schema.statistics WHERE table_schema {u}
             GROUP BY table_schema, table_name, index_name, non_unique, index_type"
        ),
        format!(
            "SELECT CONCAT_WS(' ', 'foreign key', CONCAT(r.constraint_schema, '.', r.table_name, '.', r.constraint_name),
               CONCAT('(', GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position SEPARATOR ', '), ')'),
               'references', CONCAT(r.unique_constraint_schema, '.', r.referenced_table_name),
               CONCAT('(', GROUP_CONCAT(k.referenced_column_name ORDER BY k.ordinal_position SEPARATOR ', '), ')'),
               'on update', r.update_rule, 'on delete', r.delete_rule)
             FROM information_schema.referential_constraints r
             JOIN information_schema.key_column_usage k ON k.constraint_schema = r.constraint_schema
               AND k.table_name = r.table_name AND k.constraint_name = r.constraint_name
             WHERE r.constraint_schema {u}
             GROUP BY r.constraint_schema, r.table_name, r.constraint_name, r.unique_constraint_schema,
               r.referenced_table_name, r.update_rule, r.delete_rule"
        ),
        format!(
            "SELECT CONCAT_WS(' ', 'check', CONCAT(constraint_schema, '.', table_name, '.', constraint_name), check_clause)
             FROM information_schema.check_constraints WHERE constraint_schema {u}"
        ),
        format!(
            "SELECT CONCAT_WS(' ', 'routine', routine_type, CONCAT(routine_schema, '.', routine_name), MD5(routine_definition))
             FROM information_schema.routines WHERE routine_schema {u}"
        ),
        format!(
            "SELECT CONCAT_WS(' ', 'trigger', CONCAT(trigger_schema, '.', trigger_name), action_timing, event_manipulation,
               event_object_table, MD5(action_statement))
             FROM information_schema.triggers WHERE trigger_schema {u}"
        ),
        format!(
            "SELECT CONCAT_WS(' ', 'view', CONCAT(table_schema, '.', table_name), MD5(view_definition))
             FROM information_schema.views WHERE table_schema {u}"
        ),
    ]
}

/// Runs `script` on the MariaDB server at `socket` (every user database dropped first, and
/// `database` made and used), going on past errors, and reads the catalog.
pub fn mariadb(socket: &str, database: &str, script: &str, folder: &std::path::Path) -> Snapshot {
    let client = || {
        let mut command = Command::new("mariadb");
        command
            .args([
                "--no-defaults",
                "--socket",
                socket,
                "--batch",
                "--skip-column-names",
            ])
            .current_dir(folder);
        command
    };
    let (stale, _) = pipe(
        {
            let mut c = client();
            c.args([
                "-e",
                &format!("SELECT schema_name FROM information_schema.schemata WHERE schema_name {MARIADB_USER}"),
            ]);
            c
        },
        "",
    );
    // One session without foreign-key checks: a table another database references would
    // otherwise keep its database alive.
    let drops: String = lines(&stale)
        .map(|name| format!("DROP DATABASE `{}`;", name.replace('`', "``")))
        .collect();
    if !drops.is_empty() {
        pipe(
            {
                let mut c = client();
                c.args(["-e", &format!("SET foreign_key_checks = 0; {drops}")]);
                c
            },
            "",
        );
    }
    pipe(
        {
            let mut c = client();
            c.args(["-e", &format!("CREATE DATABASE `{database}`")]);
            c
        },
        "",
    );
    let (_, stderr) = pipe(
        {
            let mut c = client();
            c.args(["--force", database]);
            c
        },
        script,
    );
    let errors = lines(&stderr).filter(|l| l.contains("ERROR")).collect();
    let (out, err) = pipe(client(), &format!("{};", mariadb_queries().join(";\n")));
    assert!(!err.contains("ERROR"), "the catalog queries failed: {err}");
    // A script that makes and uses its own database (`CREATE DATABASE sakila; USE sakila`)
    // holds the same facts as one run in ours: with one database, its name is left out.
    let (used, _) = pipe(
        {
            let mut c = client();
            c.args([
                "-e",
                &format!("SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_schema {MARIADB_USER}"),
            ]);
            c
        },
        "",
    );
    let used: Vec<String> = lines(&used).collect();
    let facts = lines(&out)
        // Databases that hold nothing (ours, when the script makes its own) are no fact.
        .filter(|fact| {
            !fact.starts_with("database ")
                || used
                    .iter()
                    .any(|u| fact.starts_with(&format!("database {u} ")))
        })
        .map(|fact| match used.as_slice() {
            [only] => fact
                .replace(&format!("database {only} "), "database ")
                .replace(&format!(" {only}."), " "),
            _ => fact,
        })
        .collect();
    Snapshot { facts, errors }
}

/// Runs `script` statement by statement in an in-memory SQLite database (rusqlite's bundled
/// SQLite), going on past errors as the sqlite3 shell does, and reads the catalog.
pub fn sqlite(script: &str) -> Snapshot {
    let connection = rusqlite::Connection::open_in_memory().unwrap();
    let mut errors = Vec::new();
    let mut rest = script;
    // Statement by statement, so one error does not stop the rest (the shell's behaviour).
    while !rest.trim().is_empty() {
        let end = statement_end(rest);
        let statement = &rest[..end];
        rest = &rest[end..];
        if let Err(e) = connection.execute_batch(statement) {
            errors.push(format!("{e}: {}", statement.trim()));
        }
    }
    let mut facts = BTreeSet::new();
    let query = "SELECT 'table ' || l.name || ' ' || l.type
                   || CASE WHEN l.wr THEN ' without rowid' ELSE '' END
                   || CASE WHEN l.strict THEN ' strict' ELSE '' END
                 FROM pragma_table_list l WHERE l.schema = 'main' AND l.name NOT LIKE 'sqlite_%'
               UNION ALL
               SELECT 'column ' || m.name || '.' || c.name || ' #' || (c.cid + 1) || ' type ' || quote(c.type)
                   || CASE WHEN c.\"notnull\" THEN ' not null' ELSE '' END
                   || coalesce(' default ' || c.dflt_value, '')
                   || CASE WHEN c.pk > 0 THEN ' pk ' || c.pk ELSE '' END
                   || CASE c.hidden WHEN 2 THEN ' generated virtual' WHEN 3 THEN ' generated stored' ELSE '' END
                 FROM sqlite_master m, pragma_table_xinfo(m.name) c WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%'
               UNION ALL
               SELECT 'foreign key ' || m.name || ' (' || group_concat(f.\"from\", ', ') || ') references '
                   || f.\"table\" || ' (' || group_concat(coalesce(f.\"to\", '<pk>'), ', ') || ') on update '
                   || f.on_update || ' on delete ' || f.on_delete || ' match ' || f.\"match\"
                 FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
                 GROUP BY m.name, f.id
               UNION ALL
               SELECT 'index ' || m.name || '.' || CASE WHEN l.origin = 'c' THEN l.name ELSE l.origin END
                   || CASE WHEN l.\"unique\" THEN ' unique' ELSE '' END
                   || CASE WHEN l.partial THEN ' partial' ELSE '' END
                   || ' (' || (SELECT group_concat(coalesce(x.name, '<expression>') || CASE WHEN x.\"desc\" THEN ' desc' ELSE '' END
                                 || CASE WHEN x.coll <> 'BINARY' THEN ' collate ' || x.coll ELSE '' END, ', ')
                               FROM pragma_index_xinfo(l.name) x WHERE x.key) || ')'
                 FROM sqlite_master m, pragma_index_list(m.name) l WHERE m.type = 'table' AND l.origin <> 'pk'
               UNION ALL
               SELECT m.type || ' ' || m.name || ' on ' || m.tbl_name FROM sqlite_master m WHERE m.type IN ('trigger', 'view')";
    let mut statement = connection.prepare(query).unwrap();
    let rows = statement
        .query_map([], |row| row.get::<_, String>(0))
        .unwrap();
    for row in rows {
        facts.insert(row.unwrap());
    }
    Snapshot { facts, errors }
}

/// The byte just past the first complete statement of `script` (or its end).
fn statement_end(script: &str) -> usize {
    for (i, c) in script.char_indices() {
        if c == ';' {
            let at = i + 1;
            if complete(&script[..at]) {
                return at;
            }
        }
    }
    script.len()
}

/// SQLite's own test for a whole statement (`sqlite3_complete`): a `;` inside a string, a
/// comment or a trigger body does not end one.
fn complete(sql: &str) -> bool {
    let Ok(text) = std::ffi::CString::new(sql) else {
        return false;
    };
    // SAFETY: a NUL-terminated string that lives for the call.
    unsafe { rusqlite::ffi::sqlite3_complete(text.as_ptr()) != 0 }
}

/// Runs `script` in a fresh database `database` on PostgreSQL, going on past errors: what its
/// queries printed (one row a line, columns `|`-separated) and its errors.
pub fn postgres_output(
    connection: &str,
    database: &str,
    script: &str,
) -> (Vec<String>, Vec<String>) {
    let psql = |db: &str, args: &[&str]| {
        let mut command = Command::new("psql");
        command.args([&format!("{connection} dbname={db}"), "-X", "-q", "-t", "-A"]);
        command.args(["-v", "ON_ERROR_STOP=0"]).args(args);
        command
    };
    let drop = format!("DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    pipe(psql("postgres", &["-c", &drop]), "");
    pipe(
        psql(
            "postgres",
            &["-c", &format!("CREATE DATABASE \"{database}\"")],
        ),
        "",
    );
    let (out, err) = pipe(psql(database, &["-f", "-"]), script);
    let errors = lines(&err).filter(|l| l.contains("ERROR:")).collect();
    (lines(&out).collect(), errors)
}

/// As [`postgres_output`], on MariaDB.
pub fn mariadb_output(socket: &str, database: &str, script: &str) -> (Vec<String>, Vec<String>) {
    let client = |args: &[&str]| {
        let mut command = Command::new("mariadb");
        command.args([
            "--no-defaults",
            "--socket",
            socket,
            "--batch",
            "--skip-column-names",
        ]);
        command.args(args);
        command
    };
    let fresh = format!("DROP DATABASE IF EXISTS `{database}`; CREATE DATABASE `{database}`");
    pipe(client(&["-e", &fresh]), "");
    let (out, err) = pipe(client(&["--force", database]), script);
    let errors = lines(&err).filter(|l| l.contains("ERROR")).collect();
    (lines(&out).map(|l| l.replace('\t', "|")).collect(), errors)
}

/// As [`postgres_output`], in an in-memory SQLite database.
pub fn sqlite_output(script: &str) -> (Vec<String>, Vec<String>) {
    let connection = rusqlite::Connection::open_in_memory().unwrap();
    let (mut out, mut errors) = (Vec::new(), Vec::new());
    let mut rest = script;
    while !rest.trim().is_empty() {
        let end = statement_end(rest);
        let statement = rest[..end].trim();
        rest = &rest[end..];
        let result = connection.prepare(statement).and_then(|mut prepared| {
            let width = prepared.column_count();
            let mut rows = prepared.query([])?;
            while let Some(row) = rows.next()? {
                let cells: Vec<String> = (0..width)
                    .map(|i| match row.get_ref(i) {
                        Ok(rusqlite::types::ValueRef::Null) => String::new(),
                        Ok(rusqlite::types::ValueRef::Integer(n)) => n.to_string(),
                        Ok(rusqlite::types::ValueRef::Real(x)) => x.to_string(),
                        Ok(rusqlite::types::ValueRef::Text(t)) => {
                            String::from_utf8_lossy(t).into_owned()
                        }
                        Ok(rusqlite::types::ValueRef::Blob(b)) => format!("{b:?}"),
                        Err(e) => e.to_string(),
                    })
                    .collect();
                out.push(cells.join("|"));
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(format!("{e}: {statement}"));
        }
    }
    (out, errors)
}
