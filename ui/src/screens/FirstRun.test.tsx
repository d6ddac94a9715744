// A new PC's first screen, in a DOM (jsdom): joining a shop that has a server takes the address
// the owner registered, goes to the home screen only after the server answered, and says what
// failed when it did not.
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { AppInfo } from "../bindings";

const invoked: { cmd: string; args: Record<string, unknown> }[] = [];
let answer: (cmd: string, args: Record<string, unknown>) => unknown = () => null;
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    invoked.push({ cmd, args });
    return answer(cmd, args);
  },
}));

const { backend } = await import("../backend");
const { translator } = await import("../i18n");
const { Ctx } = await import("../ui");
const { FirstRun } = await import("./FirstRun");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: ReturnType<typeof createRoot>;
let reloaded = 0;
const ctx = (lang: "zh-CN" | "en") => ({
  t: translator(lang),
  backend,
  info: { lang, version: "0.1.0" } as AppInfo,
  go: () => {},
  reloadInfo: async () => void reloaded++,
  setLang: async () => {},
});

beforeEach(() => {
  invoked.length = 0;
  reloaded = 0;
  window.location.hash = "";
  host = document.createElement("div");
  document.body.appendChild(host);
  root = createRoot(host);
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
});

const type = (name: string, value: string) =>
  act(async () => {
    const el = host.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
const click = (sel: string) => act(async () => host.querySelector<HTMLButtonElement>(sel)!.click());

test("joining a shop's server from the first screen: home only after the server answered", async () => {
  let up = false;
  answer = (cmd) => {
    if (cmd !== "sync_join") return null;
    if (!up) throw { code: "sync_failed", message: "连不上店里的服务器（password authentication failed for user \"kaidan_shop_b\"）；这台收银机照常开单，做过的事等连上后再发送" };
    return { linked: true, server: "postgres://kaidan_shop_b@10.0.0.5/shop", device: "B", waiting: 0, synced_at: null, offline_since: null, running: false };
  };
  await act(async () => root.render(<Ctx.Provider value={ctx("zh-CN")}><FirstRun /></Ctx.Provider>));
  expect(host.querySelector<HTMLButtonElement>("[data-action=join]")!.disabled).toBe(true);
  expect(host.textContent).not.toMatch(/kaidan |server add-counter/);
  await type("join_url", " postgres://kaidan_shop_b:secret@10.0.0.5/shop ");
  await click("[data-action=join]");
  expect(invoked.at(-1)).toEqual({ cmd: "sync_join", args: { url: "postgres://kaidan_shop_b:secret@10.0.0.5/shop" } });
  expect(host.querySelector("[role=alert]")!.textContent).toContain("password authentication failed");
  expect(window.location.hash).toBe("");
  expect(reloaded).toBe(0);
  up = true;
  await click("[data-action=join]");
  expect(window.location.hash).toBe("#/home");
  expect(reloaded).toBe(1);
});
