// Timings of the real window, for docs/BENCHMARKS.md (not part of the test run):
//  - launch to an interactive window: WebDriver's new-session (which starts the app) until the
//    home screen is in the DOM, and the page's own performance.now() when its first screen
//    rendered with data;
//  - adding a line to an order that already has 40–49 lines: Enter in the quantity field to
//    the next animation frame after the new row is in the table;
//  - idle memory: proportional set size (PSS) of the app and its WebKit processes after 10 s.
// Usage (Linux, under Xvfb or a display):
//   cargo build --release -p kaidan-desktop -p kaidan-cli && \
//   KAIDAN_APP=target/release/kaidan-desktop KAIDAN_CLI=target/release/kaidan xvfb-run -a node tests/e2e/bench.mjs
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { remote } from "webdriverio";

const APP = path.resolve(process.env.KAIDAN_APP);
const CLI = path.resolve(process.env.KAIDAN_CLI);
const dir = mkdtempSync(path.join(tmpdir(), "kaidan-bench-"));
const db = path.join(dir, "kaidan.db");
const cli = (...a) => execFileSync(CLI, ["--db", db, ...a], { encoding: "utf8" });

cli("init", "--name", "基准五金", "--owner", "店主");
cli("customer", "add", "--name", "王喆五金店", "--phone", "13800000001");
for (let i = 1; i <= 50; i++) {
  const sku = `BM-${String(i).padStart(3, "0")}`;
  cli("product", "add", "--sku", sku, "--name", `测试商品${i}`, "--price", `${i}.50`, "--cost", "0.50", "--tax-rate", "13");
  cli("stock", "receive", sku, "1000");
}

const env = {
  ...process.env,
  KAIDAN_DB: db,
  XDG_DATA_HOME: path.join(dir, "data"),
  XDG_CONFIG_HOME: path.join(dir, "config"),
  XDG_CACHE_HOME: path.join(dir, "cache"),
};
const driver = spawn("tauri-driver", ["--port", "4454", "--native-port", "4455"], { stdio: "ignore", env });
await new Promise((r) => setTimeout(r, 1500));
const session = () => remote({ hostname: "127.0.0.1", port: 4454, logLevel: "error", capabilities: { "tauri:options": { application: APP } } });
let driver2;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

try {
  // launch, 5 times
  const launch = [];
  const page = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const b = await session();
    await b.$('[data-screen="home"]').waitForExist({ timeout: 20000 });
    launch.push(performance.now() - t0);
    page.push(await b.execute(() => window.kaidanReadyAt));
    await b.deleteSession();
  }
  console.log(`launch → home screen (WebDriver session incl.): median ${median(launch).toFixed(0)} ms, all ${launch.map((x) => x.toFixed(0)).join(" ")}`);
  console.log(`page start → first screen with data (performance.now): median ${median(page).toFixed(0)} ms`);

  // a 50-line order by keyboard, timing lines 41–50
  const b = await session();
  await b.$('[data-screen="home"]').waitForExist({ timeout: 20000 });
  await b.execute(() => (window.location.hash = "/new"));
  const focusIs = (n) => b.waitUntil(async () => (await b.execute(() => document.activeElement?.getAttribute("name"))) === n, { timeout: 5000 });
  const typeInto = async (n, s) => (await b.$(`[name="${n}"]`)).addValue(s);
  await focusIs("customer");
  await typeInto("customer", "wzwj");
  await b.keys("Enter");
  await focusIs("lookup");
  await b.execute(() => {
    window.lat = [];
    window.commit = [];
    document.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && document.activeElement?.getAttribute("name") === "pending_qty") window.t0 = performance.now();
    }, true);
    new MutationObserver(() => {
      if (!window.t0) return;
      const t0 = window.t0;
      window.t0 = 0;
      window.commit.push(performance.now() - t0);
      requestAnimationFrame(() => window.lat.push(performance.now() - t0));
    }).observe(document.querySelector('[data-testid="lines"] tbody'), { childList: true });
  });
  for (let i = 1; i <= 50; i++) {
    await typeInto("lookup", `BM-${String(i).padStart(3, "0")}`);
    await b.keys("Enter");
    await focusIs("pending_qty");
    await b.keys("Enter");
    await focusIs("lookup");
  }
  const lat = (await b.execute(() => window.lat)).slice(40);
  const commit = (await b.execute(() => window.commit)).slice(40);
  const total = await b.$('[data-total="total"]').getText();
  console.log(`add a line to a 40–49-line order: to the next frame median ${median(lat).toFixed(1)} ms, max ${Math.max(...lat).toFixed(1)} ms; row in the DOM median ${median(commit).toFixed(1)} ms, max ${Math.max(...commit).toFixed(1)} ms (lines ${lat.length}, order total ${total})`);

  // idle memory
  await b.execute(() => (window.location.hash = "/home"));
  await new Promise((r) => setTimeout(r, 10000));
  const procs = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  const cmd = (p) => { try { return readFileSync(`/proc/${p}/cmdline`, "utf8").replaceAll("\0", " "); } catch { return ""; } };
  const ppid = (p) => { try { return readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ")[1]; } catch { return ""; } };
  const app = procs.filter((p) => cmd(p).startsWith(APP));
  const tree = new Set(app);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) if (!tree.has(p) && tree.has(ppid(p))) (tree.add(p), (grew = true));
  }
  let pss = 0;
  const parts = [];
  for (const p of tree) {
    const kb = Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${p}/smaps_rollup`, "utf8"))?.[1] ?? 0);
    pss += kb;
    parts.push(`${path.basename(cmd(p).split(" ")[0])} ${(kb / 1024).toFixed(0)} MB`);
  }
  console.log(`idle memory after 10 s on the home screen: PSS ${(pss / 1024).toFixed(0)} MB (${parts.join(", ")})`);
  await b.deleteSession();

  // the order list over 100,000 orders (a second shop, filled by `kaidan demo`)
  const big = path.join(dir, "big.db");
  const t0 = performance.now();
  execFileSync(CLI, ["--db", big, "demo", "--orders", "100000"], { stdio: "ignore" });
  console.log(`(demo shop with 100,000 orders made in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  env.KAIDAN_DB = big;
  driver2 = spawn("tauri-driver", ["--port", "4456", "--native-port", "4457"], { stdio: "ignore", env: { ...env, KAIDAN_DB: big } });
  await new Promise((r) => setTimeout(r, 1500));
  const c = await remote({ hostname: "127.0.0.1", port: 4456, logLevel: "error", capabilities: { "tauri:options": { application: APP } } });
  await c.$('[data-screen="home"]').waitForExist({ timeout: 20000 });
  const t1 = performance.now();
  await c.execute(() => (window.location.hash = "/orders"));
  await c.$('[data-testid="order-list"] .grid-row').waitForExist({ timeout: 20000 });
  const first = performance.now() - t1;
  // scroll to the end of what is loaded, again and again: each time the next page comes in
  const t2 = performance.now();
  const rows = await c.execute(async () => {
    const list = document.querySelector('[data-testid="order-list"]');
    const sleep = () => new Promise((r) => setTimeout(r, 16));
    let loaded = 0;
    for (let i = 0; i < 1500 && loaded < 5000; i++) {
      list.scrollTop = list.scrollHeight;
      await sleep();
      loaded = list.querySelectorAll(".grid-row").length && Math.round(list.lastElementChild.getBoundingClientRect().height / 34);
    }
    return loaded;
  });
  const scroll = performance.now() - t2;
  const domRows = await c.execute(() => document.querySelectorAll('[data-testid="order-list"] .grid-row').length);
  console.log(`orders list, 100,000 orders: first page on screen ${first.toFixed(0)} ms; scrolled through ${rows} rows (${rows / 100} pages of 100) in ${scroll.toFixed(0)} ms, ${(scroll / (rows / 100)).toFixed(1)} ms a page; rows in the DOM at the end: ${domRows}`);

  // a year's daily sales trend (365 days × sales, gross profit and the year before): the
  // chart's drawing (ECharts' setOption to its first frame: no animation) and the whole way from
  // opening the screen on the range to the drawn chart (the report asked of the core included);
  // two ranges in turn
  const day = (d) => d.toISOString().slice(0, 10);
  const now = new Date();
  const draw = [];
  const whole = [];
  for (let i = 0; i < 6; i++) {
    const end = new Date(now.getTime() - (i % 2) * 7 * 86400000);
    const from = day(new Date(end.getTime() - 364 * 86400000));
    // the reports screen keeps its own address: leave it, so that it opens afresh
    await c.execute(() => (window.location.hash = "/home"));
    await c.$('[data-screen="home"]').waitForExist({ timeout: 20000 });
    await c.execute(() => (window.kaidanChartDrawn = null));
    const t = performance.now();
    await c.execute((h) => (window.location.hash = h), `/reports?tab=trend&from=${from}&to=${day(end)}&by=day&compare=previous`);
    await c.waitUntil(async () => (await c.execute(() => window.kaidanChartDrawn?.testid)) === "trend-chart", { timeout: 20000 });
    whole.push(performance.now() - t);
    draw.push(await c.execute(() => window.kaidanChartDrawn.ms));
  }
  const points = await c.execute(() => document.querySelectorAll('[data-testid="trend-table"] tbody tr').length);
  console.log(`a year's daily trend (${points} days, 3 series): chart drawn in median ${median(draw).toFixed(1)} ms, max ${Math.max(...draw).toFixed(1)} ms; screen opened → chart drawn median ${median(whole).toFixed(0)} ms, max ${Math.max(...whole).toFixed(0)} ms (${draw.map((x) => x.toFixed(1)).join(" ")})`);
  await c.deleteSession();

} finally {
  driver.kill();
  driver2?.kill();
  rmSync(dir, { recursive: true, force: true });
}
