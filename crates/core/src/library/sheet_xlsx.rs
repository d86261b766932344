//! The familiarization sheet as an .xlsx workbook: the table (header row, then one row per
//! reader, dates as dates), then the school, heading, document and deadline under it, since
//! the writer's first row is always the header.

use super::sheet::FamiliarizationSheet;
use crate::office::xlsx::{Cell, Column, Workbook};

/// Column widths in characters: №, full name, position, date, signature.
const WIDTHS: [f64; 5] = [5.0, 36.0, 32.0, 16.0, 16.0];

impl FamiliarizationSheet {
    /// The sheet as an .xlsx file (one worksheet named by the heading).
    pub fn xlsx(&self) -> Vec<u8> {
        let columns: Vec<Column> = self
            .columns
            .iter()
            .zip(WIDTHS)
            .map(|(title, width)| Column::new(title.clone(), width))
            .collect();
        let mut rows: Vec<Vec<Cell>> = self
            .lines
            .iter()
            .map(|l| {
                vec![
                    Cell::from(l.number as i64),
                    Cell::from(l.name.clone()),
                    Cell::from(l.position.clone()),
                    Cell::from(l.day),
                    Cell::Empty,
                ]
            })
            .collect();
        rows.push(Vec::new());
        let notes = [
            Some(&self.school),
            Some(&self.heading),
            Some(&self.document),
            self.deadline.as_ref(),
        ];
        for note in notes.into_iter().flatten().filter(|n| !n.is_empty()) {
            rows.push(vec![Cell::Empty, Cell::from(note.clone())]);
        }
        Workbook::new()
            .sheet(&self.heading, &columns, rows)
            .to_bytes()
    }
}
