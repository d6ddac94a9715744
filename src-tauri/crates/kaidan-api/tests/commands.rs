//! One command list: the window's commands are named in five places — the function in
//! `src-tauri/src/commands/`, the handler list (`commands/mod.rs`), the app manifest
//! (`src-tauri/commands.txt`), the capability (`src-tauri/capabilities/main.json`) and the
//! window's `ui/src/backend.ts`. This test fails when they disagree, when backend.ts passes an
//! argument the Rust command does not take (or leaves out one it needs), and when a command
//! that writes does not take and pass a request id (a double click or a retry must apply once).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use quote::ToTokens;

fn repo() -> PathBuf {
    Path::new(&*std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo test")).join("../../..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}")).replace("\r\n", "\n")
}

/// A `#[tauri::command]` function: its arguments from the window (name → type) and its body.
struct RustCommand {
    args: BTreeMap<String, String>,
    body: String,
}

fn rust_commands() -> BTreeMap<String, RustCommand> {
    let mut out = BTreeMap::new();
    let dir = repo().join("src-tauri/src/commands");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") || path.file_name().is_some_and(|n| n == "mod.rs") {
            continue;
        }
        let file = syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for item in file.items {
            let syn::Item::Fn(f) = item else { continue };
            if !f.attrs.iter().any(|a| a.path().segments.last().is_some_and(|s| s.ident == "command")) {
                continue;
            }
            let mut args = BTreeMap::new();
            for input in &f.sig.inputs {
                let syn::FnArg::Typed(t) = input else { continue };
                let ty = t.ty.to_token_stream().to_string().replace(' ', "");
                // what Tauri hands in itself, not the window
                if ty.starts_with("State<") || ty.starts_with("tauri::") || ty.starts_with("AppHandle") || ty.starts_with("Window") {
                    continue;
                }
                args.insert(t.pat.to_token_stream().to_string(), ty);
            }
            let body = f.block.to_token_stream().to_string().replace(' ', "");
            let prev = out.insert(f.sig.ident.to_string(), RustCommand { args, body });
            assert!(prev.is_none(), "{} is defined twice", f.sig.ident);
        }
    }
    out
}

/// The names in `tauri::generate_handler![...]`.
fn handler_list() -> BTreeSet<String> {
    let text = read("src-tauri/src/commands/mod.rs");
    let start = text.find("generate_handler![").expect("the handler list") + "generate_handler![".len();
    let end = start + text[start..].find(']').unwrap();
    text[start..end].split(',').map(|p| p.trim().rsplit("::").next().unwrap().to_string()).filter(|s| !s.is_empty()).collect()
}

fn manifest() -> BTreeSet<String> {
    read("src-tauri/commands.txt").lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect()
}

fn capability() -> BTreeSet<String> {
    let json: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let p = p.as_str().expect("permissions by name");
            p.strip_prefix("allow-").unwrap_or_else(|| panic!("only allow- permissions are granted, found {p}")).replace('-', "_")
        })
        .collect()
}

/// Each `call<…>("command", { a, b: x })` of backend.ts: the command and the argument names.
fn backend_calls() -> Vec<(String, BTreeSet<String>)> {
    let text = read("ui/src/backend.ts");
    let call = regex::Regex::new(r#"call<[^(]*>\(\s*"(\w+)"\s*(?:,\s*\{([^}]*)\})?\s*\)"#).unwrap();
    let calls: Vec<_> = call
        .captures_iter(&text)
        .map(|c| {
            let args = c.get(2).map_or("", |m| m.as_str());
            let names = args.split(',').map(|a| a.split(':').next().unwrap().trim().to_string()).filter(|a| !a.is_empty()).collect();
            (c[1].to_string(), names)
        })
        .collect();
    // every call of the file was understood (the one `function call<T>(` is its definition):
    // none is written in a shape this test cannot read
    assert_eq!(calls.len(), text.matches("call<").count() - 1, "a call in backend.ts is not `call<T>(\"name\", {{ args }})`");
    calls
}

/// The commands that write, as this test knows them: a new one must be added here (and take a
/// request id), or the test fails.
const WRITES: &[&str] = &[
    "init_shop",
    "add_operator",
    "rename_operator",
    "set_operator_pin",
    "set_operator_active",
    "load_demo",
    "set_setting",
    "update_company",
    "backup_now",
    "restore_backup",
    "restore_damaged",
    "restore_pick",
    "backup_to",
    "save_product",
    "save_customer",
    "receive_stock",
    "adjust_stock",
    "stocktake",
    "create_order",
    "confirm_order",
    "approve_order",
    "change_order",
    "cancel_order",
    "deliver",
    "sell_order",
    "issue_invoice",
    "print_document",
    "print_to_printer",
    "set_logo",
    "pay",
    "refund",
    "reverse_payment",
    "allocate",
    "return_goods",
    "import_run",
    "undo_import",
];

/// The Desk methods a command may call that write (they take a request id), from desk/.
fn desk_writes() -> BTreeSet<String> {
    let dir = repo().join("src-tauri/crates/kaidan-api/src/desk");
    let items = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .flat_map(|p| syn::parse_file(&std::fs::read_to_string(&p).unwrap()).unwrap().items);
    let mut out = BTreeSet::new();
    for item in items {
        let syn::Item::Impl(i) = item else { continue };
        if i.self_ty.to_token_stream().to_string() != "Desk" {
            continue;
        }
        for it in i.items {
            let syn::ImplItem::Fn(f) = it else { continue };
            let takes_id =
                f.sig.inputs.iter().any(|a| matches!(a, syn::FnArg::Typed(t) if t.pat.to_token_stream().to_string() == "request_id"));
            if takes_id {
                out.insert(f.sig.ident.to_string());
            }
        }
    }
    out
}

#[test]
fn the_five_lists_of_commands_agree() {
    let rust: BTreeSet<String> = rust_commands().into_keys().collect();
    let calls: BTreeSet<String> = backend_calls().into_iter().map(|(c, _)| c).collect();
    assert!(rust.len() > 40, "the commands were found: {rust:?}");
    for (name, list) in [
        ("the handler list", handler_list()),
        ("commands.txt", manifest()),
        ("capabilities/main.json", capability()),
        ("backend.ts", calls),
    ] {
        let missing: Vec<_> = rust.difference(&list).collect();
        let extra: Vec<_> = list.difference(&rust).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{name}: missing {missing:?}, not a command {extra:?}");
    }
}

#[test]
fn backend_ts_passes_exactly_the_arguments_each_command_takes() {
    let rust = rust_commands();
    for (command, given) in backend_calls() {
        let c = &rust[&command];
        for a in &given {
            assert!(c.args.contains_key(a), "backend.ts passes `{a}` to {command}, which takes {:?}", c.args.keys());
        }
        for (a, ty) in &c.args {
            assert!(given.contains(a) || ty.starts_with("Option<"), "backend.ts leaves out `{a}` ({ty}) of {command}");
        }
    }
}

#[test]
fn every_write_from_the_window_carries_a_request_id() {
    let rust = rust_commands();
    let desk = desk_writes();
    assert!(desk.contains("write") && desk.contains("print_document"), "desk.rs was read: {desk:?}");
    // what writes, found in the code: a call of a Desk method that takes a request id
    let found: BTreeSet<String> =
        rust.iter().filter(|(_, c)| desk.iter().any(|m| c.body.contains(&format!("desk.{m}(")))).map(|(n, _)| n.clone()).collect();
    let listed: BTreeSet<String> = WRITES.iter().map(|s| s.to_string()).collect();
    assert_eq!(found, listed, "the commands that write (found in the code) and WRITES differ");
    let calls: BTreeMap<String, BTreeSet<String>> = backend_calls().into_iter().collect();
    for name in WRITES {
        let c = &rust[*name];
        assert_eq!(c.args.get("request_id").map(String::as_str), Some("Option<String>"), "{name} takes no request id");
        assert!(c.body.contains("request_id)") || c.body.contains("request_id,"), "{name} does not pass its request id on");
        assert!(calls[*name].contains("request_id"), "backend.ts sends {name} without a request id");
    }
}
