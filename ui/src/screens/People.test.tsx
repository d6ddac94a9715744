// People at the counter, in a DOM (jsdom): the sign-in screen chooses a person by a digit and
// sends their PIN; a clerk's action the shop keeps for the owner opens the owner's PIN dialog,
// a wrong PIN is said there, and the right one sends the same action again, approved for it.
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { AppInfo, AtCounter } from "../bindings";

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
const { OwnerApproval, SignIn } = await import("./People");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: ReturnType<typeof createRoot>;
const ctx = { t: translator("zh-CN"), backend, info: { lang: "zh-CN" } as AppInfo, go: () => {}, reloadInfo: async () => {}, setLang: async () => {} };

beforeEach(() => {
  invoked.length = 0;
  host = document.createElement("div");
  document.body.appendChild(host);
  root = createRoot(host);
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
});

const counter: AtCounter = {
  sign_in_required: true,
  signed_in: null,
  idle_lock_minutes: 10,
  operators: [
    { name: "王老板", role: "owner", has_pin: true },
    { name: "小李", role: "clerk", has_pin: true },
  ],
};

const setInput = async (name: string, value: string) => {
  const input = host.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
  await act(async () => {
    set.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
};
const submit = (sel: string) => act(async () => host.querySelector<HTMLButtonElement>(sel)!.click());
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const showApproval = () =>
  act(async () =>
    root.render(
      <Ctx.Provider value={ctx}>
        <OwnerApproval owners={["王老板"]} />
      </Ctx.Provider>,
    ),
  );

test("a digit chooses the person, the PIN signs them in, and a wrong one is said", async () => {
  const signedIn: AtCounter[] = [];
  answer = (cmd, args) => {
    if (cmd === "sign_in" && args.pin !== "1357") throw { code: "forbidden", message: "操作员“小李”的 PIN 码不正确，还可再试 4 次", field: "pin", fields: [] };
    return { ...counter, signed_in: { name: "小李", role: "clerk", may: ["orders.take"] } };
  };
  await act(async () =>
    root.render(
      <Ctx.Provider value={ctx}>
        <SignIn counter={counter} onSignedIn={(c) => signedIn.push(c)} />
      </Ctx.Provider>,
    ),
  );
  expect([...host.querySelectorAll(".person strong")].map((e) => e.textContent)).toEqual(["王老板", "小李"]);
  expect(host.querySelector('[name="pin"]')).toBeNull();
  await act(async () => window.dispatchEvent(new KeyboardEvent("keydown", { key: "2" })));
  expect(host.querySelector(".person.on strong")?.textContent).toBe("小李");
  await setInput("pin", "0000");
  await submit('[data-action="sign-in"]');
  await settle();
  expect(host.querySelector('[role="alert"]')?.textContent).toContain("还可再试 4 次");
  expect(signedIn).toEqual([]);
  await setInput("pin", "1357");
  await submit('[data-action="sign-in"]');
  await settle();
  expect(invoked.filter((i) => i.cmd === "sign_in").map((i) => i.args)).toEqual([
    { name: "小李", pin: "0000" },
    { name: "小李", pin: "1357" },
  ]);
  expect(signedIn[0].signed_in?.name).toBe("小李");
});

test("the owner's PIN on the spot: asked, a wrong one said, the right one sends the same action for that action only", async () => {
  let approvedWith: string | null = null;
  answer = (cmd, args) => {
    if (cmd === "approve_next") {
      approvedWith = String(args.pin);
      return null;
    }
    if (cmd === "approve_order") {
      if (approvedWith === null) throw { code: "forbidden", message: "店员不能审批订单：请店主在旁输入 PIN 批准，或由店主操作", field: null, fields: [], needs_owner: "orders.approve" };
      if (approvedWith !== "2468") {
        approvedWith = null;
        throw { code: "forbidden", message: "操作员“王老板”的 PIN 码不正确，还可再试 4 次", field: "pin", fields: [] };
      }
      return { number: args.number, status: "confirmed" };
    }
    return null;
  };
  await showApproval();
  let done: unknown = null;
  const pending = backend.approveOrder("SO-2026-000009").then((o) => (done = o));
  await settle();
  expect(host.querySelector('[data-screen="owner-approval"]')?.textContent).toContain("店员不能审批订单");
  await setInput("approve_pin", "1111");
  await submit('[data-action="approve-owner"]');
  await settle();
  expect(host.querySelector('[data-screen="owner-approval"] [role="alert"]')?.textContent).toContain("PIN 码不正确");
  expect(done).toBeNull();
  await setInput("approve_pin", "2468");
  await submit('[data-action="approve-owner"]');
  await pending;
  expect(done).toEqual({ number: "SO-2026-000009", status: "confirmed" });
  expect(host.querySelector('[data-screen="owner-approval"]')).toBeNull();
  const sent = invoked.map((i) => i.cmd);
  expect(sent).toEqual(["approve_order", "approve_next", "approve_order", "approve_next", "approve_order"]);
  expect(invoked[3].args).toEqual({ owner: "王老板", pin: "2468", action: "orders.approve" });
  // the retried action is the same request: the same id, so it cannot happen twice
  expect(new Set(invoked.filter((i) => i.cmd === "approve_order").map((i) => i.args.request_id)).size).toBe(1);
});

test("what a clerk may not see is not shown, and nobody is asked for it", async () => {
  answer = (cmd) => {
    if (cmd === "report_overview") throw { code: "forbidden", message: "店员不能查看成本和毛利", field: null, fields: [], needs_owner: "costs.see" };
    return null;
  };
  await showApproval();
  const e = await backend.reportOverview({ period: "this-month", from: null, to: null, by: null, compare: "previous", rank: null, days: null, top: null }, "2026-12-06").catch((x) => x);
  await settle();
  expect(e.needsOwner).toBe("costs.see");
  expect(host.querySelector('[data-screen="owner-approval"]')).toBeNull();
  expect(invoked.map((i) => i.cmd)).toEqual(["report_overview"]);
});

test("left by the clerk, the action stays refused with the shop's words", async () => {
  answer = (cmd) => {
    if (cmd === "set_setting") throw { code: "forbidden", message: "店员不能修改设置：请店主在旁输入 PIN 批准，或由店主操作", field: null, fields: [], needs_owner: "settings.change" };
    return null;
  };
  await showApproval();
  const refused = backend.setSetting("allow_negative_stock", "true").catch((e) => e);
  await settle();
  await submit('[data-action="approve-cancel"]');
  const e = await refused;
  expect(e.message).toContain("店员不能修改设置");
  expect(invoked.map((i) => i.cmd)).toEqual(["set_setting"]);
});
