// The README's "start the app" command: builds the UI and the desktop shell (release) and
// opens the window on the shop in the OS app-data folder (or KAIDAN_DB).
import path from "node:path";
import { ensureLinuxPackages, npmCi, root, run } from "./lib.mjs";

try {
  ensureLinuxPackages({ forTests: false });
  const ui = path.join(root, "ui");
  npmCi(ui);
  run("npm", ["run", "build"], { cwd: ui });
  run("cargo", ["run", "--release", "--locked", "-p", "kaidan-desktop"]);
} catch (e) {
  console.error(`\nkaidan: ${e.message}`);
  process.exit(1);
}
