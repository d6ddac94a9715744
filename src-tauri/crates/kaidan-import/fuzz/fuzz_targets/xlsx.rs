//! Any bytes as a workbook (xlsx, xls, ods): reading and every analysis must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;
use common::analyse_all;

fuzz_target!(|data: &[u8]| {
    if let Ok(grid) = kaidan_import::read_workbook_bytes(data, None) {
        analyse_all(&grid);
    }
});

