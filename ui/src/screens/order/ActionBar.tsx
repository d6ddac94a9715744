// The order page's buttons when no mode is open: exactly the actions the order allows now
// (`allowed_actions`, decided by kaidan-core; the window derives none of them).
import type { Order, OrderAction } from "../../bindings";
import { BackorderOffer, ErrorBox, useApp } from "../../ui";
import { useDeliver } from "./DeliverMode";

/** The modes the buttons open (paying is the PaymentForm). */
export type OpenMode = "deliver" | "cancel" | "change" | "return" | "pay";

export function ActionBar({ order: o, onOpen, onDone }: { order: Order; onOpen: (mode: OpenMode) => void; onDone: (msg?: string, warning?: string) => void }) {
  const { t, backend } = useApp();
  const { act, deliver, overCredit } = useDeliver(o, onDone);
  const can = (a: OrderAction) => o.allowed_actions.includes(a);
  const decide = (backorder: boolean) =>
    act.run(async () => {
      await (can("approve") ? backend.approveOrder(o.number, backorder) : backend.confirmOrder(o.number, backorder));
      onDone();
    });
  return (
    <>
      <ErrorBox error={act.error} />
      {(can("confirm") || can("approve")) && <BackorderOffer error={act.error} busy={act.busy} onConfirm={() => decide(true)} />}
      {overCredit}
      {!overCredit && (
        <div className="buttons">
          {can("confirm") && (
            <button className="primary" data-action="confirm" disabled={act.busy} onClick={() => decide(false)}>
              {t.t("confirm")}
            </button>
          )}
          {can("approve") && (
            <button className="primary" data-action="approve" disabled={act.busy} onClick={() => decide(false)}>
              {t.t("approve")}
            </button>
          )}
          {can("deliver") && (
            <>
              <button className="primary" data-action="deliver-all" disabled={act.busy} onClick={() => deliver({})}>
                {t.t("deliver_all")}
              </button>
              <button data-action="deliver-part" onClick={() => onOpen("deliver")}>
                {t.t("deliver_part")}
              </button>
            </>
          )}
          {can("pay") && (
            <button data-action="receive-payment" onClick={() => onOpen("pay")}>
              {t.t("receive_payment")}
            </button>
          )}
          {can("return") && (
            <button data-action="return" onClick={() => onOpen("return")}>
              {t.t("return_goods")}
            </button>
          )}
          {can("change") && (
            <button data-action="change" onClick={() => onOpen("change")}>
              {t.t("change_order")}
            </button>
          )}
          {can("cancel") && (
            <button className="danger" data-action="cancel" onClick={() => onOpen("cancel")}>
              {t.t("cancel_order")}
            </button>
          )}
        </div>
      )}
    </>
  );
}
