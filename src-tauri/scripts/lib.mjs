// Shared by src-tauri/scripts/start.mjs and tests/run.mjs: run a command, and install what a fresh machine lacks.
// Plain Node (no packages), so it runs before `npm ci` and on Windows, macOS and Linux.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const win = process.platform === "win32";

/** Runs a command in the foreground; throws when it fails. */
export function run(cmd, args, opts = {}) {
  console.log(`\n== ${cmd} ${args.join(" ")}${opts.cwd && opts.cwd !== root ? `   (in ${path.relative(root, opts.cwd)})` : ""}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", shell: win && cmd === "npm", ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status})`);
}

/** Runs a command, showing its output as it comes and returning it for counting. */
export function runCapture(cmd, args, opts = {}) {
  console.log(`\n== ${cmd} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, shell: win && cmd === "npm", ...opts });
    let out = "";
    const tee = (stream, dst) =>
      stream.on("data", (d) => {
        out += d;
        dst.write(d);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on("error", (e) => resolve({ status: 1, out: out + String(e) }));
    child.on("close", (status) => resolve({ status: status ?? 1, out }));
  });
}

const has = (cmd, args = ["--version"]) => spawnSync(cmd, args, { stdio: "ignore", shell: win }).status === 0;

/** `npm ci` in `dir` when its node_modules are missing or older than its lock file. */
export function npmCi(dir) {
  const lock = path.join(dir, "package-lock.json");
  const stamp = path.join(dir, "node_modules", ".kaidan-lock-hash");
  const hash = createHash("sha256").update(readFileSync(lock)).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir });
  writeFileSync(stamp, hash);
}

/** Debian/Ubuntu: the WebKitGTK build packages (and, for tests, Xvfb, the WebDriver and a
 *  Chinese font), installed with apt-get when missing. Elsewhere nothing is installed. */
export function ensureLinuxPackages({ forTests }) {
  if (process.platform !== "linux" || !has("apt-get", ["--version"])) return;
  // libcups2-dev: the printing links libcups (the printers crate)
  const want = ["libwebkit2gtk-4.1-dev", "build-essential", "pkg-config", "file", "fonts-noto-cjk", "libcups2-dev"];
  // a print queue with a PDF printer (CUPS, cups-pdf) for the printing tests; poppler reads PDFs back
  if (forTests) want.push("xvfb", "xauth", "webkit2gtk-driver", "poppler-utils", "cups", "cups-client", "printer-driver-cups-pdf", "xclip", "unzip", "nsis");
  const missing = want.filter((p) => spawnSync("dpkg-query", ["-W", "-f=${Status}", p], { encoding: "utf8" }).stdout?.includes("install ok installed") !== true);
  if (missing.length === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (args) => (sudo.length ? run("sudo", ["apt-get", ...args], { env }) : run("apt-get", args, { env }));
  apt(["update", "-q"]);
  apt(["install", "-y", "-q", "--no-install-recommends", ...missing]);
}

/** The printing tests' printer on Linux: CUPS running, with a PDF printer `KaidanPDF` whose jobs
 *  land as files in ~/PDF, named from the job's title. Sets KAIDAN_TEST_PRINTER and
 *  KAIDAN_TEST_PRINTER_OUT for the tests; without CUPS (or the rights to start it) they say
 *  printing was not tried, except on CI, where they fail. */
export function ensureTestPrinter() {
  if (process.platform !== "linux" || !existsSync("/usr/sbin/cupsd")) return;
  const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const as = (cmd, args) => spawnSync(sudo.length ? "sudo" : cmd, sudo.length ? [...sudo.slice(1), cmd, ...args] : args, { stdio: "ignore" }).status === 0;
  const running = () => (spawnSync("lpstat", ["-r"], { encoding: "utf8" }).stdout ?? "").includes("scheduler is running");
  if (!running()) {
    as("/usr/sbin/cupsd", []);
    for (let i = 0; i < 50 && !running(); i++) spawnSync("sleep", ["0.2"]);
  }
  if (!has("lpstat", ["-p", "KaidanPDF"])) as("lpadmin", ["-p", "KaidanPDF", "-E", "-v", "cups-pdf:/", "-m", "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"]);
  if (has("lpstat", ["-p", "KaidanPDF"])) {
    process.env.KAIDAN_TEST_PRINTER = "KaidanPDF";
    process.env.KAIDAN_TEST_PRINTER_OUT = path.join(process.env.HOME ?? "", "PDF");
  }
}

/** The several-counters tests' PostgreSQL (docs/SYNC.md) on Linux: the distribution's server
 *  and its PgQ package installed, the cluster started, a role `kaidan_test` that may make
 *  databases, roles and the pgq extension (a superuser: pgq is not a trusted extension). Sets
 *  KAIDAN_TEST_PG for the tests; without it they say they did not run, except on CI, where
 *  they fail. A KAIDAN_TEST_PG already set is used as it is. */
export function ensureTestPostgres() {
  if (process.env.KAIDAN_TEST_PG || process.platform !== "linux" || !has("apt-get", ["--version"])) return;
  const root = process.getuid?.() === 0;
  const as = (cmd, args, opts = {}) =>
    spawnSync(root ? cmd : "sudo", root ? args : ["-n", cmd, ...args], { encoding: "utf8", ...opts });
  const installed = (p) => spawnSync("dpkg-query", ["-W", "-f=${Status}", p], { encoding: "utf8" }).stdout?.includes("install ok installed") === true;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!installed("postgresql")) as("apt-get", ["install", "-y", "-q", "--no-install-recommends", "postgresql"], { env, stdio: "inherit" });
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a) : [];
  const v = versions[0];
  if (!v) return;
  if (!installed(`postgresql-${v}-pgq3`)) as("apt-get", ["install", "-y", "-q", "--no-install-recommends", `postgresql-${v}-pgq3`], { env, stdio: "inherit" });
  as("pg_ctlcluster", ["--skip-systemctl-redirect", v, "main", "start"]);
  const psql = (sql) => as("runuser", ["-u", "postgres", "--", "psql", "-v", "ON_ERROR_STOP=1", "-qAtc", sql]);
  for (let i = 0; i < 50 && psql("SELECT 1").status !== 0; i++) spawnSync("sleep", ["0.2"]);
  const made = psql(
    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kaidan_test') THEN " +
      "CREATE ROLE kaidan_test LOGIN SUPERUSER PASSWORD 'kaidan_test'; END IF; END $$",
  );
  if (made.status === 0) process.env.KAIDAN_TEST_PG = "postgres://kaidan_test:kaidan_test@127.0.0.1/postgres";
  else console.log(`PostgreSQL for the sync tests not ready: ${made.stderr}`);
}

/** tauri-driver (the WebDriver bridge for the end-to-end tests), from crates.io. */
export function ensureTauriDriver() {
  if (has("tauri-driver", ["--help"])) return;
  run("cargo", ["install", "tauri-driver", "--locked"]);
}

export function cargoTarget() {
  return process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(root, "target");
}

export function exe(name) {
  return win ? `${name}.exe` : name;
}

export { execFileSync };
