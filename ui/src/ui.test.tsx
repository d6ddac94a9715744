// The shared pieces in a DOM (jsdom): one user action sends one request, however fast the
// clicks come (a double click must not print, pay or deliver twice).
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { AppInfo, PrintRequest, PrintedFile } from "./bindings";
import type { Backend } from "./backend";
import { translator } from "./i18n";
import { Ctx, DocActions, type AppCtx } from "./ui";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const printed: { request: PrintRequest; save: boolean }[] = [];
const fake = {
  printDocument: async (request: PrintRequest, save: boolean): Promise<PrintedFile> => {
    printed.push({ request, save });
    return { path: "/tmp/INV-2026-000001.pdf", opened: true, printed: { number: "INV-2026-000001" } } as PrintedFile;
  },
} as unknown as Backend;

let host: HTMLDivElement;
let root: ReturnType<typeof createRoot>;
const messages: string[] = [];

beforeEach(async () => {
  printed.length = 0;
  messages.length = 0;
  host = document.createElement("div");
  document.body.appendChild(host);
  root = createRoot(host);
  const ctx: AppCtx = { t: translator("zh-CN"), backend: fake, info: { lang: "zh-CN" } as AppInfo, go: () => {}, reloadInfo: async () => {}, setLang: async () => {} };
  await act(async () =>
    root.render(
      <Ctx.Provider value={ctx}>
        <DocActions request={{ kind: "invoice", number: "INV-2026-000001" }} onPrinted={(m) => messages.push(m)} />
      </Ctx.Provider>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

test("a double click on Print prints once", async () => {
  const print = host.querySelector('[data-action="print"]') as HTMLButtonElement;
  // both clicks before React renders again: the button is not disabled yet
  await act(async () => {
    print.click();
    print.click();
  });
  expect(printed).toHaveLength(1);
  expect(messages).toHaveLength(1);
  // once it is done, the next click is a new action
  await act(async () => print.click());
  expect(printed).toHaveLength(2);
});

test("a queued action runs every change in order, none dropped (a settings form)", async () => {
  const { useAction } = await import("./ui");
  let run!: ReturnType<typeof useAction>["run"];
  function Probe() {
    run = useAction({ queue: true }).run;
    return null;
  }
  await act(async () => root.render(<Probe />));
  const done: string[] = [];
  const slow = (name: string, ms: number) => () => new Promise<string>((r) => setTimeout(() => (done.push(name), r(name)), ms));
  let results: (string | undefined)[] = [];
  await act(async () => {
    results = await Promise.all([run(slow("threshold", 20)), run(slow("negative stock", 1)), run(slow("prices", 1))]);
  });
  expect(done).toEqual(["threshold", "negative stock", "prices"]);
  expect(results).toEqual(["threshold", "negative stock", "prices"]);
});
