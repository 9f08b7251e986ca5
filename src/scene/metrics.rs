//! The sizes of a table card, in scene units. One set, shared by the canvas and the exporter.

/// Font sizes and spacing of the diagram.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Title font size.
    pub title_size: f32,
    /// Column-name font size.
    pub body_size: f32,
    /// Type font size.
    pub detail_size: f32,
    /// Key-marker (PK, FK, UQ) font size: the smallest text, 10 px at scale 1 so that an
    /// exported picture stays legible.
    pub marker_size: f32,
    /// Height of the title band.
    pub header_height: f32,
    /// Height of one column row.
    pub row_height: f32,
    /// Inner horizontal padding.
    pub padding: f32,
    /// Width of the key-marker gutter left of column names.
    pub gutter: f32,
    /// Space between a column's name and its type.
    pub gap: f32,
    /// Narrowest card.
    pub min_card_width: f32,
    /// How far a connector runs straight out of a card before turning.
    pub stub: f32,
    /// Space around the tables of a group area, and the height of its label band.
    pub group_padding: f32,
    /// Line height of note text.
    pub note_line_height: f32,
    /// Width of relationship lines. One unit: at scale 1 the rasteriser draws it as an
    /// anti-aliased hairline instead of stroking an outline, which on Odoo's 2,995 connectors
    /// is the difference between 1.9 s and 1.1 s for an 8192² tile.
    pub connector_width: f32,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            title_size: 14.0,
            body_size: 13.0,
            detail_size: 11.5,
            marker_size: 10.0,
            header_height: 28.0,
            row_height: 20.0,
            padding: 8.0,
            gutter: 22.0,
            gap: 14.0,
            min_card_width: 150.0,
            stub: 22.0,
            group_padding: 24.0,
            note_line_height: 17.0,
            connector_width: 1.0,
        }
    }
}
