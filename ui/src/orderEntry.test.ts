import { describe, expect, test } from "vitest";
import type { CustomerCredit } from "./bindings";
import { product } from "./testData";
import { addProduct, emptyEntry, highlightIn, termsOnOrder, pickOnEnter, removeLine, toOrderInput, updateLine, view, type EntryState } from "./orderEntry";

const customer = (credit_left: string | null): CustomerCredit => ({
  customer: { id: "c1", name: "王喆五金店", contact_person: null, phones: [], address: null, region: null, email: null, credit_limit: credit_left, payment_terms_days: 0, notes: null, created_at: "", updated_at: "" },
  credit: { credit_limit: credit_left, open_orders: "0.00", unpaid: "0.00", exposure: "0.00", credit_left },
});
const settings = { prices_include_tax: true, approval_threshold: "5000.00", allow_negative_stock: false };

describe("order form", () => {
  test("the same product twice adds to its line", () => {
    let s = addProduct(emptyEntry(), product("A"), 100_000n, "2");
    s = addProduct(s, product("B"), null);
    s = addProduct(s, product("A"), 100_000n, "1.5");
    expect(s.lines.map((l) => [l.product.sku, l.qty])).toEqual([
      ["A", "3.5"],
      ["B", "1"],
    ]);
  });

  test("adding a product again keeps its line's discount, or makes a second line when the terms differ", () => {
    // the owner's day: 螺丝刀 10 at 5 %, then 3 more: 13 at 5 % (¥185.25), not 13 at 0 % (¥195)
    let s: EntryState = { ...addProduct(emptyEntry(), product("A", { price: "15.00" }), null, "10", { price: "15.00", discount: "5" }), customer: customer(null) };
    expect(termsOnOrder(s, "A")).toEqual({ price: "15.00", discount: "5" });
    s = addProduct(s, product("A", { price: "15.00" }), null, "3", termsOnOrder(s, "A")!);
    expect(s.lines.map((l) => [l.qty, l.price, l.discount])).toEqual([["13", "15.00", "5"]]);
    expect(s.added).toEqual({ kind: "merged", line: 1, qty: "13" });
    expect(view(s, settings).total).toBe("185.25");
    // a scanner beep keeps the line's terms too
    s = addProduct(s, product("A", { price: "15.00" }), null);
    expect(s.lines.map((l) => [l.qty, l.discount])).toEqual([["14", "5"]]);
    // other terms typed in: a line of its own, said
    s = addProduct(s, product("A", { price: "15.00" }), null, "2", { price: "15", discount: "0" });
    expect(s.lines.map((l) => [l.qty, l.discount])).toEqual([["14", "5"], ["2", "0"]]);
    expect(s.added).toEqual({ kind: "separate", line: 2, other: 1 });
    // "5" and "5.00" are the same discount
    s = addProduct(s, product("A", { price: "15.00" }), null, "1", { price: "15", discount: "0.00" });
    expect(s.lines.map((l) => l.qty)).toEqual(["14", "3"]);
    expect(removeLine(s, s.lines[1].key).added).toBeNull();
  });

  test("totals follow typing, and a bad field leaves its line out and marks it", () => {
    let s: EntryState = { ...addProduct(emptyEntry(), product("A"), null, "3"), customer: customer(null) };
    s = addProduct(s, product("B", { price: "0.35" }), null, "2");
    let v = view(s, settings);
    expect([v.total, v.tax, v.subtotal, v.ready]).toEqual(["30.70", "3.53", "27.17", true]);
    s = updateLine(s, s.lines[0].key, "qty", "3x");
    v = view(s, settings);
    expect(v.lines[0].invalid).toEqual(["qty"]);
    expect([v.total, v.ready]).toEqual(["0.70", false]);
    s = updateLine(s, s.lines[0].key, "discount", "120");
    expect(view(s, settings).lines[0].invalid).toEqual(["qty", "discount"]);
    s = removeLine(s, s.lines[0].key);
    expect(view(s, settings).total).toBe("0.70");
  });

  test("prices without tax add the tax on top", () => {
    const s = addProduct(emptyEntry(), product("A", { price: "100" }), null, "1");
    expect(view(s, { ...settings, prices_include_tax: false }).total).toBe("113.00");
  });

  test("warnings: short stock, below cost, over credit, needs approval", () => {
    let s: EntryState = { ...addProduct(emptyEntry(), product("A"), 2_000n, "3"), customer: customer("25.00") };
    let v = view(s, settings);
    expect(v.lines[0].warnings).toEqual([{ kind: "short", available: "2" }]);
    expect(v.warnings).toEqual([{ kind: "over_credit", left: "25.00" }]);
    expect(view(s, { ...settings, allow_negative_stock: true }).lines[0].warnings).toEqual([]);
    // 10.00 less 45% is 5.50, under the cost of 6.00
    s = updateLine(s, s.lines[0].key, "discount", "45");
    expect(view(s, settings).lines[0].warnings).toContainEqual({ kind: "below_cost", cost: "6.00" });
    s = updateLine(updateLine(s, s.lines[0].key, "discount", "0"), s.lines[0].key, "qty", "600");
    v = view({ ...s, customer: customer(null) }, settings);
    expect(v.warnings).toEqual([{ kind: "approval", threshold: "5000.00" }]);
  });

  test("Enter in the lookup: exact SKU or barcode first, else the highlighted suggestion", () => {
    const list = [product("A-1"), product("A-10", { barcode: "690123" }), product("A-100")];
    expect(pickOnEnter("690123", list, 0)).toEqual({ product: list[1], exact: true });
    expect(pickOnEnter("A-100", list, 0)).toEqual({ product: list[2], exact: false });
    expect(pickOnEnter("a-", list, 1)).toEqual({ product: list[1], exact: false });
    expect(pickOnEnter("a-", list, 9)?.product).toBe(list[2]);
    expect(pickOnEnter("  ", list, 0)).toBeNull();
    expect(pickOnEnter("zz", [], 0)).toBeNull();
  });

  test("Enter on a fresh list keeps the highlight only when the list is the one on screen", () => {
    const shown = [product("A"), product("B")];
    expect(highlightIn([product("A"), product("B")], shown, 1)).toBe(1);
    expect(highlightIn([product("B"), product("A")], shown, 1)).toBe(0);
    expect(highlightIn([product("A")], shown, 1)).toBe(0);
  });

  test("what is sent: the customer's id, lines as typed, trimmed", () => {
    let s: EntryState = { ...addProduct(emptyEntry(), product("A"), null, " 2 "), customer: customer(null), notes: "  送到后门 ", deliverBy: "2026-12-01" };
    s = updateLine(s, s.lines[0].key, "discount", "");
    expect(toOrderInput(s)).toEqual({
      customer: "c1",
      lines: [{ sku: "A", qty: "2", unit_price: "10.00", discount: "0" }],
      channel: "counter",
      deliver_by: "2026-12-01",
      notes: "送到后门",
    });
  });
});
