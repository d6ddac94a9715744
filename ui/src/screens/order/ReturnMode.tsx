// Taking delivered goods back: a quantity per line and whether it is damaged, then how to settle
// (kept as the customer's credit, or refunded).
import { useState } from "react";
import type { Order, PayMethod } from "../../bindings";
import { ErrorBox, Field, MethodSelect, useAction, useApp, SubmitButtons } from "../../ui";
import { sub } from "../../money";
import { LinesTable } from "./LinesTable";

export function ReturnMode({ order: o, onDone, onClose }: { order: Order; onDone: (msg: string) => void; onClose: () => void }) {
  const { t, backend } = useApp();
  const [back, setBack] = useState<Record<string, { qty: string; damaged: boolean }>>(() =>
    Object.fromEntries(o.lines.map((l) => [l.sku, { qty: "", damaged: false }])),
  );
  const [ret, setRet] = useState<{ settlement: "credit" | "refund"; method: PayMethod; reason: string }>({ settlement: "credit", method: "cash", reason: "" });
  const act = useAction();
  const takeBack = () =>
    act.run(async () => {
      const lines = Object.entries(back)
        .filter(([, b]) => b.qty.trim() !== "" && b.qty.trim() !== "0")
        .map(([sku, b]) => ({ sku, qty: b.qty.trim(), damaged: b.damaged }));
      const r = await backend.returnGoods({ order: o.number, lines, settlement: ret.settlement, method: ret.method, reason: ret.reason || undefined });
      onDone(t.t("return_done", { number: r.number, amount: t.money(r.total) }) + (r.refund ? ` · ${t.t("refund_done", { number: r.refund, amount: t.money(r.refunded) })}` : ""));
    });
  return (
    <>
      <LinesTable
        order={o}
        extra={{
          head: (
            <>
              <th className="num">{t.t("return_qty")}</th>
              <th>{t.t("damaged")}</th>
            </>
          ),
          cells: (l) => (
            <>
              <td className="num">
                <input
                  name="return_qty"
                  data-sku={l.sku}
                  placeholder={`≤ ${t.qty(sub(l.delivered_qty, l.returned_qty))}`}
                  value={back[l.sku]?.qty ?? ""}
                  onChange={(e) => setBack({ ...back, [l.sku]: { ...back[l.sku], qty: e.target.value } })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  name="return_damaged"
                  data-sku={l.sku}
                  checked={back[l.sku]?.damaged ?? false}
                  onChange={(e) => setBack({ ...back, [l.sku]: { ...back[l.sku], damaged: e.target.checked } })}
                />
              </td>
            </>
          ),
        }}
      />
      <ErrorBox error={act.error} />
      <div className="buttons">
        <Field label={t.t("settlement")}>
          <select name="return_settlement" value={ret.settlement} onChange={(e) => setRet({ ...ret, settlement: e.target.value as "credit" | "refund" })}>
            <option value="credit">{t.settlement("credit")}</option>
            <option value="refund">{t.settlement("refund")}</option>
          </select>
        </Field>
        {ret.settlement === "refund" && (
          <Field label={t.t("pay_method")}>
            <MethodSelect name="return_method" value={ret.method} onChange={(method) => setRet({ ...ret, method })} />
          </Field>
        )}
        <Field label={t.t("return_reason")}>
          <input name="return_reason" value={ret.reason} onChange={(e) => setRet({ ...ret, reason: e.target.value })} />
        </Field>
        <SubmitButtons action="return-submit" label={t.t("return_submit")} busy={act.busy} onSubmit={takeBack} onCancel={onClose} />
      </div>
    </>
  );
}
