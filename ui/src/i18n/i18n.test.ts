// The dictionaries, one per screen or area, merge into one: a key defined in two parts would
// silently shadow the other, and a placeholder missing in one language would show as "{x}".
import { expect, test } from "vitest";
import { dictionaries, parts } from "./index";

test("every key is defined in exactly one part, and the merged dictionary has them all", () => {
  const owners = new Map<string, string[]>();
  for (const [name, part] of Object.entries(parts)) for (const k of Object.keys(part.zh)) owners.set(k, [...(owners.get(k) ?? []), name]);
  expect([...owners].filter(([, o]) => o.length > 1)).toEqual([]);
  expect(Object.keys(dictionaries["zh-CN"]).sort()).toEqual([...owners.keys()].sort());
  expect(Object.keys(dictionaries.en).sort()).toEqual([...owners.keys()].sort());
});

test("both languages have the same placeholders", () => {
  const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const zh: Record<string, string> = dictionaries["zh-CN"];
  const differ = Object.entries(dictionaries.en).filter(([k, en]) => params(en).join() !== params(zh[k]).join());
  expect(differ).toEqual([]);
});

test("no words of the command line in the window", () => {
  const cli = /--[a-z]|\bkaidan [a-z]/;
  for (const lang of ["zh-CN", "en"] as const) {
    const found = Object.entries(dictionaries[lang] as Record<string, string>).filter(([, s]) => cli.test(s));
    expect(found).toEqual([]);
  }
});
