//! Any bytes as a workbook (xlsx, xls, ods): reading and the whole analysis must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(grid) = kaidan_import::read_workbook_bytes(data, None) {
        let _ = kaidan_import::analyse(&grid, None, &kaidan_import::NothingKnown, kaidan_core::Lang::En);
    }
});
