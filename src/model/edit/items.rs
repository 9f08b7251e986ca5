//! One generic add/remove/replace for every kind of item that lives in a table (columns,
//! constraints, indexes, dependencies) or at the top of the schema (enums, groups, notes,
//! queries).

use super::*;

// ---------------------------------------------------------------------------------------------
// Items that live in a table: one generic add/remove/set for all of them.

pub(super) trait TableItem: Clone + Sized {
    type Id: Copy + PartialEq + fmt::Display + Into<u32>;
    const KIND: &'static str;
    fn item_id(&self) -> Self::Id;
    fn list(table: &Table) -> &Vec<Self>;
    fn list_mut(table: &mut Table) -> &mut Vec<Self>;
    fn add_edit(table: TableId, item: Self, index: usize) -> Edit;
    fn remove_edit(id: Self::Id) -> Edit;
    fn set_edit(item: Self) -> Edit;

    /// Whether another object already has this id. Constraints of all kinds share one space.
    fn id_taken(schema: &Schema, id: Self::Id) -> bool {
        owner_of::<Self>(schema, id).is_some()
    }
}

fn owner_of<T: TableItem>(schema: &Schema, id: T::Id) -> Option<TableId> {
    schema
        .tables
        .iter()
        .find(|t| T::list(t).iter().any(|item| item.item_id() == id))
        .map(|t| t.id)
}

fn constraint_id_taken(schema: &Schema, id: ConstraintId) -> bool {
    schema.tables.iter().any(|t| {
        t.primary_key.as_ref().is_some_and(|pk| pk.id == id)
            || t.uniques.iter().any(|c| c.id == id)
            || t.foreign_keys.iter().any(|c| c.id == id)
            || t.checks.iter().any(|c| c.id == id)
    })
}

pub(super) fn require_free<T: TableItem>(schema: &Schema, id: T::Id) -> Result<(), EditError> {
    if T::id_taken(schema, id) || !id_allocated(schema, id.into()) {
        return Err(EditError::IdNotFree {
            kind: T::KIND,
            id: id.to_string(),
        });
    }
    Ok(())
}

/// [`require_free`], or only the allocator's side of it for ids just allocated.
pub(super) fn require_new<T: TableItem>(
    schema: &Schema,
    id: T::Id,
    ids: NewIds,
) -> Result<(), EditError> {
    if ids.scan() {
        return require_free::<T>(schema, id);
    }
    if !id_allocated(schema, id.into()) {
        return Err(EditError::IdNotFree {
            kind: T::KIND,
            id: id.to_string(),
        });
    }
    Ok(())
}

pub(super) fn add_item<T: TableItem>(
    schema: &mut Schema,
    table: TableId,
    item: T,
    index: usize,
    ids: NewIds,
) -> Result<Edit, EditError> {
    let id = item.item_id();
    require_new::<T>(schema, id, ids)?;
    let owner = schema
        .table_mut(table)
        .ok_or_else(|| missing("table", table))?;
    let list = T::list_mut(owner);
    let at = index.min(list.len());
    list.insert(at, item);
    verify_table(schema, table, |schema| {
        if let Some(owner) = schema.table_mut(table) {
            T::list_mut(owner).remove(at);
        }
    })?;
    Ok(T::remove_edit(id))
}

pub(super) fn remove_item<T: TableItem>(schema: &mut Schema, id: T::Id) -> Result<Edit, EditError> {
    let table = owner_of::<T>(schema, id).ok_or_else(|| missing(T::KIND, id))?;
    let owner = schema
        .table_mut(table)
        .ok_or_else(|| missing("table", table))?;
    let list = T::list_mut(owner);
    let at = list
        .iter()
        .position(|item| item.item_id() == id)
        .ok_or_else(|| missing(T::KIND, id))?;
    let item = list.remove(at);
    Ok(T::add_edit(table, item, at))
}

pub(super) fn set_item<T: TableItem>(schema: &mut Schema, item: T) -> Result<Edit, EditError> {
    let id = item.item_id();
    let table = owner_of::<T>(schema, id).ok_or_else(|| missing(T::KIND, id))?;
    let owner = schema
        .table_mut(table)
        .ok_or_else(|| missing("table", table))?;
    let slot = T::list_mut(owner)
        .iter_mut()
        .find(|existing| existing.item_id() == id)
        .ok_or_else(|| missing(T::KIND, id))?;
    let old = std::mem::replace(slot, item);
    let restore = old.clone();
    verify_table(schema, table, move |schema| {
        if let Some(slot) = schema
            .table_mut(table)
            .and_then(|owner| T::list_mut(owner).iter_mut().find(|i| i.item_id() == id))
        {
            *slot = restore;
        }
    })?;
    Ok(T::set_edit(old))
}

macro_rules! table_item {
    ($type:ty, $id:ty, $kind:literal, $field:ident,
     add: |$at_table:ident, $add_item:ident, $at:ident| $add:expr,
     remove: |$rm_id:ident| $remove:expr,
     set: |$set_item:ident| $set:expr,
     taken: $taken:expr) => {
        impl TableItem for $type {
            type Id = $id;
            const KIND: &'static str = $kind;
            fn item_id(&self) -> $id {
                self.id
            }
            fn list(table: &Table) -> &Vec<Self> {
                &table.$field
            }
            fn list_mut(table: &mut Table) -> &mut Vec<Self> {
                &mut table.$field
            }
            fn add_edit($at_table: TableId, $add_item: Self, $at: usize) -> Edit {
                $add
            }
            fn remove_edit($rm_id: $id) -> Edit {
                $remove
            }
            fn set_edit($set_item: Self) -> Edit {
                $set
            }
            fn id_taken(schema: &Schema, id: $id) -> bool {
                let taken: fn(&Schema, $id) -> bool = $taken;
                taken(schema, id)
            }
        }
    };
}

table_item!(Column, ColumnId, "column", columns,
    add: |table, column, index| Edit::AddColumn { table, column, index },
    remove: |column| Edit::RemoveColumn { column },
    set: |column| Edit::SetColumn { column },
    taken: |schema, id| schema.column(id).is_some());
table_item!(UniqueConstraint, ConstraintId, "unique constraint", uniques,
    add: |table, unique, index| Edit::AddUnique { table, unique, index },
    remove: |unique| Edit::RemoveUnique { unique },
    set: |unique| Edit::SetUnique { unique },
    taken: constraint_id_taken);
table_item!(ForeignKey, ConstraintId, "foreign key", foreign_keys,
    add: |table, foreign_key, index| Edit::AddForeignKey { table, foreign_key, index },
    remove: |foreign_key| Edit::RemoveForeignKey { foreign_key },
    set: |foreign_key| Edit::SetForeignKey { foreign_key },
    taken: constraint_id_taken);
table_item!(CheckConstraint, ConstraintId, "check constraint", checks,
    add: |table, check, index| Edit::AddCheck { table, check, index },
    remove: |check| Edit::RemoveCheck { check },
    set: |check| Edit::SetCheck { check },
    taken: constraint_id_taken);
table_item!(Index, IndexId, "index", indexes,
    add: |table, index_def, index| Edit::AddIndex { table, index_def, index },
    remove: |index_id| Edit::RemoveIndex { index_id },
    set: |index_def| Edit::SetIndex { index_def },
    taken: |schema, id| owner_of::<Index>(schema, id).is_some());
table_item!(FunctionalDependency, FdId, "functional dependency", dependencies,
    add: |table, dependency, index| Edit::AddDependency { table, dependency, index },
    remove: |dependency| Edit::RemoveDependency { dependency },
    set: |dependency| Edit::SetDependency { dependency },
    taken: |schema, id| owner_of::<FunctionalDependency>(schema, id).is_some());

// ---------------------------------------------------------------------------------------------
// Items that live at the top of the schema.

pub(super) trait SchemaItem: Clone + Sized {
    type Id: Copy + PartialEq + fmt::Display + Into<u32>;
    const KIND: &'static str;
    fn item_id(&self) -> Self::Id;
    fn list(schema: &Schema) -> &Vec<Self>;
    fn list_mut(schema: &mut Schema) -> &mut Vec<Self>;
    fn add_edit(item: Self, index: usize) -> Edit;
    fn remove_edit(id: Self::Id) -> Edit;
    fn set_edit(item: Self) -> Edit;

    /// Why the item itself is unsound, if it is.
    fn problem(&self) -> Option<String> {
        None
    }

    /// What must change elsewhere before the item can go, or why it cannot.
    fn dependents(_schema: &Schema, _id: Self::Id) -> Result<Vec<Edit>, EditError> {
        Ok(Vec::new())
    }
}

pub(super) fn add_top<T: SchemaItem>(
    schema: &mut Schema,
    item: T,
    index: usize,
) -> Result<Edit, EditError> {
    let id = item.item_id();
    let taken = T::list(schema).iter().any(|i| i.item_id() == id);
    if taken || !id_allocated(schema, id.into()) {
        return Err(EditError::IdNotFree {
            kind: T::KIND,
            id: id.to_string(),
        });
    }
    if let Some(problem) = item.problem() {
        return Err(EditError::Invalid(problem));
    }
    let list = T::list_mut(schema);
    let at = index.min(list.len());
    list.insert(at, item);
    Ok(T::remove_edit(id))
}

pub(super) fn remove_top<T: SchemaItem>(schema: &mut Schema, id: T::Id) -> Result<Edit, EditError> {
    let at = T::list(schema)
        .iter()
        .position(|i| i.item_id() == id)
        .ok_or_else(|| missing(T::KIND, id))?;
    let dependents = T::dependents(schema, id)?;
    if !dependents.is_empty() {
        let mut edits = dependents;
        edits.push(T::remove_edit(id));
        return apply_batch(schema, edits, NewIds::Scanned);
    }
    let item = T::list_mut(schema).remove(at);
    Ok(T::add_edit(item, at))
}

pub(super) fn set_top<T: SchemaItem>(schema: &mut Schema, item: T) -> Result<Edit, EditError> {
    let id = item.item_id();
    if let Some(problem) = item.problem() {
        return Err(EditError::Invalid(problem));
    }
    let slot = T::list_mut(schema)
        .iter_mut()
        .find(|i| i.item_id() == id)
        .ok_or_else(|| missing(T::KIND, id))?;
    Ok(T::set_edit(std::mem::replace(slot, item)))
}

macro_rules! schema_item {
    ($type:ident, $id:ty, $kind:literal, $field:ident,
     add: |$add_item:ident, $at:ident| $add:expr,
     remove: |$rm_id:ident| $remove:expr,
     set: |$set_item:ident| $set:expr) => {
        impl SchemaItem for $type {
            type Id = $id;
            const KIND: &'static str = $kind;
            fn item_id(&self) -> $id {
                self.id
            }
            fn list(schema: &Schema) -> &Vec<Self> {
                &schema.$field
            }
            fn list_mut(schema: &mut Schema) -> &mut Vec<Self> {
                &mut schema.$field
            }
            fn add_edit($add_item: Self, $at: usize) -> Edit {
                $add
            }
            fn remove_edit($rm_id: $id) -> Edit {
                $remove
            }
            fn set_edit($set_item: Self) -> Edit {
                $set
            }
            schema_item!(@extra $type);
        }
    };
    (@extra EnumType) => {
        fn dependents(schema: &Schema, id: EnumId) -> Result<Vec<Edit>, EditError> {
            enum_users(schema, id)
        }
    };
    (@extra Group) => {
        fn problem(&self) -> Option<String> {
            let bad = self.area.is_some_and(|area| !area.is_valid());
            bad.then(|| format!("group {:?} has an area with a non-finite or negative size", self.name))
        }
        fn dependents(schema: &Schema, id: GroupId) -> Result<Vec<Edit>, EditError> {
            Ok(group_members_leaving(schema, id))
        }
    };
    (@extra Note) => {
        fn problem(&self) -> Option<String> {
            let bad = !self.position.is_finite() || !self.width.is_finite() || self.width <= 0.0;
            bad.then(|| "a note needs a finite position and a width above 0".to_string())
        }
    };
    (@extra Query) => {};
}

schema_item!(EnumType, EnumId, "enum type", enums,
    add: |enum_type, index| Edit::AddEnum { enum_type, index },
    remove: |enum_type| Edit::RemoveEnum { enum_type },
    set: |enum_type| Edit::SetEnum { enum_type });
schema_item!(Group, GroupId, "group", groups,
    add: |group, index| Edit::AddGroup { group, index },
    remove: |group| Edit::RemoveGroup { group },
    set: |group| Edit::SetGroup { group });
schema_item!(Note, NoteId, "note", notes,
    add: |note, index| Edit::AddNote { note, index },
    remove: |note| Edit::RemoveNote { note },
    set: |note| Edit::SetNote { note });
schema_item!(Query, QueryId, "query", queries,
    add: |query, index| Edit::AddQuery { query, index },
    remove: |query| Edit::RemoveQuery { query },
    set: |query| Edit::SetQuery { query });

fn enum_users(schema: &Schema, id: EnumId) -> Result<Vec<Edit>, EditError> {
    use crate::model::data_type::DataType;
    fn uses(data_type: &DataType, id: EnumId) -> bool {
        match data_type {
            DataType::Enum(used) => *used == id,
            DataType::Array(element) => uses(element, id),
            _ => false,
        }
    }
    for table in &schema.tables {
        if let Some(column) = table.columns.iter().find(|c| uses(&c.data_type, id)) {
            let enum_name = schema
                .enum_type(id)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            return Err(EditError::EnumInUse {
                enum_name,
                column: format!("{}.{}", table.qualified_name(), column.name),
            });
        }
    }
    Ok(Vec::new())
}

fn group_members_leaving(schema: &Schema, id: GroupId) -> Vec<Edit> {
    schema
        .tables
        .iter()
        .filter(|t| t.group == Some(id))
        .map(|t| Edit::SetTableInfo {
            table: t.id,
            info: TableInfo {
                group: None,
                ..t.info()
            },
        })
        .collect()
}
