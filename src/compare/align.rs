//! Pairing two models that do not share ids (two imports of two versions of one schema, each
//! numbered from 1) by their names, so the migration writer, which pairs by id, sees the real
//! changes: one inserted column no longer shifts every later id into a false rename.

use crate::model::{
    ColumnId, ConstraintId, DataType, EnumId, FdId, IndexId, IndexTarget, Schema, Table, TableId,
};
use std::collections::HashMap;

/// `new` with the ids of `old` wherever an object of `old` has the same name: tables and enum
/// types by schema-qualified name, columns by name within their table, constraints and indexes
/// by name where both are named and otherwise by the columns they cover (a check by its text),
/// the primary key as the table's. Everything else gets an id used by neither model. Only the
/// objects a migration and a comparison read are kept: the canvas's views, review threads and
/// notes are left out.
pub fn by_names(old: &Schema, new: &Schema) -> Schema {
    by_names_with(old, new, &[])
}

/// [`by_names`], with `renames` (accepted proposals of [`super::renames::probable_renames`])
/// pairing a table or column with the one of the old name.
pub fn by_names_with(old: &Schema, new: &Schema, renames: &[super::renames::Rename]) -> Schema {
    let mut fresh =
        crate::model::integrity::highest_id(old).max(crate::model::integrity::highest_id(new)) + 1;
    let mut next = || {
        fresh += 1;
        fresh - 1
    };
    let key = |schema: &Option<String>, name: &str| {
        format!("{}.{}", schema.as_deref().unwrap_or(""), name).to_lowercase()
    };
    let old_tables: HashMap<String, &Table> = old
        .tables
        .iter()
        .map(|t| (key(&t.schema, &t.name), t))
        .collect();
    let old_enums: HashMap<String, EnumId> = old
        .enums
        .iter()
        .map(|e| (key(&e.schema, &e.name), e.id))
        .collect();
    // A table of `new` and the table of `old` it is: same name, or an accepted rename.
    let before_of = |table: &Table| -> Option<&Table> {
        old_tables
            .get(&key(&table.schema, &table.name))
            .copied()
            .or_else(|| {
                renames
                    .iter()
                    .find(|r| {
                        r.column_from.is_none()
                            && r.to.eq_ignore_ascii_case(&table.qualified_name())
                    })
                    .and_then(|r| {
                        old.tables
                            .iter()
                            .find(|t| t.qualified_name().eq_ignore_ascii_case(&r.from))
                    })
            })
    };
    let mut aligned = new.clone();
    aligned.views.clear();
    aligned.comments.clear();
    aligned.notes.clear();

    // Groups are the canvas's, never compared: fresh ids keep them clear of the other model's.
    let mut groups = HashMap::new();
    for group in &mut aligned.groups {
        let id = crate::model::GroupId(next());
        groups.insert(group.id, id);
        group.id = id;
    }
    let mut enums: HashMap<EnumId, EnumId> = HashMap::new();
    for enum_type in &mut aligned.enums {
        let id = old_enums
            .get(&key(&enum_type.schema, &enum_type.name))
            .copied()
            .unwrap_or_else(|| EnumId(next()));
        enums.insert(enum_type.id, id);
        enum_type.id = id;
    }
    let mut tables: HashMap<TableId, TableId> = HashMap::new();
    let mut columns: HashMap<ColumnId, ColumnId> = HashMap::new();
    for table in &aligned.tables {
        let before = before_of(table);
        tables.insert(table.id, before.map_or_else(|| TableId(next()), |b| b.id));
        for column in &table.columns {
            let renamed_from = renames
                .iter()
                .find(|r| {
                    r.column_from.is_some()
                        && r.table.eq_ignore_ascii_case(&table.qualified_name())
                        && r.to.eq_ignore_ascii_case(&column.name)
                })
                .map(|r| r.from.as_str());
            let same = before.and_then(|b| {
                b.columns
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(&column.name))
                    .or_else(|| {
                        let from = renamed_from?;
                        b.columns.iter().find(|c| c.name.eq_ignore_ascii_case(from))
                    })
            });
            columns.insert(column.id, same.map_or_else(|| ColumnId(next()), |c| c.id));
        }
    }
    let column = |id: &ColumnId| columns.get(id).copied().unwrap_or(*id);
    let list = |ids: &[ColumnId]| ids.iter().map(column).collect::<Vec<_>>();
    let named = |ids: &[ColumnId], table: &Table| -> Vec<String> {
        ids.iter()
            .filter_map(|id| table.column(*id))
            .map(|c| c.name.to_lowercase())
            .collect()
    };
    for table in &mut aligned.tables {
        let before = before_of(table);
        let original = table.clone();
        table.id = tables[&original.id];
        table.group = table.group.and_then(|g| groups.get(&g).copied());
        for c in &mut table.columns {
            c.id = column(&c.id);
            if let DataType::Enum(id) = &mut c.data_type {
                *id = enums.get(id).copied().unwrap_or(*id);
            }
        }
        // A constraint or index of `before` that is the same one: same name when both have
        // one, else the same columns (or text).
        let same = |name: &Option<String>,
                    cover: Vec<String>,
                    theirs: &dyn Fn(&Table) -> Vec<Candidate>| {
            let before = before?;
            let candidates = theirs(before);
            candidates
                .iter()
                .find(|(n, _, _)| {
                    name.is_some()
                        && n.as_deref().map(str::to_lowercase)
                            == name.as_deref().map(str::to_lowercase)
                })
                .or_else(|| {
                    candidates
                        .iter()
                        .find(|(n, c, _)| (name.is_none() || n.is_none()) && *c == cover)
                })
                .map(|(_, _, id)| *id)
        };
        if let Some(pk) = &mut table.primary_key {
            pk.id = ConstraintId(
                before
                    .and_then(|b| b.primary_key.as_ref())
                    .map_or_else(&mut next, |k| k.id.0),
            );
            pk.columns = list(&pk.columns);
        }
        for unique in &mut table.uniques {
            let cover = named(&unique.columns, &original);
            let id = same(&unique.name, cover, &|b: &Table| {
                b.uniques
                    .iter()
                    .map(|u| (u.name.clone(), named(&u.columns, b), u.id.0))
                    .collect()
            });
            unique.id = ConstraintId(id.unwrap_or_else(&mut next));
            unique.columns = list(&unique.columns);
        }
        for check in &mut table.checks {
            let cover = vec![check.expression.to_lowercase()];
            let id = same(&check.name, cover, &|b: &Table| {
                b.checks
                    .iter()
                    .map(|c| (c.name.clone(), vec![c.expression.to_lowercase()], c.id.0))
                    .collect()
            });
            check.id = ConstraintId(id.unwrap_or_else(&mut next));
        }
        for index in &mut table.indexes {
            let cover = index_cover(&index.keys, &original);
            let id = same(&index.name, cover, &|b: &Table| {
                b.indexes
                    .iter()
                    .map(|i| (i.name.clone(), index_cover(&i.keys, b), i.id.0))
                    .collect()
            });
            index.id = IndexId(id.unwrap_or_else(&mut next));
            index.include = list(&index.include);
            for key in &mut index.keys {
                if let IndexTarget::Column(c) = &mut key.target {
                    *c = column(c);
                }
            }
        }
        for fk in &mut table.foreign_keys {
            let mut cover = named(&fk.columns, &original);
            cover.push(
                new.table(fk.references)
                    .map(|t| key(&t.schema, &t.name))
                    .unwrap_or_default(),
            );
            let id = same(&fk.name, cover, &|b: &Table| {
                b.foreign_keys
                    .iter()
                    .map(|f| {
                        let mut cover = named(&f.columns, b);
                        cover.push(
                            old.table(f.references)
                                .map(|t| key(&t.schema, &t.name))
                                .unwrap_or_default(),
                        );
                        (f.name.clone(), cover, f.id.0)
                    })
                    .collect()
            });
            fk.id = ConstraintId(id.unwrap_or_else(&mut next));
            fk.columns = list(&fk.columns);
            fk.references = tables.get(&fk.references).copied().unwrap_or(fk.references);
            fk.referenced_columns = list(&fk.referenced_columns);
        }
        for dependency in &mut table.dependencies {
            dependency.id = FdId(next());
            dependency.lhs = list(&dependency.lhs);
            dependency.rhs = list(&dependency.rhs);
        }
    }
    aligned.ids.reserve_above(fresh);
    aligned
}

/// A constraint or index as it is paired: its name, what it covers (column names, or text),
/// and its id.
type Candidate = (Option<String>, Vec<String>, u32);

/// What an index covers, by name: its columns, and its expressions as written.
fn index_cover(keys: &[crate::model::IndexKey], table: &Table) -> Vec<String> {
    keys.iter()
        .map(|k| match &k.target {
            IndexTarget::Column(id) => table
                .column(*id)
                .map(|c| c.name.to_lowercase())
                .unwrap_or_default(),
            IndexTarget::Expression(text) => text.to_lowercase(),
        })
        .collect()
}
