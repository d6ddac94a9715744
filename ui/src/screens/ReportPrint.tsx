// A report on paper: the preview opened in the system's PDF viewer (which prints), straight to
// the printer, or saved as a PDF in the PDF folder. The day's close also prints on a till roll.
// What happened is said only after it happened: the viewer opened (or why not, and where the
// file is), the printer's queue took it, the file was written.
import { useState } from "react";
import type { PrintedReport, ReportKind, ReportQuery, ReportSent } from "../bindings";
import { OpenFolder, localToday, useAction, useApp } from "../ui";

/** The papers a report prints on; the day's close also on the till rolls. */
const ROLLS = ["80mm", "58mm"] as const;

type Outcome = { file: PrintedReport; saved: boolean } | { sent: ReportSent };

export function ReportPrint({ kind, query, ready }: { kind: ReportKind; query: ReportQuery; ready: boolean }) {
  const { t, backend } = useApp();
  const act = useAction();
  const [paper, setPaper] = useState<string>("a4");
  const [done, setDone] = useState<Outcome | null>(null);
  const name = t.reportKind(kind);
  const asked = kind === "day" ? paper : "a4";
  const run = (mode: "preview" | "print" | "save") =>
    act.run(async () => {
      setDone(null);
      if (mode === "print") setDone({ sent: await backend.printReportToPrinter(kind, query, localToday(), asked) });
      else setDone({ file: await backend.printReport(kind, query, localToday(), asked, mode === "save"), saved: mode === "save" });
    });
  return (
    <span className="doc-actions report-print">
      {kind === "day" && (
        <label>
          {t.t("report_paper")}{" "}
          <select name="report_paper" value={paper} onChange={(e) => (setPaper(e.target.value), setDone(null))}>
            <option value="a4">{t.t("paper_a4")}</option>
            {ROLLS.map((p) => (
              <option key={p} value={p}>
                {t.t(`paper_${p}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" data-action="report-preview" disabled={act.busy || !ready} onClick={() => run("preview")}>
        {t.t("preview")}
      </button>
      <button type="button" data-action="report-print" disabled={act.busy || !ready} onClick={() => run("print")}>
        {t.t("print")}
      </button>
      <button type="button" data-action="report-save-pdf" disabled={act.busy || !ready} onClick={() => run("save")}>
        {t.t("save_pdf")}
      </button>
      {act.error && (
        <span className="bad-text" role="alert">
          {act.error.message}
        </span>
      )}
      {done && "sent" in done && (
        <span className="ok-text" role="status" data-outcome="sent" data-printer={done.sent.printer} data-job={done.sent.job}>
          {t.t("printed_sent_msg", { title: done.sent.title, printer: done.sent.printer })}
        </span>
      )}
      {done && "file" in done && done.file.opened && (
        <span className="ok-text" role="status" data-outcome="opened" data-path={done.file.path}>
          {t.t("printed_opened_msg", { number: name })}
        </span>
      )}
      {done && "file" in done && !done.file.opened && (
        <span
          className={done.file.open_error ? "bad-text" : "ok-text"}
          role={done.file.open_error ? "alert" : "status"}
          data-outcome={done.file.open_error ? "not-opened" : "saved"}
          data-path={done.file.path}
        >
          {done.file.open_error
            ? t.t("printed_not_opened_msg", { number: name, error: done.file.open_error, path: done.file.path })
            : t.t("report_saved_pdf", { pages: String(done.file.pages), path: done.file.path })}{" "}
          <OpenFolder path={done.file.path} />
        </span>
      )}
    </span>
  );
}
