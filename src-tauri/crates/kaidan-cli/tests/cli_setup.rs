//! The shop around the commands: messages in the user's language, operators and PINs, where
//! the database is.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod common;

use common::{seed, Shop};

#[test]
fn messages_follow_the_language_and_text_output_is_aligned() {
    let s = Shop::new();
    seed(&s);
    let out = s.cmd(&["order", "create", "--customer", "王喆五金店", "--line", "A1:abc", "--lang", "zh-CN"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stderr).unwrap().trim(), "错误: 第 1 行「数量」：“abc”不是有效的数字");
    let out = s.cmd(&["stock", "show"]).env("KAIDAN_LANG", "zh_CN.UTF-8").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("编码  名称      在库  已预留  可用"), "{text}");
    let out = s.cmd(&["order", "confirm", "SO-2026-000404"]).output().unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap().trim(), "error: No order \"SO-2026-000404\"");
    // usage errors are exit 2, from the argument parser
    assert_eq!(s.cmd(&["order", "frobnicate"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn operators_pins_and_owner_only_actions() {
    let s = Shop::new();
    seed(&s);
    // a clerk needs the owner to have a PIN first
    assert_eq!(s.err(&["operator", "add", "小李", "--role", "clerk", "--new-pin", "2468"])["code"], "invalid");
    s.ok(&["operator", "pin", "owner", "--new-pin", "9999"]);
    s.ok(&["operator", "add", "小李", "--role", "clerk", "--new-pin", "2468", "--pin", "9999"]);
    assert_eq!(s.err(&["stock", "receive", "A1", "1", "--as", "小李", "--pin", "1111"])["code"], "forbidden");
    assert_eq!(s.err(&["stock", "receive", "A1", "1", "--as", "小李"])["code"], "forbidden");
    s.ok(&["stock", "receive", "A1", "1", "--as", "小李", "--pin", "2468"]);
    let moves = s.ok(&["stock", "moves", "A1", "--limit", "1"]);
    assert_eq!(moves["items"][0]["operator"], "小李");
    assert_eq!(s.err(&["settings", "set", "allow_negative_stock", "true", "--as", "小李", "--pin", "2468"])["code"], "forbidden");
    let e = s.err(&["stock", "receive", "A1", "1", "--as", "nobody"]);
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("not_found"), Some("operator")));
    assert_eq!(s.err(&["operator", "add", "小王", "--new-pin", "12"])["field"], "pin");
    let ops = s.ok(&["operator", "list"]);
    assert_eq!(ops.as_array().unwrap().len(), 2);
    assert_eq!(ops[1]["has_pin"], true);
}

#[test]
fn the_database_defaults_to_kaidan_db_then_the_app_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env choice.db");
    let out = Command::new(env!("CARGO_BIN_EXE_kaidan"))
        .args(["init", "--json"])
        .env("KAIDAN_DB", &db)
        .env("KAIDAN_LANG", "en")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(Path::new(&db).exists());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["company"]["name"], "My Shop");
    // without --db or KAIDAN_DB: the OS data dir (here: $XDG_DATA_HOME) / cn.kaidan.desktop
    if cfg!(target_os = "linux") {
        let home = tempfile::tempdir().unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_kaidan"))
            .args(["init", "--json"])
            .env_remove("KAIDAN_DB")
            .env("XDG_DATA_HOME", home.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(home.path().join("cn.kaidan.desktop").join("kaidan.db").exists());
    }
}
