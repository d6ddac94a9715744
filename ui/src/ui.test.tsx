// The shared pieces in a DOM (jsdom): one user action sends one request, however fast the
// clicks come (a double click must not print, pay or deliver twice).
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { AppInfo, PrintRequest, PrintedFile, SentToPrinter } from "./bindings";
import { BackendError, type Backend } from "./backend";
import { translator } from "./i18n";
import { Ctx, DocActions, DocLink, Field, FormCard, type AppCtx } from "./ui";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const printed: { request: PrintRequest; save: boolean }[] = [];
let outcome = (_r: PrintRequest, _s: boolean) => ({ path: "/tmp/INV-2026-000001.pdf", opened: true, open_error: null, printed: { number: "INV-2026-000001" } }) as PrintedFile;
const folders: string[] = [];
const pictures: PrintRequest[] = [];
const sent: { request: PrintRequest; copies: number }[] = [];
let printerAnswer: (r: PrintRequest, copies: number) => SentToPrinter = (_r, copies) =>
  ({ printer: "KaidanPDF", copies, job: 7, printed: { number: "INV-2026-000001", title: "销售单 INV-2026-000001" } }) as SentToPrinter;
const fake = {
  printToPrinter: async (request: PrintRequest, copies: number): Promise<SentToPrinter> => {
    sent.push({ request, copies });
    return printerAnswer(request, copies);
  },
  printDocument: async (request: PrintRequest, save: boolean): Promise<PrintedFile> => {
    printed.push({ request, save });
    return outcome(request, save);
  },
  savePicture: async (request: PrintRequest): Promise<PrintedFile> => {
    pictures.push(request);
    return { path: "/home/店主/Documents/Kaidan/销售单 INV-2026-000001 王喆五金店.png", opened: false, open_error: null, printed: { number: "INV-2026-000001" } } as PrintedFile;
  },
  copyPicture: async (request: PrintRequest) => {
    pictures.push({ ...request, kind: `copy:${request.kind}` });
    return { number: "INV-2026-000001" };
  },
  openFolder: async (path: string) => {
    folders.push(path);
    return null;
  },
} as unknown as Backend;

let host: HTMLDivElement;
let root: ReturnType<typeof createRoot>;
const messages: string[] = [];

beforeEach(async () => {
  printed.length = 0;
  pictures.length = 0;
  sent.length = 0;
  messages.length = 0;
  host = document.createElement("div");
  document.body.appendChild(host);
  root = createRoot(host);
  const ctx: AppCtx = { t: translator("zh-CN"), backend: fake, info: { lang: "zh-CN" } as AppInfo, go: () => {}, reloadInfo: async () => {}, setLang: async () => {} };
  await act(async () =>
    root.render(
      <Ctx.Provider value={ctx}>
        <DocActions request={{ kind: "invoice", number: "INV-2026-000001" }} onPrinted={(logged) => messages.push(String(logged))} />
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
  expect(sent).toHaveLength(1);
  expect(messages).toHaveLength(1);
  // once it is done, the next click is a new action
  await act(async () => print.click());
  expect(sent).toHaveLength(2);
  expect(printed).toHaveLength(0);
});

test("Print sends the document to the printer with the copies asked for, and says so; no viewer opens", async () => {
  const copies = host.querySelector('input[name="copies"]') as HTMLInputElement;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
  await act(async () => {
    setter.call(copies, "2");
    copies.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await act(async () => (host.querySelector('[data-action="print"]') as HTMLButtonElement).click());
  expect(sent).toEqual([{ request: { kind: "invoice", number: "INV-2026-000001", preview: false }, copies: 2 }]);
  expect(printed).toHaveLength(0);
  const said = host.querySelector('[data-outcome]')!;
  expect(said.getAttribute("data-outcome")).toBe("sent");
  expect(said.textContent).toBe("销售单 INV-2026-000001 已送往打印机 KaidanPDF（2 份）");
  // a printer that is not there: the core's words, not a success
  printerAnswer = () => {
    throw new BackendError("print_failed", "这台电脑上找不到打印机“XP-80C”", "printer");
  };
  await act(async () => (host.querySelector('[data-action="print"]') as HTMLButtonElement).click());
  expect(host.querySelector('[data-outcome]')).toBeNull();
  expect(host.querySelector('[role="alert"]')!.textContent).toContain("找不到打印机");
});

test("no viewer: the window says the file was not opened, where it is, and opens its folder", async () => {
  outcome = () => ({ path: "/home/店主/kaidan-print/INV-2026-000001.pdf", opened: false, open_error: "no PDF viewer", printed: { number: "INV-2026-000001" } }) as PrintedFile;
  await act(async () => (host.querySelector('[data-action="preview"]') as HTMLButtonElement).click());
  const said = host.querySelector('[data-outcome]')!;
  expect(said.getAttribute("data-outcome")).toBe("not-opened");
  expect(said.getAttribute("role")).toBe("alert");
  expect(said.textContent).toContain("没能打开 PDF 查看器");
  expect(said.textContent).toContain("/home/店主/kaidan-print/INV-2026-000001.pdf");
  expect(said.textContent).not.toContain("已在 PDF 查看器中打开");
  await act(async () => (host.querySelector('[data-action="open-folder"]') as HTMLButtonElement).click());
  expect(folders).toEqual(["/home/店主/kaidan-print/INV-2026-000001.pdf"]);
  // saved as PDF: said saved, with its folder
  outcome = () => ({ path: "/home/店主/Documents/Kaidan/INV-2026-000001.pdf", opened: false, open_error: null, printed: { number: "INV-2026-000001" } }) as PrintedFile;
  await act(async () => (host.querySelector('[data-action="save-pdf"]') as HTMLButtonElement).click());
  expect(host.querySelector('[data-outcome]')!.getAttribute("data-outcome")).toBe("saved");
  expect(host.querySelector('[data-action="open-folder"]')).not.toBeNull();
  // opened: only then "opened"
  outcome = () => ({ path: "/tmp/x.pdf", opened: true, open_error: null, printed: { number: "INV-2026-000001" } }) as PrintedFile;
  await act(async () => (host.querySelector('[data-action="preview"]') as HTMLButtonElement).click());
  expect(host.querySelector('[data-outcome]')!.textContent).toBe("已在 PDF 查看器中打开 INV-2026-000001");
  expect(messages).toEqual(["false", "true", "false"]);
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

test("an invoice's number opens the invoice (as Preview does) and says what became of it", async () => {
  outcome = () => ({ path: "/tmp/INV-2026-000009.pdf", opened: true, open_error: null, printed: { number: "INV-2026-000009" } }) as PrintedFile;
  const ctx: AppCtx = { t: translator("zh-CN"), backend: fake, info: { lang: "zh-CN" } as AppInfo, go: () => {}, reloadInfo: async () => {}, setLang: async () => {} };
  await act(async () => root.render(<Ctx.Provider value={ctx}><DocLink request={{ kind: "invoice", number: "INV-2026-000009" }} /></Ctx.Provider>));
  const link = host.querySelector<HTMLButtonElement>('[data-action="open-document"]')!;
  expect(link.textContent).toBe("INV-2026-000009");
  await act(async () => link.click());
  expect(printed).toEqual([{ request: { kind: "invoice", number: "INV-2026-000009", preview: true }, save: false }]);
  expect(host.querySelector('[data-outcome]')!.textContent).toBe("已在 PDF 查看器中打开 INV-2026-000009");
});

test("a form's problems are shown all at once, each beside its own field, and counted below", async () => {
  const error = new BackendError("invalid", "「售价」：“abc”不是有效的数字\n「税率%」：不能超过 100", "price", [
    { field: "price", message: "「售价」：“abc”不是有效的数字" },
    { field: "tax_rate", message: "「税率%」：不能超过 100" },
  ]);
  const ctx: AppCtx = { t: translator("zh-CN"), backend: fake, info: { lang: "zh-CN" } as AppInfo, go: () => {}, reloadInfo: async () => {}, setLang: async () => {} };
  await act(async () =>
    root.render(
      <Ctx.Provider value={ctx}>
        <FormCard title="商品" testid="f" action="save" act={{ busy: false, error }} onSubmit={() => {}} onCancel={() => {}}>
          {(["name", "price", "tax_rate"] as const).map((k) => (
            <Field key={k} label={k} errorFor={k}>
              <input name={k} />
            </Field>
          ))}
        </FormCard>
      </Ctx.Provider>,
    ),
  );
  const beside = (k: string) => host.querySelector(`[data-field-error="${k}"]`)?.textContent ?? null;
  expect(beside("price")).toBe("「售价」：“abc”不是有效的数字");
  expect(beside("tax_rate")).toBe("「税率%」：不能超过 100");
  expect(beside("name")).toBeNull();
  expect(host.querySelector('input[name="price"]')!.closest("label")!.className).toContain("bad");
  expect(host.querySelector('[data-testid="error"]')!.textContent).toBe("有 2 处需要修改，见标红的栏目。");
});

test("Save as picture writes one PNG to send in WeChat, says where, and is no print", async () => {
  await act(async () => (host.querySelector('[data-action="save-picture"]') as HTMLButtonElement).click());
  expect(pictures).toEqual([{ kind: "invoice", number: "INV-2026-000001", preview: true }]);
  const said = host.querySelector('[data-outcome]')!;
  expect(said.getAttribute("data-outcome")).toBe("saved");
  expect(said.textContent).toContain("销售单 INV-2026-000001 王喆五金店.png");
  expect(host.querySelector('[data-action="open-folder"]')).not.toBeNull();
  expect(messages).toEqual([]);
  expect(printed).toEqual([]);
});

test("Copy as picture puts the document on the clipboard and says so", async () => {
  await act(async () => (host.querySelector('[data-action="copy-picture"]') as HTMLButtonElement).click());
  expect(pictures).toEqual([{ kind: "copy:invoice", number: "INV-2026-000001", preview: true }]);
  const said = host.querySelector('[data-outcome]')!;
  expect(said.getAttribute("data-outcome")).toBe("copied");
  expect(said.textContent).toBe("已把 INV-2026-000001 复制成图片，可以粘贴到微信");
  expect(printed).toEqual([]);
});
