//! The harness of the `kaidan` binary's tests: a shop in a temporary folder run through the
//! real binary, a seeded catalogue, and readers of files and PDFs.
// each test file uses some of these
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub struct Shop {
    _dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Shop {
    /// A new shop in a folder whose name has spaces and Chinese characters.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("我的 小店 data").join("kaidan.db");
        let s = Self { _dir: dir, db };
        s.ok(&["init", "--name", "测试五金店"]);
        s
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kaidan"));
        c.arg("--db").arg(&self.db).args(args).env_remove("KAIDAN_DB").env("KAIDAN_LANG", "en");
        c
    }

    /// Runs with --json and expects success.
    pub fn ok(&self, args: &[&str]) -> Value {
        let out = self.cmd(args).arg("--json").output().unwrap();
        assert!(out.status.success(), "{args:?}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
    }

    /// Runs with --json and expects a refusal: exit 1 and an error object.
    pub fn err(&self, args: &[&str]) -> Value {
        let out = self.cmd(args).arg("--json").output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v["error"]["code"].is_string() && v["error"]["message"].is_string(), "{v}");
        v["error"].clone()
    }

    pub fn dump(&self) -> String {
        kaidan_api::Shop::open(&self.db).unwrap().dump().unwrap().0
    }
}

pub fn seed(s: &Shop) {
    s.ok(&["product", "add", "--sku", "A1", "--name", "六角螺栓", "--spec", "M6×30", "--unit", "个", "--price", "1.50", "--cost", "0.8"]);
    s.ok(&["product", "add", "--sku", "C3", "--name", "圆钉", "--unit", "kg", "--price", "9.50", "--barcode", "6901234500073"]);
    s.ok(&["stock", "receive", "A1", "100", "--cost", "0.80"]);
    s.ok(&["stock", "receive", "C3", "10.5"]);
    s.ok(&["customer", "add", "--name", "王喆五金店", "--phone", "13800138001", "--credit-limit", "5000", "--terms", "30"]);
}

pub fn sha(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

pub fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (apt install poppler-utils): {e}"));
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}
