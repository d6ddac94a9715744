//! Texts longer than the shop keeps (kaidan-core's `validate::limits`): said by the dry run on
//! their cell, so that the import never refuses what its check let through.

use kaidan_core::sheet::{SheetField as Field, SheetProblem};
use kaidan_core::validate::{limits, phone_parts};

/// The longest text the shop keeps for a field of a sheet; `None` for numbers and dates.
fn max_chars(f: Field) -> Option<u32> {
    Some(match f {
        Field::Customer => limits::CUSTOMER_NAME,
        Field::Product => limits::PRODUCT_NAME,
        Field::Sku => limits::SKU,
        Field::Barcode => limits::BARCODE,
        Field::Spec => limits::SPEC,
        Field::Unit => limits::UNIT,
        Field::Address | Field::City | Field::Province | Field::Country => limits::ADDRESS,
        Field::Phone => limits::PHONE,
        Field::Contact => limits::CONTACT,
        Field::Region => limits::REGION,
        Field::Notes => limits::NOTES,
        _ => return None,
    })
}

/// The problem with a cell's text, if it is longer than the shop keeps. A phone cell may hold
/// several numbers: each is kept on its own, and each is measured.
pub(crate) fn too_long(f: Field, text: &str) -> Option<SheetProblem> {
    let max = max_chars(f)?;
    let longest =
        if f == Field::Phone { phone_parts(text).map(|p| p.chars().count()).max().unwrap_or(0) } else { text.trim().chars().count() };
    (longest as u32 > max).then_some(SheetProblem::TooLong { field: f, max, chars: longest as u32 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limits_are_the_writes() {
        assert_eq!(too_long(Field::Product, &"螺".repeat(255)), None);
        assert_eq!(
            too_long(Field::Product, &"螺".repeat(256)),
            Some(SheetProblem::TooLong { field: Field::Product, max: 255, chars: 256 })
        );
        assert_eq!(too_long(Field::Notes, &"x".repeat(2000)), None);
        assert!(too_long(Field::Address, &"路".repeat(501)).is_some());
        // two numbers in one cell: each within 30
        assert_eq!(too_long(Field::Phone, "138 0000 0001, 139 0000 0002 转 123"), None);
        assert!(too_long(Field::Phone, &"1".repeat(31)).is_some());
        assert_eq!(too_long(Field::Qty, &"1".repeat(999)), None);
    }
}
