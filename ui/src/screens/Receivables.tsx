// Receivables: every customer's open amounts by how long past due (AR aging), with the total.
import { DateField } from "../DateField";
import { useState } from "react";
import { cmpMoney } from "../money";
import type { T } from "../i18n";
import { ErrorBox, localToday, useApp, useLoad, Head } from "../ui";

/** The aging's columns (an AgingRow's amounts, oldest last) and their headings. */
export const AGING_COLS = ["current", "d1_30", "d31_60", "d61_90", "d90_plus", "total"] as const;
export const agingHeads = (t: T) => [t.t("aging_current"), "1–30", "31–60", "61–90", "90+", t.t("total")];

export function Receivables() {
  const { t, backend, go } = useApp();
  const [asOf, setAsOf] = useState(localToday());
  const aging = useLoad(() => backend.aging(asOf), [asOf]);
  const a = aging.data;
  // the largest balances first; a big shop's thousands of rows stop at SHOWN (the totals count them all)
  const SHOWN = 300;
  const rows = a ? [...a.rows].sort((x, y) => cmpMoney(y.total, x.total)).slice(0, SHOWN) : [];
  const cols = AGING_COLS;
  const heads = agingHeads(t);
  return (
    <div className="screen" data-screen="receivables">
      <h1>{t.t("aging_title")}</h1>
      <div className="filters">
        <label>
          {t.t("as_of")} <DateField name="aging_as_of" value={asOf} onChange={(v) => v && setAsOf(v)} />
        </label>
      </div>
      <ErrorBox error={aging.error} />
      {a && (
        <table className="list" data-testid="aging">
          <Head cols={[t.t("customer"), ...heads.map((h): [string, "num"] => [h, "num"])]} />
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  {t.t("no_rows")}
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.customer_id} className="clickable" data-customer={r.customer} onClick={() => go(`/customers/${encodeURIComponent(r.customer_id)}`)}>
                <td>
                  <a href={`#/customers/${encodeURIComponent(r.customer_id)}`}>{r.customer}</a>
                </td>
                {cols.map((c) => (
                  <td key={c} className={`num ${c !== "current" && c !== "total" && r[c] !== "0.00" ? "bad-text" : ""}`}>
                    {r[c] === "0.00" && c !== "total" ? "" : t.money(r[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            {a.rows.length > SHOWN && (
              <tr>
                <td colSpan={7} className="muted">
                  {t.t("more_rows", { n: String(a.rows.length - SHOWN) })}
                </td>
              </tr>
            )}
            <tr>
              <td>{t.t("total")}</td>
              {cols.map((c) => (
                <td key={c} className="num">
                  <b>{t.money(a.totals[c])}</b>
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}
