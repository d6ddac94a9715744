// Changing the order: quantity, price and discount per line, in place in the lines table.
import { useState } from "react";
import type { Order } from "../../bindings";
import { ErrorBox, useAction, useApp, SubmitButtons } from "../../ui";
import { LinesTable } from "./LinesTable";

type Edit = { qty: string; price: string; discount: string };

export function ChangeMode({ order: o, onDone, onClose }: { order: Order; onDone: (msg: string) => void; onClose: () => void }) {
  const { t, backend } = useApp();
  const [edit, setEdit] = useState<Record<string, Edit>>(() =>
    Object.fromEntries(o.lines.map((l) => [l.sku, { qty: l.qty, price: l.unit_price, discount: l.discount }])),
  );
  const act = useAction();
  const set = (sku: string, field: keyof Edit, value: string) => setEdit({ ...edit, [sku]: { ...edit[sku], [field]: value } });
  const save = () =>
    act.run(async () => {
      const lines = o.lines.map((l) => ({ sku: l.sku, qty: edit[l.sku].qty.trim(), unit_price: edit[l.sku].price.trim(), discount: edit[l.sku].discount.trim() }));
      await backend.changeOrder(o.number, { lines });
      onDone(t.t("saved"));
    });
  return (
    <>
      <LinesTable
        order={o}
        edit={(l) => ({
          qty: <input name="change_qty" value={edit[l.sku]?.qty ?? ""} onChange={(e) => set(l.sku, "qty", e.target.value)} />,
          price: <input name="change_price" value={edit[l.sku]?.price ?? ""} onChange={(e) => set(l.sku, "price", e.target.value)} />,
          discount: <input name="change_discount" value={edit[l.sku]?.discount ?? ""} onChange={(e) => set(l.sku, "discount", e.target.value)} />,
        })}
      />
      <ErrorBox error={act.error} />
      <div className="buttons">
        <SubmitButtons action="change-submit" label={t.t("save_changes")} busy={act.busy} onSubmit={save} onCancel={onClose} />
      </div>
    </>
  );
}
