//! Shared by the fuzz targets.

/// Every analysis a sheet can go through: an order sheet, both lists, and a mapping the user
/// gave that names the first row's first cells.
pub fn analyse_all(grid: &kaidan_import::Grid) {
    use kaidan_import::{Field, ListKind, NothingKnown};
    let _ = kaidan_import::analyse(grid, None, &NothingKnown, kaidan_core::Lang::ZhCn);
    let _ = kaidan_import::analyse_list(grid, ListKind::Products, None, &NothingKnown, kaidan_core::Lang::En);
    let _ = kaidan_import::analyse_list(grid, ListKind::Customers, None, &NothingKnown, kaidan_core::Lang::ZhCn);
    if let Some((row, cells)) = grid.rows.first() {
        let fields = [Field::Customer, Field::Product, Field::Qty, Field::UnitPrice, Field::OrderDate, Field::Stock];
        let spec =
            kaidan_import::MappingSpec { header_row: Some(*row), columns: cells.iter().zip(fields).map(|(c, f)| (c.text(), f)).collect() };
        if let Ok(header) = kaidan_import::apply_mapping(grid, &spec) {
            let _ = kaidan_import::analyse(grid, Some(header.clone()), &NothingKnown, kaidan_core::Lang::En);
            let _ = kaidan_import::analyse_list(grid, ListKind::Products, Some(header), &NothingKnown, kaidan_core::Lang::En);
        }
    }
}
