use super::*;

/// Each expression of the kinds real schemas hold, from its dialect to another: converted to
/// what the target reads the same way, or not carried with the reason said. The server test
/// `tests/it/cross_dialect.rs` runs the converted ones on the real servers.
#[test]
fn expressions_are_converted_or_refused_with_a_reason() {
    let none = |_: &Ident| None;
    let cases: &[(Dialect, Dialect, &str, Result<&str, &str>)] = &[
        // Text compares as the source compared it: with case or without.
        (
            Dialect::MySql,
            Dialect::Postgres,
            r#"code REGEXP '^[a-z]+$'"#,
            Ok(r#"code ~* '^[a-z]+$'"#),
        ),
        (
            Dialect::MySql,
            Dialect::Postgres,
            r#"name NOT LIKE 'a%'"#,
            Ok(r#"name NOT ILIKE 'a%'"#),
        ),
        (
            Dialect::MySql,
            Dialect::Sqlite,
            r#"s IN ('X', 'y')"#,
            Ok(r#"lower(s) IN ('x', 'y')"#),
        ),
        (
            Dialect::MySql,
            Dialect::Postgres,
            r#"kind <> 'Draft'"#,
            Ok(r#"lower(kind) <> 'draft'"#),
        ),
        (
            Dialect::Sqlite,
            Dialect::Postgres,
            r#"s GLOB 'a*b?'"#,
            Ok(r#"s LIKE 'a%b_'"#),
        ),
        (
            Dialect::Sqlite,
            Dialect::MySql,
            r#"s GLOB '[a-c]*'"#,
            Err(r#"the GLOB pattern is no literal of * and ? to make a LIKE of"#),
        ),
        (
            Dialect::Sqlite,
            Dialect::Postgres,
            r#"s LIKE 'a%'"#,
            Ok(r#"s ILIKE 'a%'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"name LIKE 'a_%*'"#,
            Ok(r#"name GLOB 'a?*[*]'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"name LIKE 'a%'"#,
            Ok(r#"name COLLATE utf8mb4_bin LIKE 'a%'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MsSql,
            r#"name IN ('a', 'b')"#,
            Ok(r#"name COLLATE Latin1_General_CS_AS IN ('a', 'b')"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"substring(s from 2 for 3) = 'abc'"#,
            Ok(r#"substr(s, 2, 3) = 'abc'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"''::character varying"#,
            Ok(r#"''"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"''::character varying"#,
            Ok(r#"''"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MsSql,
            r#"'draft'::text"#,
            Ok(r#"'draft'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"now()"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"now()"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MsSql,
            r#"now()"#,
            Ok(r#"getdate()"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"CURRENT_TIMESTAMP"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"timezone('utc'::text, now())"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"('now'::text)::date"#,
            Ok(r#"CURRENT_DATE"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"('now'::text)::timestamp without time zone"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"gen_random_uuid()"#,
            Ok(r#"uuid()"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"uuid_generate_v4()"#,
            Ok(r#"lower(hex(randomblob(16)))"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MsSql,
            r#"gen_random_uuid()"#,
            Ok(r#"newid()"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"status = ANY (ARRAY['open'::text, 'paid'::text])"#,
            Ok(r#"status IN ('open', 'paid')"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"#,
            Ok(r#"((status) IN ('a', 'b'))"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MsSql,
            r#"kind <> ALL (ARRAY['x', 'y'])"#,
            Ok(r#"kind NOT IN ('x', 'y')"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"code ~ '^[A-Z]+$'"#,
            Ok(r#"code COLLATE utf8mb4_bin REGEXP '^[A-Z]+$'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"code ~ '^[A-Z]+$'"#,
            Err(r#"SQLite has no regular-expression match"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"code !~ '^x'"#,
            Ok(r#"code COLLATE utf8mb4_bin NOT REGEXP '^x'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"name ILIKE 'a%'"#,
            Ok(r#"name LIKE 'a%'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"name ILIKE 'a%'"#,
            Ok(r#"name LIKE 'a%'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"(name)::text !~~ '% %'::text"#,
            Ok(r#"(name) NOT LIKE '% %'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"first || ' ' || last"#,
            Ok(r#"CONCAT(CONCAT(first, ' '), last)"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MsSql,
            r#"first || last"#,
            Ok(r#"CONCAT(first, last)"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"first || last"#,
            Ok(r#"first || last"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"price > (0)::numeric"#,
            Ok(r#"price > (0)"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"char_length((code)::text) = 8"#,
            Ok(r#"char_length((code)) = 8"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"char_length(code) = 8"#,
            Ok(r#"length(code) = 8"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MsSql,
            r#"length(code) > 2"#,
            Ok(r#"LEN(code) > 2"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"lower(email) = email"#,
            Ok(r#"lower(email) COLLATE utf8mb4_bin = email"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"coalesce(a, 0) >= 0"#,
            Ok(r#"coalesce(a, 0) >= 0"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#""Order" > 0"#,
            Ok(r#"`Order` > 0"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MsSql,
            r#""Order" > 0"#,
            Ok(r#"[Order] > 0"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"index IS NOT NULL"#,
            Ok(r#"index IS NOT NULL"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"start_date <= end_date"#,
            Ok(r#"start_date <= end_date"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"qty BETWEEN 1 AND 100"#,
            Ok(r#"qty BETWEEN 1 AND 100"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"qty IN (1, 2, 3)"#,
            Ok(r#"qty IN (1, 2, 3)"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"NOT (a AND b)"#,
            Ok(r#"NOT (a AND b)"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"CASE WHEN a > 0 THEN 1 ELSE 0 END = 1"#,
            Ok(r#"CASE WHEN a > 0 THEN 1 ELSE 0 END = 1"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"substring(code, 1, 2) = 'AB'"#,
            Ok(r#"SUBSTRING(code, 1, 2) COLLATE utf8mb4_bin = 'AB'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"substring(code, 1, 2) = 'AB'"#,
            Ok(r#"SUBSTRING(code, 1, 2) = 'AB'"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"(now() - '1 day'::interval)"#,
            Err(r#"MySQL spells intervals its own way"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"birthdate > (now() - '18 years'::interval)"#,
            Err(r#"SQLite spells intervals its own way"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"my_function(x)"#,
            Err(r#"my_function() is not a function MySQL is known to have"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"EXISTS (SELECT 1)"#,
            Err(r#"a subquery cannot be a default or a check"#),
        ),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"ARRAY[1, 2]"#,
            Err(r#"MySQL has no array values"#),
        ),
        (Dialect::Postgres, Dialect::MsSql, r#"true"#, Ok(r#"1"#)),
        (
            Dialect::Postgres,
            Dialect::MySql,
            r#"false"#,
            Ok(r#"false"#),
        ),
        (
            Dialect::Postgres,
            Dialect::Sqlite,
            r#"nextval('seq')"#,
            Err(r#"nextval() is not a function SQLite is known to have"#),
        ),
        (
            Dialect::MySql,
            Dialect::Postgres,
            r#"CURRENT_TIMESTAMP"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::MySql,
            Dialect::Postgres,
            r#"current_timestamp()"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::MySql,
            Dialect::Postgres,
            r#"'0000-00-00 00:00:00'"#,
            Err(r#"MySQL's zero date '0000-00-00 00:00:00' is no date in PostgreSQL"#),
        ),
        (
            Dialect::MySql,
            Dialect::Sqlite,
            r#"'0000-00-00'"#,
            Err(r#"MySQL's zero date '0000-00-00' is no date in SQLite"#),
        ),
        (
            Dialect::MySql,
            Dialect::Postgres,
            r#"uuid()"#,
            Ok(r#"gen_random_uuid()"#),
        ),
        (
            Dialect::MySql,
            Dialect::Postgres,
            r#"ifnull(a, 1)"#,
            Ok(r#"COALESCE(a, 1)"#),
        ),
        (
            Dialect::MySql,
            Dialect::Postgres,
            r#"`weird name` > 0"#,
            Ok(r#""weird name" > 0"#),
        ),
        (
            Dialect::MySql,
            Dialect::Sqlite,
            r#"concat(a, b)"#,
            Ok(r#"(a || b)"#),
        ),
        (
            Dialect::MySql,
            Dialect::Postgres,
            // NULL when a part is, as MySQL's CONCAT is (PostgreSQL's concat() skips NULLs).
            r#"concat(a, b)"#,
            Ok(r#"(a || b)"#),
        ),
        (
            Dialect::MySql,
            Dialect::Postgres,
            r#"name REGEXP '^a'"#,
            Ok(r#"name ~* '^a'"#),
        ),
        (
            Dialect::MySql,
            Dialect::Sqlite,
            r#"name REGEXP '^a'"#,
            Err(r#"SQLite has no regular-expression match"#),
        ),
        (Dialect::MySql, Dialect::MsSql, r#"'x'"#, Ok(r#"'x'"#)),
        (
            Dialect::MsSql,
            Dialect::Postgres,
            r#"getdate()"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::MsSql,
            Dialect::MySql,
            r#"getdate()"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::MsSql,
            Dialect::Sqlite,
            r#"sysdatetime()"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::MsSql,
            Dialect::Postgres,
            r#"newid()"#,
            Ok(r#"gen_random_uuid()"#),
        ),
        (
            Dialect::MsSql,
            Dialect::MySql,
            r#"newsequentialid()"#,
            Ok(r#"uuid()"#),
        ),
        (
            Dialect::MsSql,
            Dialect::Postgres,
            r#"isnull(a, 0)"#,
            Ok(r#"COALESCE(a, 0)"#),
        ),
        (
            Dialect::MsSql,
            Dialect::Postgres,
            r#"len(code)"#,
            Ok(r#"char_length(code)"#),
        ),
        (
            Dialect::MsSql,
            Dialect::MySql,
            r#"N'SO' + CONVERT(NVARCHAR(23), id)"#,
            Err(r#"CONVERT(…) is T-SQL's; MySQL casts its own way"#),
        ),
        (
            Dialect::MsSql,
            Dialect::Postgres,
            r#"N'abc'"#,
            Ok(r#"'abc'"#),
        ),
        (
            Dialect::MsSql,
            Dialect::Postgres,
            r#"[Rate] > 0.00"#,
            Ok(r#""Rate" > 0.00"#),
        ),
        (
            Dialect::MsSql,
            Dialect::MySql,
            r#"[Rate] > 0.00"#,
            Ok(r#"`Rate` > 0.00"#),
        ),
        (
            Dialect::MsSql,
            Dialect::Postgres,
            r#"N'A' + name"#,
            Ok(r#"'A' || name"#),
        ),
        (
            Dialect::Sqlite,
            Dialect::Postgres,
            r#"CURRENT_TIMESTAMP"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::Sqlite,
            Dialect::MySql,
            r#"lower(hex(randomblob(16)))"#,
            Err(r#"randomblob() is not a function MySQL is known to have"#),
        ),
        (
            Dialect::Sqlite,
            Dialect::Postgres,
            r#"datetime('now')"#,
            Ok(r#"CURRENT_TIMESTAMP"#),
        ),
        (
            Dialect::Sqlite,
            Dialect::MySql,
            r#""Lock" = 'X'"#,
            Ok(r#"`Lock` COLLATE utf8mb4_bin = 'X'"#),
        ),
        (
            Dialect::Sqlite,
            Dialect::Postgres,
            r#"Lock = 'X'"#,
            Ok(r#"Lock = 'X'"#),
        ),
    ];
    assert!(cases.len() >= 60);
    let mut wrong = Vec::new();
    for (from, to, text, expected) in cases {
        let got = convert(text, *from, *to, &none);
        let same = match (&got, expected) {
            (Ok(got), Ok(want)) => got == want,
            (Err(got), Err(want)) => got == want,
            _ => false,
        };
        if !same {
            wrong.push(format!(
                "{from:?} to {to:?}: {text} gave {got:?}, expected {expected:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn column_names_are_quoted_as_the_target_needs() {
    let mut b = crate::model::SchemaBuilder::new("x");
    b.table("t", (0.0, 0.0), |t| {
        t.column("index", "int");
        t.column("Lock", "text");
    });
    let schema = b.build().unwrap();
    let table = &schema.tables[0];
    let mysql = |name: &str| format!("`{name}`");
    let names = column_names(table, &mysql);
    assert_eq!(
        convert(
            "index IS NOT NULL AND lock = 'X'",
            Dialect::Postgres,
            Dialect::MySql,
            &names
        )
        .unwrap(),
        "`index` IS NOT NULL AND `Lock` COLLATE utf8mb4_bin = 'X'"
    );
    let quoted = |name: &str| format!("\"{name}\"");
    let names = column_names(table, &quoted);
    assert_eq!(
        convert("Lock = 'X'", Dialect::Sqlite, Dialect::Postgres, &names).unwrap(),
        "\"Lock\" = 'X'"
    );
}

#[test]
fn the_same_dialect_is_left_as_written() {
    let none = |_: &Ident| None;
    let text = "(name)::text !~~ '% %'::text";
    assert_eq!(
        convert(text, Dialect::Postgres, Dialect::Postgres, &none).unwrap(),
        text
    );
}
