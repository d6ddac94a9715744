//! Reading printed PDFs back with poppler (pdftotext, pdfinfo), shared by the render tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn out_dir() -> Option<PathBuf> {
    std::env::var_os("KAIDAN_PRINT_OUT").map(PathBuf::from)
}

/// Writes the PDF to a temporary (or kept) file and returns its path.
pub fn save(name: &str, pdf: &[u8]) -> PathBuf {
    let dir = out_dir().unwrap_or_else(|| std::env::temp_dir().join(format!("kaidan-print-tests-{}", std::process::id())));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    path
}

pub fn poppler(tool: &str, args: &[&str], path: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(path)
        .args(if tool == "pdftotext" { vec!["-"] } else { vec![] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (apt install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

pub fn text_of(path: &Path) -> String {
    poppler("pdftotext", &["-layout", "-enc", "UTF-8"], path)
}

pub fn pages_of(path: &Path) -> usize {
    let info = poppler("pdfinfo", &[], path);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

/// (pages, width, height) in points, from pdfinfo.
pub fn size_of(path: &Path) -> (usize, f64, f64) {
    let info = poppler("pdfinfo", &[], path);
    let size = info.lines().find_map(|l| l.strip_prefix("Page size:")).unwrap();
    let mut it = size.split_whitespace();
    let w: f64 = it.next().unwrap().parse().unwrap();
    it.next();
    let h: f64 = it.next().unwrap().parse().unwrap();
    (pages_of(path), w, h)
}
