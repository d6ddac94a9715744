//! The computer's printers and print queue, for Kaidan's "Print": which printers are installed
//! (and which is the system's default), and handing a finished PDF to one of them as a job
//! named for the document, with copies. The `printers` crate talks to the spooler: CUPS on
//! macOS and Linux, winspool on Windows.
//!
//! This crate knows nothing of shops or documents: kaidan-api decides what to print, on which
//! printer and under which title, and words the errors in the user's language.
//!
//! On Windows the PDF goes to the queue as it is (winspool's RAW data type): printers that
//! print PDF themselves (most network office printers) print it; others need the PDF viewer
//! (Kaidan's Preview) until a Windows PDF renderer is added.

use std::path::Path;

use printers::common::base::job::PrinterJobOptions;
use printers::common::base::printer::PrinterState;
use printers::common::converters::Converter;

/// One installed printer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// The spooler's name: what Kaidan stores and sends jobs to.
    pub name: String,
    /// What the system shows the user (CUPS's description, Windows' name); may equal `name`.
    pub label: String,
    /// The system's default printer.
    pub is_default: bool,
    pub state: State,
}

/// What the spooler says of a printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Ready,
    Printing,
    Paused,
    Offline,
    Unknown,
}

/// Why a job was not queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpoolError {
    /// No printer of that name is installed.
    NotInstalled,
    /// The spooler did not take the job (the spooler's words).
    Refused(String),
}

/// The installed printers, the default first, then by name.
pub fn installed() -> Vec<Installed> {
    let mut all: Vec<Installed> = printers::get_printers()
        .into_iter()
        .map(|p| Installed {
            label: if p.name.trim().is_empty() { p.system_name.clone() } else { p.name.trim().to_string() },
            name: p.system_name,
            is_default: p.is_default,
            state: match p.state {
                PrinterState::READY => State::Ready,
                PrinterState::PRINTING => State::Printing,
                PrinterState::PAUSED => State::Paused,
                PrinterState::OFFLINE => State::Offline,
                PrinterState::UNKNOWN => State::Unknown,
            },
        })
        .collect();
    all.sort_by(|a, b| b.is_default.cmp(&a.is_default).then_with(|| a.name.cmp(&b.name)));
    all
}

/// The system's default printer's spooler name, if it has one.
pub fn default_printer() -> Option<String> {
    printers::get_default_printer().map(|p| p.system_name)
}

/// Queues `file` (a PDF) on `printer` as a job titled `title` (what the print queue shows),
/// `copies` times (1 to 99). Returns the spooler's job id.
pub fn send(printer: &str, file: &Path, title: &str, copies: u32) -> Result<u64, SpoolError> {
    let p = printers::get_printer_by_name(printer).ok_or(SpoolError::NotInstalled)?;
    let path = file.to_str().ok_or_else(|| SpoolError::Refused(format!("{}: not a Unicode path", file.display())))?;
    let copies = copies.clamp(1, 99).to_string();
    let properties = [("copies", copies.as_str())];
    let options = PrinterJobOptions { name: Some(title), raw_properties: &properties, converter: Converter::None };
    p.print_file(path, options).map_err(|e| SpoolError::Refused(e.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printer_that_is_not_installed_is_named_so() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.pdf");
        std::fs::write(&f, b"%PDF-1.4\n%%EOF\n").unwrap();
        assert_eq!(send("no printer by this name 不存在", &f, "送货单 DN-2026-000001", 1), Err(SpoolError::NotInstalled));
    }
}
