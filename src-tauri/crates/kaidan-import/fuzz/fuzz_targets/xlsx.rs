//! Any bytes as a workbook (xlsx, xls, ods): reading and every analysis must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;
use common::analyse_all;

fuzz_target!(
    init: {
        // kaidan-import turns a panic inside calamine into "unreadable" (its reader panics on
        // some damaged .xls records); libfuzzer-sys's hook would abort on it before that.
        // Any other panic still aborts and is reported.
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.location().is_some_and(|l| l.file().contains("/calamine-")) {
                abort(info);
            }
        }));
    },
    |data: &[u8]| {
    if let Ok(grid) = kaidan_import::read_workbook_bytes(data, None) {
        analyse_all(&grid);
    }
}
);
