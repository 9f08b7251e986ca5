//! Random edit sequences: thousands of random `Edit`s on every sample model. After each, the
//! model keeps its invariants (ids unique, references resolving, positions finite) or, when the
//! edit is refused, is exactly as before; then undoing everything gives the original back, and
//! redoing everything gives the edited model again.
//!
//! `SCHEMABOARD_EDIT_SEEDS=N` runs N seeds per model instead of 3 (a longer run).

use crate::common;

use schemaboard::model::integrity::integrity_problems;
use schemaboard::model::{
    CheckConstraint, Color, Column, ColumnId, DataType, Edit, EnumType, ForeignKey,
    FunctionalDependency, Index, IndexKey, IndexMethod, Note, Point, PrimaryKey, ReferentialAction,
    Schema, Table, UniqueConstraint,
};
use schemaboard::synth::Rng;

/// Picks one of `items`.
fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> Option<&'a T> {
    (!items.is_empty()).then(|| &items[rng.below(items.len())])
}

const TYPES: [DataType; 6] = [
    DataType::Integer,
    DataType::BigInt,
    DataType::Text,
    DataType::Boolean,
    DataType::Date,
    DataType::Uuid,
];

/// Names that are hard on exporters and on the model alike.
const NAMES: [&str; 6] = ["x", "order", "a\"b", "名前", "with space", "semi;colon"];

fn some_columns(rng: &mut Rng, table: &Table, most: usize) -> Vec<ColumnId> {
    let mut ids: Vec<ColumnId> = table.columns.iter().map(|c| c.id).collect();
    let mut chosen = Vec::new();
    for _ in 0..1 + rng.below(most) {
        if ids.is_empty() {
            break;
        }
        chosen.push(ids.remove(rng.below(ids.len())));
    }
    chosen
}

/// A random edit of `schema`: most are valid, some are refused (a name taken, a column of
/// another table, a non-finite position), and both must behave.
fn random_edit(rng: &mut Rng, schema: &mut Schema) -> Edit {
    let Some(table) = pick(rng, &schema.tables).cloned() else {
        let id = schema.ids.allocate();
        return Edit::AddTable {
            table: Table::new(id, "first", Point::new(0.0, 0.0)),
            index: 0,
        };
    };
    let name = format!("{}_{}", NAMES[rng.below(NAMES.len())], rng.below(1000));
    match rng.below(22) {
        0 => {
            let id = schema.ids.allocate();
            let mut new = Table::new(id, name, Point::new(rng.below(3000) as f32, 0.0));
            let column = schema.ids.allocate();
            new.columns
                .push(Column::new(column, "id", DataType::BigInt));
            let pk = schema.ids.allocate();
            new.primary_key = Some(PrimaryKey {
                id: pk,
                name: None,
                columns: vec![column],
            });
            Edit::AddTable {
                table: new,
                index: rng.below(schema.tables.len() + 1),
            }
        }
        1 => Edit::RemoveTable { table: table.id },
        2 => {
            let mut info = table.info();
            info.name = name;
            info.comment = "renamed\nby a test".into();
            Edit::SetTableInfo {
                table: table.id,
                info,
            }
        }
        3 => {
            let x = if rng.chance(10) {
                f32::NAN
            } else {
                rng.below(5000) as f32
            };
            Edit::MoveItems {
                tables: vec![(table.id, Point::new(x, rng.below(5000) as f32))],
                notes: Vec::new(),
            }
        }
        4 => {
            let id = schema.ids.allocate();
            let data_type = TYPES[rng.below(TYPES.len())].clone();
            let mut column = Column::new(id, name, data_type);
            column.nullable = rng.chance(50);
            Edit::AddColumn {
                table: table.id,
                column,
                index: rng.below(table.columns.len() + 1),
            }
        }
        5 => match pick(rng, &table.columns) {
            Some(c) => Edit::RemoveColumn { column: c.id },
            None => Edit::RemoveTable { table: table.id },
        },
        6 => match pick(rng, &table.columns).cloned() {
            Some(mut c) => {
                if rng.chance(50) {
                    c.name = name;
                }
                c.data_type = TYPES[rng.below(TYPES.len())].clone();
                c.nullable = !c.nullable;
                c.default = rng.chance(30).then(|| "0".to_string());
                Edit::SetColumn { column: c }
            }
            None => Edit::RemoveTable { table: table.id },
        },
        7 => match pick(rng, &table.columns) {
            Some(c) => Edit::MoveColumn {
                column: c.id,
                index: rng.below(table.columns.len() + 2),
            },
            None => Edit::RemoveTable { table: table.id },
        },
        8 => {
            let primary_key = (!table.columns.is_empty() && rng.chance(80)).then(|| PrimaryKey {
                id: table
                    .primary_key
                    .as_ref()
                    .map_or_else(|| schema.ids.allocate(), |pk| pk.id),
                name: None,
                columns: some_columns(rng, &table, 2),
            });
            Edit::SetPrimaryKey {
                table: table.id,
                primary_key,
            }
        }
        9 => Edit::AddUnique {
            table: table.id,
            unique: UniqueConstraint {
                id: schema.ids.allocate(),
                name: rng.chance(50).then_some(name),
                columns: some_columns(rng, &table, 2),
                nulls_not_distinct: false,
            },
            index: 0,
        },
        10 => match pick(rng, &table.uniques) {
            Some(u) => Edit::RemoveUnique { unique: u.id },
            None => Edit::RemoveTable { table: table.id },
        },
        11 | 12 => {
            // A reference to a random table's primary key, from as many columns of this one.
            let target = pick(rng, &schema.tables).cloned().unwrap_or(table.clone());
            let referenced = target
                .primary_key
                .as_ref()
                .map(|pk| pk.columns.clone())
                .unwrap_or_default();
            let columns = some_columns(rng, &table, referenced.len().max(1));
            let actions = [
                ReferentialAction::NoAction,
                ReferentialAction::Cascade,
                ReferentialAction::SetNull,
            ];
            Edit::AddForeignKey {
                table: table.id,
                foreign_key: ForeignKey {
                    id: schema.ids.allocate(),
                    name: rng.chance(50).then_some(name),
                    columns,
                    references: target.id,
                    referenced_columns: referenced,
                    on_delete: actions[rng.below(3)],
                    on_update: ReferentialAction::NoAction,
                    deferrable: None,
                    match_full: false,
                },
                index: usize::MAX,
            }
        }
        13 => match pick(rng, &table.foreign_keys) {
            Some(fk) => Edit::RemoveForeignKey { foreign_key: fk.id },
            None => Edit::RemoveTable { table: table.id },
        },
        14 => Edit::AddCheck {
            table: table.id,
            check: CheckConstraint {
                id: schema.ids.allocate(),
                name: None,
                expression: "1 = 1 -- ; */ '".into(),
                on_column: None,
            },
            index: 0,
        },
        15 => Edit::AddIndex {
            table: table.id,
            index_def: Index {
                id: schema.ids.allocate(),
                name: rng.chance(50).then_some(name),
                unique: rng.chance(30),
                method: IndexMethod::BTree,
                keys: some_columns(rng, &table, 3)
                    .into_iter()
                    .map(IndexKey::column)
                    .collect(),
                include: Vec::new(),
                predicate: None,
                comment: String::new(),
                mysql_since: None,
            },
            index: usize::MAX,
        },
        16 => match pick(rng, &table.indexes) {
            Some(i) => Edit::RemoveIndex { index_id: i.id },
            None => Edit::RemoveTable { table: table.id },
        },
        17 => Edit::AddDependency {
            table: table.id,
            dependency: FunctionalDependency {
                id: schema.ids.allocate(),
                lhs: some_columns(rng, &table, 2),
                rhs: some_columns(rng, &table, 2),
                soft: rng.chance(50),
                comment: String::new(),
            },
            index: 0,
        },
        18 => Edit::AddEnum {
            enum_type: EnumType {
                id: schema.ids.allocate(),
                schema: None,
                name,
                values: vec!["a".into(), "b".into()],
                comment: String::new(),
            },
            index: 0,
        },
        19 => match pick(rng, &schema.enums) {
            Some(e) => Edit::RemoveEnum { enum_type: e.id },
            None => Edit::RemoveTable { table: table.id },
        },
        20 => Edit::AddNote {
            note: Note {
                id: schema.ids.allocate(),
                text: name,
                position: Point::new(10.0, 10.0),
                width: 200.0,
                color: Some(Color { r: 1, g: 2, b: 3 }),
            },
            index: 0,
        },
        _ => {
            // A gesture of several steps: all or nothing.
            let first = random_edit(rng, schema);
            let second = random_edit(rng, schema);
            Edit::Batch(vec![first, second])
        }
    }
}

fn run(name: &str, original: &Schema, seed: u64, steps: usize) {
    let mut rng = Rng::new(seed);
    let mut schema = original.clone();
    let mut undo = Vec::new();
    let mut applied = 0;
    for step in 0..steps {
        let edit = random_edit(&mut rng, &mut schema);
        let before = schema.clone();
        match edit.apply(&mut schema) {
            Ok(inverse) => {
                applied += 1;
                undo.push(inverse);
                let problems = integrity_problems(&schema);
                assert!(
                    problems.is_empty(),
                    "{name} seed {seed} step {step}: {problems:?}"
                );
            }
            Err(_) => {
                // Refused edits change nothing but the id counter they may have drawn from.
                let mut expected = before;
                expected.ids = schema.ids.clone();
                assert_eq!(schema, expected, "{name} seed {seed} step {step}: refused");
            }
        }
    }
    assert!(
        applied > steps / 3,
        "{name} seed {seed}: only {applied} of {steps} applied"
    );
    println!("{name} seed {seed}: {applied} of {steps} edits applied, the rest refused");
    let edited = schema.clone();
    let mut redo = Vec::new();
    for inverse in undo.into_iter().rev() {
        redo.push(inverse.apply(&mut schema).expect("an inverse applies"));
    }
    let mut expected = original.clone();
    expected.ids = schema.ids.clone();
    assert_eq!(schema, expected, "{name} seed {seed}: undo all");
    for edit in redo.into_iter().rev() {
        edit.apply(&mut schema).expect("a redo applies");
    }
    assert_eq!(schema, edited, "{name} seed {seed}: redo all");
}

#[test]
fn random_edit_sequences_keep_invariants_and_undo_and_redo_exactly() {
    let seeds: u64 = std::env::var("SCHEMABOARD_EDIT_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    for path in common::sample_models() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let model = schemaboard::io::load(&path).unwrap();
        for seed in 1..=seeds {
            run(&name, &model, seed, 1500);
        }
    }
}
