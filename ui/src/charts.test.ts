// The charts' options: axis labels in 万/亿 or k/M, tooltips with the exact figures (the
// strings the core answered), the comparison beside each bucket, a bar's row found again.
import { expect, test } from "vitest";
import type { Measures, ProductRow, Trend } from "./bindings";
import { axisAmount, rankOption, rankRowAt, trendOption } from "./charts";
import { translator } from "./i18n";

const m = (sales: string, gp: string, margin: string | null = null): Measures => ({
  sales, sales_total: sales, cogs: "0.00", sales_cost_unknown: "0.00", gross_profit: gp, margin, qty: "3", orders: 2, orders_value: sales, avg_order_value: null, received: "0.00",
});

test("axis labels in the reader's units", () => {
  expect(axisAmount("zh-CN", 0)).toBe("0");
  expect(axisAmount("zh-CN", 8500)).toBe("8500");
  expect(axisAmount("zh-CN", 125000)).toBe("12.5万");
  expect(axisAmount("zh-CN", 320000000)).toBe("3.2亿");
  expect(axisAmount("en", 125000)).toBe("125k");
  expect(axisAmount("en", 3200000)).toBe("3.2M");
});

test("a trend's tooltip shows the exact figures and the comparison beside", () => {
  const trend: Trend = {
    range: { from: "2026-03-01", to: "2026-04-30" },
    by: "month",
    points: [
      { range: { from: "2026-03-01", to: "2026-03-31" }, measures: m("1234567.89", "200000.01", "16.20") },
      { range: { from: "2026-04-01", to: "2026-04-30" }, measures: m("0.10", "0.00") },
    ],
    compare: "last-year",
    compared: [
      { range: { from: "2025-03-01", to: "2025-03-31" }, measures: m("1000.00", "100.00") },
      { range: { from: "2025-04-01", to: "2025-04-30" }, measures: m("2000.00", "100.00") },
    ],
    total: m("1234567.99", "200000.01"),
  };
  const t = translator("zh-CN");
  const o = trendOption(t, trend);
  expect(o.series.map((s) => s.type)).toEqual(["bar", "line", "line"]);
  expect(o.series[0].data).toEqual([1234567.89, 0.1]);
  const tip = o.tooltip.formatter([{ dataIndex: 0, seriesIndex: 0 }]);
  expect(tip).toContain("¥1,234,567.89");
  expect(tip).toContain("毛利: ¥200,000.01 (16.20%)");
  expect(tip).toContain("同比（去年同期）: ¥1,000.00");
  expect(o.yAxis.axisLabel.formatter(1200000)).toBe("120万");
  const en = trendOption(translator("en"), { ...trend, compare: null, compared: [] });
  expect(en.series).toHaveLength(2);
  expect(en.tooltip.formatter([{ dataIndex: 1, seriesIndex: 0 }])).toContain("Sales (excl. tax): ¥0.10");
});

test("a ranking's bars put the best on top and find their row again", () => {
  const rows: ProductRow[] = ["A", "B", "C"].map((sku, i) => ({ sku, name: `商品${sku}`, unit: "个", measures: m(String(300 - i * 100), "10.00") }));
  const o = rankOption(translator("zh-CN"), rows, (r) => r.name, "sales", 2);
  expect(o.yAxis.data).toEqual(["商品B", "商品A"]);
  expect(o.series[0].data).toEqual([200, 300]);
  expect(rankRowAt(rows, 2, 1)?.sku).toBe("A");
  expect(rankRowAt(rows, 2, 0)?.sku).toBe("B");
  expect(o.tooltip.formatter([{ dataIndex: 1, seriesIndex: 0 }])).toContain("¥300.00");
});
