// One ECharts chart (tree-shaken: bars and lines, drawn on a canvas) in the user's language,
// redrawn when its option changes, resized with its box; a click on a bar or a point hands
// its index to `onPick`. Loaded on demand through Chart.tsx: its own chunk of the bundle.
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import type { ChartProps } from "./Chart";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
// ECharts carries its Chinese ("ZH") and English ("EN") words itself

// whether this page can draw on a canvas at all (a test's DOM cannot): asked once
let canvas: boolean | null = null;
const canDraw = () => (canvas ??= !!document.createElement("canvas").getContext?.("2d"));

export default function EChart({ option, lang, onPick, testid }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = box.current;
    if (!el || !canDraw()) return;
    let c: echarts.ECharts;
    try {
      c = echarts.init(el, undefined, { locale: lang === "zh-CN" ? "ZH" : "EN", renderer: "canvas" });
    } catch {
      return; // no canvas (a test's DOM): the tables below the chart carry the figures
    }
    chart.current = c;
    c.on("click", (e) => pick.current?.(e.dataIndex as number));
    const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => c.resize());
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    // how long the chart took to draw its option: to its first frame (read by the window's
    // benchmark, tests/e2e/bench.mjs)
    const t0 = performance.now();
    const drawn = () => {
      c.off("rendered", drawn);
      (window as { kaidanChartDrawn?: { testid?: string; ms: number } }).kaidanChartDrawn = { testid, ms: performance.now() - t0 };
    };
    c.on("rendered", drawn);
    c.setOption(option as echarts.EChartsCoreOption, { notMerge: true });
    return () => {
      c.off("rendered", drawn);
    };
  }, [option, lang, testid]);

  return <div ref={box} className="chart" data-testid={testid} />;
}
