// The README's "run every test" command: Rust tests (unit, property, crash; the shell's), the UI's type
// check and component tests, the generated-file checks, and the end-to-end tests of the real
// window. Ends with one line: "N passed, M failed".
import path from "node:path";
import { ensureLinuxPackages, ensureTauriDriver, ensureTestPostgres, ensureTestPrinter, npmCi, root, runCapture } from "../src-tauri/scripts/lib.mjs";

const ui = path.join(root, "ui");
const e2e = path.join(root, "tests", "e2e");
let passed = 0;
let failed = 0;
const problems = [];
const sum = (re, text) => [...text.matchAll(re)].reduce((s, m) => s + Number(m[1]), 0);

async function step(name, cmd, args, count, opts) {
  const r = await runCapture(cmd, args, opts);
  // counted on the text without colours (vitest colours its summary)
  const [p, f] = count(r.out.replace(/\x1b\[[0-9;]*m/g, ""));
  passed += p;
  failed += f;
  if (r.status !== 0) {
    problems.push(name);
    if (f === 0) failed += 1; // a step that failed before running its tests counts once
  }
}

const cargoCount = (o) => [sum(/test result: \w+\. (\d+) passed/g, o), sum(/; (\d+) failed/g, o)];
const vitestCount = (o) => [sum(/Tests\s+(?:\d+ failed \| )?(\d+) passed/g, o), sum(/Tests\s+(\d+) failed/g, o)];
const nodeCount = (o) => [sum(/^# pass (\d+)/gm, o), sum(/^# fail (\d+)/gm, o)];

try {
  const linux = process.platform === "linux";
  ensureLinuxPackages({ forTests: true });
  ensureTestPrinter();
  // the several-counters tests run on a real PostgreSQL with PgQ (docs/SYNC.md)
  ensureTestPostgres();
  // before cargo test: the installer test reads the pinned Tauri CLI's NSIS template
  npmCi(ui);
  await step("cargo test", "cargo", ["test", "--locked"], cargoCount);
  // the desktop shell is not a default member (it needs WebKit to build): its own tests, the
  // updater's on Tauri's mock runtime, run here; it embeds the built window (ui/dist)
  await step("ui build", "npm", ["run", "build"], () => [0, 0], { cwd: ui });
  await step("shell tests", "cargo", ["test", "--locked", "-p", "kaidan-desktop"], cargoCount);
  await step("ui type check", "npm", ["run", "check"], () => [0, 0], { cwd: ui });
  await step("ui tests", "npm", ["test"], vitestCount, { cwd: ui });
  if (linux || process.platform === "win32") {
    if (linux) ensureTauriDriver();
    npmCi(e2e);
    await step("end-to-end", "node", [path.join(e2e, "run.mjs")], nodeCount);
  } else {
    // WebKit has no WebDriver for the macOS window (tauri-driver: Linux and Windows only)
    console.log("\n== end-to-end tests skipped: no WebDriver for the desktop window on this OS");
    if (process.env.CI) problems.push("end-to-end (not runnable on this OS)");
  }
} catch (e) {
  problems.push(e.message);
  failed += 1;
}
if (problems.length) console.log(`\nfailed steps: ${problems.join("; ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(problems.length || failed ? 1 : 0);
