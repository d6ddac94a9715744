import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { belowCost, cmpMoney, formatScaled, lineFigures, money, parseScaled, positive, SCALE, sub, sumLines } from "./money";

interface VLine {
  qty: string; unit_price: string; discount: string; tax_rate: string; amount: string; tax: string; net: string; total: string;
  cost: string; below_cost: boolean;
}
interface VCase { prices_include_tax: boolean; lines: VLine[]; subtotal: string; tax: string; total: string }
const vectors: { cases: VCase[] } = JSON.parse(readFileSync(resolve(__dirname, "../../tests/fixtures/totals-vectors.json"), "utf8"));

describe("totals agree with kaidan-core to the fen, and the below-cost warning with its rule", () => {
  test("the vectors are there", () => expect(vectors.cases.length).toBeGreaterThanOrEqual(100));
  test.each(vectors.cases.map((c, i) => [i, c] as const))("case %i", (_, c) => {
    const figures = c.lines.map((l) => {
      const f = lineFigures(
        parseScaled(l.qty, SCALE.qty)!,
        parseScaled(l.unit_price, SCALE.price)!,
        parseScaled(l.discount, SCALE.rate)!,
        parseScaled(l.tax_rate, SCALE.rate)!,
        c.prices_include_tax,
      );
      expect([money(f.amount), money(f.tax), money(f.net), money(f.total)]).toEqual([l.amount, l.tax, l.net, l.total]);
      const below = belowCost(parseScaled(l.unit_price, SCALE.price)!, parseScaled(l.discount, SCALE.rate)!, parseScaled(l.cost, SCALE.price)!);
      expect(below, `below cost: ${l.unit_price} less ${l.discount}% against ${l.cost}`).toBe(l.below_cost);
      return f;
    });
    const t = sumLines(figures);
    expect([money(t.subtotal), money(t.tax), money(t.total)]).toEqual([c.subtotal, c.tax, c.total]);
  });
});

describe("parsing typed numbers", () => {
  test("plain decimals within the scale", () => {
    expect(parseScaled("12", 2)).toBe(1200n);
    expect(parseScaled(" 0.5 ", 3)).toBe(500n);
    expect(parseScaled("-3.25", 2)).toBe(-325n);
    expect(parseScaled("１２．５", 2)).toBe(1250n); // full-width, as a Chinese IME types it
  });
  test("refuses what is not a plain decimal or has too many places", () => {
    for (const bad of ["", "abc", "1e3", "1,5", "1.234", "--1", "."]) expect(parseScaled(bad, 2)).toBeNull();
  });
  test("formats back", () => {
    expect(formatScaled(1500n, 3, 0)).toBe("1.5");
    expect(formatScaled(-5n, 2, 2)).toBe("-0.05");
    expect(formatScaled(10000n, 4, 2)).toBe("1.00");
  });
});

describe("sub", () => {
  test("subtracts decimal strings exactly and keeps their decimals", () => {
    expect(sub("100.00", "30.5")).toBe("69.50");
    expect(sub("10", "10")).toBe("0");
    expect(sub("10", "2.5")).toBe("7.5");
    expect(sub("0.10", "0.30")).toBe("-0.20");
    expect(sub("1000000000000.00", "0.01")).toBe("999999999999.99");
  });
});

describe("positive", () => {
  test("is true only above zero, whatever the decimals", () => {
    expect([positive("0"), positive("0.0"), positive("0.000"), positive("-1"), positive("0.001"), positive("12")]).toEqual([false, false, false, false, true, true]);
  });
});

describe("cmpMoney", () => {
  test("orders amounts exactly, not as text", () => {
    expect(["9.50", "-3.00", "100.00", "10.05"].sort(cmpMoney)).toEqual(["-3.00", "9.50", "10.05", "100.00"]);
  });
});
