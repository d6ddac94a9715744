// Changing the order: quantity, price and discount per line in place in the lines table, lines
// removed, products added. The core decides what may change (not below what was delivered or
// invoiced, stock, credit, price) and says why it refuses; the window sends the lines as they
// should be.
import { useState } from "react";
import type { Order, Product } from "../../bindings";
import { ErrorBox, useAction, useApp, useSuggest, SubmitButtons } from "../../ui";
import { LinesTable } from "./LinesTable";

type Edit = { qty: string; price: string; discount: string };
type Added = Edit & { sku: string; name: string; unit: string };

export function ChangeMode({ order: o, onDone, onClose }: { order: Order; onDone: (msg: string) => void; onClose: () => void }) {
  const { t, backend } = useApp();
  const [edit, setEdit] = useState<Record<string, Edit>>(() =>
    Object.fromEntries(o.lines.map((l) => [l.sku, { qty: l.qty, price: l.unit_price, discount: l.discount }])),
  );
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [added, setAdded] = useState<Added[]>([]);
  const [query, setQuery] = useState("");
  const found = useSuggest<Product>((q) => backend.products(q, null, 8), query);
  const act = useAction();
  const set = (sku: string, field: keyof Edit, value: string) => setEdit({ ...edit, [sku]: { ...edit[sku], [field]: value } });
  const toggle = (sku: string) => {
    const next = new Set(removed);
    if (next.has(sku)) next.delete(sku);
    else next.add(sku);
    setRemoved(next);
  };
  const add = (p: Product) => {
    setQuery("");
    const onOrder = o.lines.some((l) => l.sku === p.sku);
    if (onOrder) {
      // already a line: it stays one line, brought back if it was removed
      if (removed.has(p.sku)) toggle(p.sku);
      return;
    }
    if (added.some((a) => a.sku === p.sku)) return;
    setAdded([...added, { sku: p.sku, name: p.name, unit: p.unit, qty: "1", price: p.price, discount: "0" }]);
  };
  const setAdd = (sku: string, field: keyof Edit, value: string) => setAdded(added.map((a) => (a.sku === sku ? { ...a, [field]: value } : a)));
  const save = () =>
    act.run(async () => {
      const kept = o.lines
        .filter((l) => !removed.has(l.sku))
        .map((l) => ({ sku: l.sku, qty: edit[l.sku].qty.trim(), unit_price: edit[l.sku].price.trim(), discount: edit[l.sku].discount.trim() }));
      const more = added.map((a) => ({ sku: a.sku, qty: a.qty.trim(), unit_price: a.price.trim(), discount: a.discount.trim() }));
      await backend.changeOrder(o.number, { lines: [...kept, ...more] });
      onDone(t.t("saved"));
    });
  return (
    <>
      <LinesTable
        order={o}
        removed={removed}
        edit={(l) => {
          const off = removed.has(l.sku);
          return {
            qty: <input name="change_qty" disabled={off} value={edit[l.sku]?.qty ?? ""} onChange={(e) => set(l.sku, "qty", e.target.value)} />,
            price: <input name="change_price" disabled={off} value={edit[l.sku]?.price ?? ""} onChange={(e) => set(l.sku, "price", e.target.value)} />,
            discount: <input name="change_discount" disabled={off} value={edit[l.sku]?.discount ?? ""} onChange={(e) => set(l.sku, "discount", e.target.value)} />,
          };
        }}
        extra={{
          head: <th />,
          cells: (l) => (
            <td>
              <button type="button" className="small" data-action={removed.has(l.sku) ? "keep-line" : "remove-line"} onClick={() => toggle(l.sku)}>
                {removed.has(l.sku) ? t.t("keep_line") : t.t("remove_line")}
              </button>
            </td>
          ),
        }}
      />
      {added.length > 0 && (
        <table className="lines" data-testid="added-lines">
          <tbody>
            {added.map((a) => (
              <tr key={a.sku} data-sku={a.sku} className="added">
                <td>{a.sku}</td>
                <td>
                  {a.name} <span className="muted">{a.unit}</span>
                </td>
                <td className="num">
                  <input name="add_qty" aria-label={t.t("qty")} value={a.qty} onChange={(e) => setAdd(a.sku, "qty", e.target.value)} />
                </td>
                <td className="num">
                  <input name="add_price" aria-label={t.t("price")} value={a.price} onChange={(e) => setAdd(a.sku, "price", e.target.value)} />
                </td>
                <td className="num">
                  <input name="add_discount" aria-label={t.t("discount")} value={a.discount} onChange={(e) => setAdd(a.sku, "discount", e.target.value)} />
                </td>
                <td>
                  <button type="button" className="small" data-action="drop-added" onClick={() => setAdded(added.filter((x) => x.sku !== a.sku))}>
                    {t.t("remove_line")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="add-line">
        <input name="add_product" placeholder={t.t("add_product_placeholder")} value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
        {found.length > 0 && (
          <ul className="suggest" role="listbox">
            {found.map((p) => (
              <li key={p.id} role="option" aria-selected={false} data-sku={p.sku} onMouseDown={(e) => (e.preventDefault(), add(p))}>
                <b>{p.sku}</b> {p.name} {p.spec && <span className="muted">{p.spec}</span>} <span className="muted">{p.unit}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ErrorBox error={act.error} />
      <div className="buttons">
        <SubmitButtons action="change-submit" label={t.t("save_changes")} busy={act.busy} onSubmit={save} onCancel={onClose} />
      </div>
    </>
  );
}
