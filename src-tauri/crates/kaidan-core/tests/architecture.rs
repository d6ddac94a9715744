//! The invariants of docs/ARCHITECTURE.md, checked on the real manifests and sources.

use std::path::{Path, PathBuf};

fn crates_dir() -> PathBuf {
    Path::new(&*std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo test")).parent().unwrap().to_path_buf()
}

/// The dependency names of one crate's `[dependencies]` (not dev-dependencies).
fn deps(krate: &str) -> Vec<String> {
    deps_of(&crates_dir().join(krate).join("Cargo.toml"))
}

fn deps_of(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let mut out = Vec::new();
    let mut in_deps = false;
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            in_deps = l == "[dependencies]";
            continue;
        }
        if in_deps && !l.is_empty() && !l.starts_with('#') {
            out.push(l.split(['=', '.', ' ']).next().unwrap().trim().to_string());
        }
    }
    out
}

fn crates() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(crates_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| crates_dir().join(n).join("Cargo.toml").exists())
        .collect();
    v.sort();
    v
}

#[test]
fn core_depends_on_no_kaidan_crate_no_sqlite_no_tauri() {
    let d = deps("kaidan-core");
    assert!(d.contains(&"rust_decimal".to_string()), "the manifest parser found {d:?}");
    for d in d {
        assert!(!d.starts_with("kaidan") && d != "rusqlite" && !d.starts_with("tauri"), "kaidan-core depends on {d}");
    }
}

#[test]
fn only_the_store_speaks_sqlite_and_nothing_knows_tauri_or_the_cli() {
    assert!(deps("kaidan-store").contains(&"rusqlite".to_string()));
    for c in crates() {
        for d in deps(&c) {
            if d == "rusqlite" || d == "rusqlite_migration" {
                // kaidan-bench's raw-SQLite baseline is the one allowed exception
                assert!(c == "kaidan-store" || c == "kaidan-bench", "{c} depends on {d}");
            }
            assert!(!d.starts_with("tauri"), "{c} depends on {d}: only the shell knows tauri");
            assert_ne!(d, "kaidan-cli", "{c} depends on the CLI");
        }
    }
}

#[test]
fn the_shell_is_thin_and_out_of_the_default_members() {
    let shell = crates_dir().parent().unwrap().join("Cargo.toml");
    let d = deps_of(&shell);
    assert!(d.contains(&"tauri".to_string()), "the manifest parser found {d:?}");
    // the window's commands go through kaidan-api's Desk: no SQL, no store, no import code
    let kaidan: Vec<&String> = d.iter().filter(|d| d.starts_with("kaidan")).collect();
    assert_eq!(kaidan, ["kaidan-api"], "the shell depends on {kaidan:?}");
    assert!(!d.iter().any(|d| d.starts_with("rusqlite")));
    // `cargo test` must never need WebKit
    let ws = std::fs::read_to_string(crates_dir().parent().unwrap().parent().unwrap().join("Cargo.toml")).unwrap();
    let defaults = ws.split("default-members").nth(1).unwrap().split(']').next().unwrap();
    assert!(defaults.contains("kaidan-core") && !defaults.contains("\"src-tauri\""), "default-members: {defaults}");
}

#[test]
fn layers_point_down() {
    let rank = |c: &str| match c {
        "kaidan-core" => 0,
        "kaidan-store" | "kaidan-print" | "kaidan-import" | "kaidan-spool" => 1,
        "kaidan-sync" => 2,
        "kaidan-api" => 3,
        _ => 4,
    };
    for c in crates() {
        for d in deps(&c).into_iter().filter(|d| d.starts_with("kaidan-")) {
            assert!(rank(&d) < rank(&c), "{c} (layer {}) depends on {d} (layer {})", rank(&c), rank(&d));
        }
    }
}

#[test]
fn only_kaidan_sync_speaks_postgresql() {
    assert!(deps("kaidan-sync").contains(&"postgres".to_string()));
    // kaidan-bench makes and drops the sync benchmark's own server database, as the tests do
    for c in crates().into_iter().filter(|c| c != "kaidan-sync" && c != "kaidan-bench") {
        assert!(!deps(&c).iter().any(|d| d.contains("postgres")), "{c} speaks PostgreSQL: go through kaidan-sync");
    }
}

#[test]
fn only_kaidan_spool_talks_to_the_print_queue() {
    assert!(deps("kaidan-spool").contains(&"printers".to_string()));
    assert!(deps("kaidan-spool").iter().all(|d| !d.starts_with("kaidan-")), "kaidan-spool knows nothing of shops");
    for c in crates().into_iter().filter(|c| c != "kaidan-spool") {
        assert!(!deps(&c).contains(&"printers".to_string()), "{c} talks to the print queue: go through kaidan-spool");
    }
}

#[test]
fn no_floats_in_core_or_store() {
    for c in ["kaidan-core", "kaidan-store"] {
        let mut stack = vec![crates_dir().join(c).join("src")];
        let mut files = 0;
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                files += 1;
                let text = std::fs::read_to_string(&p).unwrap();
                for (i, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap();
                    for word in code.split(|ch: char| !ch.is_alphanumeric() && ch != '_') {
                        assert!(word != "f32" && word != "f64", "{}:{}: {line}", p.display(), i + 1);
                    }
                }
            }
        }
        assert!(files >= 5, "{c}: only {files} files read");
    }
}
