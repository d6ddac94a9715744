// Builds Kaidan's installers for the system it runs on, with the Tauri CLI pinned in
// ui/package.json (@tauri-apps/cli 2.x), into Tauri's usual <target dir>/release/bundle/:
//
//   Windows  nsis/  开单 Kaidan_<version>_x64-setup.exe            (the updater's: WebView2 bootstrapper inside)
//            nsis/  开单 Kaidan_<version>_x64-offline-setup.exe    (--offline: the WebView2 runtime inside,
//                                                                   for shops without internet; ~130 MB more)
//   macOS    macos/ 开单 Kaidan.app and dmg/ …_universal.dmg      (arm64 + x86_64; ad-hoc signed unless
//                                                                   APPLE_SIGNING_IDENTITY is set)
//   Linux    deb/ and rpm/                                       (AppImage downloads its tools at build
//                                                                   time: not built here)
//
//   node src-tauri/scripts/bundle.mjs [--offline] [-- extra arguments for `tauri build`]
//
// Plain Node like the README's two commands. Signing keys are read from the environment
// (TAURI_SIGNING_PRIVATE_KEY for update packages; see docs/RELEASING.md), never from the repo;
// so are the updater's address and public key (KAIDAN_UPDATE_URL, KAIDAN_UPDATER_PUBKEY:
// src-tauri/scripts/updater-config.mjs).
import { existsSync, mkdtempSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureLinuxPackages, npmCi, root, run } from "./lib.mjs";
import { updaterConfig } from "./updater-config.mjs";

const args = process.argv.slice(2);
const extra = args.includes("--") ? args.slice(args.indexOf("--") + 1) : [];
const offline = args.includes("--offline");
const ui = path.join(root, "ui");
const tauri = path.join(ui, "node_modules", ".bin", process.platform === "win32" ? "tauri.cmd" : "tauri");
const target = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(root, "target");

/** What `tauri build` builds here, and for which target. */
function plan() {
  switch (process.platform) {
    case "win32":
      return { bundles: ["nsis"], target: null };
    case "darwin":
      return { bundles: ["app", "dmg"], target: "universal-apple-darwin" };
    default:
      return { bundles: ["deb", "rpm"], target: null };
  }
}

try {
  ensureLinuxPackages({ forTests: false });
  npmCi(ui);
  // the window's files, embedded in the binary (tauri.conf.json has no beforeBuildCommand)
  run("npm", ["run", "build"], { cwd: ui });
  const p = plan();
  const cli = ["build", "--ci", "--bundles", p.bundles.join(",")];
  if (p.target) cli.push("--target", p.target);
  if (offline) {
    if (process.platform !== "win32") throw new Error("--offline is the Windows installer with the WebView2 runtime inside");
    cli.push("--config", path.join(root, "src-tauri", "bundle", "windows", "offline.conf.json"));
  }
  // the updater's address and public key (KAIDAN_UPDATE_URL, KAIDAN_UPDATER_PUBKEY): a release
  // has them; a local build has none and its copy says it cannot update itself
  const updater = updaterConfig();
  if (updater) cli.push("--config", updater);
  // no updater artifacts without the key that signs them (a release has it; a local build not)
  // (a file, not inline JSON: Windows' command line would eat the quotes)
  if (!process.env.TAURI_SIGNING_PRIVATE_KEY) {
    const noUpdater = path.join(mkdtempSync(path.join(tmpdir(), "kaidan-bundle-")), "no-updater.conf.json");
    writeFileSync(noUpdater, JSON.stringify({ bundle: { createUpdaterArtifacts: false } }));
    cli.push("--config", noUpdater);
  }
  run(tauri, [...cli, ...extra], { cwd: path.join(root, "src-tauri"), shell: process.platform === "win32" });
  const out = path.join(target, ...(p.target ? [p.target] : []), "release", "bundle");
  if (offline) {
    // the offline installer gets its own name beside the normal one
    const dir = path.join(out, "nsis");
    for (const f of readdirSync(dir).filter((f) => f.endsWith("-setup.exe") && !f.includes("offline"))) {
      const to = path.join(dir, f.replace(/-setup\.exe$/, "-offline-setup.exe"));
      renameSync(path.join(dir, f), to);
    }
  }
  console.log(`\nkaidan: installers in ${out}`);
  for (const d of existsSync(out) ? readdirSync(out) : []) {
    for (const f of readdirSync(path.join(out, d))) console.log(`  ${d}/${f}`);
  }
} catch (e) {
  console.error(`\nkaidan: ${e.message}`);
  process.exit(1);
}
