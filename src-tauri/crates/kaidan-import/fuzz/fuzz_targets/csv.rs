//! Any bytes as a CSV/TSV order sheet: reading, encoding detection, delimiter detection and
//! the whole analysis must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(grid) = kaidan_import::read_text(data, None, "fuzz.csv") {
        let _ = kaidan_import::analyse(&grid, None, &kaidan_import::NothingKnown, kaidan_core::Lang::ZhCn);
    }
});
