// Where an idle Kaidan window's memory goes (Linux): starts the program with a fresh home and
// data folder under Xvfb, lets it settle on its first screen, then prints the proportional set
// size (PSS) of the program and each of its WebKit processes, and the largest mappings of each.
//
//   node src-tauri/scripts/idle-memory.mjs [--app PATH] [--db PATH] [--wait SECONDS] [--runs N]
//
// --app defaults to the release build in the cargo target folder; --db to a new shop (the first
// screen); a shop with data shows its home screen. Each run starts a fresh X server and profile.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cargoTarget, exe } from "./lib.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const app = arg("app", path.join(cargoTarget(), "release", exe("kaidan-desktop")));
const wait = Number(arg("wait", "15"));
const runs = Number(arg("runs", "1"));
const sleep = (s) => new Promise((r) => setTimeout(r, s * 1000));

const tree = (pid) => [pid, ...spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).flatMap((c) => tree(Number(c)))];
const read = (f) => {
  try {
    return readFileSync(f, "utf8");
  } catch {
    return "";
  }
};

/** PSS of a process in kB, and its mappings' PSS by what they map. */
function pss(pid) {
  const total = Number(/^Pss:\s+(\d+) kB/m.exec(read(`/proc/${pid}/smaps_rollup`))?.[1] ?? 0);
  const by = new Map();
  let name = "";
  for (const line of read(`/proc/${pid}/smaps`).split("\n")) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) name = head[1] ? path.basename(head[1]) : "[anonymous]";
    const m = /^Pss:\s+(\d+) kB/.exec(line);
    if (m) by.set(name, (by.get(name) ?? 0) + Number(m[1]));
  }
  return { total, by: [...by].sort((a, b) => b[1] - a[1]).slice(0, 6) };
}

const totals = [];
for (let run = 1; run <= runs; run++) {
  const home = mkdtempSync(path.join(tmpdir(), "kaidan-mem-"));
  const display = `:${90 + run}`;
  const xvfb = spawn("Xvfb", [display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"], { stdio: "ignore" });
  await sleep(1);
  const env = { ...process.env, HOME: home, DISPLAY: display, XDG_DATA_HOME: path.join(home, "data"), XDG_CACHE_HOME: path.join(home, "cache"), XDG_CONFIG_HOME: path.join(home, "config"), LANG: "zh_CN.UTF-8" };
  env.KAIDAN_DB = arg("db", path.join(home, "shop", "kaidan.db"));
  const child = spawn(app, [], { env, stdio: "ignore" });
  await sleep(wait);
  let sum = 0;
  console.log(`\nrun ${run}: ${app}, ${wait} s after the start`);
  for (const pid of tree(child.pid)) {
    const comm = read(`/proc/${pid}/comm`).trim();
    const p = pss(pid);
    sum += p.total;
    console.log(`  ${comm.padEnd(22)} ${(p.total / 1024).toFixed(1).padStart(6)} MB   ${p.by.map(([n, k]) => `${n} ${(k / 1024).toFixed(1)}`).join(" · ")}`);
  }
  console.log(`  ${"total".padEnd(22)} ${(sum / 1024).toFixed(1).padStart(6)} MB PSS`);
  totals.push(sum / 1024);
  child.kill("SIGTERM");
  await sleep(1);
  xvfb.kill("SIGTERM");
  await sleep(0.5);
  rmSync(home, { recursive: true, force: true });
}
if (runs > 1) console.log(`\nmedian of ${runs}: ${totals.sort((a, b) => a - b)[Math.floor(runs / 2)].toFixed(1)} MB PSS`);
