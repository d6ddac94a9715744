// ECharts under a frozen Object.prototype, as the shell runs the window (Tauri's
// freezePrototype): as shipped it throws while loading; with the build's change
// (echartsFrozen.ts) it loads and draws. Run in a child Node process, whose prototype can be
// frozen without touching this test runner's.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { MOCK_ASSIGNMENT, MOCK_DEFINITION } from "../echartsFrozen";

const ui = path.resolve(__dirname, "..");
const load = (echartsDir: string) =>
  `Object.freeze(Object.prototype);
   const core = await import(${JSON.stringify(path.join(echartsDir, "core.js"))});
   const charts = await import(${JSON.stringify(path.join(echartsDir, "lib/export/charts.js"))});
   const comps = await import(${JSON.stringify(path.join(echartsDir, "lib/export/components.js"))});
   const r = await import(${JSON.stringify(path.join(echartsDir, "lib/export/renderers.js"))});
   core.use([charts.BarChart, charts.LineChart, comps.GridComponent, comps.TooltipComponent, comps.LegendComponent, r.SVGRenderer]);
   const c = core.init(null, null, { renderer: "svg", ssr: true, width: 400, height: 200 });
   c.setOption({ xAxis: { type: "category", data: ["a", "b"] }, yAxis: {}, series: [{ type: "bar", data: [1, 2] }, { type: "line", data: [2, 1] }] });
   console.log(c.renderToSVGString().includes("<svg") ? "drawn" : "not drawn");
   c.dispose();
   process.exit(0);`;

function run(echartsDir: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "frozen-"));
  const file = path.join(dir, "t.mjs");
  writeFileSync(file, load(echartsDir));
  try {
    return execFileSync(process.execPath, [file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 30000 }).trim();
  } catch (e) {
    return `threw: ${String((e as { stderr?: string }).stderr ?? e).split("\n").find((l) => l.includes("Error")) ?? ""}`;
  }
}

test("ECharts loads and draws under a frozen Object.prototype once the build changed it", () => {
  const shipped = path.join(ui, "node_modules", "echarts");
  expect(run(shipped)).toMatch(/^threw: .*read only property 'constructor'/);
  // the build's change, applied to a copy of the package
  const modules = path.join(mkdtempSync(path.join(tmpdir(), "echarts-")), "node_modules");
  const copy = path.join(modules, "echarts");
  cpSync(shipped, copy, { recursive: true, dereference: true });
  const scheduler = path.join(copy, "lib", "core", "Scheduler.js");
  const src = readFileSync(scheduler, "utf8");
  expect(src).toContain(MOCK_ASSIGNMENT);
  writeFileSync(scheduler, src.replace(MOCK_ASSIGNMENT, MOCK_DEFINITION));
  for (const dep of ["zrender", "tslib"]) cpSync(path.join(ui, "node_modules", dep), path.join(modules, dep), { recursive: true, dereference: true });
  expect(run(copy)).toBe("drawn");
}, 60000);
