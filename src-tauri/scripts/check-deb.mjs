// Checks the Debian package as a shop owner meets it, on this machine (Debian/Ubuntu, as root):
// installs the .deb that bundle.mjs made, starts the installed program under Xvfb for a user
// whose home is a fresh folder, sees the window titled 开单 and the shop's database created in
// the user's data folder; puts a shop with an order in it; installs a version-bumped package
// over it and finds the same order; removes the package (apt-get remove, then purge) and finds
// the database and its backups still there. Screenshots go to tests/e2e/artifacts/screenshots/.
//
//   node src-tauri/scripts/bundle.mjs          (makes the .deb)
//   node src-tauri/scripts/check-deb.mjs       (this check; not part of tests/run.mjs: the
//                                               release build takes long on a small machine)
//
// Plain Node; needs xvfb, xdotool, x11-apps and netpbm (installed with apt-get when missing) and the
// `kaidan` command line built in the same target folder (cargo build -p kaidan-cli).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { root, run } from "./lib.mjs";

const target = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(root, "target");
const shots = path.join(root, "tests", "e2e", "artifacts", "screenshots");
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: "utf8", ...opts });
const fail = (msg) => {
  throw new Error(msg);
};

function ensureTools() {
  const missing = ["xvfb", "xdotool", "x11-apps", "xauth", "netpbm"].filter((p) => !sh("dpkg-query", ["-W", "-f=${Status}", p], { stdio: ["ignore", "pipe", "ignore"] }).includes("install ok installed"));
  if (missing.length) run("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...missing], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

/** The .deb bundle.mjs made, and the same package with its version raised by one patch. */
function packages(work) {
  const dir = path.join(target, "release", "bundle", "deb");
  const deb = existsSync(dir) && readdirSync(dir).find((f) => f.endsWith(".deb"));
  if (!deb) fail(`no .deb in ${dir}: run node src-tauri/scripts/bundle.mjs first`);
  const first = path.join(dir, deb);
  const unpacked = path.join(work, "unpacked");
  sh("dpkg-deb", ["-R", first, unpacked]);
  const control = path.join(unpacked, "DEBIAN", "control");
  const text = readFileSync(control, "utf8");
  const version = /^Version: (.+)$/m.exec(text)[1];
  const [a, b, c] = version.split(/[.-]/).map(Number);
  const next = `${a}.${b}.${c + 1}`;
  writeFileSync(control, text.replace(/^Version: .+$/m, `Version: ${next}`));
  const second = path.join(work, `kaidan-${next}.deb`);
  sh("dpkg-deb", ["--root-owner-group", "-b", unpacked, second]);
  const name = /^Package: (.+)$/m.exec(text)[1];
  // the distribution's WebKitGTK 4.1, once
  const depends = /^Depends: (.+)$/m.exec(text)[1].split(",").map((d) => d.trim());
  if (!depends.includes("libwebkit2gtk-4.1-0") || new Set(depends).size !== depends.length) fail(`Depends: ${depends.join(", ")}`);
  return { first, second, name, version, next };
}

/** Starts the installed program for `home` under a fresh X display; resolves when its window
 *  is up, with a function that screenshots it and one that closes it. */
async function startWindow(bin, home, display, shot) {
  const xvfb = spawn("Xvfb", [display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 800));
  // the shop owner's session: their home, no KAIDAN_DB (the program finds its data folder)
  const env = { ...process.env, HOME: home, DISPLAY: display, LANG: "zh_CN.UTF-8", LANGUAGE: "zh_CN" };
  delete env.KAIDAN_DB;
  delete env.XDG_DATA_HOME;
  const app = spawn(bin, [], { env, stdio: "ignore" });
  let title = "";
  for (let i = 0; i < 120 && !title.includes("开单"); i++) {
    await new Promise((r) => setTimeout(r, 500));
    // every window of the program (GTK keeps a hidden one named after the binary too)
    const ids = spawnSync("xdotool", ["search", "--pid", String(app.pid)], { env, encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean);
    const names = ids.map((id) => spawnSync("xdotool", ["getwindowname", id], { env, encoding: "utf8" }).stdout.trim());
    title = names.find((n) => n.includes("开单")) ?? names.join(" | ");
  }
  if (!title.includes("开单")) fail(`no window titled 开单 (found "${title}")`);
  await new Promise((r) => setTimeout(r, 3000));
  const xwd = path.join(home, "screen.xwd");
  sh("xwd", ["-root", "-silent", "-out", xwd], { env });
  mkdirSync(shots, { recursive: true });
  const big = { encoding: "buffer", maxBuffer: 64 * 1024 * 1024, stdio: ["pipe", "pipe", "ignore"] };
  const pnm = execFileSync("xwdtopnm", [xwd], big);
  writeFileSync(path.join(shots, `${shot}.png`), execFileSync("pnmtopng", [], { ...big, input: pnm }));
  // what the window holds in memory, idle: the program and its WebKit processes (PSS)
  const tree = (pid) => [pid, ...spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).flatMap((c) => tree(Number(c)))];
  const pids = tree(app.pid);
  const pssKb = pids
    .map((pid) => {
      try {
        return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
      } catch {
        return 0;
      }
    })
    .reduce((a, b) => a + b, 0);
  console.log(`\nkaidan: ${shot}: idle window ${(pssKb / 1024).toFixed(0)} MB PSS over ${pids.length} processes`);
  return {
    title,
    pssKb,
    close: async () => {
      app.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 1000));
      xvfb.kill("SIGTERM");
    },
  };
}

try {
  if (process.platform !== "linux" || process.getuid?.() !== 0) fail("run as root on Debian/Ubuntu (it installs and removes the package)");
  ensureTools();
  const cli = path.join(target, "debug", "kaidan");
  if (!existsSync(cli)) run("cargo", ["build", "--locked", "-p", "kaidan-cli"]);
  const work = mkdtempSync(path.join(tmpdir(), "kaidan deb 检查-"));
  const p = packages(work);
  const home = path.join(work, "店主的家");
  mkdirSync(home);
  const data = path.join(home, ".local", "share", "cn.kaidan.desktop");
  const db = path.join(data, "kaidan.db");
  const kaidan = (...args) => JSON.parse(sh(cli, ["--db", db, "--json", ...args]));

  run("apt-get", ["install", "-y", "-q", p.first]);
  // the program the package put on the PATH
  const bin = sh("dpkg", ["-L", p.name]).split("\n").find((f) => f.startsWith("/usr/bin/"));
  if (!bin) fail(`the package ${p.name} has no program in /usr/bin`);
  let w = await startWindow(bin, home, ":97", "deb-installed-first-run");
  await w.close();
  if (!existsSync(db)) fail(`the window made no database in the user's data folder (${db})`);
  console.log(`\nkaidan: window "${w.title}", database ${db}`);

  // a shop with an order, and a backup beside it
  kaidan("init", "--name", "装好的五金店", "--owner", "店主");
  kaidan("product", "add", "--sku", "A1", "--name", "螺栓", "--price", "2.50");
  kaidan("stock", "receive", "A1", "10");
  kaidan("customer", "add", "--name", "老主顾");
  const order = kaidan("order", "create", "--customer", "老主顾", "--line", "A1:3", "--confirm").number;
  kaidan("backup");
  const backups = () => readdirSync(path.join(data, "backups")).filter((f) => f.endsWith(".db"));
  if (backups().length === 0) fail("no backup was made");

  // an upgrade keeps the shop
  run("apt-get", ["install", "-y", "-q", "--allow-downgrades", p.second]);
  const installed = sh("dpkg-query", ["-W", "-f=${Version}", p.name]);
  if (installed !== p.next) fail(`after the upgrade dpkg has ${installed}, not ${p.next}`);
  w = await startWindow(bin, home, ":98", "deb-upgraded-home");
  await w.close();
  if (kaidan("order", "show", order).status !== "confirmed") fail(`order ${order} is not there after the upgrade`);

  // removing, then purging, the package leaves the shop's data alone
  run("apt-get", ["remove", "-y", "-q", p.name]);
  run("apt-get", ["purge", "-y", "-q", p.name]);
  if (spawnSync("dpkg-query", ["-W", p.name], { stdio: "ignore" }).status === 0 && sh("dpkg-query", ["-W", "-f=${Status}", p.name]).includes("installed"))
    fail("the package is still installed");
  if (!existsSync(db) || kaidan("order", "show", order).number !== order) fail("the database went with the package");
  if (backups().length === 0) fail("the backups went with the package");
  console.log(`\nkaidan: .deb checked — installed ${p.version}, upgraded to ${p.next} with order ${order} kept, removed and purged with the data and ${backups().length} backup(s) still in ${data}`);
  rmSync(work, { recursive: true, force: true });
} catch (e) {
  console.error(`\nkaidan: ${e.message}`);
  process.exit(1);
}
