//! The desktop shell: opens the shop (the same database the `kaidan` CLI uses: `KAIDAN_DB`,
//! else the OS app-data folder), holds it in managed state as a [`kaidan_api::Desk`], and
//! exposes thin commands over it to the web UI in `ui/`.

mod commands;
mod launch;
pub mod updates;

use kaidan_api::core::Lang;
use kaidan_api::Desk;
use tauri::Manager;

/// Starts the window.
pub fn run() {
    let system_lang = sys_locale::get_locale().map(|l| Lang::from_locale(&l)).unwrap_or_default();
    // a database that cannot be opened is shown in the window (Desk::info), not a silent exit
    let desk = match kaidan_api::resolve_db_path(None) {
        Ok(path) => Desk::open(&path, system_lang),
        Err(e) => {
            eprintln!("kaidan: {}", e.message(system_lang));
            std::process::exit(1);
        }
    };
    #[allow(unused_mut)]
    let mut context = tauri::generate_context!();
    // the end-to-end test's updater (its key, its server on 127.0.0.1): a test seam of debug
    // builds only — a release trusts the key it was built with and nothing else
    #[cfg(debug_assertions)]
    if let Some(conf) = std::env::var("KAIDAN_TEST_UPDATER").ok().and_then(|j| serde_json::from_str(&j).ok()) {
        context.config_mut().plugins.0.insert("updater".into(), conf);
    }
    let mut builder = tauri::Builder::default().plugin(tauri_plugin_dialog::init()).plugin(tauri_plugin_clipboard_manager::init());
    // a release build carries the updater's address and key; a development copy has none
    // (it says so when asked to look for an update)
    if updates::configured(context.config()) {
        builder = builder.plugin(tauri_plugin_updater::Builder::new().build());
    }
    builder
        .manage(desk)
        .manage(updates::Updates::default())
        .invoke_handler(commands::handler())
        .setup(|app| {
            // Linux: WebKitGTK draws the page without GPU compositing. Kaidan's screens are forms,
            // tables and a few canvas charts, which need none of it, and the compositor's buffers
            // were most of an idle window's memory (docs/BENCHMARKS.md, issue 20).
            // Not under WebDriver (tauri-driver sets TAURI_WEBVIEW_AUTOMATION): WebKitGTK 2.50's
            // page snapshots, which the end-to-end tests take, hang after the first when
            // compositing is off (seen here); a window someone uses takes no snapshots.
            #[cfg(target_os = "linux")]
            if std::env::var_os("TAURI_WEBVIEW_AUTOMATION").is_none() {
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.with_webview(|view| {
                        use webkit2gtk::{SettingsExt, WebViewExt};
                        if let Some(s) = view.inner().settings() {
                            s.set_hardware_acceleration_policy(webkit2gtk::HardwareAccelerationPolicy::Never);
                        }
                    });
                }
            }
            // the automatic backup when due also while the window stays open without writes
            // (work waits at most `backup_every_minutes`), and the weekly full check of the file
            // (first look two minutes after the start)
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                let mut wait = std::time::Duration::from_secs(120);
                loop {
                    std::thread::sleep(wait);
                    handle.state::<Desk>().housekeeping();
                    wait = kaidan_api::HOUSEKEEPING_EVERY;
                }
            });
            Ok(())
        })
        .build(context)
        .expect("the window could not start")
        .run(|app, event| {
            // a backup every time the window closes (issue 8), besides the daily one
            if let tauri::RunEvent::Exit = event {
                app.state::<Desk>().backup_on_close();
            }
        });
}
