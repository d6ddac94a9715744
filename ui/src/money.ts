// Exact decimal arithmetic for the order form's live totals. Amounts travel as strings
// (never floats); here they become BigInt minor units with the same scales and the same
// rounding as kaidan-core (money: fen, unit prices: 1/10000, quantities: 1/1000, rates:
// 1/100 of a percent). Every case of tests/fixtures/totals-vectors.json, rendered by
// kaidan-core, is checked in money.test.ts, so the screen and the saved order always agree.

export const SCALE = { money: 2, price: 4, qty: 3, rate: 2 } as const;

/** Parses a plain decimal ("12", "-0.5", "3.3333") into minor units; null when it is not
 *  one or has more decimals than `scale`. Accepts full-width digits and a trailing space. */
export function parseScaled(text: string, scale: number): bigint | null {
  const s = text.trim().replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return null;
  const frac = m[3] ?? "";
  if (frac.length > scale) return null;
  const v = BigInt(m[2]) * 10n ** BigInt(scale) + BigInt((frac + "0".repeat(scale)).slice(0, scale) || "0");
  return m[1] === "-" ? -v : v;
}

/** Minor units back to text with at least `minDp` decimals and no trailing zeros beyond. */
export function formatScaled(v: bigint, scale: number, minDp: number): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const unit = 10n ** BigInt(scale);
  let frac = (a % unit).toString().padStart(scale, "0");
  while (frac.length > minDp && frac.endsWith("0")) frac = frac.slice(0, -1);
  const s = (a / unit).toString() + (frac ? "." + frac : "");
  return neg ? "-" + s : s;
}

/** n / d rounded half away from zero (四舍五入 on magnitudes), d > 0. */
export function divRound(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (2n * a + d) / (2n * d);
  return neg ? -q : q;
}

export interface LineFigures {
  amount: bigint;
  tax: bigint;
  net: bigint;
  total: bigint;
}

/** One line in fen: amount = round(qty × price × (1 − discount)); tax contained in it
 *  (prices include tax) or added to it. Arguments in minor units of their scales. */
export function lineFigures(qty: bigint, price: bigint, discount: bigint, taxRate: bigint, pricesIncludeTax: boolean): LineFigures {
  // qty/1e3 × price/1e4 × (10000 − d)/1e4 yuan = that × 100 fen
  const amount = divRound(qty * price * (10000n - discount), 1_000_000_000n);
  if (pricesIncludeTax) {
    const tax = divRound(amount * taxRate, 10000n + taxRate);
    return { amount, tax, net: amount - tax, total: amount };
  }
  const tax = divRound(amount * taxRate, 10000n);
  return { amount, tax, net: amount, total: amount + tax };
}

export interface Totals {
  subtotal: bigint;
  tax: bigint;
  total: bigint;
}

export function sumLines(lines: LineFigures[]): Totals {
  return lines.reduce((t, l) => ({ subtotal: t.subtotal + l.net, tax: t.tax + l.tax, total: t.total + l.total }), {
    subtotal: 0n,
    tax: 0n,
    total: 0n,
  });
}

export const money = (v: bigint) => formatScaled(v, SCALE.money, 2);

/** kaidan-core's below-cost rule for the live warning as the clerk types: price × (1 − discount)
 *  < cost, in exact integers (price and cost in 1/10000, discount in 1/100 %); no known cost is
 *  never below it. Held to kaidan-core by the vectors (money.test.ts). */
export function belowCost(price: bigint, discount: bigint, cost: bigint): boolean {
  return cost > 0n && price * (10000n - discount) < cost * 10000n;
}

/** `a − b` of two decimal strings, exactly ("100.00" − "30.5" = "69.50"; "10" − "10" = "0"):
 *  the result keeps as many decimals as the longer input. */
export function sub(a: string, b: string): string {
  const dp = (s: string) => (s.includes(".") ? s.length - s.indexOf(".") - 1 : 0);
  const scale = Math.max(dp(a), dp(b));
  const x = parseScaled(a, scale);
  const y = parseScaled(b, scale);
  if (x === null || y === null) return a;
  return formatScaled(x - y, scale, scale);
}

/** Whether a decimal string is above zero ("0.0" and "-1" are not). */
export function positive(v: string): boolean {
  const dp = v.includes(".") ? v.length - v.indexOf(".") - 1 : 0;
  const x = parseScaled(v, dp);
  return x !== null && x > 0n;
}

/** Orders two money strings exactly (for sorting): negative, zero or positive. */
export function cmpMoney(a: string, b: string): number {
  const x = parseScaled(a, SCALE.money) ?? 0n;
  const y = parseScaled(b, SCALE.money) ?? 0n;
  return x < y ? -1 : x > y ? 1 : 0;
}
