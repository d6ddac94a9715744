// Kaidan updating itself, in a DOM (jsdom): the daily look is silent, an offer shows a bar that
// "Later" hides; installing shows the steps, the download's progress, then the backup's file and
// the restart; a stopped download and a refused package say so and install nothing; "Check for
// updates" says when Kaidan is up to date.
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { AppInfo, UpdateOffer } from "../bindings";

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
const { UpdateBanner, UpdateSection } = await import("./Update");

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
});
const offer: UpdateOffer = { version: "0.9.0", current: "0.1.0", notes: "更快的报表", date: "2026-12-07T08:00:00Z" };

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

test("the daily look is silent: nothing when there is no offer, a bar when there is, gone after Later", async () => {
  answer = () => null;
  await show(<UpdateBanner />);
  await tick(5_000);
  expect(invoked.map((c) => c.cmd)).toEqual(["update_check"]);
  expect(invoked[0].args).toEqual({ asked: false });
  expect(host.querySelector("[data-testid=update-banner]")).toBeNull();
  // an hour later the window asks again (the Rust side decides whether a day has passed)
  answer = (cmd) => (cmd === "update_check" ? offer : null);
  await tick(60 * 60 * 1000);
  const bar = host.querySelector("[data-testid=update-banner]")!;
  expect(bar.textContent).toContain("开单有新版本 0.9.0 可以安装（现在是 0.1.0）");
  await click("[data-action=update-later]");
  expect(host.querySelector("[data-testid=update-banner]")).toBeNull();
});

test("install: the steps, the download's progress, then the backup's file and the restart", async () => {
  let release: (() => void) | null = null;
  answer = (cmd) => {
    switch (cmd) {
      case "update_check":
        return offer;
      case "update_download":
        return new Promise((r) => (release = () => r("0.9.0")));
      case "update_progress":
        return { running: true, done: 3 * 1048576, total: 12 * 1048576 };
      case "update_install":
        return { file: "C:/Users/店主/AppData/Roaming/cn.kaidan.desktop/backups/kaidan-20261207T090000000Z-update.db", created_at: "2026-12-07T09:00:00Z" };
      default:
        return null;
    }
  };
  await show(<UpdateBanner />, "en");
  await tick(5_000);
  await click("[data-action=update-see]");
  const box = host.querySelector("[data-testid=update-install]")!;
  expect(box.textContent).toContain("check its signature");
  expect(box.textContent).toContain("back up the shop's data");
  expect(box.textContent).toContain("更快的报表");
  await click("[data-action=update-install]");
  await tick(300);
  expect(host.querySelector("[data-testid=update-progress]")).not.toBeNull();
  expect(box.textContent).toContain("Downloading: 3.0 / 12.0 MB");
  // nothing installs before the download has been verified
  expect(invoked.some((c) => c.cmd === "update_install")).toBe(false);
  await act(async () => release!());
  await tick(0);
  expect(invoked.map((c) => c.cmd)).toContain("update_install");
  expect(host.querySelector("[data-testid=update-install]")!.getAttribute("data-phase")).toBe("restart");
  expect(host.textContent).toContain("kaidan-20261207T090000000Z-update.db");
  expect(host.textContent).toContain("restarting into 0.9.0");
});

test("a stopped download and a refused package install nothing and say so", async () => {
  let refuse = false;
  answer = (cmd) => {
    if (cmd === "update_check") return offer;
    if (cmd === "update_download") {
      throw refuse
        ? { code: "update_failed", message: "下载的更新没有通过签名校验，已丢弃，没有安装", field: null, fields: [], needs_owner: null }
        : { code: "cancelled", message: "已取消", field: null, fields: [], needs_owner: null };
    }
    if (cmd === "update_progress") return { running: false, done: 0, total: 0 };
    return null;
  };
  await show(<UpdateSection />);
  await click("[data-action=update-check]");
  expect(invoked.find((c) => c.cmd === "update_check")!.args).toEqual({ asked: true });
  await click("[data-action=update-install]");
  expect(host.textContent).toContain("已停止下载，什么都没有安装");
  refuse = true;
  await click("[data-action=update-install]");
  expect(host.querySelector("[role=alert]")!.textContent).toContain("没有通过签名校验");
  expect(invoked.some((c) => c.cmd === "update_install")).toBe(false);
  expect(host.querySelector("[data-testid=update-install]")!.getAttribute("data-phase")).toBe("ask");
});

test("Check for updates says when Kaidan is up to date", async () => {
  answer = () => null;
  await show(<UpdateSection />, "en");
  expect(host.textContent).toContain("This version: 0.1.0");
  await click("[data-action=update-check]");
  expect(host.textContent).toContain("Kaidan is up to date (0.1.0)");
});
