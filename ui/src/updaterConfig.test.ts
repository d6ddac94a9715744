// @vitest-environment node
// The updater's release configuration (src-tauri/scripts/updater-config.mjs): no updater in a
// developer's build, both settings or neither, an https address only; and the release's key
// check — a signature made by the pinned `tauri signer` verifies with its own public key, and is
// refused with another key's, or over one flipped byte.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
// @ts-expect-error a plain Node script without types
import { checkKey, updaterConfig, verifySignature } from "../../src-tauri/scripts/updater-config.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "ui/node_modules/@tauri-apps/cli/tauri.js");
const dir = mkdtempSync(path.join(tmpdir(), "kaidan-updater-test-"));
const tauri = (...args: string[]) => {
  const env = { ...process.env };
  delete env.TAURI_SIGNING_PRIVATE_KEY;
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: "utf8", env });
  expect(r.status, r.stdout + r.stderr).toBe(0);
};
const pair = (name: string) => {
  tauri("signer", "generate", "--ci", "-p", "", "-w", name);
  return { key: readFileSync(path.join(dir, name), "utf8").trim(), pub: readFileSync(path.join(dir, `${name}.pub`), "utf8").trim() };
};

test("no updater without its settings; both or neither; https only", () => {
  expect(updaterConfig({})).toBeNull();
  expect(() => updaterConfig({ TAURI_SIGNING_PRIVATE_KEY: "x" })).toThrow(/KAIDAN_UPDATER_PUBKEY is not/);
  const a = pair("a.key");
  expect(() => updaterConfig({ KAIDAN_UPDATER_PUBKEY: a.pub })).toThrow(/both/);
  expect(() => updaterConfig({ KAIDAN_UPDATER_PUBKEY: a.pub, KAIDAN_UPDATE_URL: "http://example.com/latest.json" })).toThrow(/https/);
  expect(() => updaterConfig({ KAIDAN_UPDATER_PUBKEY: "bm90IGEga2V5", KAIDAN_UPDATE_URL: "https://example.com/latest.json" })).toThrow(/not a minisign/);
  const file = updaterConfig({ KAIDAN_UPDATER_PUBKEY: a.pub, KAIDAN_UPDATE_URL: "https://github.com/o/r/releases/latest/download/latest.json" });
  const conf = JSON.parse(readFileSync(file, "utf8"));
  expect(conf.plugins.updater).toEqual({
    pubkey: a.pub,
    endpoints: ["https://github.com/o/r/releases/latest/download/latest.json"],
    requireSignedVersion: true,
    windows: { installMode: "passive" },
  });
}, 60_000);

test("the key check: its own public key verifies, another key's or a flipped byte is refused", () => {
  const a = pair("k1.key");
  const b = pair("k2.key");
  const pkg = path.join(dir, "package.bin");
  writeFileSync(pkg, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)));
  tauri("signer", "sign", "-f", path.join(dir, "k1.key"), "-p", "", "--app-version", "0.9.0", pkg);
  const data = readFileSync(pkg);
  const sig = readFileSync(`${pkg}.sig`, "utf8");
  expect(() => verifySignature(data, sig, a.pub)).not.toThrow();
  expect(() => verifySignature(data, sig, b.pub)).toThrow(/another key/);
  const flipped = Buffer.from(data);
  flipped[100] ^= 1;
  expect(() => verifySignature(flipped, sig, a.pub)).toThrow(/does not verify/);
  // what the release workflow runs before it builds
  expect(() => checkKey({ ...process.env, TAURI_SIGNING_PRIVATE_KEY: a.key, TAURI_SIGNING_PRIVATE_KEY_PASSWORD: "", KAIDAN_UPDATER_PUBKEY: a.pub })).not.toThrow();
  expect(() => checkKey({ ...process.env, TAURI_SIGNING_PRIVATE_KEY: a.key, TAURI_SIGNING_PRIVATE_KEY_PASSWORD: "", KAIDAN_UPDATER_PUBKEY: b.pub })).toThrow(/another key/);
}, 60_000);
