// The order form's keyboard flow in a DOM (jsdom), with an in-memory backend: customer by
// pinyin initials and Enter, product by SKU and Enter, quantity and Enter, a barcode scan,
// Ctrl+Enter to confirm, and what reached the backend.
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { AppInfo, Customer, OrderInput } from "../bindings";
import { BackendError, type Backend } from "../backend";
import { translator } from "../i18n";
import { product } from "../testData";
import { Ctx, type AppCtx } from "../ui";
import { OrderEntry } from "./OrderEntry";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const customers: Customer[] = [
  { id: "c1", name: "王喆五金店", contact_person: null, phones: ["13800000001"], address: null, region: null, email: null, credit_limit: null, payment_terms_days: 0, notes: null, created_at: "", updated_at: "" },
];
const initials: Record<string, string> = { c1: "wzwjd" };
const products = [product("A-001", { name: "六角螺栓", price: "2.50" }), product("B-002", { name: "膨胀螺丝", price: "0.35", barcode: "6901234567891" })];
const created: { input: OrderInput; confirm: boolean; backorder?: boolean; sell?: boolean }[] = [];
// what the receipt printer does on a counter sale (the settings ask for it): its job, or why not
let receiptPrint: { printed: unknown; print_error: string | null } = { printed: null, print_error: null };

const fake = {
  settings: async () => ({ approval_threshold: "5000.00", credit_policy: "approval", below_cost_policy: "approval", allow_negative_stock: false, prices_include_tax: true, default_tax_rate: "0", backup_dir: null, backup_keep: { daily: 7, weekly: 4, monthly: 12 } }),
  customers: async (q: string | null) => customers.filter((c) => !q || c.name.includes(q) || initials[c.id].includes(q.toLowerCase())),
  customer: async (id: string) => ({ customer: customers.find((c) => c.id === id)!, credit: { credit_limit: null, open_orders: "0.00", unpaid: "0.00", exposure: "0.00", credit_left: null } }),
  products: async (q: string | null) => products.filter((p) => !q || p.sku.startsWith(q) || p.barcode === q || p.name.includes(q)),
  stockLevels: async (sku: string | null) => [{ sku: sku!, name: "", unit: "个", on_hand: "100", reserved: "0", available: "100", reorder_point: "0", low: false, suggested_reorder: "0" }],
  stockSearch: async (q: string) =>
    products.filter((p) => p.sku.startsWith(q)).map((p) => ({ sku: p.sku, name: p.name, unit: "盒", on_hand: "12", reserved: "2", available: "10", reorder_point: "0", low: false, suggested_reorder: "0" })),
  // the shelf holds 10 of each: more is refused unless confirmed as a backorder
  createOrder: async (input: OrderInput, confirm: boolean, _rid: string, backorder = false) => {
    const short = input.lines.filter((l) => Number(l.qty) > 10);
    if (confirm && short.length && !backorder) throw new BackendError("insufficient_stock", `库存不足：${short[0].sku} 需要 ${short[0].qty}，可用 10`, "lines[1].qty");
    created.push(backorder ? { input, confirm, backorder } : { input, confirm });
    const lines = input.lines.map((l) => ({ sku: l.sku, backordered_qty: String(Math.max(0, Number(l.qty) - 10)) }));
    return { number: "SO-2026-000001", status: confirm ? "confirmed" : "draft", lines };
  },
  sellOrder: async (input: OrderInput) => {
    created.push({ input, confirm: true, sell: true });
    return { order: { number: "SO-2026-000002", status: "delivered", lines: [] }, ...receiptPrint };
  },
} as unknown as Backend;

let host: HTMLDivElement;
let root: ReturnType<typeof createRoot>;

beforeEach(async () => {
  created.length = 0;
  receiptPrint = { printed: null, print_error: null };
  host = document.createElement("div");
  document.body.appendChild(host);
  root = createRoot(host);
  const info = { lang: "zh-CN" } as AppInfo;
  const ctx: AppCtx = { t: translator("zh-CN"), backend: fake, info, go: () => {}, reloadInfo: async () => {}, setLang: async () => {} };
  await act(async () => root.render(<Ctx.Provider value={ctx}><OrderEntry /></Ctx.Provider>));
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const focused = () => (document.activeElement as HTMLInputElement | null)?.name;

/** Types into the focused field as a keyboard does (React listens to input events). */
async function type(text: string) {
  const el = document.activeElement as HTMLInputElement;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
  await act(async () => {
    setter.call(el, el.value + text);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await settle();
}
async function press(key: string, opts: KeyboardEventInit = {}) {
  await act(async () => void document.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, ...opts })));
  await settle();
  await settle();
}
const lineQty = (sku: string) => (host.querySelector(`tr[data-sku="${sku}"] input[name="line_qty"]`) as HTMLInputElement | null)?.value;

test("an order from start to confirm without the mouse", async () => {
  await settle();
  expect(focused()).toBe("customer");
  await type("wzwj");
  await press("Enter");
  expect(focused()).toBe("lookup");

  await type("A-001");
  // each suggestion says its unit and what is available
  expect(host.querySelector('[data-testid="product-suggestions"]')!.textContent).toContain("可用 10 盒");
  await press("Enter");
  expect(focused()).toBe("pending_qty");
  // the quantity is selected: typing replaces it
  const qty = document.activeElement as HTMLInputElement;
  qty.value = "";
  await type("10");
  await press("Enter");
  expect(focused()).toBe("lookup");
  expect(lineQty("A-001")).toBe("10");

  // a scanner: code and Enter adds one piece at once, twice makes two
  await type("6901234567891");
  await press("Enter");
  await type("6901234567891");
  await press("Enter");
  expect(lineQty("B-002")).toBe("2");
  expect(focused()).toBe("lookup");
  expect(host.querySelector('[data-total="total"]')!.textContent).toBe("¥25.70");

  await press("Enter", { ctrlKey: true });
  expect(created).toEqual([
    {
      input: { customer: "c1", lines: [{ sku: "A-001", qty: "10", unit_price: "2.50", discount: "0" }, { sku: "B-002", qty: "2", unit_price: "0.35", discount: "0" }], channel: "counter", deliver_by: undefined, notes: undefined },
      confirm: true,
    },
  ]);
  // said once, with the number to open
  expect(host.querySelector('[data-testid="entry-done"]')!.textContent).toBe("订单已确认： SO-2026-000001");
  // the form is ready for the next customer
  expect(focused()).toBe("customer");
  expect(host.querySelectorAll('tr[data-sku]').length).toBe(0);
});

test("Escape leaves a picked product without adding it; Ctrl+S saves a draft", async () => {
  await settle();
  await type("wzwj");
  await press("Enter");
  await type("A-001");
  await press("Enter");
  expect(focused()).toBe("pending_qty");
  await press("Escape");
  expect(focused()).toBe("lookup");
  expect(lineQty("A-001")).toBeUndefined();
  await type("6901234567891");
  await press("Enter");
  await press("s", { ctrlKey: true });
  expect(created.map((c) => c.confirm)).toEqual([false]);
});

/** Sets the focused field's whole text, as selecting it and typing does. */
async function replace(text: string) {
  (document.activeElement as HTMLInputElement).value = "";
  await type(text);
}

test("the same product again keeps the line's discount and says where it went", async () => {
  await settle();
  await type("wzwj");
  await press("Enter");
  await type("A-001");
  await press("Enter");
  await replace("10");
  await press("Tab");
  (host.querySelector('input[name="pending_discount"]') as HTMLInputElement).focus();
  await replace("5");
  await press("Enter");
  await type("A-001");
  await press("Enter");
  // the quantity form starts at the line's terms
  expect((host.querySelector('input[name="pending_discount"]') as HTMLInputElement).value).toBe("5");
  await replace("3");
  await press("Enter");
  expect(host.querySelectorAll("tr[data-sku]").length).toBe(1);
  expect(lineQty("A-001")).toBe("13");
  expect((host.querySelector('tr[data-sku="A-001"] input[name="line_discount"]') as HTMLInputElement).value).toBe("5");
  expect(host.querySelector('[data-testid="entry-added"]')!.textContent).toBe("已加到第 1 行（按该行的单价和折扣），数量现为 13");
  // 13 × 2.50 × 95 %
  expect(host.querySelector('[data-total="total"]')!.textContent).toBe("¥30.88");
});

test("letters in a quantity say what is wrong beside the line", async () => {
  await settle();
  await type("wzwj");
  await press("Enter");
  await type("6901234567891");
  await press("Enter");
  const qty = host.querySelector('tr[data-sku="B-002"] input[name="line_qty"]') as HTMLInputElement;
  qty.focus();
  await replace("3x");
  expect(qty.className).toBe("bad");
  expect(host.querySelector('tr[data-sku="B-002"] [data-invalid="qty"]')!.textContent).toBe("数量须是大于 0 的数字");
  expect((host.querySelector('[data-action="confirm"]') as HTMLButtonElement).disabled).toBe(true);
});

test("a shortage is said, and the owner may confirm anyway: what is there is reserved, the rest waits", async () => {
  await settle();
  await type("wzwj");
  await press("Enter");
  await type("A-001");
  await press("Enter");
  const qty = document.activeElement as HTMLInputElement;
  qty.value = "";
  await type("15");
  await press("Enter");
  await press("Enter", { ctrlKey: true });
  expect(created).toEqual([]);
  expect(host.querySelector('[data-testid="error"]')!.textContent).toContain("库存不足");
  const offer = host.querySelector<HTMLButtonElement>('[data-action="confirm-backorder"]')!;
  expect(offer.textContent).toBe("仍然确认（缺货部分待补）");
  await act(async () => offer.click());
  await settle();
  expect(created.map((c) => [c.input.lines[0].qty, c.confirm, c.backorder])).toEqual([["15", true, true]]);
  // said as a warning, not as a plain success; the offer is gone with the error
  const done = host.querySelector('[data-testid="entry-done"]')!;
  expect(done.className).toContain("warn-notice");
  expect(done.textContent).toBe("订单已确认，部分缺货待补，到货后自动预留： SO-2026-000001");
  expect(host.querySelector('[data-action="confirm-backorder"]')).toBeNull();
});

/** A customer and one line of A-001 on the form, the caret back in the lookup. */
async function oneLine(qty: string) {
  await settle();
  await type("wzwj");
  await press("Enter");
  await type("A-001");
  await press("Enter");
  (document.activeElement as HTMLInputElement).value = "";
  await type(qty);
  await press("Enter");
}

test("a counter sale: Ctrl+Shift+Enter confirms and delivers at once and says where the receipt went", async () => {
  receiptPrint = { printed: { printer: "XP-80C", copies: 1, printed: { title: "小票 SO-2026-000002" } }, print_error: null };
  await oneLine("3");
  await press("Enter", { ctrlKey: true, shiftKey: true });
  expect(created).toEqual([
    { input: { customer: "c1", lines: [{ sku: "A-001", qty: "3", unit_price: "2.50", discount: "0" }], channel: "counter", deliver_by: undefined, notes: undefined }, confirm: true, sell: true },
  ]);
  const done = host.querySelector('[data-testid="entry-done"]')!;
  expect(done.textContent).toContain("已确认并发货： SO-2026-000002");
  expect(host.querySelector('[data-testid="receipt-printed"]')!.textContent).toBe(" · 小票 SO-2026-000002 已送往打印机 XP-80C");
  expect(done.className).not.toContain("warn");
  // the receipt can be printed (again), previewed or saved from here
  expect(done.querySelector('[data-receipt="SO-2026-000002"] button')).not.toBeNull();
  expect(focused()).toBe("customer");
});

test("a counter sale whose receipt did not print says so as a warning; the sale stands", async () => {
  receiptPrint = { printed: null, print_error: "找不到打印机 XP-80C" };
  await oneLine("2");
  await act(async () => (host.querySelector('[data-action="sell"]') as HTMLButtonElement).click());
  await settle();
  expect(created.map((c) => c.sell)).toEqual([true]);
  const done = host.querySelector('[data-testid="entry-done"]')!;
  expect(done.className).toContain("warn-notice");
  expect(host.querySelector('[data-testid="receipt-not-printed"]')!.textContent).toBe("已发货，但小票没有打印：找不到打印机 XP-80C。可用下面的“打印”再打印。");
});
