// The order page: what the order is, its lines, the actions it allows now, its money, documents
// and history. One mode at a time is open (deliver, return, change, cancel, pay); each mode is
// its own component with its own state (screens/order/), and this one keeps only the loaded
// order, which mode is open and the notice of what was just done.
import { useState } from "react";
import { ErrorBox, Notice, PayBadge, PaymentForm, StatusBadge, useApp, useLoad } from "../ui";
import { positive } from "../money";
import { ActionBar, type OpenMode } from "./order/ActionBar";
import { CancelMode } from "./order/CancelMode";
import { ChangeMode } from "./order/ChangeMode";
import { DeliverMode } from "./order/DeliverMode";
import { Documents } from "./order/Documents";
import { Facts } from "./order/Facts";
import { History } from "./order/History";
import { LinesTable } from "./order/LinesTable";
import { Money } from "./order/Money";
import { ReturnMode } from "./order/ReturnMode";

export function OrderDetail({ number }: { number: string }) {
  const { t, backend } = useApp();
  const order = useLoad(() => backend.order(number), [number]);
  const history = useLoad(() => backend.orderHistory(number), [number]);
  const [mode, setMode] = useState<"view" | OpenMode>("view");
  const [msg, setMsg] = useState<string | null>(null);
  // something done that went only half well (delivered, but the delivery note did not print)
  const [warning, setWarning] = useState<string | null>(null);

  if (order.error) return <ErrorBox error={order.error} />;
  const o = order.data;
  if (!o) return <div className="loading">{t.t("loading")}</div>;

  const done = (m?: string, warn?: string) => {
    setMode("view");
    setMsg(m ?? null);
    setWarning(warn ?? null);
    order.reload();
    history.reload();
  };
  const close = () => setMode("view");

  return (
    <div className="screen order-detail" data-screen="order-detail">
      <h1>
        {o.number} <StatusBadge status={o.status} /> {o.status !== "draft" && o.status !== "cancelled" && <PayBadge status={o.payment_status} />}
      </h1>
      <Notice text={msg} />
      {warning && (
        <div className="warn-box" role="alert" data-testid="warning">
          {warning}
        </div>
      )}
      <Facts order={o} />
      {mode === "view" && (
        <>
          <LinesTable order={o} />
          <ActionBar order={o} onOpen={setMode} onDone={done} />
        </>
      )}
      {mode === "pay" && (
        <>
          <LinesTable order={o} />
          <PaymentForm
            customer={o.customer_id}
            order={o.number}
            // what is still due, as kaidan-core says (nothing for imported history or a cancelled order)
            suggested={positive(o.due) ? o.due : ""}
            onDone={(p) => done(t.t("payment_recorded", { number: p.number, amount: t.money(p.amount) }))}
            onCancel={close}
          />
        </>
      )}
      {mode === "deliver" && <DeliverMode order={o} onDone={done} onClose={close} />}
      {mode === "return" && <ReturnMode order={o} onDone={done} onClose={close} />}
      {mode === "change" && <ChangeMode order={o} onDone={done} onClose={close} />}
      {mode === "cancel" && <CancelMode order={o} onDone={done} onClose={close} />}
      <Money order={o} />
      <Documents
        order={o}
        onPrinted={history.reload}
        onIssued={() => {
          order.reload();
          history.reload();
        }}
      />
      <History entries={history.data} />
    </div>
  );
}
