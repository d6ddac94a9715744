// Cancelling the order, with the reason.
import { useState } from "react";
import type { Order } from "../../bindings";
import { ErrorBox, Field, useAction, useApp } from "../../ui";
import { LinesTable } from "./LinesTable";

export function CancelMode({ order: o, onDone, onClose }: { order: Order; onDone: () => void; onClose: () => void }) {
  const { t, backend } = useApp();
  const [reason, setReason] = useState("");
  const act = useAction();
  return (
    <>
      <LinesTable order={o} />
      <ErrorBox error={act.error} />
      <form
        className="buttons"
        onSubmit={(e) => {
          e.preventDefault();
          act.run(async () => {
            await backend.cancelOrder(o.number, reason);
            onDone();
          });
        }}
      >
        <Field label={t.t("cancel_reason")} wide>
          <input name="cancel_reason" autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <button className="danger" type="submit" data-action="cancel-submit" disabled={act.busy}>
          {t.t("cancel_order")}
        </button>
        <button type="button" onClick={onClose}>
          {t.t("close")}
        </button>
      </form>
    </>
  );
}
