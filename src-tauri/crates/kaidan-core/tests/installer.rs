//! The installers keep the shop's books: the bundle's settings (per-user Windows install in
//! Chinese and English, the data folder's identifier unchanged, the offline installer, the
//! Linux packages' WebKitGTK and their bilingual menu entry, every icon) and the NSIS hooks,
//! read against the template of the Tauri CLI pinned in ui/package.json: no code path of the
//! uninstaller deletes %APPDATA%\cn.kaidan.desktop — ticked "delete app data", the folder is
//! moved to Documents\Kaidan first, or kept.

use std::path::{Path, PathBuf};

/// The desktop shell's folder, src-tauri (this test lives with the repository's other
/// invariants in kaidan-core, which `cargo test` runs by default; the shell is not a default
/// member).
fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn config() -> serde_json::Value {
    serde_json::from_str(&read(&here().join("tauri.conf.json"))).unwrap()
}

#[test]
fn the_bundle_installs_per_user_in_both_languages_and_keeps_the_data_folders_name() {
    let c = config();
    // the data folder is %APPDATA%\<identifier>: renaming it would strand every shop's books
    assert_eq!(c["identifier"], "cn.kaidan.desktop");
    assert_eq!(c["productName"], "开单 Kaidan");
    // a .deb's or .rpm's package name comes from it and must be ASCII: "kaidan" on Linux (the
    // menu entry still says 开单 in Chinese, below)
    let linux: serde_json::Value = serde_json::from_str(&read(&here().join("tauri.linux.conf.json"))).unwrap();
    assert_eq!(linux["productName"], "Kaidan");
    let b = &c["bundle"];
    for k in ["publisher", "copyright", "shortDescription", "longDescription", "category"] {
        assert!(b[k].as_str().is_some_and(|s| !s.is_empty()), "bundle.{k}");
    }
    let nsis = &b["windows"]["nsis"];
    assert_eq!(nsis["installMode"], "currentUser", "fixed for ever: a per-machine install cannot upgrade a per-user one");
    let langs: Vec<&str> = nsis["languages"].as_array().unwrap().iter().filter_map(|l| l.as_str()).collect();
    assert_eq!(langs, ["SimpChinese", "English"]);
    assert!(here().join(nsis["installerHooks"].as_str().unwrap()).is_file());
    // the updater's installer downloads WebView2 if missing; the offline one carries it
    assert_eq!(b["windows"]["webviewInstallMode"]["type"], "embedBootstrapper");
    let offline: serde_json::Value = serde_json::from_str(&read(&here().join("bundle/windows/offline.conf.json"))).unwrap();
    assert_eq!(offline["bundle"]["windows"]["webviewInstallMode"]["type"], "offlineInstaller");
    // Linux: a menu entry in Chinese and English (the bundler makes the packages depend on the
    // distribution's WebKitGTK 4.1 and GTK 3 itself: check-deb.mjs reads the built .deb)
    let desktop = read(&here().join(b["linux"]["deb"]["desktopTemplate"].as_str().unwrap()));
    for line in ["Name=Kaidan", "Name[zh_CN]=开单", "Comment[zh_CN]=", "Exec={{exec}}", "Icon={{icon}}"] {
        assert!(desktop.lines().any(|l| l.starts_with(line)), "{line} in the .desktop entry");
    }
    assert_eq!(b["linux"]["rpm"]["desktopTemplate"], b["linux"]["deb"]["desktopTemplate"]);
    // every platform's icon is there
    let icons: Vec<&str> = b["icon"].as_array().unwrap().iter().filter_map(|i| i.as_str()).collect();
    for ext in [".png", ".ico", ".icns"] {
        assert!(icons.iter().any(|i| i.ends_with(ext)), "an {ext} icon");
    }
    for i in icons {
        assert!(here().join(i).is_file(), "{i}");
    }
}

/// The statements of the hook macro `name` in hooks.nsh, trimmed, comments left out.
fn macro_body(nsh: &str, name: &str) -> Vec<String> {
    let start = nsh.find(&format!("!macro {name}")).unwrap_or_else(|| panic!("{name} in hooks.nsh"));
    let body = &nsh[start..];
    let end = body.find("!macroend").expect("!macroend");
    body[..end].lines().skip(1).map(str::trim).filter(|l| !l.is_empty() && !l.starts_with(';')).map(String::from).collect()
}

#[test]
fn no_path_of_the_uninstall_hooks_deletes_the_shops_data() {
    let nsh = read(&here().join("bundle/windows/hooks.nsh"));
    assert!(nsh.starts_with('\u{feff}'), "UTF-8 with a BOM: NSIS reads its Chinese messages right");
    let deletes = |l: &str| {
        let l = l.to_lowercase();
        (l.starts_with("rmdir") || l.starts_with("delete")) && l.contains("\"$appdata")
    };
    // before the uninstall: the box's answer taken aside, and the box cleared — unconditionally,
    // so the template's own deletion (guarded by the box) never runs
    let pre = macro_body(&nsh, "NSIS_HOOK_PREUNINSTALL");
    assert_eq!(pre, ["StrCpy $KaidanMoveData $DeleteAppDataCheckboxState", "StrCpy $DeleteAppDataCheckboxState 0"]);
    // after it: a ticked box moves the folder to Documents\Kaidan and says so in both
    // languages; nothing of $APPDATA is deleted
    let post = macro_body(&nsh, "NSIS_HOOK_POSTUNINSTALL");
    assert!(!post.iter().any(|l| deletes(l)), "the hook deletes nothing of $APPDATA: {post:#?}");
    assert_eq!(post.first().map(String::as_str), Some("${If} $KaidanMoveData = 1"));
    assert!(post.iter().any(|l| l == "${AndIf} $UpdateMode <> 1"), "an update moves nothing");
    let rename = post.iter().find(|l| l.starts_with("Rename ")).expect("the data folder is moved");
    assert!(rename.starts_with(r#"Rename "$APPDATA\${BUNDLEID}" "$R8""#), "{rename}");
    assert!(post.iter().any(|l| l.starts_with(r#"StrCpy $R8 "$DOCUMENTS\Kaidan\"#)), "{post:#?}");
    assert!(post.iter().any(|l| l == "${If} ${Errors}"), "a move that fails is said, and the data kept");
    assert!(post.iter().any(|l| l.contains("$LANGUAGE = 2052")) && post.iter().filter(|l| l.starts_with("MessageBox")).count() == 4);
    let opened = post.iter().filter(|l| l.starts_with("${If}")).count();
    assert_eq!(opened, post.iter().filter(|l| l.starts_with("${EndIf}")).count());
    // nothing else in the file deletes the data either
    assert!(!nsh.lines().map(str::trim).any(deletes));
}

/// The hook compiles: NSIS (makensis, Debian's `nsis`) builds an uninstaller that inserts it
/// the way Tauri's template does — with the template's variables, includes and languages, and
/// the template's guarded deletion after it; warnings are errors. Where makensis is missing the
/// test says so and passes, except on CI (`CI` set), where it fails.
#[test]
fn the_uninstall_hook_compiles_with_makensis() {
    let Ok(out) = std::process::Command::new("makensis").arg("-VERSION").output() else {
        assert!(std::env::var_os("CI").is_none(), "makensis is missing on CI (apt-get install nsis)");
        eprintln!("makensis not installed: the hook was not compiled (apt-get install nsis)");
        return;
    };
    assert!(out.status.success());
    let dir = std::env::temp_dir().join(format!("kaidan-nsis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let hooks = here().join("bundle/windows/hooks.nsh");
    let script = format!(
        r#"Unicode true
!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh
!include "{hooks}"
!define BUNDLEID "cn.kaidan.desktop"
Name "hook"
OutFile "hook.exe"
RequestExecutionLevel user
Var UpdateMode
Var DeleteAppDataCheckboxState
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
Function un.onInit
  StrCpy $UpdateMode 0
  StrCpy $DeleteAppDataCheckboxState 1
FunctionEnd
Section
  WriteUninstaller "$TEMP\uninstall.exe"
SectionEnd
Section Uninstall
  !insertmacro NSIS_HOOK_PREUNINSTALL
  ${{If}} $DeleteAppDataCheckboxState = 1
  ${{AndIf}} $UpdateMode <> 1
    RmDir /r "$APPDATA\${{BUNDLEID}}"
  ${{EndIf}}
  !insertmacro NSIS_HOOK_POSTUNINSTALL
SectionEnd
"#,
        hooks = hooks.display()
    );
    std::fs::write(dir.join("hook.nsi"), script).unwrap();
    let out = std::process::Command::new("makensis").args(["-V2", "-WX", "hook.nsi"]).current_dir(&dir).output().unwrap();
    let built = dir.join("hook.exe").is_file();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success() && built, "makensis:\n{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

/// The Tauri CLI's NSIS template, as compiled into the CLI that ui/package.json pins.
fn pinned_template() -> String {
    let dir = here().join("../ui/node_modules/@tauri-apps");
    let cli = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (run `npm ci` in ui: the installer test reads the pinned Tauri CLI)", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("cli-")))
        .flat_map(|p| std::fs::read_dir(p).into_iter().flatten().filter_map(Result::ok).map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "node"))
        .expect("the Tauri CLI's native module for this system in ui/node_modules/@tauri-apps/cli-*");
    String::from_utf8_lossy(&std::fs::read(cli).unwrap()).into_owned()
}

#[test]
fn the_pinned_templates_uninstaller_deletes_the_data_only_behind_the_box_the_hook_clears() {
    let t = pinned_template();
    let start = t.find("Section Uninstall").expect("the uninstall section");
    let section = &t[start..start + t[start..].find("SectionEnd").expect("SectionEnd")];
    // our hook runs first in the section, before anything is deleted
    let hook = section.find("!insertmacro NSIS_HOOK_PREUNINSTALL").expect("the pre-uninstall hook is inserted");
    let delete = r#"RmDir /r "$APPDATA\${BUNDLEID}""#;
    assert_eq!(section.matches(delete).count(), 1, "the template deletes the data folder in one place");
    let at = section.find(delete).unwrap();
    assert!(hook < at);
    // …and only inside the block guarded by the box's state
    let guard = section[..at].rfind("${If} $DeleteAppDataCheckboxState = 1").expect("the deletion is guarded by the box");
    assert!(!section[guard..at].contains("${EndIf}"), "the deletion is inside the guarded block");
    // the post-uninstall hook runs after the running program was closed and after that block
    let closed = section.find("!insertmacro CheckIfAppIsRunning").expect("the template closes a running Kaidan");
    let post = section.find("!insertmacro NSIS_HOOK_POSTUNINSTALL").expect("the post-uninstall hook is inserted");
    assert!(hook < closed && closed < post && at < post);
    // no other deletion of $APPDATA anywhere in the uninstaller
    let others = section.lines().filter(|l| {
        let l = l.trim().to_lowercase();
        (l.starts_with("rmdir") || l.starts_with("delete")) && l.contains("\"$appdata") && !l.contains("${bundleid}")
    });
    assert_eq!(others.count(), 0);
}
