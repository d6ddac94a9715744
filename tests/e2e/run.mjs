// Builds what the end-to-end test needs and runs it: the UI (vite), the desktop shell and the
// CLI (cargo), then node's test runner under Xvfb. Used by the README's test command.
// Linux only for now: WebKitWebDriver exists on Linux and Windows (Edge WebDriver there), not
// on macOS.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const target = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(root, "target");
const sh = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: "inherit" });

const ui = path.join(root, "ui");
if (!existsSync(path.join(ui, "node_modules"))) sh("npm", ["ci", "--no-audit", "--no-fund"], ui);
sh("npm", ["run", "build"], ui); // the shell embeds ui/dist when it compiles
if (!existsSync(path.join(here, "node_modules"))) sh("npm", ["ci", "--no-audit", "--no-fund"], here);
sh("cargo", ["build", "--locked", "-p", "kaidan-desktop", "-p", "kaidan-cli"]);
const env = {
  ...process.env,
  KAIDAN_APP: path.join(target, "debug", "kaidan-desktop"),
  KAIDAN_CLI: path.join(target, "debug", "kaidan"),
  KAIDAN_SHOTS: path.join(here, "artifacts", "screenshots"),
};
const args = ["--test", "--test-concurrency=1", "--test-timeout=300000", path.join(here, "desktop.test.mjs")];
const r = process.env.DISPLAY
  ? spawnSync("node", args, { cwd: here, env, stdio: "inherit" })
  : spawnSync("xvfb-run", ["-a", "-s", "-screen 0 1280x800x24", "node", ...args], { cwd: here, env, stdio: "inherit" });
process.exit(r.status ?? 1);
