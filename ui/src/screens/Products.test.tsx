// A product's page says what was done once it was done: saved, received, adjusted — and nothing
// when the shop refused.
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { AppInfo, StockLevel } from "../bindings";
import { BackendError, type Backend } from "../backend";
import { translator } from "../i18n";
import { product } from "../testData";
import { Ctx, type AppCtx } from "../ui";
import { ProductDetail } from "./Products";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let onHand = 10;
/** What the shop answers a clerk: the same records without their costs. */
let clerk = false;
const level = (): StockLevel => ({ sku: "A-001", name: "螺栓", unit: "个", on_hand: String(onHand), reserved: "0", available: String(onHand), reorder_point: "0", low: false, suggested_reorder: "0", cost: "6.00", value: "60.00" });
const fake = {
  product: async () => product("A-001", { name: "螺栓", ...(clerk ? { cost: null } : {}) }),
  stockLevels: async () => [level()],
  stockMoves: async () => [],
  settings: async () => ({ default_tax_rate: "13" }),
  receiveStock: async (_: string, qty: string) => {
    if (qty === "abc") throw new BackendError("invalid", "「数量」：“abc”不是有效的数字", "qty", [{ field: "qty", message: "「数量」：“abc”不是有效的数字" }]);
    onHand += Number(qty);
    return level();
  },
} as unknown as Backend;

let host: HTMLDivElement;
let root: ReturnType<typeof createRoot>;
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const $ = (sel: string) => host.querySelector(sel) as HTMLElement | null;

async function open(justAdded = false) {
  const ctx: AppCtx = {
    t: translator("zh-CN"),
    backend: fake,
    info: { lang: "zh-CN" } as AppInfo,
    go: () => {},
    reloadInfo: async () => {},
    setLang: async () => {},
    may: (a) => !clerk || a !== "costs.see",
  };
  await act(async () => root.render(<Ctx.Provider value={ctx}><ProductDetail sku="A-001" justAdded={justAdded} /></Ctx.Provider>));
  await settle();
}

async function receive(qty: string) {
  const input = $('input[name="receive_qty"]') as HTMLInputElement;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, qty);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await act(async () => ($('[data-testid="receive-form"]') as HTMLFormElement).requestSubmit());
  await settle();
}

beforeEach(() => {
  onHand = 10;
  clerk = false;
  host = document.createElement("div");
  document.body.appendChild(host);
  root = createRoot(host);
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

test("a new product's page says it was saved", async () => {
  await open(true);
  expect($('[role="status"]')!.textContent).toBe("商品 A-001 已保存");
});

test("goods received are said with what is now on hand; a refusal says only what is wrong", async () => {
  await open();
  expect($('[role="status"]')).toBeNull();
  await receive("abc");
  expect($('[role="status"]')).toBeNull();
  expect($('[data-testid="error"]')!.textContent).toContain("不是有效的数字");
  await receive("5");
  expect($('[role="status"]')!.textContent).toBe("已入库 5 个，现在在库 15");
});

test("a product's cost is the owner's: a clerk's page and edit form have none", async () => {
  await open();
  expect($('[data-fact="cost"]')!.textContent).toBe(`¥${(await fake.product("A-001")).cost}`);
  await act(async () => ($('[data-action="edit-product"]') as HTMLButtonElement).click());
  expect($('input[name="product_cost"]')).not.toBeNull();
  act(() => root.unmount());
  root = createRoot(host);
  clerk = true;
  await open();
  expect($('[data-fact="cost"]')).toBeNull();
  expect(host.querySelector(".facts")!.textContent).not.toContain("成本");
  await act(async () => ($('[data-action="edit-product"]') as HTMLButtonElement).click());
  expect($('input[name="product_name"]')).not.toBeNull();
  expect($('input[name="product_cost"]')).toBeNull();
});
