// Builds what the end-to-end test needs and runs it: the UI (vite), the desktop shell and the
// CLI (cargo), then node's test runner (under Xvfb when there is no display). Called by the
// README's test command (tests/run.mjs). tauri-driver exists for Linux (WebKitWebDriver)
// and Windows (Edge WebDriver, which must match the installed WebView2); only Linux is run
// here.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cargoTarget, exe, npmCi, root, run } from "../../src-tauri/scripts/lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const ui = path.join(root, "ui");
npmCi(ui);
run("npm", ["run", "build"], { cwd: ui }); // the shell embeds ui/dist when it compiles
npmCi(here);
// the CLI is usually there already (cargo test builds it for its own tests); building it
// beside the shell would rebuild it with the shell's dependency features
run("cargo", ["build", "--locked", "-p", "kaidan-desktop"]);
if (!existsSync(path.join(cargoTarget(), "debug", exe("kaidan")))) run("cargo", ["build", "--locked", "-p", "kaidan-cli"]);
const env = {
  ...process.env,
  KAIDAN_APP: path.join(cargoTarget(), "debug", exe("kaidan-desktop")),
  KAIDAN_CLI: path.join(cargoTarget(), "debug", exe("kaidan")),
  KAIDAN_SHOTS: path.join(here, "artifacts", "screenshots"),
};
const args = ["--test", "--test-concurrency=1", "--test-timeout=300000", path.join(here, "desktop.test.mjs")];
const headless = process.platform === "linux" && !process.env.DISPLAY;
const r = headless
  ? spawnSync("xvfb-run", ["-a", "-s", "-screen 0 1280x800x24", "node", ...args], { cwd: here, env, stdio: "inherit" })
  : spawnSync("node", args, { cwd: here, env, stdio: "inherit" });
process.exit(r.status ?? 1);
