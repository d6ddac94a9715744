// The reports' charts as ECharts options, built from the report the core answered. Amounts
// travel as decimal strings; a chart needs a number only to place a bar or a point
// (`plot`), never to compute: tooltips and tables show the strings themselves, and an axis's
// labels round a position to 万/亿 (zh) or k/M (en) as a reader's guide.
import type { Collections, CustomerRow, Fulfilment, Measures, OrderRow, ProductRow, SalespersonRow, Trend } from "./bindings";
import type { T } from "./i18n";

/** Where a decimal string sits on an axis (drawing only). */
export const plot = (v: string | null | undefined): number => (v ? Number(v) : 0);

/** An axis label: 1.2万, 3.5亿 in Chinese; 12k, 3.5M in English. */
export function axisAmount(lang: T["lang"], v: number): string {
  const a = Math.abs(v);
  const trim = (x: number) => String(Math.round(x * 10) / 10);
  if (lang === "zh-CN") {
    if (a >= 1e8) return `${trim(v / 1e8)}亿`;
    if (a >= 1e4) return `${trim(v / 1e4)}万`;
    return String(v);
  }
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e3) return `${trim(v / 1e3)}k`;
  return String(v);
}

/** A bucket's label on the axis: the day, or the first day of a longer bucket. */
export function bucketLabel(t: T, from: string, to: string): string {
  return from === to ? t.date(from) : `${t.date(from)} – ${t.date(to)}`;
}

type Tip = { dataIndex: number; seriesIndex: number };

/** The trend: sales as bars, gross profit as a line, the comparison's sales dashed beside. */
export function trendOption(t: T, trend: Trend, key: "sales" | "sales_total" = "sales") {
  const labels = trend.points.map((p) => bucketLabel(t, p.range.from, p.range.to));
  const sales = t.measure(key);
  const gp = t.measure("gross_profit");
  const was = trend.compare ? `${sales} · ${t.compare(trend.compare)}` : null;
  const tooltip = (items: Tip[]) => {
    const i = items[0]?.dataIndex ?? 0;
    const p = trend.points[i];
    const c = trend.compared[i];
    const lines = [
      `<b>${labels[i]}</b>`,
      `${sales}: ${t.money(p.measures[key])}`,
      `${gp}: ${t.money(p.measures.gross_profit)}${p.measures.margin ? ` (${p.measures.margin}%)` : ""}`,
      `${t.measure("orders")}: ${p.measures.orders}`,
      `${t.measure("qty")}: ${t.qty(p.measures.qty)}`,
    ];
    if (c && was) lines.push(`${was}: ${t.money(c.measures[key])} (${bucketLabel(t, c.range.from, c.range.to)})`);
    return lines.join("<br/>");
  };
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 40, bottom: 56 },
    legend: { top: 0 },
    tooltip: { trigger: "axis", formatter: tooltip },
    xAxis: { type: "category", data: labels, axisLabel: { hideOverlap: true } },
    yAxis: { type: "value", axisLabel: { formatter: (v: number) => axisAmount(t.lang, v) } },
    series: [
      { name: sales, type: "bar", data: trend.points.map((p) => plot(p.measures[key])), barMaxWidth: 48 },
      { name: gp, type: "line", data: trend.points.map((p) => plot(p.measures.gross_profit)), symbolSize: 6 },
      ...(was ? [{ name: was, type: "line", data: trend.compared.map((p) => plot(p.measures[key])), lineStyle: { type: "dashed" }, symbolSize: 4 }] : []),
    ],
  };
}

/** A ranking's best `n` as horizontal bars (the best on top), by the measure ranked on. */
export function rankOption<R extends ProductRow | CustomerRow | OrderRow | SalespersonRow>(t: T, rows: R[], label: (r: R) => string, by: keyof Measures, n = 10) {
  const top = rows.slice(0, n).reverse();
  const name = t.measure(by === "qty" ? "qty" : by === "gross_profit" ? "gross_profit" : "sales");
  const shown = (r: R) => (by === "qty" ? t.qty(r.measures.qty) : t.money(r.measures[by] as string));
  return {
    animation: false,
    grid: { left: 140, right: 32, top: 16, bottom: 32 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (items: Tip[]) => {
        const r = top[items[0]?.dataIndex ?? 0];
        return r ? `<b>${label(r)}</b><br/>${name}: ${shown(r)}<br/>${t.measure("gross_profit")}: ${t.money(r.measures.gross_profit)}` : "";
      },
    },
    xAxis: { type: "value", axisLabel: { formatter: (v: number) => axisAmount(t.lang, v) } },
    yAxis: { type: "category", data: top.map(label), axisLabel: { width: 120, overflow: "truncate" } },
    series: [{ name, type: "bar", data: top.map((r) => plot(r.measures[by] as string)), barMaxWidth: 22 }],
  };
}

/** The ranking's row a bar stands for (the chart draws the best on top, in reverse). */
export const rankRowAt = <R,>(rows: R[], n: number, dataIndex: number): R | undefined => rows.slice(0, n).reverse()[dataIndex];

/** Lead times as bars: how many orders were delivered in full after how many days. */
export function leadOption(t: T, f: Fulfilment) {
  const name = t.measure("orders");
  const days = f.lead_days.map((l) => t.t("report_days_n", { n: String(l.days) }));
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 16, bottom: 40 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "category", data: days, name: t.t("report_lead_days"), nameLocation: "middle", nameGap: 26 },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ name, type: "bar", data: f.lead_days.map((l) => l.orders), barMaxWidth: 36 }],
  };
}

/** Money received per period, stacked by method (methods that took nothing left out). */
export function moneyOption(t: T, c: Collections) {
  const labels = c.points.map((p) => bucketLabel(t, p.range.from, p.range.to));
  const used = c.total.methods.filter((m) => m.received !== "0.00" || m.refunded !== "0.00").map((m) => m.method);
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 40, bottom: 56 },
    legend: { top: 0 },
    tooltip: {
      trigger: "axis",
      formatter: (items: Tip[]) => {
        const i = items[0]?.dataIndex ?? 0;
        const p = c.points[i];
        if (!p) return "";
        const lines = [`<b>${labels[i]}</b>`];
        for (const m of p.methods) if (used.includes(m.method)) lines.push(`${t.method(m.method)}: ${t.money(m.net)}`);
        lines.push(`${t.t("report_net")}: ${t.money(p.net)}`);
        return lines.join("<br/>");
      },
    },
    xAxis: { type: "category", data: labels, axisLabel: { hideOverlap: true } },
    yAxis: { type: "value", axisLabel: { formatter: (v: number) => axisAmount(t.lang, v) } },
    series: used.map((method) => ({
      name: t.method(method),
      type: "bar",
      stack: "money",
      barMaxWidth: 48,
      data: c.points.map((p) => plot(p.methods.find((m) => m.method === method)?.net)),
    })),
  };
}
