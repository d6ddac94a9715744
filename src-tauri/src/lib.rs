//! The desktop shell: opens the shop (the same database the `kaidan` CLI uses: `KAIDAN_DB`,
//! else the OS app-data folder), holds it in managed state as a [`kaidan_api::Desk`], and
//! exposes thin commands over it to the web UI in `ui/`.

mod commands;

use kaidan_api::core::Lang;
use kaidan_api::Desk;

/// Starts the window. Exits with a message when the shop's database cannot be opened.
pub fn run() {
    let system_lang = sys_locale::get_locale().map(|l| Lang::from_locale(&l)).unwrap_or_default();
    let desk = kaidan_api::resolve_db_path(None)
        .map_err(|e| kaidan_api::IpcError::from_error(&e, system_lang))
        .and_then(|path| Desk::open(&path, system_lang));
    let desk = match desk {
        Ok(d) => d,
        Err(e) => {
            eprintln!("kaidan: {}", e.message);
            std::process::exit(1);
        }
    };
    tauri::Builder::default()
        .manage(desk)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("the window could not start");
}
