// The reports screen with an in-memory backend: the tiles show the core's figures and how they
// changed, each opens the orders behind it; tabs ask for their report with the period and
// comparison chosen; a refused range says why; every ranking row opens its orders.
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { AppInfo, Collections, CustomerRow, CustomersReport, Inactive, SlowMovers, Fulfilment, Measures, MethodTotal, OrderRow, Overview, PayMethod, ProductRow, Ranked, ReportQuery, SalespersonRow, Trend, DayLog, LogEntry, PersonDay } from "../bindings";
import { BackendError, type Backend } from "../backend";
import { translator } from "../i18n";
import { Ctx, type AppCtx } from "../ui";
import { Reports } from "./Reports";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const m = (sales: string, extra: Partial<Measures> = {}): Measures => ({
  sales, sales_total: sales, cogs: "0.00", sales_cost_unknown: "0.00", gross_profit: "0.00", margin: null, qty: "0", orders: 0, orders_value: "0.00", avg_order_value: null, received: "0.00", ...extra,
});
const asked: { what: string; q: ReportQuery }[] = [];
const march = { from: "2026-03-01", to: "2026-03-31" };
const overview: Overview = {
  range: march,
  measures: m("1200.00", { gross_profit: "300.00", margin: "25.00", orders: 4, avg_order_value: "300.00", received: "800.00", sales_cost_unknown: "100.00", qty: "40" }),
  compare: "previous",
  compared_range: { from: "2026-02-01", to: "2026-02-28" },
  compared: m("1000.00"),
  changes: { sales: "20.00", sales_total: "20.00", gross_profit: "-5.50", margin: "1.20", qty: null, orders: null, avg_order_value: null, received: null },
  receivables: "500.00",
  overdue: "120.00",
  open_orders: 3,
  late_orders: 1,
  low_stock: 2,
};
/** The day log the shop answers: everyone's, or one person's (their entries and approvals). */
const dayLogs: (string | null)[] = [];
const entry = (over: Partial<LogEntry>): LogEntry => ({
  at: "2026-03-31T02:15:00Z", operator: "小李", approved_by: null, entity: "order", action: "create", moved: null, record: "SO-2026-000012", amount: null, qty: null, approved: [], what: "订单 创建", ...over,
});
const dayLog = (day: string, who: string | null): DayLog => {
  const li: PersonDay = { operator: "小李", orders: 1, deliveries: 0, returns: 0, money_in: "50.00", money_out: "0.00", approvals: 0, corrections: 0, entries: 3 };
  const wang: PersonDay = { operator: "王老板", orders: 0, deliveries: 0, returns: 0, money_in: "0.00", money_out: "0.00", approvals: 1, corrections: 1, entries: 1 };
  const entries = [
    entry({}),
    entry({ action: "approve", approved_by: "王老板", what: "订单 审批通过" }),
    entry({ entity: "payment", action: "receive", record: "RC-2026-000004", amount: "50.00", what: "收款" }),
    entry({ operator: "王老板", entity: "product", action: null, moved: "adjustment", record: "A-001", qty: "-2", what: "调整 -2" }),
  ];
  return who === "小李" ? { date: day, people: [li], entries: entries.slice(0, 3) } : { date: day, people: [li, wang], entries };
};
const ranked = <R,>(rows: R[]): Ranked<R> => ({ range: march, rank_by: "sales", rows, row_count: rows.length, total: m("1200.00") });
const fake = {
  settings: async () => ({ prices_include_tax: true }),
  dayLog: async (day: string, who: string | null) => (dayLogs.push(who), dayLog(day, who)),
  reportOverview: async (q: ReportQuery) => {
    asked.push({ what: "overview", q });
    if (q.from === "2026-04-01" && q.to === "2026-03-01") throw new BackendError("invalid", "「截止日期」：2026-03-01 早于起始日期 2026-04-01", "to");
    return overview;
  },
  reportTrend: async (q: ReportQuery) => {
    asked.push({ what: "trend", q });
    const t: Trend = { range: march, by: "week", points: [{ range: { from: "2026-03-02", to: "2026-03-08" }, measures: m("50.00") }], compare: null, compared: [], total: m("50.00") };
    return t;
  },
  reportProducts: async (q: ReportQuery) => {
    asked.push({ what: "products", q });
    const rows: ProductRow[] = [{ sku: "A-001", name: "六角螺栓", unit: "个", measures: m("900.00", { qty: "360" }) }];
    return { ...ranked(rows), sell_through: { active: 8, sold: 3, rate: "37.50" } };
  },
  reportSlow: async (q: ReportQuery) => {
    asked.push({ what: "slow", q });
    const s: SlowMovers = {
      as_of: "2026-03-31",
      days: Number(q.days ?? "60"),
      rows: [
        { sku: "B-002", name: "膨胀螺丝", unit: "盒", on_hand: "45", stock_value: "180.00", last_sold: "2026-01-10", days_since: 80, sold_year: "5", days_of_cover: 3285 },
        { sku: "C-003", name: "旧款门锁", unit: "把", on_hand: "10", stock_value: null, last_sold: null, days_since: null, sold_year: "0", days_of_cover: null },
      ],
      stock_value: "180.00",
      value_unknown: 1,
    };
    return s;
  },
  reportInactive: async (q: ReportQuery) => {
    asked.push({ what: "inactive", q });
    const s: Inactive = {
      as_of: "2026-03-31",
      days: Number(q.days ?? "60"),
      rows: [{ customer_id: "c4", customer: "丁记建材", region: "城西", phone: "139 1111 2222", first_order: "2025-03-01", last_order: "2026-01-05", days_since: 85, orders: 6, orders_value: "1200.00", avg_order_value: "200.00", days_between: 62 }],
    };
    return s;
  },
  reportCustomers: async (q: ReportQuery) => {
    asked.push({ what: "customers", q });
    const rows: CustomerRow[] = [{ customer_id: "c1", customer: "王喆五金店", region: "城东", measures: m("700.00", { orders: 2 }) }];
    const r: CustomersReport = {
      // the best asked for of the many who bought (the core says how many)
      ...ranked(rows),
      row_count: q.top == null ? rows.length : 16701,
      mix: { new: { customers: 2, measures: m("200.00", { orders: 3 }) }, returning: { customers: 5, measures: m("1000.00", { orders: 6 }) } },
      regions: [
        { region: "城东", customers: 4, measures: m("900.00") },
        { region: null, customers: 3, measures: m("300.00") },
      ],
      channels: [
        { channel: "phone", orders: 1, orders_value: "100.00", share: "25.00" },
        { channel: "wechat", orders: 3, orders_value: "300.00", share: "75.00" },
      ],
    };
    return r;
  },
  reportProfit: async (q: ReportQuery) => {
    asked.push({ what: "profit", q });
    const rows: OrderRow[] = [
      { number: "SO-2026-000007", customer_id: "c1", customer: "王喆五金店", order_date: "2026-03-02", measures: m("400.00", { cogs: "250.00", gross_profit: "150.00", margin: "37.50" }) },
      { number: "SO-2026-000009", customer_id: "c1", customer: "王喆五金店", order_date: "2026-03-05", measures: m("80.00", { cogs: "95.00", gross_profit: "-15.00", margin: "-18.75" }) },
    ];
    // the best asked for of a range with many more orders (the core says how many)
    return { ...ranked(rows), rank_by: "gross_profit", row_count: q.top == null ? rows.length : 12480 };
  },
  reportSalespeople: async (q: ReportQuery) => {
    asked.push({ what: "salespeople", q });
    const rows: SalespersonRow[] = [
      { salesperson: "小李", measures: m("700.00", { cogs: "420.00", gross_profit: "280.00", margin: "40.00", orders: 5 }) },
      { salesperson: "王老板", measures: m("500.00", { cogs: "400.00", gross_profit: "100.00", margin: "20.00", orders: 2 }) },
    ];
    return { ...ranked(rows), rank_by: "gross_profit" };
  },
  reportFulfilment: async (q: ReportQuery) => {
    asked.push({ what: "fulfilment", q });
    const f: Fulfilment = {
      range: march,
      statuses: [
        { status: "draft", orders: 1 },
        { status: "pending_approval", orders: 0 },
        { status: "confirmed", orders: 2 },
        { status: "partially_delivered", orders: 1 },
        { status: "delivered", orders: 4 },
        { status: "cancelled", orders: 0 },
      ],
      delivered: 4,
      lead_days: [{ days: 0, orders: 1 }, { days: 2, orders: 2 }, { days: 10, orders: 1 }],
      lead_median: 2,
      lead_p90: 10,
      promised: 3,
      on_time: 2,
      on_time_rate: "66.67",
      late_count: 1,
      late: [{ number: "SO-2026-000011", customer_id: "c1", customer: "王喆五金店", status: "partially_delivered", order_date: "2026-03-03", deliver_by: "2026-03-08", days_late: 7, total: "120.00" }],
    };
    return f;
  },
  reportCollections: async (q: ReportQuery) => {
    asked.push({ what: "collections", q });
    const methods = (wechat: string): MethodTotal[] =>
      (["cash", "bank", "wechat", "alipay", "card", "other"] as PayMethod[]).map((method) => ({ method, received: method === "wechat" ? wechat : "0.00", refunded: "0.00", net: method === "wechat" ? wechat : "0.00" }));
    const point = (from: string, to: string, v: string) => ({ range: { from, to }, methods: methods(v), received: v, refunded: "0.00", net: v });
    const c: Collections = {
      range: march,
      by: "week",
      points: [point("2026-03-01", "2026-03-01", "0.00"), point("2026-03-02", "2026-03-08", "100.00")],
      total: point("2026-03-01", "2026-03-31", "100.00"),
      sales_total: "300.00",
      as_of: "2026-03-31",
      receivables: "170.00",
      overdue: "20.00",
      aging: { customer: "", customer_id: "", current: "150.00", d1_30: "20.00", d31_60: "0.00", d61_90: "0.00", d90_plus: "0.00", total: "170.00" },
      dso: "17.6",
    };
    return c;
  },
} as unknown as Backend;

let host: HTMLDivElement;
let root: ReturnType<typeof createRoot>;
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const $ = (sel: string) => host.querySelector(sel) as HTMLElement | null;

beforeEach(async () => {
  asked.length = 0;
  host = document.createElement("div");
  document.body.appendChild(host);
  root = createRoot(host);
  const ctx: AppCtx = { t: translator("zh-CN"), backend: fake, info: { lang: "zh-CN" } as AppInfo, go: () => {}, reloadInfo: async () => {}, setLang: async () => {} };
  await act(async () => root.render(<Ctx.Provider value={ctx}><Reports params={new URLSearchParams("period=last-month&compare=previous")} /></Ctx.Provider>));
  await settle();
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

async function choose(name: string, value: string) {
  const el = $(`select[name="${name}"]`) as HTMLSelectElement;
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await settle();
}

test("the overview shows the core's figures, how they changed, and opens the orders behind them", () => {
  expect(asked[0]).toEqual({ what: "overview", q: { period: "last-month", from: null, to: null, by: null, compare: "previous", rank: null, days: null, top: null } });
  expect($('[data-measure="sales_total"]')!.textContent).toBe("¥1,200.00");
  expect($('[data-kpi="sales_total"] [data-change]')!.textContent).toBe("较对比期 +20.00%");
  expect($('[data-kpi="gross_profit"] .change')!.className).toContain("down");
  expect($('[data-kpi="margin"] [data-change]')!.textContent).toBe("较对比期 +1.20 个百分点");
  expect($('[data-kpi="orders"] .change')!.textContent).toBe("对比期为 0");
  expect($('[data-kpi="sales_total"]')!.getAttribute("href")).toBe("#/orders?sold_from=2026-03-01&sold_to=2026-03-31");
  expect($('[data-kpi="orders"]')!.getAttribute("href")).toBe("#/orders?from=2026-03-01&to=2026-03-31");
  expect($('[data-testid="cost-unknown"]')!.textContent).toContain("¥100.00");
  expect($('[data-testid="report-range"]')!.textContent).toContain("对比");
  expect($('[data-testid="report-what-counts"]')!.textContent).toContain("销售额按发货计");
  // the choices stay in the address, for the way back from the orders
  expect(window.location.hash).toBe("#/reports?tab=overview&compare=previous&period=last-month");
});

test("a range the shop refuses says why, and the dates stay as typed", async () => {
  const ctx: AppCtx = { t: translator("zh-CN"), backend: fake, info: { lang: "zh-CN" } as AppInfo, go: () => {}, reloadInfo: async () => {}, setLang: async () => {} };
  await act(async () => root.render(<Ctx.Provider value={ctx}><Reports key="custom" params={new URLSearchParams("from=2026-04-01&to=2026-03-01")} /></Ctx.Provider>));
  await settle();
  expect(asked.at(-1)!.q).toMatchObject({ period: null, from: "2026-04-01", to: "2026-03-01" });
  expect($('[data-testid="error"]')!.textContent).toContain("2026-03-01 早于起始日期 2026-04-01");
  expect(($('select[name="report_period"]') as HTMLSelectElement).value).toBe("custom");
});

test("a tab asks for its report with the choices made", async () => {
  await act(async () => ($('[data-tab="products"]') as HTMLButtonElement).click());
  await settle();
  expect(asked.at(-1)!.what).toBe("products");
  expect(asked.at(-1)!.q.top).toBe(100);
  const row = $('[data-row="A-001"] a')!;
  expect(row.getAttribute("href")).toBe("#/orders?sold_from=2026-03-01&sold_to=2026-03-31&sku=A-001");
  await choose("report_rank", "gross_profit");
  expect(asked.at(-1)!.q.rank).toBe("gross_profit");
  await act(async () => ($('[data-tab="customers"]') as HTMLButtonElement).click());
  await settle();
  expect($('[data-row="c1"] a')!.getAttribute("href")).toBe("#/orders?sold_from=2026-03-01&sold_to=2026-03-31&customer=c1&customer_name=%E7%8E%8B%E5%96%86%E4%BA%94%E9%87%91%E5%BA%97");
  await act(async () => ($('[data-tab="trend"]') as HTMLButtonElement).click());
  await settle();
  await choose("report_by", "week");
  expect(asked.at(-1)).toEqual({ what: "trend", q: { period: "last-month", from: null, to: null, by: "week", compare: "previous", rank: "gross_profit", days: null, top: null } });
  expect($('[data-bucket="2026-03-02"] a')!.getAttribute("href")).toBe("#/orders?sold_from=2026-03-02&sold_to=2026-03-08");
  await act(async () => ($('[data-tab="overview"]') as HTMLButtonElement).click());
  await choose("report_compare", "");
  expect(asked.at(-1)!.q.compare).toBe(null);
});

test("gross profit by order, fulfilment and collections show the core's figures and open what is behind them", async () => {
  await act(async () => ($('[data-tab="profit"]') as HTMLButtonElement).click());
  await settle();
  // the best 100 only, and how many there are: the rest when asked for
  expect(asked.at(-1)).toEqual({ what: "profit", q: { period: "last-month", from: null, to: null, by: null, compare: "previous", rank: null, days: null, top: 100 } });
  expect(($('select[name="report_rank"]') as HTMLSelectElement).value).toBe("gross_profit");
  expect($('[data-row="SO-2026-000007"] a')!.getAttribute("href")).toBe("#/orders/SO-2026-000007");
  expect($('[data-row="SO-2026-000009"] .neg')!.textContent).toBe("-¥15.00");
  expect(document.body.textContent).toContain("共 12,480 行，显示前 2 行");
  await act(async () => ($('[data-action="show-all"]') as HTMLButtonElement).click());
  await settle();
  expect(asked.at(-1)).toEqual({ what: "profit", q: expect.objectContaining({ top: null }) });
  expect(document.body.textContent).not.toContain("共 12,480 行");

  await act(async () => ($('[data-tab="fulfilment"]') as HTMLButtonElement).click());
  await settle();
  expect(asked.at(-1)!.what).toBe("fulfilment");
  expect($('[data-kpi="lead_median"] .kpi-value')!.textContent).toBe("2");
  expect($('[data-kpi="on_time_rate"] .kpi-value')!.textContent).toBe("66.67%");
  expect($('[data-kpi="on_time_rate"] small')!.textContent).toBe("有交货日期的 3 单中 2 单按时发货");
  expect($('[data-status="confirmed"] a')!.getAttribute("href")).toBe("#/orders?status=confirmed&from=2026-03-01&to=2026-03-31");
  expect($('[data-testid="late-orders"] [data-row="SO-2026-000011"]')!.textContent).toContain("部分发货");
  expect($('[data-testid="late-count"]')!.getAttribute("href")).toBe("#/orders?due=late");
  expect($('[data-testid="report-what-counts"]')).toBeNull();

  await act(async () => ($('[data-tab="collections"]') as HTMLButtonElement).click());
  await settle();
  expect(asked.at(-1)!.what).toBe("collections");
  expect($('[data-measure="dso"]')!.textContent).toBe("17.6");
  expect($('[data-testid="money-table"] [data-bucket="2026-03-02"]')!.textContent).toContain("¥100.00");
  expect($('[data-testid="money-table"] thead')!.textContent).toContain("微信");
  expect($('[data-testid="aging-totals"]')!.textContent).toContain("¥150.00");
  await choose("report_by", "month");
  expect(asked.at(-1)!.q.by).toBe("month");
});

test("products show 动销率 and the slow movers; customers who they are and who has gone quiet", async () => {
  await act(async () => ($('[data-tab="products"]') as HTMLButtonElement).click());
  await settle();
  expect($('[data-measure="sell_through"]')!.textContent).toBe("37.50%");
  expect($('[data-kpi="sell_through"]')!.textContent).toContain("在售 8 种商品中 3 种有销售");
  expect(asked.find((a) => a.what === "slow")!.q.days).toBe("60");
  expect($('[data-testid="slow-summary"]')!.textContent).toContain("60 天没有销售的商品 2 种，库存金额（按成本）¥180.00");
  expect($('[data-testid="slow-summary"]')!.textContent).toContain("另有 1 种成本未知");
  expect($('[data-row="B-002"] a')!.getAttribute("href")).toBe("#/orders?sku=B-002");
  expect($('[data-row="C-003"]')!.textContent).toContain("成本未知");
  expect($('[data-row="C-003"]')!.textContent).toContain("从未");
  // other days: asked again when the field is left
  const days = $('input[name="slow_days"]') as HTMLInputElement;
  await act(async () => {
    const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    set.call(days, "90");
    days.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await act(async () => days.dispatchEvent(new FocusEvent("focusout", { bubbles: true })));
  await settle();
  expect(asked.filter((a) => a.what === "slow").at(-1)!.q.days).toBe("90");
  expect($('[data-testid="slow-summary"]')!.textContent).toContain("90 天");

  await act(async () => ($('[data-tab="customers"]') as HTMLButtonElement).click());
  await settle();
  // the best 100 customers and how many bought; all of them when asked for
  expect(asked.filter((a) => a.what === "customers").at(-1)!.q.top).toBe(100);
  expect(document.body.textContent).toContain("共 16,701 行，显示前 1 行");
  await act(async () => ($('[data-action="show-all"]') as HTMLButtonElement).click());
  await settle();
  expect(asked.filter((a) => a.what === "customers").at(-1)!.q.top).toBe(null);
  expect(document.body.textContent).not.toContain("共 16,701 行");
  // another tab and back: the best 100 again, not every row for the rest of the visit
  await act(async () => ($('[data-tab="products"]') as HTMLButtonElement).click());
  await settle();
  expect(asked.at(-1)).toEqual({ what: "products", q: expect.objectContaining({ top: 100 }) });
  await act(async () => ($('[data-tab="customers"]') as HTMLButtonElement).click());
  await settle();
  expect(asked.filter((a) => a.what === "customers").at(-1)!.q.top).toBe(100);
  expect($('[data-measure="new_customers"]')!.textContent).toBe("2");
  expect($('[data-kpi="new_customers"]')!.textContent).toContain("¥200.00");
  expect($('[data-kpi="new_customers"]')!.getAttribute("href")).toBe("#/orders?from=2026-03-01&to=2026-03-31&buyers=new&taken=1");
  expect($('[data-measure="returning_customers"]')!.textContent).toBe("5");
  expect($('[data-region="城东"]')!.textContent).toContain("¥900.00");
  expect($('[data-region=""]')!.textContent).toContain("未填地区");
  expect($('[data-channel="wechat"]')!.textContent).toContain("微信");
  expect($('[data-channel="wechat"]')!.textContent).toContain("75.00%");
  // each row opens the orders behind it: a channel's orders taken, a region's goods sold
  expect($('[data-channel="wechat"] a')!.getAttribute("href")).toBe("#/orders?from=2026-03-01&to=2026-03-31&channel=wechat&taken=1");
  expect($('[data-region="城东"] a')!.getAttribute("href")).toBe(`#/orders?sold_from=2026-03-01&sold_to=2026-03-31&region=${encodeURIComponent("城东")}`);
  expect($('[data-region=""] a')!.getAttribute("href")).toBe("#/orders?sold_from=2026-03-01&sold_to=2026-03-31&region=");
  expect($('[data-testid="inactive-summary"]')!.textContent).toContain("60 天没有下单的客户 1 位");
  const row = $('[data-row="丁记建材"]')!;
  expect(row.textContent).toContain("139 1111 2222");
  expect(row.textContent).toContain("¥200.00");
  expect(row.textContent).toContain("62");
  expect(row.querySelector("a")!.getAttribute("href")).toBe("#/orders?customer=c4&customer_name=%E4%B8%81%E8%AE%B0%E5%BB%BA%E6%9D%90");
});

test("a report is printed or saved as a PDF on the paper chosen, and says so only when it was", async () => {
  const calls: unknown[][] = [];
  let printerRefuses = true;
  let saved: (v: unknown) => void = () => {};
  const backend = {
    ...fake,
    reportDay: async () => ({ date: "2026-03-31", measures: m("100.00"), deliveries: 2, returns: 0, methods: [], cash: "0.00" }),
    printReport: (...args: unknown[]) => {
      calls.push(["file", ...args]);
      return new Promise((r) => (saved = r));
    },
    printReportToPrinter: async (...args: unknown[]) => {
      calls.push(["printer", ...args]);
      if (printerRefuses) throw new BackendError("print_failed", "打印机 收银机 拒绝了打印任务", "printer");
      return { title: "日结 2026-03-31", printer: "收银机", job: 7, pages: 1 };
    },
  } as unknown as Backend;
  const ctx: AppCtx = { t: translator("zh-CN"), backend, info: { lang: "zh-CN" } as AppInfo, go: () => {}, reloadInfo: async () => {}, setLang: async () => {} };
  await act(async () => root.render(<Ctx.Provider value={ctx}><Reports key="day" params={new URLSearchParams("tab=day&day=2026-03-31")} /></Ctx.Provider>));
  await settle();
  await choose("report_paper", "80mm");
  await act(async () => ($('[data-action="report-save-pdf"]') as HTMLButtonElement).click());
  expect(calls[0]).toEqual(["file", "day", expect.objectContaining({ period: null, from: null, to: "2026-03-31" }), expect.any(String), "80mm", true]);
  expect($('[data-outcome]'), "nothing said before the file is written").toBeNull();
  await act(async () => saved({ path: "D:\\单据 PDF\\日结 2026-03-31–2026-03-31.pdf", pages: 1, opened: false, open_error: null }));
  await settle();
  expect($('[data-outcome="saved"]')!.textContent).toContain("已保存 PDF（1 页）：D:\\单据 PDF\\日结 2026-03-31–2026-03-31.pdf");
  await act(async () => ($('[data-action="report-print"]') as HTMLButtonElement).click());
  await settle();
  expect(calls[1]).toEqual(["printer", "day", expect.objectContaining({ to: "2026-03-31" }), expect.any(String), "80mm"]);
  expect($('[role="alert"]')!.textContent).toContain("拒绝了打印任务");
  expect($('[data-outcome]')).toBeNull();
  printerRefuses = false;
  await act(async () => ($('[data-action="report-print"]') as HTMLButtonElement).click());
  await settle();
  expect($('[data-outcome="sent"]')!.textContent).toBe("日结 2026-03-31 已送往打印机 收银机");
  // other reports print on A4, with no paper to choose
  await act(async () => ($('[data-tab="overview"]') as HTMLButtonElement).click());
  await settle();
  expect($('select[name="report_paper"]')).toBeNull();
  await act(async () => ($('[data-action="report-preview"]') as HTMLButtonElement).click());
  expect(calls[3]).toEqual(["file", "overview", expect.anything(), expect.any(String), "a4", false]);
  await act(async () => saved({ path: "/tmp/kaidan-print/经营概况.pdf", pages: 1, opened: false, open_error: "no viewer" }));
  await settle();
  expect($('[data-outcome="not-opened"]')!.textContent).toContain("没能打开 PDF 查看器（no viewer）。经营概况 已保存在 /tmp/kaidan-print/经营概况.pdf");
});

test("sales by salesperson ranks each person's orders by gross profit and opens the orders behind a row", async () => {
  await act(async () => ($('[data-tab="salespeople"]') as HTMLButtonElement).click());
  await settle();
  expect($('[data-tab="salespeople"]')!.textContent).toBe("业务员业绩");
  expect(asked.at(-1)).toEqual({ what: "salespeople", q: { period: "last-month", from: null, to: null, by: null, compare: "previous", rank: null, days: null, top: null } });
  expect(($('select[name="report_rank"]') as HTMLSelectElement).value).toBe("gross_profit");
  const rows = [...host.querySelectorAll('[data-testid="rank-table"] tbody tr')].map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent));
  expect(rows).toEqual([
    ["小李", "0", "¥700.00", "¥420.00", "¥280.00", "40.00%", "5"],
    ["王老板", "0", "¥500.00", "¥400.00", "¥100.00", "20.00%", "2"],
  ]);
  expect($('[data-row="小李"] a')!.getAttribute("href")).toBe("#/orders?sold_from=2026-03-01&sold_to=2026-03-31&salesperson=%E5%B0%8F%E6%9D%8E");
});

test("the end of day shows who did what: a line for each person, every entry, and one person's day on a click", async () => {
  const backend = { ...fake, reportDay: async () => ({ date: "2026-03-31", measures: m("100.00"), deliveries: 2, returns: 0, methods: [], cash: "0.00" }) } as unknown as Backend;
  const ctx: AppCtx = { t: translator("zh-CN"), backend, info: { lang: "zh-CN" } as AppInfo, go: () => {}, reloadInfo: async () => {}, setLang: async () => {} };
  dayLogs.length = 0;
  await act(async () => root.render(<Ctx.Provider value={ctx}><Reports key="day" params={new URLSearchParams("tab=day&day=2026-03-31")} /></Ctx.Provider>));
  await settle();
  expect(dayLogs).toEqual([null]);
  const people = [...host.querySelectorAll('[data-testid="day-log-people"] tbody tr')].map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent));
  expect(people).toEqual([
    ["小李", "1", "0", "0", "¥50.00", "¥0.00", "0", "0", "3"],
    ["王老板", "0", "0", "0", "¥0.00", "¥0.00", "1", "1", "1"],
  ]);
  const rows = [...host.querySelectorAll('[data-testid="day-log-entries"] tbody tr')];
  expect(rows.length).toBe(4);
  expect(rows[1].textContent).toMatch(/小李\s*（王老板 当场批准）/);
  expect(rows[1].textContent).toContain("订单 审批通过");
  expect(rows[0].querySelector("a")!.getAttribute("href")).toBe("#/orders/SO-2026-000012");
  expect(rows[2].textContent).toContain("¥50.00");
  expect(rows[3].textContent).toContain("调整 -2");
  await act(async () => ($('[data-person="小李"] button') as HTMLButtonElement).click());
  await settle();
  expect(dayLogs.at(-1)).toBe("小李");
  expect(host.querySelectorAll('[data-testid="day-log-entries"] tbody tr').length).toBe(3);
  await act(async () => ($('[data-action="log-everyone"]') as HTMLButtonElement).click());
  await settle();
  expect(dayLogs.at(-1)).toBe(null);
});
