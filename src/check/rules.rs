//! The rule catalog: stable codes, kebab-case names, default severities, and the explanation a
//! finding carries of why its rule matters. Codes follow `shared/notes/validator-rules.md`.

use crate::model::Severity;

/// The family a rule belongs to (the first two letters of its code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// NF1xx: normal forms and normalisation smells.
    NormalForms,
    /// IX2xx: index coverage and index hygiene.
    Indexes,
    /// IN3xx: integrity.
    Integrity,
    /// NM4xx: naming.
    Naming,
    /// DL5xx: dialect portability.
    Portability,
}

/// A rule of the validator.
#[derive(Debug)]
pub struct Rule {
    /// Stable code (`IX201`).
    pub code: &'static str,
    /// Short kebab-case name (`fk-without-index`).
    pub name: &'static str,
    /// Severity unless the finding or the model's settings say otherwise.
    pub severity: Severity,
    /// Its family.
    pub family: Family,
    /// Why it matters, for a reader who has not met the problem before.
    pub why: &'static str,
}

use Family::*;
use Severity::*;

macro_rules! rules {
    ($($code:literal $name:literal $sev:ident $fam:ident $why:literal;)*) => {
        /// Every rule, family by family.
        pub const RULES: &[Rule] = &[$(Rule { code: $code, name: $name, severity: $sev, family: $fam, why: $why }),*];
    };
}

rules! {
    "NF101" "repeating-column-group" Warning NormalForms
        "Numbered columns (phone1, phone2…) hold a list inside a row: the list has a fixed maximum, queries must test every copy, and adding one more means altering the table. First normal form keeps one value per column; a child table holds any number of them.";
    "NF102" "multi-valued-column" Info NormalForms
        "An array, JSON or XML column can hold many values in one field. The database cannot enforce keys or foreign keys inside it, and queries on its parts need special indexes. Fine for documents and payloads; a child table is better for data you join or constrain.";
    "NF103" "delimited-list" Warning NormalForms
        "A text column holding several ids or values separated by commas cannot be joined, indexed or constrained, and updating one element rewrites the whole string. A junction table stores each value in its own row with a real foreign key.";
    "NF104" "entity-attribute-value" Info NormalForms
        "An attribute/value table stores every field as a row of text: types, NOT NULL, CHECK and foreign keys cannot be declared, and reading one entity back needs a pivot. Use real columns where the attributes are known.";
    "NF105" "partial-dependency" Warning NormalForms
        "Second normal form: a non-key column that depends on only part of a composite key is repeated for every row sharing that part, so it can be updated in one row and not the others. Move it to a table keyed by that part.";
    "NF106" "transitive-dependency" Warning NormalForms
        "Third normal form: a non-key column determined by another non-key column is stored once per row instead of once per determining value, which invites update anomalies. Move the dependent columns to a table keyed by their determinant.";
    "NF107" "bcnf-violation" Info NormalForms
        "Boyce–Codd normal form: a dependency whose determinant is not a key still repeats facts, even when the dependent column is part of some key. Decomposing may lose a dependency, so this is a design choice to make knowingly.";
    "NF108" "unenforced-key" Warning NormalForms
        "The declared dependencies imply that these columns identify a row, but no PRIMARY KEY or UNIQUE constraint says so: duplicates can be inserted and the dependencies silently broken.";
    "NF110" "invalid-dependency" Error NormalForms
        "A functional dependency must name columns of its table on both sides; one that names a missing column, has an empty side, or repeats its left side on the right states nothing the analysis can use.";
    "NF111" "copied-parent-attribute" Info NormalForms
        "A column that repeats an attribute of the row a foreign key points to is a transitive dependency: when the parent changes, every copy must be updated too. Confirm it as a dependency (or mark it a deliberate snapshot) so the normal-form analysis can take it into account.";
    "NF112" "embedded-entity" Info NormalForms
        "Several columns sharing a prefix with an identifier (customer_id, customer_name, customer_email) usually describe another entity stored inside this one. Each copy must be kept in step with the others.";
    "NF114" "stored-derived-value" Info NormalForms
        "A column computable from other columns (a total from quantity × price, a full name from its parts, an age from a birth date) can disagree with them after an update. A generated column or a CHECK keeps them consistent.";
    "NF119" "normal-form-inconclusive" Info NormalForms
        "Finding every candidate key can take exponential time. The search stopped at its limit, so the second and third normal form verdicts are withheld rather than guessed; the BCNF verdict does not need the keys and still stands.";
    "IX201" "fk-without-index" Warning Indexes
        "Deleting or re-keying a parent row makes the database look up the child rows through the foreign key. Without an index whose leading columns are the foreign key's, each such lookup scans the whole child table, and joins from parent to children do too.";
    "IX202" "duplicate-index" Warning Indexes
        "Two indexes with the same definition cost twice the writes and the space and give the planner nothing more.";
    "IX203" "redundant-index" Warning Indexes
        "A non-unique index whose keys are a leftmost prefix of another index's keys serves no lookup the longer one cannot serve, yet every write maintains both.";
    "IX204" "index-duplicates-primary-key" Warning Indexes
        "The primary key already has a unique index; another index or UNIQUE on the same columns (or on a prefix of them) only adds write cost.";
    "IX206" "table-without-index" Warning Indexes
        "A table with no key and no index is read by full scans only, and nothing stops duplicate rows.";
    "IX209" "btree-on-composite-type" Warning Indexes
        "A B-tree on an array, JSON or large-object column compares whole values only and cannot answer containment or key lookups; such keys are also wide. GIN (or an expression index on the part you search) is what serves those queries.";
    "IX213" "query-not-served" Warning Indexes
        "A sample query filters this table on columns that lead no index, so it reads the whole table. The suggested index puts equality columns first, then the sort, then one range column.";
    "IX214" "query-needs-sort" Info Indexes
        "The query's ORDER BY cannot be read in order from any index, so every execution sorts the matching rows; with LIMIT an ordered index would stop after the first rows instead.";
    "IX216" "non-sargable-predicate" Warning Indexes
        "A predicate that wraps the column in a function, cast or arithmetic cannot use a plain index on that column; only an expression index on the same expression serves it.";
    "IN301" "missing-primary-key" Warning Integrity
        "Without a primary key, rows cannot be identified reliably: duplicates creep in, replication and ORMs need a key, and other tables have nothing to reference.";
    "IN302" "nullable-primary-key" Warning Integrity
        "A primary key column must never be NULL. Most databases force NOT NULL silently, SQL Server refuses the key, and SQLite allows NULLs in it: the model should say NOT NULL itself.";
    "IN303" "fk-type-mismatch" Warning Integrity
        "A foreign key column whose type differs from the referenced column's forces conversions on every join and lookup and can reject or truncate values; MySQL refuses such keys outright.";
    "IN304" "fk-target-not-key" Error Integrity
        "A foreign key must reference a primary key or a UNIQUE set of columns; otherwise \"the\" parent row is not well defined and the databases reject the constraint.";
    "IN305" "broken-reference" Error Integrity
        "The foreign key points to a table or column that does not exist, or its column lists differ in length: the DDL cannot be created.";
    "IN306" "fk-cycle" Info Integrity
        "Tables that reference each other in a cycle cannot be loaded in one pass: the first row inserted has nothing to reference. One nullable or deferrable edge makes the cycle insertable in two steps.";
    "IN308" "conflicting-cascade-paths" Warning Integrity
        "When one table can be reached from another by two cascading paths (or by a cascading cycle), a single delete changes the same rows twice. SQL Server rejects such schemas (error 1785); elsewhere the outcome is hard to reason about.";
    "IN310" "duplicate-foreign-key" Warning Integrity
        "Two identical foreign keys check every write twice and say nothing more.";
    "IN312" "composite-fk-nullable" Warning Integrity
        "Under the default MATCH SIMPLE, a composite foreign key with any NULL column is not checked at all, so half-filled references slip through. Make the columns NOT NULL, or add a CHECK that they are all NULL or all set.";
    "IN314" "implied-relationship" Info Integrity
        "The column's name and type match another table's key, but no foreign key says so: the database cannot stop orphans, and diagrams and tools miss the relationship.";
    "IN315" "unique-over-nullable" Info Integrity
        "A UNIQUE constraint over nullable columns does not stop duplicates among rows holding NULL (SQL treats NULLs as distinct; SQL Server allows a single NULL), so it is a possible key, not a certain one, and the normal-form analysis does not use it.";
    "IN317" "broken-check" Error Integrity
        "A CHECK that names a missing column cannot be created; one that no row can satisfy rejects every insert; one that is always true enforces nothing.";
    "IN319" "inconsistent-column-type" Info Integrity
        "Columns with the same name in different tables usually hold the same thing; different types make joins convert values and hint that one of them is wrong.";
    "IN320" "money-as-float" Warning Integrity
        "Floating-point numbers cannot represent most decimal fractions exactly, so sums of money drift by cents; PostgreSQL's money type depends on a locale setting. Use numeric/decimal with a fixed scale.";
    "IN321" "unsafe-sql-text" Error Integrity
        "A type, default, check, computed column or index expression the model holds as text must be one type or one expression of SQL. Text that could end its clause (a `;`, a comment, a parenthesis it did not open) would run as statements of its own in the exported script, so the exporter leaves it out.";
    "IN322" "default-not-an-enum-value" Error Integrity
        "A column of an enum type whose default is not one of the type's values: PostgreSQL refuses the table, MySQL and MariaDB refuse it in strict mode or store an empty value, and every insert that takes the default fails.";
    "NM401" "identifier-too-long" Error Naming
        "Each database limits the length of names: PostgreSQL silently truncates past 63 bytes (so two long names can collide), MySQL and SQL Server reject the DDL.";
    "NM402" "name-collision" Error Naming
        "Two names that become equal once the database truncates or case-folds them collide: the second CREATE fails, or with IF NOT EXISTS is silently skipped.";
    "NM403" "reserved-word" Warning Naming
        "A reserved word can be used as a name only when quoted, in every statement, by every tool and every developer, forever.";
    "NM404" "name-needs-quoting" Warning Naming
        "Names with spaces, punctuation, a leading digit, or (in PostgreSQL) capital letters must be quoted in every query, and a missing quote changes the name or breaks the statement.";
    "NM405" "naming-convention" Info Naming
        "Names that follow one convention are easier to guess, read and type; a mix of cases or a missing index prefix makes every query a lookup.";
    "NM409" "duplicate-name" Error Naming
        "Two objects share a name in a namespace where names must be unique (tables, indexes and constraints): the DDL fails on the second one.";
    "DL501" "varchar-without-length" Error Portability
        "SQL Server reads a bare VARCHAR as VARCHAR(1) in declarations and MySQL rejects it: give it a length (PostgreSQL alone treats it as unbounded).";
    "DL502" "type-unavailable" Error Portability
        "The type has no equivalent in a target dialect, so the exporter must approximate it (arrays and jsonb outside PostgreSQL, uuid in MySQL) or the DDL fails.";
    "DL503" "index-feature-unsupported" Error Portability
        "Partial indexes, INCLUDE columns and some index methods exist only in some dialects; the exported index would be rejected or silently become a different index.";
}

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_names_kebab_case() {
        let codes: std::collections::BTreeSet<_> = RULES.iter().map(|r| r.code).collect();
        assert_eq!(codes.len(), RULES.len());
        for r in RULES {
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                r.name
            );
            let prefix = &r.code[..2];
            let expected = match r.family {
                NormalForms => "NF",
                Indexes => "IX",
                Integrity => "IN",
                Naming => "NM",
                Portability => "DL",
            };
            assert_eq!(prefix, expected, "{}", r.code);
        }
    }
}

#[cfg(test)]
mod coverage {
    use super::RULES;

    /// Every rule is exercised by name in the rule tests (each file has positive and negative
    /// cases); a new rule without tests fails here.
    #[test]
    fn every_rule_has_tests() {
        let tests = [
            include_str!("tests/fd_cases.rs"),
            include_str!("tests/indexes.rs"),
            include_str!("tests/integrity.rs"),
            include_str!("tests/naming.rs"),
            include_str!("tests/normal_forms.rs"),
            include_str!("tests/portability.rs"),
            include_str!("tests/smells.rs"),
            include_str!("tests/workload.rs"),
        ]
        .concat();
        let missing: Vec<&str> = RULES
            .iter()
            .map(|r| r.code)
            .filter(|code| !tests.contains(&format!("\"{code}\"")))
            .collect();
        assert!(missing.is_empty(), "rules without tests: {missing:?}");
    }
}
