//! A report as it leaves the program: its title, tables and chart in the user's words, ready
//! for a writer — the spreadsheet (every row, numbers Excel adds up) or the printed page
//! (kaidan-print: A4 with its chart, or a till roll for the day's close). The report's figures
//! are computed before; this only says what is shown where, so that the file and the page show
//! the same rows with the same headings.

use crate::fixed::Money;

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Words, a date, a code.
    Text(String),
    /// An amount of money.
    Money(Money),
    /// A quantity, a count, a percentage or a number of days: a decimal as text.
    Number(String),
}

impl Cell {
    pub fn blank() -> Self {
        Cell::Text(String::new())
    }
    /// A figure that may be missing (no margin without cost, no days of cover without sales).
    pub fn number_or_blank(v: Option<String>) -> Self {
        v.map(Cell::Number).unwrap_or_else(Cell::blank)
    }
    pub fn money_or_blank(v: Option<Money>) -> Self {
        v.map(Cell::Money).unwrap_or_else(Cell::blank)
    }
    /// Right-aligned when printed.
    pub fn is_figure(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}

/// One table of a report: an optional heading above it, its column heads (none for a list of
/// labelled figures), the rows and the totals row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub heading: Option<String>,
    pub head: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub total: Option<Vec<Cell>>,
}

impl Table {
    /// The number of columns: the widest of the head, the rows and the total.
    pub fn columns(&self) -> usize {
        self.rows.iter().chain(self.total.iter()).map(Vec::len).chain(std::iter::once(self.head.len())).max().unwrap_or(0)
    }
}

/// What a chart's values count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartUnit {
    /// Money in minor units (fen).
    Money,
    /// Whole things (orders, days).
    Count,
}

/// One series of a chart: a value for each label.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// Minor units for money, the count itself for counts.
    pub values: Vec<i64>,
    /// Drawn as a line over the bars (a second measure, the comparison period) rather than bars.
    pub line: bool,
}

/// A chart: bars (and lines) over labels — upright for a time series, lying for a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    pub unit: ChartUnit,
    /// A ranking: one bar a row, the label beside it.
    pub lying: bool,
}

/// A whole report, in one language, as the spreadsheet and the printed page show it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportSheet {
    /// `经营概况 2026-11-01 – 2026-11-30`.
    pub title: String,
    /// The lines under the title: the range compared with, the days counted, as of when.
    pub subtitle: Vec<String>,
    pub chart: Option<Chart>,
    pub tables: Vec<Table>,
    /// What counts as a sale, and other footnotes.
    pub notes: Vec<String>,
    /// Labels with a space to write in by hand (the day's close: the cash counted, the difference, who counted).
    pub sign: Vec<String>,
}

/// The rows a chart of a ranking shows at most.
pub const CHART_TOP: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_as_wide_as_its_widest_row() {
        let t = Table {
            heading: None,
            head: vec!["a".into()],
            rows: vec![vec![Cell::blank(), Cell::Number("1".into())], vec![]],
            total: Some(vec![Cell::blank(), Cell::blank(), Cell::Money(Money::ZERO)]),
        };
        assert_eq!(t.columns(), 3);
        assert!(!Cell::blank().is_figure());
        assert!(Cell::money_or_blank(Some(Money::ZERO)).is_figure());
        assert_eq!(Cell::number_or_blank(None), Cell::blank());
    }
}
