//! Declares the app's commands so that capabilities decide which the window may call
//! (without an app manifest every command would be callable whatever the capabilities say).

fn main() {
    let commands = include_str!("commands.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect::<Vec<&'static str>>()
        .leak();
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)))
        .expect("tauri build step");
}
