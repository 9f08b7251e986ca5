//! Edits of tables and columns that need more than a generic add/remove/set: whole tables,
//! header fields, positions, primary keys, and removals that cascade.

use super::*;

// ---------------------------------------------------------------------------------------------
// Tables

pub(super) fn add_table(
    schema: &mut Schema,
    table: Table,
    index: usize,
    ids: NewIds,
) -> Result<Edit, EditError> {
    let id = table.id;
    let in_use = !id_allocated(schema, id.0) || (ids.scan() && schema.table(id).is_some());
    if in_use {
        return Err(EditError::IdNotFree {
            kind: "table",
            id: id.to_string(),
        });
    }
    // One pass over the model for all the table's ids (ids of every kind share one counter, so
    // a raw number in use anywhere is taken); checking item by item would scan the model once per
    // column, which made importing thousands of tables quadratic.
    let fresh: std::collections::HashSet<u32> = item_ids(&table).collect();
    let clash = fresh.iter().any(|raw| !id_allocated(schema, *raw))
        || (ids.scan()
            && schema
                .tables
                .iter()
                .any(|t| item_ids(t).any(|raw| fresh.contains(&raw))));
    if clash {
        // Name the offending item precisely (the slow path runs only on this error).
        for column in &table.columns {
            require_free::<Column>(schema, column.id)?;
        }
        if let Some(pk) = &table.primary_key {
            require_free::<UniqueConstraint>(schema, pk.id)?;
        }
        for unique in &table.uniques {
            require_free::<UniqueConstraint>(schema, unique.id)?;
        }
        for fk in &table.foreign_keys {
            require_free::<ForeignKey>(schema, fk.id)?;
        }
        for check in &table.checks {
            require_free::<CheckConstraint>(schema, check.id)?;
        }
        for index_def in &table.indexes {
            require_free::<Index>(schema, index_def.id)?;
        }
        for fd in &table.dependencies {
            require_free::<FunctionalDependency>(schema, fd.id)?;
        }
        // Only a clash with an object of another kind is left: name its number.
        let raw = schema
            .tables
            .iter()
            .flat_map(item_ids)
            .find(|raw| fresh.contains(raw))
            .unwrap_or_default();
        return Err(EditError::IdNotFree {
            kind: "table item",
            id: raw.to_string(),
        });
    }
    let at = index.min(schema.tables.len());
    schema.tables.insert(at, table);
    verify_table(schema, id, |schema| {
        schema.tables.remove(at);
    })?;
    Ok(Edit::RemoveTable { table: id })
}

/// The ids of everything a table holds (not the table's own).
fn item_ids(table: &Table) -> impl Iterator<Item = u32> + '_ {
    table
        .columns
        .iter()
        .map(|c| c.id.0)
        .chain(table.primary_key.iter().map(|k| k.id.0))
        .chain(table.uniques.iter().map(|c| c.id.0))
        .chain(table.foreign_keys.iter().map(|c| c.id.0))
        .chain(table.checks.iter().map(|c| c.id.0))
        .chain(table.indexes.iter().map(|c| c.id.0))
        .chain(table.dependencies.iter().map(|c| c.id.0))
}

pub(super) fn remove_table(schema: &mut Schema, id: TableId) -> Result<Edit, EditError> {
    let inbound: Vec<Edit> = schema
        .foreign_keys_into(id)
        .filter(|(table, _)| table.id != id)
        .map(|(_, fk)| Edit::RemoveForeignKey { foreign_key: fk.id })
        .collect();
    if !inbound.is_empty() {
        let mut edits = inbound;
        edits.push(Edit::RemoveTable { table: id });
        return apply_batch(schema, edits, NewIds::Scanned);
    }
    let at = schema.table_index(id).ok_or_else(|| missing("table", id))?;
    let table = schema.tables.remove(at);
    Ok(Edit::AddTable { table, index: at })
}

pub(super) fn set_table_info(
    schema: &mut Schema,
    id: TableId,
    info: TableInfo,
) -> Result<Edit, EditError> {
    if let Some(group) = info.group
        && schema.group(group).is_none()
    {
        return Err(missing("group", group));
    }
    let table = schema.table_mut(id).ok_or_else(|| missing("table", id))?;
    let old = table.replace_info(info);
    Ok(Edit::SetTableInfo {
        table: id,
        info: old,
    })
}

pub(super) fn move_items(
    schema: &mut Schema,
    tables: Vec<(TableId, Point)>,
    notes: Vec<(NoteId, Point)>,
) -> Result<Edit, EditError> {
    if let Some((_, point)) = tables
        .iter()
        .map(|(_, p)| ((), p))
        .chain(notes.iter().map(|(_, p)| ((), p)))
        .find(|(_, p)| !p.is_finite())
    {
        return Err(EditError::Invalid(format!(
            "cannot move to a non-finite position ({}, {})",
            point.x, point.y
        )));
    }
    for (id, _) in &tables {
        schema.table(*id).ok_or_else(|| missing("table", id))?;
    }
    for (id, _) in &notes {
        schema.note(*id).ok_or_else(|| missing("note", id))?;
    }
    let mut old_tables = Vec::with_capacity(tables.len());
    for (id, point) in tables {
        if let Some(table) = schema.table_mut(id) {
            old_tables.push((id, std::mem::replace(&mut table.position, point)));
        }
    }
    let mut old_notes = Vec::with_capacity(notes.len());
    for (id, point) in notes {
        if let Some(note) = schema.notes.iter_mut().find(|n| n.id == id) {
            old_notes.push((id, std::mem::replace(&mut note.position, point)));
        }
    }
    // Restore in reverse so a list that names one item twice comes back to the first position.
    old_tables.reverse();
    old_notes.reverse();
    Ok(Edit::MoveItems {
        tables: old_tables,
        notes: old_notes,
    })
}

pub(super) fn set_primary_key(
    schema: &mut Schema,
    id: TableId,
    primary_key: Option<PrimaryKey>,
    ids: NewIds,
) -> Result<Edit, EditError> {
    let current = schema
        .table(id)
        .ok_or_else(|| missing("table", id))?
        .primary_key
        .as_ref()
        .map(|pk| pk.id);
    if let Some(pk) = &primary_key
        && current != Some(pk.id)
    {
        require_new::<UniqueConstraint>(schema, pk.id, ids)?;
    }
    let table = schema.table_mut(id).ok_or_else(|| missing("table", id))?;
    let old = std::mem::replace(&mut table.primary_key, primary_key);
    let restore = old.clone();
    verify_table(schema, id, move |schema| {
        if let Some(table) = schema.table_mut(id) {
            table.primary_key = restore;
        }
    })?;
    Ok(Edit::SetPrimaryKey {
        table: id,
        primary_key: old,
    })
}

// ---------------------------------------------------------------------------------------------
// Columns

pub(super) fn remove_column(schema: &mut Schema, id: ColumnId) -> Result<Edit, EditError> {
    let (table, _) = schema.column(id).ok_or_else(|| missing("column", id))?;
    let dependents = column_dependents(schema, table, id);
    if !dependents.is_empty() {
        let mut edits = dependents;
        edits.push(Edit::RemoveColumn { column: id });
        return apply_batch(schema, edits, NewIds::Scanned);
    }
    remove_item::<Column>(schema, id)
}

/// The edits that must go before removing `column` so nothing references it.
fn column_dependents(schema: &Schema, table: &Table, column: ColumnId) -> Vec<Edit> {
    let mut edits = Vec::new();
    if table.is_primary_key_column(column) {
        edits.push(Edit::SetPrimaryKey {
            table: table.id,
            primary_key: None,
        });
    }
    for unique in table.uniques.iter().filter(|u| u.columns.contains(&column)) {
        edits.push(Edit::RemoveUnique { unique: unique.id });
    }
    for other in &schema.tables {
        for fk in &other.foreign_keys {
            let outgoing = other.id == table.id && fk.columns.contains(&column);
            if outgoing || fk.referenced_columns.contains(&column) {
                edits.push(Edit::RemoveForeignKey { foreign_key: fk.id });
            }
        }
    }
    let name = table.column(column).map(|c| c.name.as_str()).unwrap_or("");
    for check in table
        .checks
        .iter()
        .filter(|c| mentions(&c.expression, name))
    {
        edits.push(Edit::RemoveCheck { check: check.id });
    }
    for index in &table.indexes {
        let keyed = index.keys.iter().any(|k| match &k.target {
            IndexTarget::Column(id) => *id == column,
            IndexTarget::Expression(sql) => mentions(sql, name),
        });
        if keyed || index.include.contains(&column) {
            edits.push(Edit::RemoveIndex { index_id: index.id });
        }
    }
    for fd in &table.dependencies {
        if fd.lhs.contains(&column) || fd.rhs == [column] {
            edits.push(Edit::RemoveDependency { dependency: fd.id });
        } else if fd.rhs.contains(&column) {
            // A → BC implies A → B: keep what still holds.
            let mut narrowed = fd.clone();
            narrowed.rhs.retain(|c| *c != column);
            edits.push(Edit::SetDependency {
                dependency: narrowed,
            });
        }
    }
    edits
}

/// Whether an SQL expression names the column: the name as a whole word, bare or quoted. A
/// string literal holding the same word is a false match, which only removes a check that the
/// user can undo.
fn mentions(expression: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let lower = expression.to_lowercase();
    let name = name.to_lowercase();
    lower.match_indices(&name).any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + name.len()..].chars().next();
        before.is_none_or(|c| !is_word(c)) && after.is_none_or(|c| !is_word(c))
    })
}

pub(super) fn move_column(
    schema: &mut Schema,
    id: ColumnId,
    index: usize,
) -> Result<Edit, EditError> {
    let table_id = schema
        .table_of_column(id)
        .ok_or_else(|| missing("column", id))?;
    let table = schema
        .table_mut(table_id)
        .ok_or_else(|| missing("table", table_id))?;
    let from = table
        .columns
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| missing("column", id))?;
    let column = table.columns.remove(from);
    let to = index.min(table.columns.len());
    table.columns.insert(to, column);
    Ok(Edit::MoveColumn {
        column: id,
        index: from,
    })
}
