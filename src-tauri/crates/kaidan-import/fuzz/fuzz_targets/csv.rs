//! Any bytes as a CSV/TSV sheet: reading, encoding detection, delimiter detection and every
//! analysis (order sheet, product and customer lists, a user's mapping) must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;
use common::analyse_all;

fuzz_target!(|data: &[u8]| {
    if let Ok(grid) = kaidan_import::read_text(data, None, "fuzz.csv") {
        analyse_all(&grid);
    }
});

