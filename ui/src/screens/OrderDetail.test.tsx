// The order page in a DOM (jsdom) with an in-memory backend: a delivery refused because the
// customer is over the credit limit is offered to the owner and sent again with their word;
// a return sends the quantities, the damaged ones and how to settle; the buttons are exactly the
// order's allowed_actions and the payment form offers exactly its due (both from kaidan-core).
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { AppInfo, ChangeInput, DeliverInput, Order, OrderAction, Payment, PrintRequest, ReturnInput } from "../bindings";
import { BackendError, type Backend } from "../backend";
import { translator } from "../i18n";
import { Ctx, type AppCtx } from "../ui";
import { OrderDetail } from "./OrderDetail";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const line = (sku: string, qty: string, delivered: string) => ({
  id: `l-${sku}`, line_no: 1, sku, name: sku, spec: null, unit: "个", qty, delivered_qty: delivered, remaining_qty: String(Number(qty) - Number(delivered)),
  returned_qty: "0", backordered_qty: "0", unit_price: "1.00", discount: "0", tax_rate: "0", amount: qty + ".00", tax: "0.00", total: qty + ".00",
});
const order = (over: Partial<Order> = {}): Order => ({
  id: "o1", number: "SO-2026-000007", status: "partially_delivered", customer: "王喆五金店", customer_id: "c1", channel: "phone", order_date: "2026-11-30",
  deliver_by: null, notes: null, prices_include_tax: true, subtotal: "30.00", tax: "0.00", total: "30.00",
  lines: [line("A-001", "10", "4"), line("B-002", "20", "0")], deliveries: [], approval_reasons: [], cancel_reason: null, created_by: "店主", salesperson: "店主",
  created_at: "2026-11-30T01:00:00Z", updated_at: "2026-11-30T01:00:00Z", invoiced: "0.00", returned: "0.00", received: "0.00", payment_status: "unpaid", external_number: null,
  allowed_actions: ["change", "deliver", "cancel", "invoice", "return", "pay"], due: "30.00",
  ...over,
});
let current: Order = order();
// what the delivery answers about printing its delivery note (the setting print_delivery_note_on_delivery)
let printing: { printed: unknown; print_error: string | null } | null = null;
const delivered: DeliverInput[] = [];
const returned: ReturnInput[] = [];
const changed: ChangeInput[] = [];
const cancelled: string[] = [];
const confirmed: [string, boolean][] = [];
let payments: Payment[] = [];
const previewed: PrintRequest[] = [];
const fake = {
  // the shelf is short for this draft: a plain confirm is refused, a backorder goes through
  confirmOrder: async (number: string, backorder: boolean) => {
    if (!backorder) throw new BackendError("insufficient_stock", "库存不足：B-002 需要 20，可用 14", "lines[2].qty");
    confirmed.push([number, backorder]);
    current = {
      ...current,
      status: "confirmed",
      lines: current.lines.map((l) => (l.sku === "B-002" ? { ...l, backordered_qty: "6" } : l)),
      allowed_actions: ["change", "deliver", "cancel", "pay"],
    };
    return current;
  },
  order: async () => current,
  orderHistory: async () => [],
  invoicesOfOrder: async () => [],
  paymentsOfOrder: async () => payments,
  printDocument: async (request: PrintRequest) => {
    previewed.push(request);
    return { path: `/tmp/${request.number}.pdf`, opened: true, open_error: null, printed: { number: request.number } };
  },
  issueInvoice: async () => {
    // what the backend answers afterwards: the delivered goods are billed, nothing left to invoice
    current = { ...current, invoiced: "4.00", allowed_actions: current.allowed_actions.filter((a) => a !== "invoice") };
    return { number: "INV-2026-000001" };
  },
  returnsOfOrder: async () => [],
  deliver: async (_: string, input: DeliverInput) => {
    delivered.push(input);
    if (!input.approve_credit && !printing) throw new BackendError("credit_limit", "客户已超出信用额度（额度 1000.00，欠款及未结订单 1200.00）：发货需店主批准", null);
    return { number: "DN-2026-000003", order: "SO-2026-000007", order_status: "delivered", created_at: "", lines: [], payment: null, ...printing };
  },
  changeOrder: async (_: string, input: ChangeInput) => (changed.push(input), current),
  products: async (q: string) =>
    q.includes("扳手") || q.toLowerCase().includes("bs")
      ? [{ id: "p3", sku: "C-003", barcode: null, name: "活动扳手", spec: "8寸", unit: "把", price: "38.00", cost: "20.00", tax_rate: "13", reorder_point: "0", active: true, created_at: "", updated_at: "" }]
      : [],
  cancelOrder: async (_: string, reason: string) => (cancelled.push(reason), current),
  returnGoods: async (input: ReturnInput) => {
    returned.push(input);
    return { id: "r", number: "RT-2026-000001", order: input.order, customer: "", date: "2026-11-30", lines: [], total: "3.00", settlement: "refund", reason: null, credit_notes: [], refund: "RC-2026-000002", refunded: "3.00", exchange_order: null, created_by: "", created_at: "" };
  },
} as unknown as Backend;

let host: HTMLDivElement;
let root: ReturnType<typeof createRoot> | undefined;
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const $ = (sel: string) => host.querySelector(sel) as HTMLElement | null;
const click = async (sel: string) => {
  await act(async () => $(sel)!.click());
  await settle();
};
async function set(sel: string, value: string | boolean) {
  const el = $(sel) as HTMLInputElement | HTMLSelectElement;
  await act(async () => {
    if (typeof value === "boolean") {
      (el as HTMLInputElement).click();
    } else {
      const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, "value")!.set!.call(el, value);
      el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
    }
  });
}

/** Opens the page of `o` afresh (the order the backend answers with from then on). */
async function open(o: Order) {
  current = o;
  const old = root;
  if (old) act(() => old.unmount());
  const fresh = (root = createRoot(host));
  const ctx: AppCtx = { t: translator("zh-CN"), backend: fake, info: { lang: "zh-CN" } as AppInfo, go: () => {}, reloadInfo: async () => {}, setLang: async () => {} };
  await act(async () => fresh.render(<Ctx.Provider value={ctx}><OrderDetail number={o.number} /></Ctx.Provider>));
  await settle();
}

beforeEach(async () => {
  printing = null;
  delivered.length = 0;
  returned.length = 0;
  changed.length = 0;
  cancelled.length = 0;
  confirmed.length = 0;
  payments = [];
  previewed.length = 0;
  host = document.createElement("div");
  document.body.appendChild(host);
  await open(order());
});

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  host.remove();
});

test("a delivery over the credit limit waits for the owner's word and goes out with it", async () => {
  await click('[data-action="deliver-all"]');
  expect(delivered).toEqual([{}]);
  expect($('[data-testid="over-credit"]')!.textContent).toContain("发货需店主批准");
  expect($('[data-testid="error"]')).toBeNull();
  await click('[data-action="deliver-anyway"]');
  expect(delivered[1]).toEqual({ approve_credit: true });
  expect(host.textContent).toContain("已发货：DN-2026-000003");
  expect($('[data-testid="over-credit"]')).toBeNull();
});

test("money taken at the door travels with a part delivery", async () => {
  await click('[data-action="deliver-part"]');
  // a part delivery starts empty, each field showing what remains, and cannot be sent empty
  expect(($('input[name="deliver_qty"][data-sku="A-001"]') as HTMLInputElement).value).toBe("");
  expect($('input[name="deliver_qty"][data-sku="A-001"]')!.getAttribute("placeholder")).toBe("6");
  expect(($('[data-action="deliver-submit"]') as HTMLButtonElement).disabled).toBe(true);
  await click('[data-action="fill-remaining"]');
  await set('input[name="deliver_qty"][data-sku="B-002"]', "0");
  await set('input[name="cod_amount"]', "6");
  await set('select[name="cod_method"]', "wechat");
  await click('[data-action="deliver-submit"]');
  expect(delivered[0]).toEqual({ lines: [{ sku: "A-001", qty: "6" }], payment: { amount: "6", method: "wechat" } });
});

test("a return sends what comes back, what is damaged and how to settle", async () => {
  await click('[data-action="return"]');
  expect($('input[name="return_qty"][data-sku="A-001"]')!.getAttribute("placeholder")).toBe("≤ 4");
  await set('input[name="return_qty"][data-sku="A-001"]', "3");
  await set('input[name="return_damaged"][data-sku="A-001"]', true);
  await set('select[name="return_settlement"]', "refund");
  await set('select[name="return_method"]', "alipay");
  await set('input[name="return_reason"]', "压坏了");
  await click('[data-action="return-submit"]');
  expect(returned).toEqual([
    { order: "SO-2026-000007", lines: [{ sku: "A-001", qty: "3", damaged: true }], settlement: "refund", method: "alipay", reason: "压坏了" },
  ]);
  expect(host.textContent).toContain("已退货 RT-2026-000001：¥3.00");
  expect(host.textContent).toContain("已退款 RC-2026-000002");
});

test("a change edits quantity, price and discount in the lines table and sends every line", async () => {
  await click('[data-action="change"]');
  expect(host.querySelectorAll('input[name="change_qty"]')).toHaveLength(2);
  await set('tr[data-sku="B-002"] input[name="change_qty"]', "15");
  await set('tr[data-sku="A-001"] input[name="change_price"]', "1.20");
  await set('tr[data-sku="A-001"] input[name="change_discount"]', "5");
  await click('[data-action="change-submit"]');
  expect(changed).toEqual([
    { lines: [{ sku: "A-001", qty: "10", unit_price: "1.20", discount: "5" }, { sku: "B-002", qty: "15", unit_price: "1.00", discount: "0" }] },
  ]);
  expect(host.textContent).toContain("已保存");
  expect($('input[name="change_qty"]')).toBeNull();
});

test("a change removes a line and adds a product found by name", async () => {
  await click('[data-action="change"]');
  await click('tr[data-sku="B-002"] [data-action="remove-line"]');
  expect($('tr[data-sku="B-002"]')!.className).toBe("removed");
  expect(($('tr[data-sku="B-002"] input[name="change_qty"]') as HTMLInputElement).disabled).toBe(true);
  await set('input[name="add_product"]', "扳手");
  await settle();
  await act(async () => $('.add-line li[data-sku="C-003"]')!.dispatchEvent(new MouseEvent("mousedown", { bubbles: true })));
  expect(($('[data-testid="added-lines"] tr[data-sku="C-003"] input[name="add_price"]') as HTMLInputElement).value).toBe("38.00");
  await set('[data-testid="added-lines"] input[name="add_qty"]', "2");
  await click('[data-action="change-submit"]');
  expect(changed).toEqual([
    { lines: [{ sku: "A-001", qty: "10", unit_price: "1.00", discount: "0" }, { sku: "C-003", qty: "2", unit_price: "38.00", discount: "0" }] },
  ]);
});

test("a delivery printed on delivery says so; one whose note did not print warns, and the delivery stands", async () => {
  printing = { printed: { printer: "KaidanPDF", copies: 1, job: 3, printed: { title: "送货单 DN-2026-000003" } }, print_error: null };
  await click('[data-action="deliver-all"]');
  expect($(".notice")!.textContent).toBe("已发货：DN-2026-000003 · 送货单 DN-2026-000003 已送往打印机 KaidanPDF");
  expect($('[data-testid="warning"]')).toBeNull();
  printing = { printed: null, print_error: "这台电脑上找不到打印机“XP-80C”" };
  await click('[data-action="deliver-all"]');
  expect($(".notice")!.textContent).toBe("已发货：DN-2026-000003");
  expect($('[data-testid="warning"]')!.getAttribute("role")).toBe("alert");
  expect($('[data-testid="warning"]')!.textContent).toContain("送货单没有打印：这台电脑上找不到打印机“XP-80C”");
});

test("a cancellation sends its reason; closing it sends nothing", async () => {
  await click('[data-action="cancel"]');
  await click('[data-testid="order-lines"] ~ form button[type="button"]');
  expect($('input[name="cancel_reason"]')).toBeNull();
  await click('[data-action="cancel"]');
  await set('input[name="cancel_reason"]', "客户不要了");
  await click('[data-action="cancel-submit"]');
  expect(cancelled).toEqual(["客户不要了"]);
  expect($('[data-action="cancel-submit"]')).toBeNull();
});

// What each action of kaidan-core shows on the page (data-action of its buttons).
const BUTTONS: Record<OrderAction, string[]> = {
  confirm: ["confirm"],
  approve: ["approve"],
  change: ["change"],
  deliver: ["deliver-all", "deliver-part"],
  cancel: ["cancel"],
  invoice: ["issue-invoice"],
  return: ["return"],
  pay: ["receive-payment"],
};
const shown = () =>
  Object.values(BUTTONS)
    .flat()
    .filter((a) => $(`[data-action="${a}"]`));

test("the buttons are exactly the order's allowed actions, whatever its state looks like", async () => {
  const cases: OrderAction[][] = [
    ["invoice", "return", "pay"],
    ["return", "pay"],
    ["confirm", "change", "cancel", "pay"],
    ["approve", "change", "cancel", "pay"],
    ["change", "deliver", "cancel", "invoice", "return", "pay"],
    [],
  ];
  for (const allowed of cases) {
    // the state stays partly delivered: the window does not derive the actions from it
    await open(order({ allowed_actions: allowed }));
    expect(shown().sort()).toEqual(allowed.flatMap((a) => BUTTONS[a]).sort());
  }
  await open(order({ allowed_actions: ["invoice", "return", "pay"] }));
  for (const a of ["deliver-all", "deliver-part", "change", "cancel"]) expect($(`[data-action="${a}"]`)).toBeNull();
  expect($('[data-action="issue-invoice"]')).not.toBeNull();
  await open(order({ allowed_actions: ["return", "pay"] }));
  expect($('[data-action="issue-invoice"]')).toBeNull();
});

test("an imported order counts as settled: the payment form offers nothing to pay", async () => {
  await open(
    order({
      status: "delivered", external_number: "H-2024-003", total: "30.00", received: "0.00", due: "0.00", payment_status: "paid",
      lines: [line("A-001", "10", "10"), line("B-002", "20", "20")], allowed_actions: ["invoice", "return", "pay"],
    }),
  );
  expect($('[data-field="external_number"]')!.textContent).toBe("H-2024-003");
  await click('[data-action="receive-payment"]');
  expect(($('input[name="pay_amount"]') as HTMLInputElement).value).toBe("");
});

test("the payment form offers what is still due on the order", async () => {
  await open(order({ received: "12.00", due: "18.00", payment_status: "partially_paid" }));
  await click('[data-action="receive-payment"]');
  expect(($('input[name="pay_amount"]') as HTMLInputElement).value).toBe("18.00");
});

test("after an invoice the page shows the order anew: nothing left to bill, no invoice button", async () => {
  expect($('[data-action="issue-invoice"]')).not.toBeNull();
  await click('[data-action="issue-invoice"]');
  expect($('[data-action="issue-invoice"]')).toBeNull();
  expect(host.textContent).toContain("INV-2026-000001");
});

test("a draft the shelf cannot cover: the shortage is said and it may be confirmed as a backorder; the waiting part shows on its line", async () => {
  await open(order({ status: "draft", lines: [line("A-001", "10", "0"), line("B-002", "20", "0")], allowed_actions: ["confirm", "change", "cancel", "pay"] }));
  expect($('[data-action="confirm-backorder"]')).toBeNull();
  await click('[data-action="confirm"]');
  expect($('[data-testid="error"]')!.textContent).toContain("库存不足");
  expect(confirmed).toEqual([]);
  await click('[data-action="confirm-backorder"]');
  expect(confirmed).toEqual([["SO-2026-000007", true]]);
  expect($('tr[data-sku="B-002"] [data-col="backordered"]')!.textContent).toBe("缺货待补 6");
  expect($('tr[data-sku="A-001"] [data-col="backordered"]')).toBeNull();
  expect($('[data-action="confirm-backorder"]')).toBeNull();
});

test("a payment on the order prints its receipt (收款收据); a refund has none", async () => {
  const pay = (number: string, kind: Payment["kind"]): Payment => ({
    id: number, number, kind, customer: "王喆五金店", customer_id: "c1", method: "wechat", date: "2026-11-30", amount: "20.00", reference: null, order: null,
    reverses: null, note: null, allocated: "15.00", refunded: "0.00", unallocated: "5.00", allocations: [{ invoice: "INV-2026-000001", amount: "15.00" }],
    return_number: null, created_by: "店主", created_at: "",
  });
  payments = [pay("RC-2026-000001", "receipt"), pay("RC-2026-000002", "refund")];
  await open(order({ received: "20.00" }));
  const row = (n: string) => $(`tr[data-payment-number="${n}"]`)!;
  expect(row("RC-2026-000002").querySelector('[data-action="preview"]')).toBeNull();
  await act(async () => (row("RC-2026-000001").querySelector('[data-action="preview"]') as HTMLButtonElement).click());
  await settle();
  expect(previewed).toEqual([{ kind: "payment_receipt", number: "RC-2026-000001", preview: true }]);
});
