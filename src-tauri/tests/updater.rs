//! Kaidan updating itself, end to end but for the last step: a `latest.json` and a package
//! signed by the Tauri CLI that ui/package.json pins (`tauri signer`, as the release does) are
//! served on 127.0.0.1; the shell's own update code (`kaidan_desktop::updates`) runs inside a
//! Tauri app on the mock runtime with the updater plugin configured for that server and key.
//! It finds the update, downloads and verifies it, and installs only after a verified backup
//! of the shop — the installer itself is a stand-in that looks at that backup, because the
//! real one would replace the program running the test. A package with one byte flipped, or
//! signed for another version than announced, is refused and nothing is backed up or installed.
//! No answer from the server is silence unless the user asked.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex};

use kaidan_api::core::{Action, BackupKind, ErrorCode, Lang, Role};
use kaidan_api::{Desk, InstallFailure};
use kaidan_desktop::updates::{self, Updates};
use tauri::async_runtime::block_on;
use tauri::Manager;

const NEW: &str = "0.9.0";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The pinned Tauri CLI (`npm ci` in ui installs it).
fn tauri_cli(dir: &Path, args: &[&str]) {
    let cli = repo().join("ui/node_modules/@tauri-apps/cli/tauri.js");
    assert!(cli.is_file(), "{}: run `npm ci` in ui (the updater test signs with the pinned Tauri CLI)", cli.display());
    let out = Command::new("node").arg(&cli).args(args).current_dir(dir).output().expect("node");
    assert!(out.status.success(), "tauri {args:?}:\n{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

/// A key pair made by `tauri signer generate`: (private key file, public key as the config takes it).
fn key_pair(dir: &Path) -> (PathBuf, String) {
    tauri_cli(dir, &["signer", "generate", "--ci", "-p", "", "-w", "update.key"]);
    let public = std::fs::read_to_string(dir.join("update.key.pub")).unwrap();
    (dir.join("update.key"), public.trim().to_string())
}

/// Signs `file` for `version` with `tauri signer sign`; the signature as `latest.json` carries it.
fn sign(dir: &Path, key: &Path, file: &Path, version: &str) -> String {
    tauri_cli(dir, &["signer", "sign", "-f", &key.display().to_string(), "-p", "", "--app-version", version, &file.display().to_string()]);
    let sig = PathBuf::from(format!("{}.sig", file.display()));
    std::fs::read_to_string(sig).unwrap().trim().to_string()
}

/// What the test server hands out, changeable between steps.
struct Served {
    manifest: String,
    package: Vec<u8>,
    manifest_asks: AtomicUsize,
}

/// A plain HTTP server on 127.0.0.1 (tiny_http) for `/latest.json` and `/package`.
fn serve(served: Arc<Mutex<Served>>) -> String {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let s = served.lock().unwrap();
            let resp = match req.url() {
                "/latest.json" => {
                    s.manifest_asks.fetch_add(1, SeqCst);
                    tiny_http::Response::from_data(s.manifest.clone().into_bytes())
                        .with_header("Content-Type: application/json".parse::<tiny_http::Header>().unwrap())
                }
                "/package" => tiny_http::Response::from_data(s.package.clone()),
                _ => tiny_http::Response::from_data(Vec::new()).with_status_code(404),
            };
            let _ = req.respond(resp);
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn manifest(base: &str, version: &str, signature: &str) -> String {
    let target = tauri_plugin_updater::target().expect("an updater target for this system");
    serde_json::json!({
        "version": version,
        "notes": "更快的报表 / faster reports",
        "pub_date": "2026-12-07T08:00:00Z",
        "platforms": { target: { "signature": signature, "url": format!("{base}/package") } }
    })
    .to_string()
}

/// The updater's configuration as a release build gets it (src-tauri/scripts/updater-config.mjs,
/// which refuses a plain-http address), then pointed at the test server on 127.0.0.1.
fn release_updater_config(endpoint: &str, pubkey: &str) -> serde_json::Value {
    let script = repo().join("src-tauri/scripts/updater-config.mjs");
    let out = Command::new("node")
        .arg(&script)
        .env("KAIDAN_UPDATER_PUBKEY", pubkey)
        .env("KAIDAN_UPDATE_URL", "https://github.com/kaidan/kaidan/releases/latest/download/latest.json")
        .env_remove("TAURI_SIGNING_PRIVATE_KEY")
        .output()
        .expect("node");
    let line = String::from_utf8(out.stdout).unwrap();
    let file = line.trim().strip_prefix("UPDATER_ARGS=--config ").unwrap_or_else(|| panic!("updater-config.mjs said {line:?}"));
    let conf: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file.trim()).unwrap()).unwrap();
    let mut updater = conf["plugins"]["updater"].clone();
    assert_eq!(updater["requireSignedVersion"], serde_json::json!(true));
    updater["endpoints"] = serde_json::json!([endpoint]);
    // the test server is plain HTTP on 127.0.0.1; a release's address is https
    updater["dangerousInsecureTransportProtocol"] = serde_json::json!(true);
    updater
}

/// A Tauri app on the mock runtime with the updater configured as a release configures it,
/// pointed at the test server and key, holding the shop and the update state as the window does.
fn app(endpoint: &str, pubkey: &str, db: &Path) -> tauri::App<tauri::test::MockRuntime> {
    let mut ctx = tauri::test::mock_context(tauri::test::noop_assets());
    ctx.config_mut().version = Some("0.1.0".into());
    ctx.config_mut().plugins.0.insert("updater".into(), release_updater_config(endpoint, pubkey));
    let desk = Desk::open(db, Lang::ZhCn);
    desk.write(None, |shop, c| shop.init(c, "王喆五金店", "王喆")).unwrap();
    desk.write(None, |shop, c| shop.demo(c, 12)).unwrap();
    tauri::test::mock_builder()
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(desk)
        .manage(Updates::default())
        .build(ctx)
        .expect("the mock app")
}

fn update_backups(dir: &Path) -> Vec<PathBuf> {
    kaidan_api::backups_in(&dir.join("backups"))
        .unwrap()
        .into_iter()
        .filter(|b| b.manifest.kind == BackupKind::Update)
        .map(|b| b.file)
        .collect()
}

#[test]
fn an_update_is_found_verified_and_installed_only_after_a_verified_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (key, pubkey) = key_pair(dir.path());
    // the package: any bytes — what the updater checks is the signature over them
    let package: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let file = dir.path().join("kaidan_0.9.0_amd64.deb");
    std::fs::write(&file, &package).unwrap();
    let good = sign(dir.path(), &key, &file, NEW);
    let served = Arc::new(Mutex::new(Served { manifest: String::new(), package: package.clone(), manifest_asks: AtomicUsize::new(0) }));
    let base = serve(served.clone());
    served.lock().unwrap().manifest = manifest(&base, NEW, &good);

    let shop_dir = dir.path().join("我的 店");
    let app = app(&format!("{base}/latest.json"), &pubkey, &shop_dir.join("kaidan.db"));
    let handle = app.handle().clone();
    let desk = handle.state::<Desk>();
    let ups = updates::state(&handle);

    // the daily look finds it, and is recorded: the next look today asks nobody
    let offer = block_on(ups.look(updates::updater(&handle), &desk, false)).unwrap().expect("the update on offer");
    assert_eq!((offer.version.as_str(), offer.current.as_str()), (NEW, "0.1.0"));
    assert_eq!(offer.notes.as_deref(), Some("更快的报表 / faster reports"));
    assert_eq!(offer.date.as_deref(), Some("2026-12-07T08:00:00Z"));
    assert!(!desk.update_check_due(chrono::Utc::now()));
    let again = block_on(ups.look(updates::updater(&handle), &desk, false)).unwrap();
    assert_eq!(again.map(|o| o.version), Some(NEW.to_string()));
    assert_eq!(served.lock().unwrap().manifest_asks.load(SeqCst), 1, "a second look the same day asked the server");

    // nothing to install before the download; then the download is verified and counted
    let early = ups.install(&desk, |_, _| panic!("installed before the package was downloaded")).unwrap_err();
    assert_eq!(early.code, ErrorCode::UpdateFailed);
    assert_eq!(block_on(ups.download(&desk)).unwrap(), NEW);
    let p = ups.progress();
    assert_eq!((p.running, p.done), (false, package.len() as u64));
    assert!(update_backups(&shop_dir).is_empty(), "a backup before the user agreed to install");

    // installing is the owner's call: a clerk at the counter is told so, and nothing happens
    desk.set_operator_pin("王喆", Some("2468"), None).unwrap();
    desk.sign_in("王喆", Some("2468")).unwrap();
    desk.add_operator("小李", Role::Clerk, Some("1357"), None).unwrap();
    desk.sign_in("小李", Some("1357")).unwrap();
    let e = ups.install(&desk, |_, _| panic!("a clerk installed an update")).unwrap_err();
    assert_eq!((e.code, e.needs_owner), (ErrorCode::Forbidden, Some(Action::ChangeSettings)));
    assert!(update_backups(&shop_dir).is_empty());
    desk.sign_in("王喆", Some("2468")).unwrap();

    // a shop whose backups go elsewhere (a USB stick) has no backups folder beside its file
    // yet: the update's backup makes it
    std::fs::remove_dir_all(shop_dir.join("backups")).unwrap();
    // an installer that fails: said, with the backup, and the shop writes on
    let e = ups
        .install(&desk, |_, _| Err(InstallFailure { detail: "disk full".into(), program_left: Some("/tmp/开单 Kaidan.app".into()) }))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::UpdateFailed);
    assert!(
        e.message.contains("disk full") && e.message.contains("/tmp/开单 Kaidan.app") && e.message.contains("-update.db"),
        "{}",
        e.message
    );
    desk.write(None, |shop, c| shop.set_setting(c, "document_language", "bilingual")).unwrap();
    std::fs::remove_dir_all(shop_dir.join("backups")).unwrap();

    // install: the backup is there and verified when the installer runs, with the shop in it
    let seen = Mutex::new(None);
    let done = ups
        .install(&desk, |update, bytes| {
            assert_eq!(update.version, NEW);
            assert_eq!(bytes, &package[..], "the installer got other bytes than were verified");
            let made = update_backups(&shop_dir);
            assert_eq!(made.len(), 1, "one update backup when the installer starts");
            let (file, manifest) = kaidan_api::inspect_backup(&made[0]).expect("the backup verifies");
            *seen.lock().unwrap() = Some((made[0].clone(), file.counts.orders, manifest.unwrap().kind));
            Ok(())
        })
        .unwrap();
    let (backup, orders, kind) = seen.into_inner().unwrap().expect("the installer ran");
    assert_eq!(PathBuf::from(&done.file), backup);
    assert!(orders >= 12, "the backup holds the shop's orders: {orders}");
    assert_eq!(kind, BackupKind::Update);
    // until the restart, nothing is written (a write would be missing from that backup)
    let refused = desk.write(None, |shop, c| shop.set_setting(c, "document_language", "en")).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(refused.message.contains("重启"), "{}", refused.message);
    // the restore screen lists it, named for what it is
    let listed = desk.damaged_backups().unwrap();
    assert!(listed.iter().any(|b| b.file == done.file && b.kind == BackupKind::Update), "{listed:?}");
}

#[test]
fn a_flipped_byte_or_a_signature_for_another_version_is_refused_and_nothing_is_installed() {
    let dir = tempfile::tempdir().unwrap();
    let (key, pubkey) = key_pair(dir.path());
    let package: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
    let file = dir.path().join("package.bin");
    std::fs::write(&file, &package).unwrap();
    let good = sign(dir.path(), &key, &file, NEW);
    let mut flipped = package.clone();
    flipped[25_000] ^= 0x01;
    let served = Arc::new(Mutex::new(Served { manifest: String::new(), package: flipped, manifest_asks: AtomicUsize::new(0) }));
    let base = serve(served.clone());
    served.lock().unwrap().manifest = manifest(&base, NEW, &good);
    let shop_dir = dir.path().join("shop");
    let app = app(&format!("{base}/latest.json"), &pubkey, &shop_dir.join("kaidan.db"));
    let handle = app.handle().clone();
    let desk = handle.state::<Desk>();
    let ups = updates::state(&handle);
    let never = |_: &tauri_plugin_updater::Update, _: &[u8]| -> Result<(), InstallFailure> { panic!("a refused package was installed") };

    assert!(block_on(ups.look(updates::updater(&handle), &desk, true)).unwrap().is_some());
    let e = block_on(ups.download(&desk)).unwrap_err();
    assert_eq!(e.code, ErrorCode::UpdateFailed);
    assert!(e.message.contains("签名校验"), "{}", e.message);
    assert!(ups.install(&desk, never).is_err());
    assert!(update_backups(&shop_dir).is_empty());

    // the true package, but its signature is for 0.8.0 while 0.9.0 is announced (an old
    // release passed off as new): refused as well
    let old = sign(dir.path(), &key, &file, "0.8.0");
    {
        let mut s = served.lock().unwrap();
        s.package = package.clone();
        s.manifest = manifest(&base, NEW, &old);
    }
    assert!(block_on(ups.look(updates::updater(&handle), &desk, true)).unwrap().is_some());
    let e = block_on(ups.download(&desk)).unwrap_err();
    assert!(e.message.contains("签名校验"), "{}", e.message);
    assert!(ups.install(&desk, never).is_err());
    assert!(update_backups(&shop_dir).is_empty());

    // and the shop writes on
    desk.write(None, |shop, c| shop.set_setting(c, "document_language", "en")).unwrap();
}

#[test]
fn no_answer_is_silence_unless_asked_and_the_next_start_tries_again() {
    let dir = tempfile::tempdir().unwrap();
    let (_, pubkey) = key_pair(dir.path());
    // a port nobody listens on: the PC is offline
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let app = app(&format!("http://127.0.0.1:{port}/latest.json"), &pubkey, &dir.path().join("kaidan.db"));
    let handle = app.handle().clone();
    let desk = handle.state::<Desk>();
    let ups = updates::state(&handle);

    assert_eq!(block_on(ups.look(updates::updater(&handle), &desk, false)).unwrap(), None);
    assert!(desk.update_check_due(chrono::Utc::now()), "a look that reached nobody was recorded as the day's");
    let e = block_on(ups.look(updates::updater(&handle), &desk, true)).unwrap_err();
    assert_eq!(e.code, ErrorCode::UpdateFailed);
    assert!(e.message.contains("连不上更新服务器"), "{}", e.message);
}
