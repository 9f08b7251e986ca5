//! The diagram's geometry: a model plus font metrics in, boxes, text runs and connector paths out,
//! in scene coordinates. The canvas and the image exporter both draw this, so what the architect
//! sees is what the PNG shows. No GUI types here.

mod detour;
mod measure;
mod metrics;
pub mod palette;
mod route;
pub mod views;

pub use measure::{ApproxMeasure, TextMeasure, TextStyle};
pub use metrics::Metrics;
pub use route::{Connector, EndShape, Mark};

use crate::model::{Color, ColumnId, GroupId, NoteId, Point, Rect, Schema, Table, TableId};
use std::fmt::Write as _;

/// Everything to draw for one model.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Group areas, drawn first.
    pub groups: Vec<GroupArea>,
    /// Relationship lines, drawn under the cards.
    pub connectors: Vec<Connector>,
    /// Table cards.
    pub tables: Vec<TableCard>,
    /// Sticky notes.
    pub notes: Vec<NoteCard>,
    /// Views, beside the tables ([`views::add_views`]).
    pub views: Vec<views::ViewCard>,
    /// Dashed lines from each view to the tables it reads.
    pub view_links: Vec<views::ViewLink>,
    /// The smallest rectangle holding everything (for fit-all and image size).
    pub bounds: Rect,
}

/// A table's card.
#[derive(Clone, Debug, PartialEq)]
pub struct TableCard {
    /// The table drawn.
    pub table: TableId,
    /// The whole card.
    pub rect: Rect,
    /// `schema.name` or `name`.
    pub title: String,
    /// Header colour (the table's own, else its group's); `None` is the theme's default.
    pub color: Option<Color>,
    /// One row per column, top to bottom.
    pub rows: Vec<ColumnRow>,
    /// A partitioned table's partitions, one row each below the columns: a partitioned table
    /// and its partitions are one card.
    pub partitions: Vec<PartitionRow>,
}

/// A partition's row on its partitioned table's card.
#[derive(Clone, Debug, PartialEq)]
pub struct PartitionRow {
    /// The partition (a table of the model).
    pub table: TableId,
    /// The row's rectangle.
    pub rect: Rect,
    /// Its name.
    pub name: String,
    /// Which rows it holds (`FROM ('2022-01-01') TO ('2023-01-01')`, `IN ('a')`, `DEFAULT`).
    pub bound: String,
}

/// One column's row on a card.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnRow {
    /// The column drawn.
    pub column: ColumnId,
    /// The row's rectangle.
    pub rect: Rect,
    /// Column name.
    pub name: String,
    /// Portable type, `?` appended when nullable is not shown elsewhere.
    pub type_text: String,
    /// Key and constraint markers.
    pub markers: Markers,
}

/// What a column takes part in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Markers {
    /// Part of the primary key.
    pub primary_key: bool,
    /// Part of an outgoing foreign key.
    pub foreign_key: bool,
    /// Unique on its own.
    pub unique: bool,
    /// NOT NULL.
    pub not_null: bool,
    /// First key of some index.
    pub indexed: bool,
}

/// A group's coloured area.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupArea {
    /// The group.
    pub group: GroupId,
    /// The area, label band included.
    pub rect: Rect,
    /// Its name.
    pub name: String,
    /// Its colour.
    pub color: Color,
}

/// A sticky note.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteCard {
    /// The note.
    pub note: NoteId,
    /// The card.
    pub rect: Rect,
    /// The note's lines.
    pub lines: Vec<String>,
    /// Its colour, if set.
    pub color: Option<Color>,
}

/// How much of each table a card shows: the model's own setting of a named view.
pub use crate::model::views::Detail;

/// Lays out the whole model.
pub fn build(schema: &Schema, measure: &dyn TextMeasure, metrics: &Metrics) -> Scene {
    build_detailed(schema, measure, metrics, Detail::Full)
}

/// Lays out the whole model, showing `detail` of each table. Connectors keep their ends
/// (read from the model, not from the rows shown) and attach mid-card to hidden rows.
pub fn build_detailed(
    schema: &Schema,
    measure: &dyn TextMeasure,
    metrics: &Metrics,
    detail: Detail,
) -> Scene {
    let folded = Folded::of(schema);
    let tables: Vec<TableCard> = folded
        .drawn(schema)
        .map(|table| {
            table_card(
                schema,
                table,
                folded.partitions(table.id),
                measure,
                metrics,
                detail,
            )
        })
        .collect();
    assemble(schema, tables, metrics, &folded, None)
}

/// Which tables are drawn inside another's card: partitions inside their partitioned table's.
struct Folded<'s> {
    parent: rustc_hash::FxHashMap<TableId, TableId>,
    children: rustc_hash::FxHashMap<TableId, Vec<&'s Table>>,
}

impl<'s> Folded<'s> {
    fn of(schema: &'s Schema) -> Self {
        let parent = crate::model::partition::parents(schema);
        let mut children: rustc_hash::FxHashMap<TableId, Vec<&Table>> = Default::default();
        for table in &schema.tables {
            if let Some(p) = parent.get(&table.id) {
                children.entry(*p).or_default().push(table);
            }
        }
        Self { parent, children }
    }

    /// The tables with a card of their own, in model order.
    fn drawn<'a>(&'a self, schema: &'s Schema) -> impl Iterator<Item = &'s Table> + 'a {
        schema
            .tables
            .iter()
            .filter(|t| !self.parent.contains_key(&t.id))
    }

    fn partitions(&self, table: TableId) -> &[&'s Table] {
        self.children.get(&table).map_or(&[], Vec::as_slice)
    }
}

/// Each table's card size, in model order, without routing a connector: what laying out needs
/// (routing over cards that all still sit at the origin costs the square of their number).
/// A table drawn inside another's card (a partition) has none.
pub fn card_sizes(
    schema: &Schema,
    measure: &dyn TextMeasure,
    metrics: &Metrics,
) -> Vec<Option<(f32, f32)>> {
    let folded = Folded::of(schema);
    // The texts are written into one buffer and measured there: making each card's rows (two
    // strings a column) only to read its size was most of the cost of laying out a large import.
    let mut text = String::new();
    schema
        .tables
        .iter()
        .map(|table| {
            if folded.parent.contains_key(&table.id) {
                return None;
            }
            let mut widest_row = 0.0f32;
            for column in &table.columns {
                text.clear();
                let enum_name = |id| schema.enum_type(id).map(|e| e.name.clone());
                // Writing into a String cannot fail.
                let _ = write!(text, "{}", column.data_type.display_with(&enum_name));
                widest_row = widest_row.max(row_width(&column.name, &text, measure, metrics));
            }
            let partitions = folded.partitions(table.id);
            for p in partitions {
                let bound = crate::model::partition::bound(p);
                widest_row = widest_row.max(row_width(&p.name, &bound, measure, metrics));
            }
            text.clear();
            if let Some(schema_name) = &table.schema {
                text.push_str(schema_name);
                text.push('.');
            }
            text.push_str(&table.name);
            Some((
                card_width(&text, widest_row, measure, metrics),
                card_height(table.columns.len() + partitions.len(), metrics),
            ))
        })
        .collect()
}

/// A row's width: its marker gutter, its name and its detail (a column's type, a partition's
/// bound).
fn row_width(name: &str, detail: &str, measure: &dyn TextMeasure, metrics: &Metrics) -> f32 {
    metrics.gutter
        + measure.width(name, TextStyle::Body)
        + metrics.gap
        + measure.width(detail, TextStyle::Detail)
}

/// A card's width: its title's or its widest row's, padded, and never under the minimum.
fn card_width(title: &str, widest_row: f32, measure: &dyn TextMeasure, metrics: &Metrics) -> f32 {
    (measure.width(title, TextStyle::Title) + 2.0 * metrics.padding)
        .max(widest_row + 2.0 * metrics.padding)
        .max(metrics.min_card_width)
        .ceil()
}

/// A card's height with this many rows under its header.
fn card_height(rows: usize, metrics: &Metrics) -> f32 {
    metrics.header_height + rows as f32 * metrics.row_height + 4.0
}

/// `previous` with the cards of tables that moved in `schema` since it was laid out moved with
/// them, and the connectors, group areas, notes and bounds that depend on positions made anew.
/// A drag runs this every frame instead of [`build`]: measuring every card's text again is what
/// makes laying out a large model cost milliseconds. Falls back to `None` when `previous` is not
/// a layout of the same tables (one was added or removed).
pub fn moved(previous: &Scene, schema: &Schema, metrics: &Metrics) -> Option<Scene> {
    let folded = Folded::of(schema);
    if previous.tables.len() != folded.drawn(schema).count()
        || previous
            .tables
            .iter()
            .zip(folded.drawn(schema))
            .any(|(card, table)| card.table != table.id)
    {
        return None;
    }
    let mut shifted = rustc_hash::FxHashSet::default();
    let tables = previous
        .tables
        .iter()
        .zip(folded.drawn(schema))
        .map(|(card, table)| {
            let (dx, dy) = (
                table.position.x - card.rect.x,
                table.position.y - card.rect.y,
            );
            let mut card = card.clone();
            if dx != 0.0 || dy != 0.0 {
                shifted.insert(card.table);
                card.rect.x += dx;
                card.rect.y += dy;
                for row in &mut card.rows {
                    row.rect.x += dx;
                    row.rect.y += dy;
                }
                for row in &mut card.partitions {
                    row.rect.x += dx;
                    row.rect.y += dy;
                }
            }
            card
        })
        .collect();
    // Only the connectors of the moved tables are routed again: the others keep their route
    // until the drop lays the scene out anew.
    let kept = route::Kept {
        previous: &previous.connectors,
        moved: &shifted,
    };
    let mut scene = assemble(schema, tables, metrics, &folded, Some(kept));
    // Views stay where they were laid out; their lines follow the tables.
    scene.views = previous.views.clone();
    scene.view_links = views::links(&scene.views, &scene.tables, metrics);
    if let Some(bounds) =
        union(std::iter::once(scene.bounds).chain(scene.views.iter().map(|v| v.rect)))
    {
        scene.bounds = bounds;
    }
    Some(scene)
}

/// The scene around laid-out cards: connectors, group areas, notes, bounds.
fn assemble(
    schema: &Schema,
    tables: Vec<TableCard>,
    metrics: &Metrics,
    folded: &Folded<'_>,
    kept: Option<route::Kept<'_>>,
) -> Scene {
    let connectors = route::connectors(schema, &tables, &folded.parent, metrics, kept);
    let groups = group_areas(schema, folded, &tables, metrics);
    let notes = schema
        .notes
        .iter()
        .map(|note| {
            let lines: Vec<String> = note.text.lines().map(str::to_string).collect();
            let height =
                lines.len().max(1) as f32 * metrics.note_line_height + 2.0 * metrics.padding;
            NoteCard {
                note: note.id,
                rect: Rect {
                    x: note.position.x,
                    y: note.position.y,
                    width: note.width,
                    height,
                },
                lines,
                color: note.color,
            }
        })
        .collect::<Vec<_>>();
    let rects = groups
        .iter()
        .map(|g| g.rect)
        .chain(tables.iter().map(|t| t.rect))
        .chain(notes.iter().map(|n| n.rect));
    let bounds = union(rects).unwrap_or(Rect {
        x: 0.0,
        y: 0.0,
        width: 0.0,
        height: 0.0,
    });
    Scene {
        groups,
        connectors,
        tables,
        notes,
        views: Vec::new(),
        view_links: Vec::new(),
        bounds,
    }
}

fn table_card(
    schema: &Schema,
    table: &Table,
    partitions: &[&Table],
    measure: &dyn TextMeasure,
    metrics: &Metrics,
    detail: Detail,
) -> TableCard {
    let title = table.qualified_name();
    // Each column's markers from sets made once: asking the table per column costs its
    // width times its keys and indexes.
    let keyed = KeyedColumns::of(table);
    let shown: Vec<&crate::model::Column> = table
        .columns
        .iter()
        .filter(|c| match detail {
            Detail::Full => true,
            Detail::Keys => keyed.primary_key.contains(&c.id) || keyed.foreign_key.contains(&c.id),
            Detail::Names => false,
        })
        .collect();
    let texts: Vec<(String, String)> = shown
        .iter()
        .map(|c| (c.name.clone(), schema.type_name(c)))
        .collect();
    let widest_row = texts
        .iter()
        .map(|(name, type_text)| row_width(name, type_text, measure, metrics))
        .fold(0.0, f32::max);
    let partition_texts: Vec<(String, String)> = match detail {
        Detail::Names => Vec::new(),
        Detail::Full | Detail::Keys => partitions
            .iter()
            .map(|p| (p.name.clone(), crate::model::partition::bound(p)))
            .collect(),
    };
    let widest_partition = partition_texts
        .iter()
        .map(|(name, bound)| row_width(name, bound, measure, metrics))
        .fold(0.0, f32::max);
    let width = card_width(&title, widest_row.max(widest_partition), measure, metrics);
    let origin = table.position;
    let rows = shown
        .iter()
        .zip(texts)
        .enumerate()
        .map(|(i, (column, (name, type_text)))| ColumnRow {
            column: column.id,
            rect: Rect {
                x: origin.x,
                y: origin.y + metrics.header_height + i as f32 * metrics.row_height,
                width,
                height: metrics.row_height,
            },
            name,
            type_text,
            markers: Markers {
                primary_key: keyed.primary_key.contains(&column.id),
                foreign_key: keyed.foreign_key.contains(&column.id),
                unique: keyed.unique.contains(&column.id),
                not_null: !column.nullable,
                indexed: keyed.indexed.contains(&column.id),
            },
        })
        .collect::<Vec<_>>();
    let partitions_top = origin.y + metrics.header_height + rows.len() as f32 * metrics.row_height;
    let partitions: Vec<PartitionRow> = partitions
        .iter()
        .zip(partition_texts)
        .enumerate()
        .map(|(i, (partition, (name, bound)))| PartitionRow {
            table: partition.id,
            rect: Rect {
                x: origin.x,
                y: partitions_top + i as f32 * metrics.row_height,
                width,
                height: metrics.row_height,
            },
            name,
            bound,
        })
        .collect();
    let height = card_height(rows.len() + partitions.len(), metrics);
    let color = table
        .color
        .or_else(|| table.group.and_then(|g| schema.group(g)).map(|g| g.color));
    TableCard {
        table: table.id,
        rect: Rect {
            x: origin.x,
            y: origin.y,
            width,
            height,
        },
        title,
        color,
        rows,
        partitions,
    }
}

fn group_areas(
    schema: &Schema,
    folded: &Folded<'_>,
    tables: &[TableCard],
    metrics: &Metrics,
) -> Vec<GroupArea> {
    schema
        .groups
        .iter()
        .filter_map(|group| {
            let rect = group.area.or_else(|| {
                let members = folded
                    .drawn(schema)
                    .zip(tables)
                    .filter(|(table, _)| table.group == Some(group.id))
                    .map(|(_, card)| card.rect);
                union(members).map(|r| {
                    let pad = metrics.group_padding;
                    Rect {
                        x: r.x - pad,
                        y: r.y - 2.0 * pad,
                        width: r.width + 2.0 * pad,
                        height: r.height + 3.0 * pad,
                    }
                })
            })?;
            Some(GroupArea {
                group: group.id,
                rect,
                name: group.name.clone(),
                color: group.color,
            })
        })
        .collect()
}

/// The smallest rectangle holding all of `rects`; `None` when there are none.
pub fn union(rects: impl IntoIterator<Item = Rect>) -> Option<Rect> {
    let mut iter = rects.into_iter();
    let first = iter.next()?;
    let (mut min, mut max) = (
        Point::new(first.x, first.y),
        Point::new(first.x + first.width, first.y + first.height),
    );
    for r in iter {
        min.x = min.x.min(r.x);
        min.y = min.y.min(r.y);
        max.x = max.x.max(r.x + r.width);
        max.y = max.y.max(r.y + r.height);
    }
    Some(Rect {
        x: min.x,
        y: min.y,
        width: max.x - min.x,
        height: max.y - min.y,
    })
}

/// The columns of a table that each kind of key or index holds, as the markers show them (see
/// [`Table::is_primary_key_column`] and its neighbours, which answer the same one at a time).
struct KeyedColumns {
    primary_key: rustc_hash::FxHashSet<crate::model::ColumnId>,
    foreign_key: rustc_hash::FxHashSet<crate::model::ColumnId>,
    unique: rustc_hash::FxHashSet<crate::model::ColumnId>,
    indexed: rustc_hash::FxHashSet<crate::model::ColumnId>,
}

impl KeyedColumns {
    fn of(table: &Table) -> Self {
        use crate::model::IndexTarget;
        let pk = table.primary_key.as_ref();
        let primary_key = pk
            .iter()
            .flat_map(|pk| pk.columns.iter().copied())
            .collect();
        let foreign_key = table
            .foreign_keys
            .iter()
            .flat_map(|fk| fk.columns.iter().copied())
            .collect();
        let unique = table
            .uniques
            .iter()
            .filter_map(|u| match u.columns.as_slice() {
                [only] => Some(*only),
                _ => None,
            })
            .chain(table.indexes.iter().filter_map(|i| {
                match (i.unique && i.predicate.is_none(), i.keys.as_slice()) {
                    (true, [k]) => match k.target {
                        IndexTarget::Column(c) => Some(c),
                        IndexTarget::Expression(_) => None,
                    },
                    _ => None,
                }
            }))
            .collect();
        let indexed = pk
            .and_then(|pk| pk.columns.first().copied())
            .into_iter()
            .chain(
                table
                    .uniques
                    .iter()
                    .filter_map(|u| u.columns.first().copied()),
            )
            .chain(
                table
                    .indexes
                    .iter()
                    .filter_map(|i| match i.keys.first()?.target {
                        IndexTarget::Column(c) => Some(c),
                        IndexTarget::Expression(_) => None,
                    }),
            )
            .collect();
        Self {
            primary_key,
            foreign_key,
            unique,
            indexed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partitioned_table_and_its_partitions_are_one_card() {
        let sql = "CREATE TABLE customer (id int PRIMARY KEY);\n\
                   CREATE TABLE payment (id int, customer_id int REFERENCES customer, at date) \
                   PARTITION BY RANGE (at);\n\
                   CREATE TABLE payment_2024 PARTITION OF payment FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n\
                   CREATE TABLE payment_old (id int, customer_id int REFERENCES customer, at date);\n\
                   ALTER TABLE ONLY payment ATTACH PARTITION payment_old DEFAULT;\n\
                   CREATE TABLE audit (id int, payment_id int);\n";
        let mut schema =
            crate::import::import_sql(sql, Some(crate::import::Dialect::Postgres), "t").schema;
        let metrics = Metrics::default();
        let scene = build(&schema, &ApproxMeasure, &metrics);
        let titles: Vec<&str> = scene.tables.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["customer", "payment", "audit"]);
        let payment = &scene.tables[1];
        let rows: Vec<(&str, &str)> = payment
            .partitions
            .iter()
            .map(|p| (p.name.as_str(), p.bound.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("payment_2024", "FROM ('2024-01-01') TO ('2025-01-01')"),
                ("payment_old", "DEFAULT")
            ]
        );
        let last_column = payment.rows.last().unwrap().rect;
        assert!(payment.partitions[0].rect.y >= last_column.y + last_column.height);
        let last = payment.partitions[1].rect;
        assert!(last.y + last.height <= payment.rect.y + payment.rect.height);
        // The partitions' keys say what the partitioned table's key says: one line, not three.
        assert_eq!(scene.connectors.len(), 1, "{:?}", scene.connectors);
        // Laying out places no card for a partition; dragging moves its rows with the card.
        let sizes = card_sizes(&schema, &ApproxMeasure, &metrics);
        assert_eq!(sizes.iter().filter(|s| s.is_none()).count(), 2);
        let sized: Vec<_> = sizes.into_iter().flatten().collect();
        assert_eq!(sized, drawn_sizes(&scene));
        let payment_id = payment.table;
        let table = schema
            .tables
            .iter_mut()
            .find(|t| t.id == payment_id)
            .unwrap();
        table.position.x += 40.0;
        let dragged = moved(&scene, &schema, &metrics).expect("same cards");
        assert_eq!(
            dragged.tables[1].partitions[0].rect.x,
            payment.partitions[0].rect.x + 40.0
        );
        assert_eq!(dragged, build(&schema, &ApproxMeasure, &metrics));
    }

    #[test]
    fn laying_out_sizes_each_card_as_the_scene_draws_it() {
        // Every sample model (schemas, enums, arrays, partitions, wide tables).
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_models");
        let mut models: Vec<Schema> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| crate::io::load(&entry.unwrap().path()).unwrap())
            .collect();
        assert!(models.len() >= 5);
        let mut qualified = models[0].clone();
        for (i, table) in qualified.tables.iter_mut().enumerate() {
            table.schema = Some(format!("a_rather_long_schema_name_{i}"));
        }
        models.push(qualified);
        let metrics = Metrics::default();
        for schema in &models {
            assert_eq!(
                card_sizes(schema, &ApproxMeasure, &metrics)
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>(),
                drawn_sizes(&build(schema, &ApproxMeasure, &metrics)),
                "{}",
                schema.name
            );
        }
    }

    fn drawn_sizes(scene: &Scene) -> Vec<(f32, f32)> {
        scene
            .tables
            .iter()
            .map(|card| (card.rect.width, card.rect.height))
            .collect()
    }

    #[test]
    fn moving_cards_gives_the_scene_a_full_layout_gives() {
        let mut schema = crate::synth::generate(crate::synth::Spec {
            tables: 40,
            columns: 8,
            queries: 0,
            seed: 9,
        });
        let metrics = Metrics::default();
        let before = build(&schema, &ApproxMeasure, &metrics);
        for (i, table) in schema
            .tables
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| i % 7 == 0)
        {
            table.position.x += 55.0 + i as f32;
            table.position.y -= 30.0;
        }
        let shifted = moved(&before, &schema, &metrics).expect("the same tables");
        assert_eq!(shifted, build(&schema, &ApproxMeasure, &metrics));
        schema.tables.pop();
        assert!(
            moved(&before, &schema, &metrics).is_none(),
            "a table fewer: lay out again"
        );
    }
    use crate::model::SchemaBuilder;

    fn model() -> Schema {
        let mut b = SchemaBuilder::new("t");
        let g = b.group("Core", "#10b981", "");
        b.table("customers", (0.0, 0.0), |t| {
            t.group(g);
            t.column("id", "bigint").pk();
            t.column("email", "varchar(320)").not_null().unique();
        });
        b.table("orders", (400.0, 100.0), |t| {
            t.group(g);
            t.column("id", "bigint").pk();
            t.column("customer_id", "bigint")
                .references("customers", "id");
            t.index(&["customer_id"]);
        });
        b.note("one line\ntwo lines", (0.0, 400.0), 180.0);
        b.build().unwrap()
    }

    #[test]
    fn cards_have_a_row_per_column_with_markers() {
        let scene = build(&model(), &ApproxMeasure, &Metrics::default());
        let orders = &scene.tables[1];
        assert_eq!(orders.title, "orders");
        assert_eq!(orders.rows.len(), 2);
        let fk = &orders.rows[1].markers;
        assert!(fk.foreign_key && fk.indexed && !fk.primary_key && !fk.not_null);
        assert!(scene.tables[0].rows[1].markers.unique);
        assert_eq!(
            orders.color,
            Some(Color::rgb(0x10, 0xb9, 0x81)),
            "group colour"
        );
        assert!(orders.rect.width >= Metrics::default().min_card_width);
    }

    #[test]
    fn bounds_hold_cards_groups_and_notes() {
        let scene = build(&model(), &ApproxMeasure, &Metrics::default());
        let b = scene.bounds;
        let all = scene
            .tables
            .iter()
            .map(|t| t.rect)
            .chain(scene.groups.iter().map(|g| g.rect))
            .chain(scene.notes.iter().map(|n| n.rect));
        for r in all {
            assert!(r.x >= b.x && r.y >= b.y);
            assert!(r.x + r.width <= b.x + b.width && r.y + r.height <= b.y + b.height);
        }
        assert_eq!(scene.notes[0].lines, ["one line", "two lines"]);
        assert_eq!(scene.groups.len(), 1);
    }
}
