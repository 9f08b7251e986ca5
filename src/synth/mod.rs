//! Synthetic models for benchmarks and stress tests: realistic shapes (a few hub tables with
//! many children, junction tables with composite keys, indexes on most foreign keys, declared
//! dependencies and a workload of sample queries), deterministic for a given seed.

use crate::model::{
    Column, DataType, ForeignKey, FunctionalDependency, Index, IndexKey, IndexMethod, Point,
    PrimaryKey, Query, Schema, SortOrder, Table, UniqueConstraint,
};

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// Number of tables.
    pub tables: usize,
    /// Columns per table (at least 4).
    pub columns: usize,
    /// Sample queries in the workload.
    pub queries: usize,
    /// Random seed: the same spec gives the same model.
    pub seed: u64,
}

/// A small, fast, deterministic generator (xorshift64*): no dependency, same output everywhere.
/// Also drives the random edit sequences of the tests.
pub struct Rng(u64);

impl Rng {
    /// The generator for `seed` (any value, 0 included).
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn bits(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.bits() % n.max(1) as u64) as usize
    }

    /// Skewed towards 0: parents are drawn so that early tables become hubs.
    fn skewed(&mut self, n: usize) -> usize {
        let r = (self.bits() % 10_000) as f64 / 10_000.0;
        ((r * r * r) * n as f64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.bits() % 100 < percent
    }
}

const NOUNS: &[&str] = &[
    "customer",
    "order",
    "invoice",
    "product",
    "shipment",
    "supplier",
    "warehouse",
    "payment",
    "account",
    "contract",
    "employee",
    "project",
    "task",
    "ticket",
    "asset",
    "region",
    "store",
    "campaign",
    "lead",
    "device",
    "sensor",
    "reading",
    "policy",
    "claim",
    "course",
    "lesson",
];

const QUALIFIERS: &[&str] = &[
    "billing",
    "shipping",
    "primary",
    "secondary",
    "internal",
    "display",
    "legacy",
    "planned",
    "actual",
    "approved",
    "local",
    "global",
];

/// Picks a column's type (some attributes vary, as real schemas do).
type TypeOf = fn(&mut Rng) -> DataType;

const ATTRIBUTES: &[(&str, TypeOf)] = &[
    ("name", |_| DataType::Varchar(Some(120))),
    ("code", |_| DataType::Varchar(Some(20))),
    ("status", |_| DataType::Varchar(Some(20))),
    ("amount", |_| DataType::Numeric {
        precision: Some(12),
        scale: Some(2),
    }),
    ("quantity", |_| DataType::Integer),
    ("notes", |_| DataType::Text),
    ("created_at", |_| DataType::TimestampTz),
    ("valid_from", |_| DataType::Date),
    ("is_active", |_| DataType::Boolean),
    ("score", |r| {
        if r.chance(3) {
            DataType::BigInt
        } else {
            DataType::Integer
        }
    }),
    ("label", |r| {
        DataType::Varchar(Some(40 + 20 * r.below(4) as u32))
    }),
    ("external_ref", |_| DataType::Varchar(Some(64))),
];

/// Generates a model to `spec`.
pub fn generate(spec: Spec) -> Schema {
    let mut rng = Rng::new(spec.seed);
    let mut schema = Schema::new(format!("synthetic {}x{}", spec.tables, spec.columns));
    let per_row = (spec.tables as f32).sqrt().ceil().max(1.0) as usize;
    for i in 0..spec.tables {
        let name = format!("{}_{i:04}", NOUNS[i % NOUNS.len()]);
        let at = Point::new((i % per_row) as f32 * 320.0, (i / per_row) as f32 * 420.0);
        let mut table = Table::new(schema.ids.allocate(), name, at);
        let junction = i > 10 && i % 20 == 0;
        let mut parents: Vec<usize> = Vec::new();
        if i > 0 {
            let wanted = if junction { 2 } else { rng.below(4) };
            for _ in 0..wanted {
                let p = rng.skewed(i);
                if !parents.contains(&p) {
                    parents.push(p);
                }
            }
        }
        if !junction {
            let mut id = Column::new(schema.ids.allocate(), "id", DataType::BigInt);
            id.nullable = false;
            id.identity = Some(crate::model::Identity::Always);
            table.primary_key = Some(PrimaryKey {
                id: schema.ids.allocate(),
                name: None,
                columns: vec![id.id],
            });
            table.columns.push(id);
        }
        let mut fk_columns = Vec::new();
        for &p in &parents {
            let parent = &schema.tables[p];
            let Some(key) = parent.primary_key.as_ref().filter(|k| k.columns.len() == 1) else {
                continue;
            };
            let mut column = Column::new(
                schema.ids.allocate(),
                format!("{}_id", parent.name),
                DataType::BigInt,
            );
            column.nullable = rng.chance(20) && !junction;
            let fk = ForeignKey {
                id: schema.ids.allocate(),
                name: None,
                columns: vec![column.id],
                references: parent.id,
                referenced_columns: vec![key.columns[0]],
                on_delete: if rng.chance(30) {
                    crate::model::ReferentialAction::Cascade
                } else {
                    Default::default()
                },
                on_update: Default::default(),
                deferrable: None,
                match_full: false,
            };
            fk_columns.push(column.id);
            table.columns.push(column);
            table.foreign_keys.push(fk);
        }
        if junction && fk_columns.len() == 2 {
            table.primary_key = Some(PrimaryKey {
                id: schema.ids.allocate(),
                name: None,
                columns: fk_columns.clone(),
            });
        }
        let mut k = 0;
        while table.columns.len() < spec.columns.max(4) {
            let (base, make) = ATTRIBUTES[(k + i) % ATTRIBUTES.len()];
            // Further columns take a qualifier (`billing_name`), never a number: numbered
            // names are a design smell the validator reports.
            let name = match k / ATTRIBUTES.len() {
                0 => base.to_string(),
                // `billing_code` next to `billing_name` would read as an embedded entity.
                n if base == "code" => format!("{}_number", QUALIFIERS[(n - 1) % QUALIFIERS.len()]),
                n => format!("{}_{base}", QUALIFIERS[(n - 1) % QUALIFIERS.len()]),
            };
            let mut column = Column::new(schema.ids.allocate(), name, make(&mut rng));
            column.nullable = rng.chance(40);
            table.columns.push(column);
            k += 1;
        }
        // Most foreign keys get their index; a few tables also a composite and a unique one.
        for (n, column) in fk_columns.iter().enumerate() {
            let leads_pk = table
                .primary_key
                .as_ref()
                .is_some_and(|pk| pk.columns.first() == Some(column));
            if !leads_pk && rng.chance(85) {
                table.indexes.push(index(
                    &mut schema,
                    format!("{}_fk{n}_idx", table.name),
                    vec![IndexKey::column(*column)],
                    false,
                ));
            }
        }
        let plain: Vec<_> = table
            .columns
            .iter()
            .filter(|c| !table.is_primary_key_column(c.id) && !table.is_foreign_key_column(c.id))
            .map(|c| c.id)
            .collect();
        if plain.len() >= 2 && rng.chance(40) {
            let mut second = IndexKey::column(plain[1]);
            second.order = if rng.chance(30) {
                SortOrder::Desc
            } else {
                SortOrder::Asc
            };
            table.indexes.push(index(
                &mut schema,
                format!("{}_c_idx", table.name),
                vec![IndexKey::column(plain[0]), second],
                false,
            ));
        }
        if let Some(code) = table.column_named("code").map(|c| c.id)
            && rng.chance(50)
        {
            if let Some(c) = table.columns.iter_mut().find(|c| c.id == code) {
                c.nullable = false;
            }
            table.uniques.push(UniqueConstraint {
                id: schema.ids.allocate(),
                name: None,
                columns: vec![code],
                nulls_not_distinct: false,
            });
        }
        if i % 10 == 3 && plain.len() >= 3 {
            table.dependencies.push(FunctionalDependency {
                id: schema.ids.allocate(),
                lhs: vec![plain[1]],
                rhs: vec![plain[2]],
                soft: false,
                comment: "synthetic".into(),
            });
        }
        schema.tables.push(table);
    }
    for q in 0..spec.queries {
        let table = &schema.tables[rng.below(schema.tables.len())];
        let filter = &table.columns[rng.below(table.columns.len())];
        let order = &table.columns[rng.below(table.columns.len())];
        let sql = match q % 4 {
            0 => format!("SELECT * FROM {} WHERE {} = $1", table.name, filter.name),
            1 => format!(
                "SELECT * FROM {} WHERE {} = $1 ORDER BY {} DESC LIMIT 20",
                table.name, filter.name, order.name
            ),
            2 => format!(
                "SELECT * FROM {} WHERE {} > $1 AND {} < $2",
                table.name, filter.name, filter.name
            ),
            _ => match table
                .foreign_keys
                .first()
                .and_then(|fk| schema.table(fk.references).map(|p| (fk, p)))
            {
                Some((fk, parent)) => {
                    let column = table
                        .column(fk.columns[0])
                        .map_or("id", |c| c.name.as_str());
                    format!(
                        "SELECT c.* FROM {} c JOIN {} p ON p.id = c.{column} WHERE p.id = $1",
                        table.name, parent.name
                    )
                }
                None => format!("SELECT * FROM {} ORDER BY {}", table.name, order.name),
            },
        };
        let query = Query {
            id: schema.ids.allocate(),
            name: format!("query {q}"),
            sql,
            comment: String::new(),
        };
        schema.queries.push(query);
    }
    schema
}

fn index(schema: &mut Schema, name: String, keys: Vec<IndexKey>, unique: bool) -> Index {
    Index {
        id: schema.ids.allocate(),
        name: Some(name),
        unique,
        method: IndexMethod::BTree,
        keys,
        include: Vec::new(),
        predicate: None,
        comment: String::new(),
        mysql_since: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_models_are_sound_deterministic_and_shaped() {
        let spec = Spec {
            tables: 300,
            columns: 30,
            queries: 60,
            seed: 7,
        };
        let a = generate(spec);
        assert_eq!(crate::model::integrity_problems(&a), []);
        assert_eq!(a, generate(spec));
        assert_eq!(a.tables.len(), 300);
        assert!(a.tables.iter().all(|t| t.columns.len() >= 30));
        let fks: usize = a.tables.iter().map(|t| t.foreign_keys.len()).sum();
        assert!(fks > 300, "{fks}");
        let most = a
            .tables
            .iter()
            .map(|t| a.foreign_keys_into(t.id).count())
            .max()
            .unwrap();
        assert!(most > 20, "hub tables: {most}");
        assert!(
            a.tables
                .iter()
                .any(|t| t.primary_key.as_ref().is_some_and(|k| k.columns.len() == 2))
        );
        assert!(a.tables.iter().any(|t| !t.dependencies.is_empty()));
        assert_eq!(a.queries.len(), 60);
    }
}
