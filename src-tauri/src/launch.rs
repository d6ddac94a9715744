//! Hands a file or a folder to the system (the PDF viewer, Explorer, Finder) and says truly
//! whether that worked: the launcher (`open` on macOS, `start` through the shell on Windows,
//! `xdg-open` elsewhere, as the `open` crate picks them) is waited for, and one that fails or
//! reports an error is a failure — never "opened" when nothing opened. A launcher still running
//! after a few seconds has handed over to a viewer that stays in front: that is success.

use std::path::Path;
use std::time::{Duration, Instant};

/// How long a launcher may take to say it failed.
const LAUNCH_WAIT: Duration = Duration::from_secs(8);

/// Opens a printed file in the system's viewer: whether it opened, else why not.
pub fn show(path: &str) -> (bool, Option<String>) {
    match open(Path::new(path)) {
        Ok(()) => (true, None),
        Err(why) => (false, Some(why)),
    }
}

/// Opens `path` with the system's program for it. `Err` says why, in the system's words.
pub fn open(path: &Path) -> Result<(), String> {
    if std::env::var_os("KAIDAN_NO_OPEN").is_some() {
        // the end-to-end tests: no viewer on the test machine, and none wanted
        return Err("KAIDAN_NO_OPEN is set: no viewer is opened".into());
    }
    let mut last = String::from("no program to open it");
    for mut cmd in open::commands(path) {
        cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped());
        let mut child = match cmd.spawn() {
            Ok(c) => c,
            Err(e) => {
                last = e.to_string();
                continue;
            }
        };
        let start = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => {
                    let mut err = String::new();
                    if let Some(mut e) = child.stderr.take() {
                        use std::io::Read;
                        let _ = e.read_to_string(&mut err);
                    }
                    last = if err.trim().is_empty() { status.to_string() } else { err.trim().to_string() };
                    break;
                }
                Ok(None) if start.elapsed() < LAUNCH_WAIT => std::thread::sleep(Duration::from_millis(50)),
                // still running: a viewer that stays in the foreground took the file
                Ok(None) => return Ok(()),
                Err(e) => {
                    last = e.to_string();
                    break;
                }
            }
        }
    }
    Err(last)
}
