// Delivering: everything still open (from the action bar) or chosen quantities with money taken
// at the door (the deliver mode). A delivery refused because the customer is over the credit
// limit is offered to the owner, and sent again with their word.
import { useState, type ReactNode } from "react";
import type { DeliverInput, Order, PayMethod } from "../../bindings";
import { BackendError } from "../../backend";
import { ErrorBox, Field, MethodSelect, sentMessage, useAction, useApp, SubmitButtons } from "../../ui";
import { LinesTable } from "./LinesTable";

/** Sends a delivery; `overCredit` is the owner's question after a refusal over the credit limit. */
export function useDeliver(o: Order, onDone: (msg: string, warning?: string) => void) {
  const { t, backend } = useApp();
  const act = useAction();
  const [over, setOver] = useState<{ message: string; input: DeliverInput } | null>(null);
  const deliver = (input: DeliverInput) =>
    act.run(async () => {
      try {
        const d = await backend.deliver(o.number, input);
        setOver(null);
        const said = t.t("delivered_msg", { number: d.number }) + (d.payment ? ` · ${d.payment}` : "");
        // printed on delivery (a setting): said with the delivery; a print that failed is a warning beside it
        const printed = d.printed ? ` · ${sentMessage(t, d.printed)}` : "";
        onDone(said + printed, d.print_error ? t.t("delivery_note_not_printed", { error: d.print_error }) : undefined);
      } catch (e) {
        if (e instanceof BackendError && e.code === "credit_limit" && !input.approve_credit) {
          setOver({ message: e.message, input: { ...input, approve_credit: true } });
          return;
        }
        throw e;
      }
    });
  const overCredit: ReactNode = over && (
    <div className="warn-box" data-testid="over-credit">
      <p>{t.t("deliver_anyway", { message: over.message })}</p>
      <div className="buttons">
        <button className="primary" data-action="deliver-anyway" disabled={act.busy} onClick={() => deliver(over.input)}>
          {t.t("deliver_now")}
        </button>
        <button onClick={() => setOver(null)}>{t.t("cancel")}</button>
      </div>
    </div>
  );
  return { act, deliver, overCredit };
}

/** A part delivery: a quantity per line (empty to start with: a part delivery is what is typed,
 *  with what remains shown in each field and one click to fill it all), and money at the door. */
export function DeliverMode({ order: o, onDone, onClose }: { order: Order; onDone: (msg: string, warning?: string) => void; onClose: () => void }) {
  const { t } = useApp();
  const [part, setPart] = useState<Record<string, string>>({});
  const fillAll = () => setPart(Object.fromEntries(o.lines.map((l) => [l.sku, l.remaining_qty])));
  const any = Object.values(part).some((q) => q.trim() !== "" && q.trim() !== "0");
  const [cod, setCod] = useState<{ amount: string; method: PayMethod }>({ amount: "", method: "cash" });
  const { act, deliver, overCredit } = useDeliver(o, onDone);
  const submit = () => {
    const lines = Object.entries(part)
      .filter(([, q]) => q.trim() !== "" && q.trim() !== "0")
      .map(([sku, qty]) => ({ sku, qty: qty.trim() }));
    return deliver({ lines, payment: cod.amount.trim() ? { amount: cod.amount.trim(), method: cod.method } : undefined });
  };
  return (
    <>
      <LinesTable
        order={o}
        extra={{
          head: <th className="num">{t.t("deliver_now")}</th>,
          cells: (l) => (
            <td className="num">
              <input
                name="deliver_qty"
                data-sku={l.sku}
                inputMode="decimal"
                placeholder={l.remaining_qty}
                value={part[l.sku] ?? ""}
                onChange={(e) => setPart({ ...part, [l.sku]: e.target.value })}
              />
            </td>
          ),
        }}
      />
      <button type="button" className="link" data-action="fill-remaining" onClick={fillAll}>
        {t.t("deliver_fill_remaining")}
      </button>
      <ErrorBox error={act.error} />
      {overCredit}
      <div className="buttons">
        <Field label={t.t("cod_amount")}>
          <input name="cod_amount" inputMode="decimal" value={cod.amount} onChange={(e) => setCod({ ...cod, amount: e.target.value })} />
        </Field>
        <Field label={t.t("pay_method")}>
          <MethodSelect name="cod_method" value={cod.method} onChange={(method) => setCod({ ...cod, method })} />
        </Field>
        <SubmitButtons action="deliver-submit" label={t.t("deliver_now")} busy={act.busy || !any} onSubmit={submit} onCancel={onClose} />
      </div>
    </>
  );
}
