// The order form's logic, without React: lines, live totals, inline warnings, and what
// Enter does in the product lookup. Tested in orderEntry.test.ts.
import type { Channel, CustomerCredit, OrderInput, Product, Settings } from "./bindings";
import { belowCost, formatScaled, lineFigures, money, parseScaled, SCALE, sumLines, type LineFigures } from "./money";

export interface EntryLine {
  key: number;
  product: Product;
  /** Available stock when the product was picked (thousandths), null if unknown. */
  available: bigint | null;
  qty: string;
  price: string;
  discount: string;
}

export interface EntryState {
  customer: CustomerCredit | null;
  lines: EntryLine[];
  channel: Channel;
  /** `YYYY-MM-DD`, "" for none, null while the typed text is not a date. */
  deliverBy: string | null;
  notes: string;
  nextKey: number;
  /** What the last added product did to the lines, for the form to say. */
  added: AddNote | null;
}

/** A product added again: its quantity went onto an existing line (kept at that line's price
 *  and discount), or it became a line of its own because its price or discount differ. */
export type AddNote = { kind: "merged"; line: number; qty: string } | { kind: "separate"; line: number; other: number };

export const emptyEntry = (): EntryState => ({ customer: null, lines: [], channel: "counter", deliverBy: "", notes: "", nextKey: 1, added: null });

/** The price and discount a line is sold at. */
export interface Terms {
  price: string;
  discount: string;
}

const sameTerms = (a: Terms, b: Terms) => {
  const [pa, pb] = [parseScaled(a.price, SCALE.price), parseScaled(b.price, SCALE.price)];
  const [da, db] = [parseScaled(a.discount || "0", SCALE.rate), parseScaled(b.discount || "0", SCALE.rate)];
  return pa !== null && pa === pb && da !== null && da === db;
};

/** The terms a product already on the order is sold at (its last line), for the quantity
 *  form to start from; null when it is not on the order. */
export function termsOnOrder(s: EntryState, sku: string): Terms | null {
  const i = lastLineOf(s, sku);
  return i >= 0 ? { price: s.lines[i].price, discount: s.lines[i].discount } : null;
}

function lastLineOf(s: EntryState, sku: string): number {
  for (let i = s.lines.length - 1; i >= 0; i--) if (s.lines[i].product.sku === sku) return i;
  return -1;
}

/** Adds a product. Already on the order, its quantity goes onto that line and the line keeps
 *  its price and discount (a scanner beeping twice means two pieces, not two lines); given
 *  `terms` that differ from the line's, it becomes a second line instead, so no discount is
 *  ever lost. Either way `added` says what happened. */
export function addProduct(s: EntryState, product: Product, available: bigint | null, qty = "1", terms?: Terms): EntryState {
  const i = lastLineOf(s, product.sku);
  const own = terms ?? { price: product.price, discount: "0" };
  if (i >= 0 && (!terms || sameTerms(terms, s.lines[i]))) {
    const line = s.lines[i];
    const a = parseScaled(line.qty, SCALE.qty);
    const b = parseScaled(qty, SCALE.qty);
    const sum = a !== null && b !== null ? formatScaled(a + b, SCALE.qty, 0) : line.qty;
    const lines = s.lines.slice();
    lines[i] = { ...line, qty: sum, available: available ?? line.available };
    return { ...s, lines, added: { kind: "merged", line: i + 1, qty: sum } };
  }
  const line: EntryLine = { key: s.nextKey, product, available, qty, price: own.price, discount: own.discount };
  const added: AddNote | null = i >= 0 ? { kind: "separate", line: s.lines.length + 1, other: i + 1 } : null;
  return { ...s, lines: [...s.lines, line], nextKey: s.nextKey + 1, added };
}

export function updateLine(s: EntryState, key: number, field: "qty" | "price" | "discount", value: string): EntryState {
  return { ...s, lines: s.lines.map((l) => (l.key === key ? { ...l, [field]: value } : l)) };
}

export function removeLine(s: EntryState, key: number): EntryState {
  return { ...s, lines: s.lines.filter((l) => l.key !== key), added: null };
}

export type LineProblem = "qty" | "price" | "discount";
export type Warning =
  | { kind: "short"; available: string }
  | { kind: "below_cost"; cost: string };

export interface LineView {
  line: EntryLine;
  figures: LineFigures | null;
  /** Fields whose text is not a valid number. */
  invalid: LineProblem[];
  warnings: Warning[];
}

export type OrderWarning = { kind: "over_credit"; left: string } | { kind: "approval"; threshold: string };

export interface EntryView {
  lines: LineView[];
  subtotal: string;
  tax: string;
  total: string;
  warnings: OrderWarning[];
  /** Every line is valid and there is at least one, and a customer is chosen. */
  ready: boolean;
}

/** Everything the form shows, from the state and the shop's settings. */
type ViewSettings = Pick<Settings, "prices_include_tax" | "approval_threshold" | "allow_negative_stock">;

/** One line's figures, problems and warnings. Cached per line object and settings, so a line
 *  that did not change keeps the same view object (and the form does not re-render its row). */
export function lineView(line: EntryLine, settings: ViewSettings): LineView {
  const hit = cache.get(line);
  if (hit && hit.settings === settings) return hit.view;
  const qty = parseScaled(line.qty, SCALE.qty);
  const price = parseScaled(line.price, SCALE.price);
  const discount = parseScaled(line.discount || "0", SCALE.rate);
  const invalid: LineProblem[] = [];
  if (qty === null || qty <= 0n) invalid.push("qty");
  if (price === null || price < 0n) invalid.push("price");
  if (discount === null || discount < 0n || discount > 10000n) invalid.push("discount");
  const taxRate = parseScaled(line.product.tax_rate, SCALE.rate) ?? 0n;
  const figures = invalid.length === 0 ? lineFigures(qty!, price!, discount!, taxRate, settings.prices_include_tax) : null;
  const warnings: Warning[] = [];
  if (qty !== null && line.available !== null && qty > line.available && !settings.allow_negative_stock) {
    warnings.push({ kind: "short", available: formatScaled(line.available, SCALE.qty, 0) });
  }
  // a cost the reader may not see is not there: the shop's own rule still asks the owner
  const costText = line.product.cost;
  const cost = costText === null ? null : parseScaled(costText, SCALE.price);
  if (price !== null && discount !== null && costText !== null && cost !== null && belowCost(price, discount, cost)) {
    warnings.push({ kind: "below_cost", cost: costText });
  }
  const view = { line, figures, invalid, warnings };
  cache.set(line, { settings, view });
  return view;
}
const cache = new WeakMap<EntryLine, { settings: ViewSettings; view: LineView }>();

/** Everything the form shows, from the state and the shop's settings. */
export function view(s: EntryState, settings: ViewSettings): EntryView {
  const lines = s.lines.map((line) => lineView(line, settings));
  const ok = lines.filter((l) => l.figures !== null).map((l) => l.figures!);
  const totals = sumLines(ok);
  const warnings: OrderWarning[] = [];
  const left = s.customer?.credit.credit_left;
  if (left != null) {
    const leftMinor = parseScaled(left, SCALE.money)!;
    if (totals.total > leftMinor) warnings.push({ kind: "over_credit", left });
  }
  const threshold = settings.approval_threshold;
  if (threshold != null && totals.total > parseScaled(threshold, SCALE.money)!) warnings.push({ kind: "approval", threshold });
  return {
    lines,
    subtotal: money(totals.subtotal),
    tax: money(totals.tax),
    total: money(totals.total),
    warnings,
    ready: s.customer !== null && lines.length > 0 && lines.every((l) => l.invalid.length === 0) && s.deliverBy !== null,
  };
}

/** Which product Enter in the lookup picks: an exact SKU or barcode (a scanner's code), else
 *  the highlighted suggestion. `exact` tells the form to add the line at once (scanner flow)
 *  instead of moving to the quantity. */
export function pickOnEnter(query: string, suggestions: Product[], highlighted: number): { product: Product; exact: boolean } | null {
  const q = query.trim();
  if (!q) return null;
  const exact = suggestions.find((p) => p.sku === q || p.barcode === q);
  if (exact) return { product: exact, exact: exact.barcode === q };
  const p = suggestions[Math.min(Math.max(highlighted, 0), suggestions.length - 1)];
  return p ? { product: p, exact: false } : null;
}

/** Which row of a fresh suggestion list Enter takes: the highlighted one when the list is the
 *  one on screen, else the first (the typist was ahead of the suggestions). */
export function highlightIn<V extends { id: string }>(fresh: V[], shown: V[], highlighted: number): number {
  const same = fresh.length === shown.length && fresh.every((v, i) => v.id === shown[i].id);
  return same ? highlighted : 0;
}

export function toOrderInput(s: EntryState): OrderInput {
  return {
    customer: s.customer!.customer.id,
    lines: s.lines.map((l) => ({ sku: l.product.sku, qty: l.qty.trim(), unit_price: l.price.trim(), discount: l.discount.trim() || "0" })),
    channel: s.channel,
    deliver_by: s.deliverBy || undefined,
    notes: s.notes.trim() || undefined,
  };
}
