// Several counters in the window, in a DOM (jsdom): no mark on a shop with one PC; on a linked
// counter the mark syncs every 10 s, says "offline since …" and backs off while the server does
// not answer; Settings makes the server and says so only after it answered; "Sync now" reports
// what went and came; the owner's list says what to do about each issue.
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { AppInfo, SyncIssue, SyncView } from "../bindings";

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
const { SyncMark, SyncSection, nextWait, SYNC_EVERY_MS, SYNC_AT_MOST_MS } = await import("./Sync");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: ReturnType<typeof createRoot>;
const ctx = (lang: "zh-CN" | "en") => ({
  t: translator(lang),
  backend,
  info: { lang, version: "0.1.0" } as AppInfo,
  go: () => {},
  reloadInfo: async () => {},
  setLang: async () => {},
  may: () => true,
});
const single: SyncView = { linked: false, server: null, device: null, waiting: 0, synced_at: null, offline_since: null, running: false };
const linked: SyncView = { ...single, linked: true, server: "postgres://kaidan_shop_a@10.0.0.5/shop", device: "A", synced_at: "2026-12-07T08:00:00Z" };
const offline: SyncView = { ...linked, waiting: 3, offline_since: "2026-12-07T08:05:00Z" };
const fail = (message: string) => {
  throw { code: "sync_failed", message };
};

beforeEach(() => {
  invoked.length = 0;
  vi.useFakeTimers();
  host = document.createElement("div");
  document.body.appendChild(host);
  root = createRoot(host);
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
  vi.useRealTimers();
});

const show = (el: React.ReactElement, lang: "zh-CN" | "en" = "zh-CN") => act(async () => root.render(<Ctx.Provider value={ctx(lang)}>{el}</Ctx.Provider>));
const click = (sel: string) => act(async () => host.querySelector<HTMLButtonElement>(sel)!.click());
const tick = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
const type = (name: string, value: string) =>
  act(async () => {
    const el = host.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });

test("a shop on one PC shows no mark and never syncs", async () => {
  answer = (cmd) => (cmd === "sync_view" ? single : fail("no server"));
  await show(<SyncMark />);
  await tick(60_000);
  expect(host.querySelector("[data-testid=sync-mark]")).toBeNull();
  expect(invoked.some((c) => c.cmd === "sync_now")).toBe(false);
});

test("a linked counter syncs every 10 s; offline, the mark says since when and the waits grow", async () => {
  let up = true;
  answer = (cmd) => {
    if (cmd === "sync_view") return up ? linked : offline;
    if (cmd === "sync_now") return up ? { sent: 1, received: 2, noticed: 0, view: linked } : fail("连不上店里的服务器");
    return null;
  };
  await show(<SyncMark />);
  expect(host.querySelector("[data-testid=sync-mark]")!.getAttribute("data-state")).toBe("synced");
  expect(host.textContent).toContain("已同步");
  const syncs = () => invoked.filter((c) => c.cmd === "sync_now").length;
  expect(syncs()).toBe(1);
  await tick(SYNC_EVERY_MS);
  expect(syncs()).toBe(2);
  up = false;
  await tick(SYNC_EVERY_MS);
  expect(syncs()).toBe(3);
  const mark = host.querySelector("[data-testid=sync-mark]")!;
  expect(mark.getAttribute("data-state")).toBe("offline");
  expect(mark.textContent).toMatch(/离线（自 .+）/);
  // backing off: the next try after 20 s, not 10
  await tick(SYNC_EVERY_MS);
  expect(syncs()).toBe(3);
  await tick(SYNC_EVERY_MS);
  expect(syncs()).toBe(4);
  expect(nextWait(SYNC_AT_MOST_MS, false)).toBe(SYNC_AT_MOST_MS);
  expect(nextWait(80_000, true)).toBe(SYNC_EVERY_MS);
});

test("Settings makes the server from this shop and says so only after it answered", async () => {
  let made = false;
  answer = (cmd, args) => {
    if (cmd === "sync_view") return made ? linked : single;
    if (cmd === "sync_make_server") {
      if (String(args.admin_url).includes("wrong")) fail("could not reach the shop's server (password authentication failed)");
      made = true;
      return linked;
    }
    return null;
  };
  await show(<SyncSection />, "en");
  expect(host.querySelector("[data-testid=sync]")!.getAttribute("data-linked")).toBe("false");
  await type("sync_admin_url", "postgres://owner:wrong@10.0.0.5/shop");
  await click("[data-action=sync-make]");
  expect(host.textContent).toContain("password authentication failed");
  expect(host.textContent).not.toContain("The server is made");
  await type("sync_admin_url", "postgres://owner:right@10.0.0.5/shop");
  await click("[data-action=sync-make]");
  expect(invoked.find((c) => c.cmd === "sync_make_server" && String(c.args.admin_url).includes("right"))!.args.code).toBe("A");
  expect(host.textContent).toContain("The server is made and the whole shop was sent. This counter's code is A");
  expect(host.querySelector("[data-testid=sync-device]")!.textContent).toBe("A");
});

test("Sync now reports what went and came; the owner's list says what to do about each issue", async () => {
  const issues: SyncIssue[] = [
    { id: "2", kind: "oversell", device: "B", at: "2026-12-07T08:10:00Z", subject: "TEA 龙井", document: "DN-B-2026-000001", balance: "-2", wanted: [], kept_as: null },
    { id: "1", kind: "stale_edit", device: "B", at: "2026-12-07T08:09:00Z", subject: "西湖茶馆", document: null, balance: null, wanted: ["credit_limit_cents: 500000"], kept_as: null },
  ];
  answer = (cmd) =>
    cmd === "sync_view" ? linked : cmd === "sync_now" ? { sent: 4, received: 7, noticed: 1, view: linked } : cmd === "sync_issues" ? issues : null;
  await show(<SyncSection />);
  await click("[data-action=sync-now]");
  expect(host.textContent).toContain("同步完成：发送 4 项，收到 7 项；服务器发现 1 项需要店主处理");
  await click("[data-action=sync-issues]");
  const items = [...host.querySelectorAll("[data-testid=sync-issues] li")];
  expect(items.map((li) => li.getAttribute("data-kind"))).toEqual(["oversell", "stale_edit"]);
  expect(items[0].textContent).toContain("超卖");
  expect(items[0].textContent).toContain("DN-B-2026-000001");
  expect(items[0].textContent).toContain("现在 -2");
  expect(items[1].textContent).toContain("保留了先到服务器的改动");
});

test("the owner registers a new counter and is shown the address it joins with, only after the server answered", async () => {
  answer = (cmd, args) => {
    if (cmd === "sync_view") return linked;
    if (cmd === "sync_add_counter") {
      if (args.code === "A") throw { code: "duplicate", message: "服务器上已经有代码为 A 的收银机：给新收银机换一个代码" };
      return { device: "B", device_id: "01b", url: "postgres://kaidan_shop_b:Secret123@10.0.0.5/shop" };
    }
    return null;
  };
  await show(<SyncSection />);
  await type("sync_add_admin_url", "postgres://owner:pw@10.0.0.5/shop");
  await type("sync_add_code", "a");
  await click("[data-action=sync-add]");
  expect(host.querySelector("[data-testid=sync-add] [role=alert]")!.textContent).toContain("已经有代码为 A 的收银机");
  expect(host.querySelector("[data-testid=sync-added]")).toBeNull();
  await type("sync_add_code", "b");
  await click("[data-action=sync-add]");
  expect(invoked.at(-1)!.args).toEqual({ admin_url: "postgres://owner:pw@10.0.0.5/shop", code: "B" });
  const added = host.querySelector("[data-testid=sync-added]")!;
  expect(added.textContent).toContain("收银机 B 已登记");
  expect(added.querySelector("pre")!.textContent).toBe("postgres://kaidan_shop_b:Secret123@10.0.0.5/shop");
});
